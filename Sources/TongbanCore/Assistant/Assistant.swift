import Foundation

/// 智能客服: finds the service a question is about and answers the part it asks (materials, time, fee …) from the
/// catalogue's own facts, so an answer is never more current or less specific than the guide it links to.
/// Unsure when the best match is weak or barely ahead of the next: then it says so and offers the nearest few.
public struct Assistant: Sendable {
    /// What the conversation so far is about, so "那要多久？" after talking about an item answers for that item.
    public struct Context: Sendable, Equatable, Codable {
        public var entryID: String?
        public init(entryID: String? = nil) { self.entryID = entryID }
    }

    public struct Reply: Sendable, Equatable {
        /// The entry answered from (an FAQ answer is shown with the item it belongs to).
        public var entry: AssistantEntry?
        /// The item the answer names and links, when there is one: for an FAQ its item, else the entry itself.
        public var subjectID: String?
        public var aspects: [Aspect]
        public var text: String
        public var confident: Bool
        /// The nearest services when unsure (2–3), best first; also when sure, the runners-up.
        public var alternatives: [AssistantEntry]
        /// The conversation continues about this.
        public var context: Context
        /// The best match's score (for calibration and the evaluation's report).
        public var score: Double = 0
    }

    /// Below this score the assistant is not sure (calibrated on the dev questions). Above it with a close runner-up
    /// it answers the best and names the runner-ups, which are usually siblings (首次申领 / 换领 / 补领).
    public var minimumScore = 2.0
    public var closeRunnerUp = 0.8

    private let entries: [String: AssistantEntry]
    private let index: SearchIndex
    private let synonyms: SynonymTable

    public init(entries: [AssistantEntry], synonyms: SynonymTable) {
        var index = SearchIndex(synonyms: synonyms)
        var byID: [String: AssistantEntry] = [:]
        for entry in entries {
            byID[entry.id] = entry
            switch entry.kind {
            case .faq:
                index.upsert(id: entry.id, fields: [
                    SearchField(entry.questions.joined(separator: " "), weight: 3),
                    SearchField(entry.keywords.joined(separator: " "), weight: 2),
                    SearchField(entry.title, weight: 1),
                ], boost: 1.05)
            case .item, .lifeEvent:
                index.upsert(id: entry.id, fields: [
                    SearchField(entry.title, weight: 3),
                    SearchField(entry.keywords.joined(separator: " "), weight: 2),
                    SearchField(entry.summary, weight: 0.5),
                ])
            }
        }
        self.entries = byID
        self.index = index
        self.synonyms = synonyms
    }

    public func entry(_ id: String) -> AssistantEntry? { entries[id] }

    public func reply(to question: String, context: Context = Context()) -> Reply {
        let (aspects, rest) = Aspect.detect(Self.withoutDenied(question))
        let hits = rerank(index.search(Self.withoutFillers(rest), limit: 8), question: question)
        let top = hits.first
        let strong = (top?.score ?? 0) >= minimumScore

        // A follow-up: it names an aspect but no service of its own ("那要多久？", "需要带什么材料").
        if let previous = context.entryID.flatMap({ entries[$0] }), !aspects.isEmpty, !strong || Self.isBareFollowUp(rest) {
            return answer(previous, aspects: aspects, alternatives: [], question: question)
        }
        guard let top, let best = entries[top.id] else {
            return Reply(entry: nil, subjectID: nil, aspects: aspects, text: Self.noMatch, confident: false, alternatives: [], context: context)
        }
        let others = hits.dropFirst().filter { $0.score >= top.score * closeRunnerUp }.compactMap { entries[$0.id] }
            .filter { !sameSubject($0.id, best.id) }
        if strong {
            var reply = answer(best, aspects: aspects, alternatives: Array(others.prefix(2)), question: question)
            reply.score = top.score
            return reply
        }
        let nearest = Array(([best] + hits.dropFirst().compactMap { entries[$0.id] }.filter { !sameSubject($0.id, best.id) }).prefix(3))
        let names = nearest.map { "“\(subject(of: $0).title)”" }.joined(separator: "、")
        return Reply(entry: nil, subjectID: nil, aspects: aspects,
                     text: "我不太确定您问的是哪项服务。您是想了解\(names)吗？请点选其中一项，或换个说法；也可以转人工服务。",
                     confident: false, alternatives: nearest, context: context, score: top.score)
    }

    /// A life event (一件事) bundles several services: it is the answer when the question asks about doing things
    /// together, and otherwise gives way to the single service it shares words with ("结婚登记" over "结婚一件事").
    private func rerank(_ hits: [SearchHit], question: String) -> [SearchHit] {
        let together = Self.bundleCues.contains { question.contains($0) }
        return hits.map { hit in
            guard entries[hit.id]?.kind == .lifeEvent else { return hit }
            return SearchHit(id: hit.id, score: hit.score * (together ? 1.3 : 0.8))
        }.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
    }

    static let bundleCues = ["一件事", "一起", "一次", "一条龙", "一并", "同时", "都要办", "哪些事", "哪些手续", "什么手续", "所有手续", "全部手续", "全套", "一站"]

    static let noMatch = "抱歉，我没有找到与您的问题相关的服务。请换个说法试试，例如“身份证到期换证要带什么”；也可以转人工服务。"

    private func answer(_ entry: AssistantEntry, aspects: [Aspect], alternatives: [AssistantEntry], question: String) -> Reply {
        let subject = subject(of: entry)
        var text = AnswerWriter.write(entry, subject: subject, aspects: aspects, question: question, synonyms: synonyms)
        if !alternatives.isEmpty { text += "\n您也可能想了解：" + alternatives.map { self.subject(of: $0).title }.joined(separator: "、") + "。" }
        return Reply(entry: entry, subjectID: subject.id, aspects: aspects, text: text,
                     confident: true, alternatives: alternatives, context: Context(entryID: subject.id))
    }

    /// An FAQ answer is about its item; everything else is about itself.
    public func subject(of entry: AssistantEntry) -> AssistantEntry {
        entry.itemID.flatMap { entries[$0] } ?? entry
    }

    private func sameSubject(_ a: String, _ b: String) -> Bool {
        guard let x = entries[a], let y = entries[b] else { return false }
        return subject(of: x).id == subject(of: y).id
    }

    /// "不是结婚，是想离婚": what the question says it is not about is left out of the search.
    static func withoutDenied(_ text: String) -> String {
        text.replacing(/(不是|不想|不要|不办)[^，,。；;！？]*[，,]/, with: " ")
    }

    /// Words that carry no service: greetings, "我想问一下", particles.
    static let fillers = ["请问一下", "请问", "你好", "您好", "我想问一下", "想问一下", "问一下", "我想问", "想问", "我想", "我要", "咨询一下", "咨询",
                          "一下", "谢谢", "麻烦", "那个", "这个", "那么", "的话"]

    static func withoutFillers(_ text: String) -> String {
        fillers.reduce(text) { $0.replacingOccurrences(of: $1, with: " ") }
    }

    /// What is left once the aspect is taken out is only pronouns and particles: "那要多久？" → "那要 ？".
    static func isBareFollowUp(_ rest: String) -> Bool {
        let meaningful = withoutFillers(rest).unicodeScalars.filter { scalar in
            scalar.properties.isIdeographic && !"那这它要呢吗啊呀吧了的还就是我你们个办".unicodeScalars.contains(scalar)
        }
        return meaningful.count < 2
    }
}
