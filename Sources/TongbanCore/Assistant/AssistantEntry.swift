/// What the assistant knows about one service item, one life event (一件事) or one FAQ entry: the facts an answer is
/// written from. Built by the application from its catalogue and knowledge base; pure data here.
public struct AssistantEntry: Sendable, Equatable {
    public enum Kind: String, Sendable { case item, lifeEvent, faq }

    public struct Material: Sendable, Equatable {
        public var name: String
        public var form: String?
        public var required: Bool
        /// Shared data or an e-certificate stands in for it: the applicant need not bring it (免提交).
        public var exempt: Bool

        public init(name: String, form: String? = nil, required: Bool = true, exempt: Bool = false) {
            (self.name, self.form, self.required, self.exempt) = (name, form, required, exempt)
        }
    }

    public var id: String
    public var kind: Kind
    public var title: String
    public var summary: String
    public var keywords: [String] = []
    public var conditions: [String] = []
    public var materials: [Material] = []
    public var fee: String?
    public var promisedDays: Int?
    public var legalDays: Int?
    /// 全程网办 / 最多跑一次 / 需到现场.
    public var online: String?
    public var places: [String] = []
    public var phone: String?
    public var steps: [String] = []
    /// The items a life event bundles, by title.
    public var parts: [String] = []
    /// Everything else the guide says, sentence by sentence (material notes, why a visit is needed, the legal basis …):
    /// the answer quotes the one or two that match a specific question ("需要本人去吗", "能邮寄吗").
    public var details: [String] = []
    /// An FAQ entry's phrasings and answer, and the item it belongs to (its id), if any.
    public var questions: [String] = []
    public var answer: String?
    public var itemID: String?

    public init(id: String, kind: Kind, title: String, summary: String) {
        (self.id, self.kind, self.title, self.summary) = (id, kind, title, summary)
    }
}
