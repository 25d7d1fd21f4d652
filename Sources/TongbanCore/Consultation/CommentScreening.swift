import Foundation

/// What keeps a public comment from being published: personal data that anyone could copy from the page (an ID
/// number, a mobile number — people type their own to be called back) and abuse. A held-back comment is kept for its
/// author with these reasons, so each reason says what to take out.
public enum CommentScreening {
    public enum Finding: String, Sendable, CaseIterable {
        case residentID, mobilePhone, abuse

        public var reason: String {
            switch self {
            case .residentID: "含有身份证号码，公开会泄露个人信息，请删去后重新提交"
            case .mobilePhone: "含有手机号码，公开会泄露个人信息，请删去后重新提交"
            case .abuse: "含有不文明用语，请修改后重新提交"
            }
        }
    }

    /// Kept short and unambiguous: a word that also occurs in ordinary policy language (废物 in 固体废物) would hold
    /// back honest comments, which costs more than letting a rude one through to the department's manual check.
    public static let abusiveWords = ["傻逼", "煞笔", "傻叉", "脑残", "白痴", "混蛋", "王八蛋", "他妈的", "操你", "狗官", "贱人", "滚蛋"]

    /// Every finding, each once, in a stable order; empty when the comment may be published.
    public static func findings(_ text: String) -> [Finding] {
        var found: Set<Finding> = []
        for run in numberRuns(text) {
            if isResidentID(run) { found.insert(.residentID) }
            if isMobile(run) { found.insert(.mobilePhone) }
        }
        let squeezed = String(text.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.punctuationCharacters.contains($0) })
        if abusiveWords.contains(where: squeezed.contains) { found.insert(.abuse) }
        return Finding.allCases.filter(found.contains)
    }

    /// Runs of digits as people type numbers: full-width digits read as ASCII, and one space or hyphen between two
    /// digits ("138 0000 0001", "138-0000-0001") does not end the run. An ID number's final X stays with it.
    static func numberRuns(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars.map(ascii))
        var runs: [String] = []
        var current = ""
        for (index, scalar) in scalars.enumerated() {
            if ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if (scalar == "X" || scalar == "x"), current.count == 17 {
                current.append("X")
                runs.append(current)
                current = ""
            } else if (scalar == " " || scalar == "-"), !current.isEmpty, index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
                continue
            } else if !current.isEmpty {
                runs.append(current)
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private static func ascii(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        // Full-width ０–９ and Ｘ (U+FF10–FF19, U+FF38) as typed with a Chinese input method.
        switch scalar.value {
        case 0xFF10...0xFF19: Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!
        case 0xFF38, 0xFF58: "X"
        default: scalar
        }
    }

    /// The check digit keeps order numbers and bank references from being taken for ID numbers.
    private static func isResidentID(_ run: String) -> Bool {
        (run.count == 18 || run.count == 15) && (try? ResidentID.parse(run)) != nil
    }

    private static func isMobile(_ run: String) -> Bool {
        var digits = Substring(run)
        if digits.count == 13, digits.hasPrefix("86") { digits = digits.dropFirst(2) }
        guard digits.count == 11, digits.first == "1", let second = digits.dropFirst().first else { return false }
        return ("3"..."9").contains(second)
    }
}
