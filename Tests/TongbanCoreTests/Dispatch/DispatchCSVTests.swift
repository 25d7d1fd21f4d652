import Testing
import TongbanCore

@Suite("Dispatch data: LabelledText.readCSV")
struct DispatchCSVTests {
    @Test("quoted fields keep commas, doubled quotes and line breaks")
    func quoting() throws {
        let csv = "id,label,title,body\n"
            + "1,城乡建设,\"路灯坏了，请修\",\"他说：\"\"明天来\"\"\n结果没来\"\n"
            + "2,环境保护,噪音,\"\"\n"
        let rows = try LabelledText.readCSV(csv)
        #expect(rows.count == 2)
        #expect(rows[0].id == "1")
        #expect(rows[0].label == "城乡建设")
        #expect(rows[0].text == "路灯坏了，请修\n他说：\"明天来\"\n结果没来")
        #expect(rows[1].text == "噪音\n")
    }

    @Test("CRLF line ends, a byte-order mark and a missing final newline")
    func lineEnds() throws {
        let rows = try LabelledText.readCSV("\u{FEFF}id,label,title,body\r\n1,a,t,\"b\r\nc\"\r\n2,b,t2,b2")
        #expect(rows.map(\.id) == ["1", "2"])
        #expect(rows[0].text == "t\nb\r\nc")
        #expect(rows[1].text == "t2\nb2")
    }

    @Test("columns are found by name and blank trailing lines ignored")
    func columnOrder() throws {
        let rows = try LabelledText.readCSV("body,title,id,label\nbody text,title text,7,x\n\n")
        #expect(rows == [LabelledText(id: "7", label: "x", title: "title text", body: "body text")])
    }

    @Test("malformed files are reported, not half-read")
    func errors() {
        #expect(throws: LabelledTextCSVError.missingColumns(["body"])) {
            try LabelledText.readCSV("id,label,title\n1,a,b\n")
        }
        #expect(throws: LabelledTextCSVError.unterminatedQuote(line: 2)) {
            try LabelledText.readCSV("id,label,title,body\n1,a,\"open,b\nmore\n")
        }
        #expect(throws: LabelledTextCSVError.wrongFieldCount(line: 3, expected: 4, found: 5)) {
            try LabelledText.readCSV("id,label,title,body\n1,a,t,b\n2,a,t,b,extra\n")
        }
        #expect(throws: LabelledTextCSVError.missingColumns(["id", "label", "title", "body"])) {
            try LabelledText.readCSV("")
        }
    }

    @Test("the shared data set reads completely")
    func realFiles() throws {
        let train = try DispatchDataSet.load("train.csv")
        let test = try DispatchDataSet.load("test.csv")
        #expect(train.count == 247)
        #expect(test.count == 100)
        #expect(Set(train.map(\.label)).count == 7)
        #expect(Set(test.map(\.label)).isSubset(of: Set(train.map(\.label))))
    }
}
