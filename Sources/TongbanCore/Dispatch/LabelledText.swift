/// One message with the department category a dispatcher gave it: the unit the classifier learns from.
public struct LabelledText: Sendable, Hashable {
    public var text: String
    public var label: String
    /// The source's message number, kept so an evaluation can point back at a misrouted message.
    public var id: String?

    public init(text: String, label: String, id: String? = nil) {
        self.text = text
        self.label = label
        self.id = id
    }

    /// The title often names the complaint outright ("噪音扰民"), so it goes first and is kept apart
    /// from the body by a line break that the normaliser turns into a plain separator.
    public init(id: String? = nil, label: String, title: String, body: String) {
        self.init(text: title + "\n" + body, label: label, id: id)
    }
}
