import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import TongbanCore

/// Data sets for the charts, ordinary and awkward, and a reader that checks a drawing is XML.
enum ChartFixtures {
    static let districts = ["金安区", "裕安区", "叶集区", "霍邱县", "舒城县", "金寨县", "霍山县"]

    static let daily = ChartData(
        title: "每日受理与办结", unit: "件", categoryName: "日期",
        categories: (1...14).map { String(format: "11-%02d", $0) },
        series: [
            ChartSeries("受理量", [120, 135, 128, 160, 172, 90, 85, 140, 151, 149, 166, 180, 95, 88]),
            ChartSeries("办结量", [110, 125, 130, 150, 160, 95, 80, 138, 140, 150, 160, 170, 100, 90]),
        ])

    static let byDistrict = ChartData(
        title: "各区县工单量（按类型）", unit: "件", categoryName: "区县", categories: districts,
        series: [
            ChartSeries("咨询", [3200, 2800, 900, 4100, 3600, 2500, 1900]),
            ChartSeries("投诉", [1200, 1500, 300, 1800, 1300, 900, 700]),
            ChartSeries("求助", [400, 350, 120, 600, 500, 380, 260]),
        ])

    static let heat = ChartData(
        title: "各区县每周工单", unit: "件", categoryName: "周",
        categories: (44...51).map { "第\($0)周" },
        series: districts.enumerated().map { row, name in
            ChartSeries(name, (0..<8).map { Double((row * 37 + $0 * 53) % 400 + 20 * row) })
        })

    static let hostile = "<script>alert(\"x\")</script>' onmouseover=\"evil()\" & 更多"

    /// Awkward data every chart must draw without crashing, NaN or broken markup.
    static let edgeCases: [(name: String, data: ChartData)] = [
        ("empty", ChartData(title: "空", categories: [], series: [])),
        ("no series", ChartData(title: "无系列", categories: ["a", "b"], series: [])),
        ("all missing", ChartData(title: "全缺", categories: ["a"], series: [ChartSeries("s", [nil])])),
        ("one point", ChartData(title: "一个点", unit: "件", categories: ["11-03"], series: [ChartSeries("受理量", [42])])),
        ("all zeros", ChartData(title: "全零", categories: ["a", "b", "c"], series: [ChartSeries("s", [0, 0, 0])])),
        ("negative", ChartData(title: "负数", categories: ["a", "b", "c"],
                               series: [ChartSeries("s", [-5, 3, -120]), ChartSeries("t", [2, -1, 4])])),
        ("not finite", ChartData(title: "非数", categories: ["a", "b", "c", "d"],
                                 series: [ChartSeries("s", [.nan, .infinity, -.infinity, 7])])),
        ("short values", ChartData(title: "缺值", categories: ["a", "b", "c"], series: [ChartSeries("s", [1])])),
        ("huge", ChartData(title: "极大", categories: ["a", "b"], series: [ChartSeries("s", [1e12, 3.4e15])])),
        ("tiny", ChartData(title: "极小", categories: ["a", "b"], series: [ChartSeries("s", [0.0001, 0.0003])])),
        ("long labels", ChartData(title: String(repeating: "很长的标题", count: 20), unit: "件",
                                  categories: [String(repeating: "六安市金安区三十铺镇", count: 3), "b"],
                                  series: [ChartSeries(String(repeating: "名称", count: 40), [1, 2]),
                                           ChartSeries("第二", [3, 4])])),
        ("many categories", ChartData(title: "九十天", categories: (0..<90).map { "D\($0)" },
                                      series: [ChartSeries("s", (0..<90).map { Double($0 % 17) })])),
        ("hostile", ChartData(title: hostile, unit: hostile, categoryName: hostile, categories: [hostile, "b"],
                              series: [ChartSeries(hostile, [1, 2]), ChartSeries("b", [2, 1])])),
    ]

    /// Every drawing, standard and elder mode, for one data set.
    static func drawings(_ data: ChartData) -> [(kind: String, svg: String)] {
        [false, true].flatMap { large in
            [("line", LineChart(data).svg(id: "c", large: large)),
             ("bar", BarChart(data).svg(id: "c", large: large)),
             ("stacked", StackedBarChart(data).svg(id: "c", large: large)),
             ("heat", HeatTable(data).svg(id: "c", large: large))]
        }
    }
}

/// Parses a drawing as XML and collects its element names and text.
final class SVGReader: NSObject, XMLParserDelegate {
    private(set) var elements: [String: Int] = [:]
    private(set) var attributes: [[String: String]] = []
    private(set) var text = ""
    private(set) var error: Error?

    static func read(_ svg: String) -> SVGReader {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        if !parser.parse() { reader.error = reader.error ?? parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return reader
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        self.attributes.append(attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    func count(class name: String) -> Int { attributes.filter { $0["class"] == name }.count }
}
