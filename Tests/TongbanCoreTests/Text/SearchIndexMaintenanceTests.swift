import Testing
import TongbanCore

@Suite("SearchIndex upsert and remove")
struct SearchIndexMaintenanceTests {
    @Test("a removed document never appears again")
    func remove() {
        var index = ServiceCatalogue.index()
        index.remove(id: "passport")
        #expect(index.count == ServiceCatalogue.items.count - 1)
        #expect(index.search("护照").isEmpty)
        #expect(!ServiceCatalogue.ids(index.search("签发")).contains("passport"))
        index.remove(id: "passport")
        index.remove(id: "never-added")
        #expect(index.count == ServiceCatalogue.items.count - 1)
    }

    @Test("re-upserting an id replaces its text instead of adding a second document")
    func replace() {
        var index = ServiceCatalogue.index()
        index.upsert(id: "passport", fields: [SearchField("往来港澳通行证签注", weight: 3)])
        #expect(index.count == ServiceCatalogue.items.count)
        #expect(index.search("护照").isEmpty)
        #expect(index.search("港澳通行证").map(\.id) == ["passport"])
    }

    @Test("after any history the index ranks exactly like one built fresh from the same documents")
    func matchesFreshBuild() {
        var churned = ServiceCatalogue.index()
        for item in ServiceCatalogue.items.prefix(10) { churned.remove(id: item.id) }
        churned.upsert(id: "gjj-buy", fields: [SearchField("临时文本", weight: 3)])
        for item in ServiceCatalogue.items.prefix(10).reversed() {
            churned.upsert(id: item.id, fields: ServiceCatalogue.fields(
                name: item.name, keywords: item.keywords, department: item.department))
        }
        let fresh = ServiceCatalogue.index()
        #expect(churned.count == fresh.count)
        for query in ["公积金", "身份证", "开公司", "二手房过户", "生孩子", "登记", "房", "公基金提取", "临时"] {
            let a = churned.search(query, limit: 50), b = fresh.search(query, limit: 50)
            #expect(Dictionary(uniqueKeysWithValues: a.map { ($0.id, $0.score) }).keys.sorted()
                    == Dictionary(uniqueKeysWithValues: b.map { ($0.id, $0.score) }).keys.sorted(), "\(query)")
            for (x, y) in zip(a, b) { #expect(abs(x.score - y.score) < 1e-9, "\(query): \(x) vs \(y)") }
        }
    }

    @Test("emptying the index and filling it again works")
    func emptyAndRefill() {
        var index = ServiceCatalogue.index()
        for item in ServiceCatalogue.items { index.remove(id: item.id) }
        #expect(index.count == 0)
        #expect(index.search("公积金").isEmpty)
        index.upsert(id: "only", fields: [SearchField("住房公积金提取", weight: 3)])
        #expect(index.search("公积金").map(\.id) == ["only"])
    }

    @Test("documents without searchable text count but are never found")
    func unsearchableDocuments() {
        var index = SearchIndex()
        index.upsert(id: "emoji", fields: [SearchField("😀🎉", weight: 3)])
        index.upsert(id: "no-fields", fields: [])
        index.upsert(id: "weightless", fields: [SearchField("身份证", weight: 0), SearchField("身份证", weight: .nan)])
        index.upsert(id: "hidden", fields: [SearchField("身份证", weight: 3)], boost: 0)
        index.upsert(id: "negative", fields: [SearchField("身份证", weight: 3)], boost: -1)
        #expect(index.count == 5)
        #expect(index.search("身份证").isEmpty)
    }
}
