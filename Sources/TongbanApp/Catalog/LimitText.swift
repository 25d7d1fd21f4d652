/// How a time limit reads: "0 个工作日" means it is done on the spot (即办), and should say so.
enum LimitText {
    static func days(_ days: Int) -> String { days == 0 ? "即时办结" : "\(days) 个工作日" }

    /// For lists and answers: "即办" or "承诺 5 个工作日办结".
    static func promised(_ days: Int) -> String { days == 0 ? "即办件，当场办结" : "承诺 \(days) 个工作日办结" }
}
