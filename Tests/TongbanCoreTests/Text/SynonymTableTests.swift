import Testing
import TongbanCore

@Suite("SynonymTable")
struct SynonymTableTests {
    @Test("a key anywhere in the query adds its phrases")
    func substring() {
        let table = SynonymTable(["开公司": ["企业开办", "企业设立登记"]])
        #expect(table.expand("我想开公司需要什么") == ["企业开办", "企业设立登记"])
        #expect(table.expand("注销登记") == [])
    }

    @Test("the longest key owns its stretch of the query")
    func longestFirst() {
        let table = SynonymTable(["社保卡": ["社会保障卡"], "社保卡丢了": ["社会保障卡补领"]])
        #expect(table.expand("社保卡丢了怎么办") == ["社会保障卡补领"])
        #expect(table.expand("社保卡怎么激活") == ["社会保障卡"])
    }

    @Test("separate keys in one query all expand, each phrase once")
    func several() {
        let table = SynonymTable(["开公司": ["企业开办"], "生孩子": ["出生", "企业开办"]])
        #expect(table.expand("开公司和生孩子") == ["企业开办", "出生"])
    }

    @Test("keys and queries match after normalisation")
    func normalised() {
        let table = SynonymTable(["ＣＡ航班": ["航班查询"], "开公司": ["企业开办"]])
        #expect(table.expand("开 公 司！") == ["企业开办"])
        #expect(table.expand("ca航班") == ["航班查询"])
    }

    @Test("empty keys, empty phrases and empty queries are harmless")
    func degenerate() {
        let table = SynonymTable(["": ["x"], "！": ["y"], "身份证": ["", "居民身份证"]])
        #expect(table.expand("") == [])
        #expect(table.expand("😀") == [])
        #expect(table.expand("身份证") == ["居民身份证"])
    }
}
