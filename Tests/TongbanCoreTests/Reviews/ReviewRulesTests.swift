import Foundation
import Testing
import TongbanCore

@Suite("好差评 rules and figures")
struct ReviewRulesTests {
    let day: TimeInterval = 86_400
    let start = Date(timeIntervalSince1970: 1_760_000_000)

    @Test("levels read from numbers and Chinese titles; the last two are 差评")
    func levels() {
        #expect(ReviewLevel(text: "5") == .verySatisfied && ReviewLevel(text: "不满意") == .dissatisfied)
        #expect(ReviewLevel(text: "6") == nil && ReviewLevel(text: "很好") == nil && ReviewLevel(text: "") == nil)
        #expect(ReviewLevel.allCases.filter(\.isBad) == [.veryDissatisfied, .dissatisfied])
    }

    @Test("once per service, changeable for five days, once more after the rectification reply")
    func changeWindow() {
        let rules = ReviewRules(changeDays: 5)
        #expect(rules.decide(firstRatedAt: nil, rectificationReplied: false, alreadyRerated: false, now: start) == .create)
        #expect(rules.decide(firstRatedAt: start, rectificationReplied: false, alreadyRerated: false, now: start + 4.9 * day) == .change)
        guard case .refused = rules.decide(firstRatedAt: start, rectificationReplied: false, alreadyRerated: false, now: start + 5.1 * day) else {
            Issue.record("a sixth day change must be refused"); return
        }
        #expect(rules.decide(firstRatedAt: start, rectificationReplied: true, alreadyRerated: false, now: start + 20 * day) == .rerate)
        guard case .refused = rules.decide(firstRatedAt: start, rectificationReplied: true, alreadyRerated: true, now: start + 20 * day) else {
            Issue.record("only one second opinion"); return
        }
    }

    @Test("好评率 and the rectification on-time rate on a known small history")
    func statistics() {
        var stats = ReviewStatistics()
        #expect(stats.goodRate == nil && stats.rectificationOnTimeRate == nil)
        for level in [ReviewLevel.verySatisfied, .verySatisfied, .satisfied, .basicallySatisfied, .dissatisfied, .veryDissatisfied] { stats.add(level) }
        #expect(stats.total == 6 && stats.bad == 2)
        #expect(stats.goodRate == 4.0 / 6.0)
        let now = start + 30 * day
        stats.addRectification(deadline: start + 5 * day, repliedAt: start + 3 * day, now: now)   // on time
        stats.addRectification(deadline: start + 5 * day, repliedAt: start + 7 * day, now: now)   // late
        stats.addRectification(deadline: start + 5 * day, repliedAt: nil, now: now)               // overdue, unanswered
        stats.addRectification(deadline: now + day, repliedAt: nil, now: now)                     // still within its time
        #expect(stats.rectificationsDue == 3 && stats.rectificationsOnTime == 1)
    }

    @Test("published comments lose phone and ID numbers, e-mail addresses and the names given")
    func scrubbing() {
        let text = "王小明说窗口要我打13800001234，身份证341502198506181239，邮箱 a.b@example.com，办了3次"
        let scrubbed = CommentScrubber.scrub(text, names: ["王小明"])
        #expect(!scrubbed.contains("王小明") && !scrubbed.contains("13800001234") && !scrubbed.contains("198506181239"))
        #expect(!scrubbed.contains("example.com"))
        #expect(scrubbed.contains("办了3次"), "short numbers stay: they carry meaning")
    }

    @Test("tags: known ones kept in form order, unknown ones reported")
    func tags() {
        let result = ReviewTag.normalized(["态度不好", "办事效率低", "态度不好", "乱写的"])
        #expect(result.tags == ["办事效率低", "态度不好"] && result.unknown == ["乱写的"])
    }
}
