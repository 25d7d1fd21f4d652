import Foundation
import Testing
@testable import TongbanCore

@Suite("叫号 order: 绿色通道, then appointments due, then the rest as they came")
struct QueueOrderTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func entry(_ n: Int, priority: Bool = false, slot: TimeInterval? = nil, issued: TimeInterval) -> QueueOrder.Entry {
        QueueOrder.Entry(id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!, priority: priority,
                         appointmentAt: slot.map { now.addingTimeInterval($0) }, issuedAt: now.addingTimeInterval(issued))
    }

    @Test("an elderly walk-in who came last is called first; an appointment due now before earlier walk-ins; a future appointment waits")
    func order() {
        let walkIn1 = entry(1, issued: -1800), walkIn2 = entry(2, issued: -600)
        let elderly = entry(3, priority: true, issued: -60)
        let dueNow = entry(4, slot: -120, issued: -300)
        let later = entry(5, slot: 3600, issued: -900)
        let ordered = QueueOrder.ordered([walkIn1, walkIn2, elderly, dueNow, later], now: now).map(\.id)
        #expect(ordered == [elderly.id, dueNow.id, walkIn1.id, later.id, walkIn2.id])
        #expect(QueueOrder.next([], now: now) == nil)
    }

    @Test("绿色通道: 70 on the birthday, a disability, or a declared pregnancy")
    func lane() {
        let today = CalendarDay("2026-03-02")!
        #expect(PriorityLane.reason(birthDate: CalendarDay("1956-03-02"), on: today, disabled: false, pregnant: false) == "70岁以上老人")
        #expect(PriorityLane.reason(birthDate: CalendarDay("1956-03-03"), on: today, disabled: false, pregnant: false) == nil)
        #expect(PriorityLane.reason(birthDate: nil, on: today, disabled: true, pregnant: false) == "残疾人")
        #expect(PriorityLane.reason(birthDate: CalendarDay("1990-01-01"), on: today, disabled: false, pregnant: true) == "孕妇")
    }
}
