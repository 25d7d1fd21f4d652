import Testing
import TongbanCore

@Suite("SearchIndex with hostile input")
struct SearchRobustnessTests {
    let index = ServiceCatalogue.index()

    @Test("nothing searchable in the query gives no hits", arguments: ["", " ", "　", "！？。，", "😀🎉👍🏽", "\u{200B}\u{FEFF}", "\n\t"])
    func nothingSearchable(query: String) {
        #expect(index.search(query).isEmpty)
    }

    @Test("emoji around real words are ignored")
    func emojiAround() {
        #expect(index.search("😭身份证丢了😭").first.map { ["id-lost", "id-renew"].contains($0.id) } == true)
    }

    @Test("very long input is capped and still answers")
    func longInput() {
        let pasted = String(repeating: "我想咨询住房公积金提取的流程和材料，", count: 2_000)
        #expect(index.search(pasted).first?.id.hasPrefix("gjj") == true)
        #expect(index.search(String(repeating: "😀", count: 50_000)).isEmpty)
        #expect(index.search(String(repeating: "a", count: 100_000)).isEmpty)
    }

    @Test("an empty index answers every query with nothing")
    func emptyIndex() {
        let empty = SearchIndex(synonyms: ServiceCatalogue.synonyms)
        #expect(empty.count == 0)
        #expect(empty.search("公积金").isEmpty)
        #expect(empty.similarity("公积金", "公积金") > 0.99)
    }
}
