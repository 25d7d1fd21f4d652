import Foundation
import Testing
@testable import TongbanCore

@Suite("Charts: data tables and CSV export")
struct ChartExportTests {
    @Test("CSV starts with the UTF-8 byte-order mark and ends lines with CRLF, so Excel reads Chinese")
    func bomAndLineEnds() {
        let bytes = CSVExport.bytes([["区县", "工单"], ["金安区", "12"]])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "区县,工单\r\n金安区,12\r\n")
    }

    @Test("fields with commas, quotes or line breaks are quoted, quotes doubled, and read back unchanged")
    func quoting() throws {
        let row = ["a,b", "他说\"好\"", "两\n行", "plain", ""]
        let bytes = CSVExport.bytes([row])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"他说\"\"好\"\"\""))
        let parsed = try CSVRows.parse(text)
        #expect(parsed.map(\.fields) == [row])
    }

    @Test("a cell that a spreadsheet would run as a formula is turned into text; numbers stay numbers",
          arguments: [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+cmd", "'+cmd"), ("-1+2", "'-1+2"),
                      ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("-12", "-12"), ("+3.5", "+3.5"), ("-", "'-"),
                      ("金安区", "金安区")])
    func formulaInjection(_ cell: String, _ expected: String) throws {
        let parsed = try CSVRows.parse(String(decoding: CSVExport.bytes([[cell]]), as: UTF8.self))
        #expect(parsed.first?.fields == [expected])
    }

    @Test("the table of a line chart has a row per date and a column per series, numbers in full")
    func tableByCategory() {
        let table = DataTable(ChartFixtures.byDistrict, total: true)
        #expect(table.caption == "各区县工单量（按类型）（单位：件）")
        #expect(table.headers == ["区县", "咨询", "投诉", "求助", "合计"])
        #expect(table.displayRows[0] == ["金安区", "3,200", "1,200", "400", "4,800"])
        #expect(table.rows.count == 7)
    }

    @Test("the table of a heat table has a row per district; missing values show as a dash and export empty")
    func tableBySeries() throws {
        let data = ChartData(title: "t", categories: ["第1周", "第2周"],
                             series: [ChartSeries("金安区", [5, nil]), ChartSeries("=1+1", [nil, nil])])
        let table = DataTable(data, layout: .seriesAsRows, total: true)
        #expect(table.headers == ["", "第1周", "第2周", "合计"])
        #expect(table.displayRows == [["金安区", "5", "—", "5"], ["=1+1", "—", "—", "—"]])
        let parsed = try CSVRows.parse(String(decoding: table.csv(), as: UTF8.self))
        #expect(parsed.map(\.fields) == [["", "第1周", "第2周", "合计"], ["金安区", "5", "", "5"], ["'=1+1", "", "", ""]])
    }
}
