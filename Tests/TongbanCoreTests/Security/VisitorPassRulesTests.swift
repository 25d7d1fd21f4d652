import Foundation
import Testing
@testable import TongbanCore

@Suite("Visitor passes: a window of at most a day this week, accepted only inside it (five minutes' grace)")
struct VisitorPassRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a window is refused when it ends first, lasts over a day, began already or lies beyond a week")
    func problems() {
        let hour: TimeInterval = 3600
        #expect(VisitorPassRules.problems(from: now.addingTimeInterval(hour), until: now.addingTimeInterval(3 * hour), now: now).isEmpty)
        #expect(VisitorPassRules.problems(from: now.addingTimeInterval(-60), until: now.addingTimeInterval(hour), now: now).isEmpty, "starting now")
        #expect(VisitorPassRules.problems(from: now.addingTimeInterval(hour), until: now, now: now).keys.sorted() == ["until"])
        #expect(VisitorPassRules.problems(from: now, until: now.addingTimeInterval(25 * hour), now: now)["until"]?.contains("24小时") == true)
        #expect(VisitorPassRules.problems(from: now.addingTimeInterval(-hour), until: now.addingTimeInterval(hour), now: now).keys.sorted() == ["from"])
        #expect(VisitorPassRules.problems(from: now.addingTimeInterval(8 * 86_400), until: now.addingTimeInterval(8 * 86_400 + hour), now: now).keys.sorted() == ["from"])
    }

    @Test("the door opens from five minutes before to five minutes after the window, never for a revoked pass")
    func decide() {
        let from = now, until = now.addingTimeInterval(7200)
        #expect(VisitorPassRules.decide(from: from, until: until, revoked: false, now: now.addingTimeInterval(-301)) == .notYet(opensAt: now.addingTimeInterval(-300)))
        #expect(VisitorPassRules.decide(from: from, until: until, revoked: false, now: now.addingTimeInterval(-299)) == .open)
        #expect(VisitorPassRules.decide(from: from, until: until, revoked: false, now: until.addingTimeInterval(299)) == .open)
        #expect(VisitorPassRules.decide(from: from, until: until, revoked: false, now: until.addingTimeInterval(301)) == .expired)
        #expect(VisitorPassRules.decide(from: from, until: until, revoked: true, now: now.addingTimeInterval(60)) == .revoked)
    }
}
