import Testing
import TongbanCore

@Suite("SearchIndex ranking on the service catalogue")
struct SearchRankingTests {
    let index = ServiceCatalogue.index()

    @Test("colloquial and standard queries put the intended service first", arguments: [
        ("公积金", ["gjj-buy", "gjj-quit", "gjj-open"]),
        ("身份证", ["id-renew", "id-lost"]),
        ("开公司", ["firm-start", "firm-setup"]),
        ("二手房过户", ["resale-transfer"]),
        ("生孩子", ["newborn", "birth-cert"]),
        ("社保卡丢了怎么办", ["card-reissue"]),
        ("驾照到期", ["licence-renew"]),
        ("营业执照变更", ["business-change"]),
        ("住房公积金提取（离职）", ["gjj-quit"]),
    ])
    func intendedFirst(query: String, acceptable: [String]) throws {
        let first = try #require(index.search(query).first)
        #expect(acceptable.contains(first.id), "\(query) → \(first.id)")
    }

    @Test("a typo still finds the service through the words it got right")
    func typo() {
        let top = ServiceCatalogue.ids(index.search("公基金提取")).prefix(2)
        #expect(Set(top) == ["gjj-buy", "gjj-quit"])
    }

    @Test("spoken filler around the words does not change the answer")
    func filler() {
        #expect(index.search("我要办身份证") == index.search("身份证"))
        #expect(index.search("请问我要怎么办理身份证换领").first?.id == "id-renew")
        #expect(index.search("如何办理营业执照变更").first?.id == "business-change")
    }

    @Test("a query sharing only a stray character with the catalogue finds nothing")
    func unknown() {
        #expect(index.search("火星移民").isEmpty)
        #expect(index.search("天气预报").isEmpty)
    }

    @Test("a single meaningful character is enough to search by")
    func singleCharacter() {
        let hits = ServiceCatalogue.ids(index.search("房"))
        #expect(hits.contains("resale-transfer"))
        #expect(hits.contains("gjj-buy"))
        #expect(!hits.contains("passport"))
    }

    @Test("a query of filler alone still searches rather than returning nothing")
    func onlyFiller() {
        let first = index.search("办理").first?.id ?? ""
        #expect(["birth-cert", "id-temp"].contains(first))
    }

    @Test("the exact name beats documents that merely share its words")
    func exactPhrase() {
        #expect(index.search("不动产转移登记").first?.id == "estate-transfer")
        #expect(index.search("新生儿入户").first?.id == "newborn-hukou")
    }

    @Test("boost lifts a hot service above an equal match")
    func boost() {
        var index = SearchIndex()
        index.upsert(id: "plain", fields: [SearchField("居民身份证换领", weight: 3)])
        index.upsert(id: "hot", fields: [SearchField("居民身份证换领", weight: 3)], boost: 1.2)
        let hits = index.search("身份证")
        #expect(ServiceCatalogue.ids(hits) == ["hot", "plain"])
        #expect(abs(hits[0].score / hits[1].score - 1.2) < 1e-9)
    }

    @Test("a heavier field counts for more")
    func fieldWeight() {
        var index = SearchIndex()
        index.upsert(id: "in-name", fields: [SearchField("护照签发", weight: 3), SearchField("出入境", weight: 1)])
        index.upsert(id: "in-description", fields: [SearchField("出入境证件", weight: 3), SearchField("护照签发", weight: 1)])
        #expect(ServiceCatalogue.ids(index.search("护照")) == ["in-name", "in-description"])
    }

    @Test("latin codes and digit runs match as whole words")
    func codes() {
        var index = SearchIndex()
        index.upsert(id: "flight", fields: [SearchField("CA1234航班延误证明", weight: 3)])
        index.upsert(id: "other", fields: [SearchField("CA5678航班", weight: 3)])
        #expect(index.search("1234").map(\.id) == ["flight"])
        #expect(index.search("123").isEmpty)
        #expect(index.search("ca1234").map(\.id) == ["flight", "other"])
        #expect(index.search("ＣＡ１２３４航班").first?.id == "flight")
    }

    @Test("hits come best first, within the limit, with positive scores")
    func ordering() {
        let hits = index.search("登记", limit: 3)
        #expect(hits.count == 3)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(hits.allSatisfy { $0.score > 0 })
        #expect(index.search("登记", limit: 0).isEmpty)
        #expect(index.search("登记", limit: -1).isEmpty)
    }
}
