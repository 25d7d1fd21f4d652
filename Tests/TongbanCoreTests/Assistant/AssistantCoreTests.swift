import Testing
@testable import TongbanCore

@Suite("智能客服 core: aspects, follow-ups, evidence, the evaluation's CSV")
struct AssistantCoreTests {
    static func entries() -> [AssistantEntry] {
        var id = AssistantEntry(id: "ga-sfz-hl", kind: .item, title: "居民身份证换领", summary: "居民身份证有效期满的，申请换领新证。")
        id.keywords = ["身份证", "换身份证"]
        id.materials = [.init(name: "原居民身份证", form: "原件"), .init(name: "居民户口簿", exempt: true)]
        id.fee = "工本费20元"
        id.promisedDays = 15
        id.legalDays = 60
        id.online = "需到现场"
        id.details = ["须本人到场采集指纹和相片", "可选择邮寄送达，邮费另计"]
        var marriage = AssistantEntry(id: "mz-jh", kind: .item, title: "结婚登记", summary: "内地居民在婚姻登记机关办理结婚登记。")
        marriage.keywords = ["结婚", "领证"]
        marriage.promisedDays = 0
        marriage.conditions = ["男方年满22周岁，女方年满20周岁"]
        var event = AssistantEntry(id: "event:jh", kind: .lifeEvent, title: "结婚一件事", summary: "结婚登记、户口迁移一次办。")
        event.keywords = ["结婚"]
        event.parts = ["结婚登记", "户口迁移"]
        return [id, marriage, event]
    }

    static let assistant: Assistant = {
        var assistant = Assistant(entries: entries(), synonyms: SynonymTable(["身分证": ["身份证"]]))
        assistant.minimumScore = 0.5  // three entries give small scores; the catalogue's threshold is for about a hundred
        return assistant
    }()

    @Test("aspects are found and their cue words taken out of the search")
    func aspects() {
        let (aspects, rest) = Aspect.detect("换身份证要带什么，要多久，多少钱")
        #expect(aspects == [.materials, .time, .fee])
        #expect(!rest.contains("带什么") && rest.contains("身份证"))
        #expect(Aspect.detect("身份证").aspects.isEmpty)
    }

    @Test("a question is answered from the facts; a bare follow-up stays on the service; misspellings still find it")
    func followUp() {
        let first = Self.assistant.reply(to: "身分证换领要带什么")
        #expect(first.confident && first.subjectID == "ga-sfz-hl")
        #expect(first.text.contains("原居民身份证") && first.text.contains("可免提交") && first.text.contains("居民户口簿"))
        let time = Self.assistant.reply(to: "那要多久？", context: first.context)
        #expect(time.subjectID == "ga-sfz-hl" && time.text.contains("承诺15个工作日") && time.text.contains("法定时限60个工作日"))
        let specific = Self.assistant.reply(to: "换身份证要按指纹吗")
        #expect(specific.text.contains("指纹"), "the guide's sentence about it is quoted")
    }

    @Test("a single service wins over the life event that bundles it, unless the question asks for things together")
    func lifeEvents() {
        #expect(Self.assistant.reply(to: "结婚登记要什么条件").subjectID == "mz-jh")
        #expect(Self.assistant.reply(to: "女方几岁能结婚").text.contains("20周岁"))
        #expect(Self.assistant.reply(to: "结婚的手续能一起办吗").subjectID == "event:jh")
        #expect(Self.assistant.reply(to: "不是结婚，换身份证怎么办").subjectID == "ga-sfz-hl", "what is denied is not searched")
    }

    @Test("nothing found: it says so and offers 转人工, without an answer to follow up on")
    func unsure() {
        let reply = Self.assistant.reply(to: "火星移民签证")
        #expect(!reply.confident && reply.subjectID == nil && reply.text.contains("转人工"))
    }

    @Test("the evaluation reads quoted CSV and counts top-1, top-3 and must-mention")
    func evaluation() throws {
        let rows = try AssistantEvaluation.parse(csv: "question,expected,must_mention\n\"换身份证, 要带啥\",身份证,原居民身份证\n领结婚证要多久,结婚登记|结婚,\n")
        #expect(rows.count == 2 && rows[0].question == "换身份证, 要带啥" && rows[1].expected == ["结婚登记", "结婚"])
        let result = AssistantEvaluation.run(Self.assistant, rows: rows)
        #expect(result.top1 == 2 && result.mentionRate == 1 && result.failures.isEmpty)
        #expect(throws: AssistantEvaluation.EvaluationError.self) { try AssistantEvaluation.parse(csv: "a,b\n1,2\n") }
    }
}
