import Testing
import TongbanCore

@Suite("SearchIndex.similarity")
struct SimilarityTests {
    let index = ServiceCatalogue.index()

    @Test("identical texts score 1 and unrelated texts 0")
    func bounds() {
        #expect(abs(index.similarity("小区门口路灯坏了", "小区门口路灯坏了") - 1) < 1e-9)
        #expect(index.similarity("小区门口路灯坏了", "护照") == 0)
        #expect(index.similarity("", "护照") == 0)
        #expect(index.similarity("😀", "😀") == 0)
    }

    @Test("reworded duplicates score higher than different complaints")
    func duplicates() {
        let ticket = "幸福小区3号楼门口路灯坏了一个星期，晚上很黑"
        let duplicate = "幸福小区3号楼路灯坏了，晚上太黑了"
        let other = "幸福小区物业乱收停车费"
        #expect(index.similarity(ticket, duplicate) > 0.5)
        #expect(index.similarity(ticket, duplicate) > index.similarity(ticket, other) + 0.2)
    }

    @Test("similarity is symmetric and within 0...1")
    func symmetric() {
        let texts = ["住房公积金提取", "公积金怎么提取", "身份证丢了", "", "CA1234航班延误"]
        for a in texts {
            for b in texts {
                let s = index.similarity(a, b)
                #expect((0...1).contains(s))
                #expect(abs(s - index.similarity(b, a)) < 1e-12)
            }
        }
    }

    @Test("shared filler counts for less than shared content")
    func filler() {
        #expect(index.similarity("我要怎么办理护照", "我要怎么办理户口迁移")
                < index.similarity("护照签发", "护照办理"))
    }

    @Test("vectors weighed once give the texts' own cosine (words, numbers, CJK)")
    func vectors() {
        let texts = ["住房公积金提取", "公积金怎么提取 CA1234", "身份证丢了", "", "CA1234航班延误 ABC", "幸福小区3号楼门口路灯坏了一个星期"]
        for a in texts {
            for b in texts {
                let direct = index.similarity(a, b)
                let weighed = SearchIndex.similarity(index.similarityVector(a), index.similarityVector(b))
                #expect(abs(direct - weighed) < 1e-12, "\(a) / \(b)")
            }
        }
    }
}
