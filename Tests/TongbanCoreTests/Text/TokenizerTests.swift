import Testing
import TongbanCore

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("full-width letters and digits fold to lower-case half-width")
    func fullWidth() {
        #expect(Tokenizer.normalize("ＣＡ１２３４航班") == "ca1234航班")
        #expect(Tokenizer.terms("Ｈｅｌｌｏ　Ｗｏｒｌｄ") == ["hello", "world"])
    }

    @Test("punctuation and spaces are dropped but still separate words")
    func punctuation() {
        #expect(Tokenizer.normalize("住房公积金提取（离职）") == "住房公积金提取离职")
        let terms = Tokenizer.terms("住房公积金提取（离职）")
        #expect(terms.contains("离职"))
        #expect(!terms.contains("取离"))
        #expect(!terms.contains { $0.contains("（") })
        #expect(Tokenizer.normalize(" 企业，开办！ ") == "企业开办")
    }

    @Test("CJK characters give unigrams and adjacent bigrams")
    func unigramsAndBigrams() {
        #expect(Tokenizer.terms("身份证") == ["身", "份", "身份", "证", "份证"])
        #expect(Tokenizer.terms("房") == ["房"])
    }

    @Test("latin words and digit runs stay whole and split from each other and from CJK")
    func mixedScripts() {
        #expect(Tokenizer.terms("CA1234航班") == ["ca", "1234", "航", "班", "航班"])
        #expect(Tokenizer.terms("2024年度ABC申报") == ["2024", "年", "度", "年度", "abc", "申", "报", "申报"])
    }

    @Test("emoji, symbols and empty input give no terms")
    func nothingSearchable() {
        #expect(Tokenizer.terms("") == [])
        #expect(Tokenizer.terms("😀🎉👍🏽") == [])
        #expect(Tokenizer.terms("！？。，、…… —— ··· @#%") == [])
        #expect(Tokenizer.normalize("😀") == "")
    }

    @Test("emoji between CJK characters breaks the bigram")
    func emojiSeparates() {
        #expect(Tokenizer.terms("办😀证") == ["办", "证"])
    }

    @Test("rare ideographs outside the basic block are kept")
    func extensionIdeographs() {
        #expect(Tokenizer.terms("𠀀〇") == ["𠀀", "〇", "𠀀〇"])
    }
}
