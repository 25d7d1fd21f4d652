import Foundation

/// The public figures of 好差评 for one department or one service: how many ratings at each level, the share
/// of good ones (好评率: everything but 不满意 and 非常不满意), and how many rectifications were answered in time.
public struct ReviewStatistics: Sendable, Equatable {
    public var counts: [ReviewLevel: Int] = [:]
    public var rectificationsDue = 0
    public var rectificationsOnTime = 0

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }
    public var bad: Int { counts.filter { $0.key.isBad }.map(\.value).reduce(0, +) }

    /// nil when nobody has rated yet: "no ratings" is not 0% nor 100%.
    public var goodRate: Double? { total == 0 ? nil : Double(total - bad) / Double(total) }

    /// Among rectifications whose deadline has passed or that were answered: the share answered by the deadline.
    public var rectificationOnTimeRate: Double? {
        rectificationsDue == 0 ? nil : Double(rectificationsOnTime) / Double(rectificationsDue)
    }

    public mutating func add(_ level: ReviewLevel, count: Int = 1) {
        counts[level, default: 0] += count
    }

    /// A rectification counts once it is answered or late; one still within its time does not count yet.
    public mutating func addRectification(deadline: Date, repliedAt: Date?, now: Date) {
        if let replied = repliedAt {
            rectificationsDue += 1
            if replied <= deadline { rectificationsOnTime += 1 }
        } else if now > deadline {
            rectificationsDue += 1
        }
    }
}

/// Comments are published only with personal data taken out: digit runs that look like phone, ID or card
/// numbers, e-mail addresses, and the names the caller passes (the rater's, the staff's) become ＊＊＊.
public enum CommentScrubber {
    public static func scrub(_ text: String, names: [String] = []) -> String {
        var result = text
        for name in names where name.count >= 2 {
            result = result.replacingOccurrences(of: name, with: "＊＊＊")
        }
        var output = ""
        var run = ""
        func flush() {
            // Six or more digits (or X at the end of an ID number) are never needed to understand a comment.
            output += run.count >= 6 ? "＊＊＊" : run
            run = ""
        }
        for character in result {
            if character.isASCII && (character.isNumber || ((character == "X" || character == "x") && run.count >= 14)) {
                run.append(character)
            } else if character == "-" || character == " ", !run.isEmpty, run.count < 6 {
                run.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return scrubEmails(output)
    }

    /// An e-mail address is a run of address characters holding an @ and a dot after it.
    private static func scrubEmails(_ text: String) -> String {
        var output = ""
        var run = ""
        func flush() {
            if let at = run.firstIndex(of: "@"), run[at...].contains(".") { output += "＊＊＊" } else { output += run }
            run = ""
        }
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || "._%+-@".contains(character)) {
                run.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }
}
