import Foundation
import Testing
@testable import TongbanCore

@Suite("Booking rules: release 7 days ahead at 07:00, cancel until 18:00 the day before, no-show suspension")
struct BookingRulesTests {
    static func beijing(_ text: String) -> Date {
        let day = CalendarDay(String(text.prefix(10)))!
        let parts = text.dropFirst(11).split(separator: ":").compactMap { Double($0) }
        return day.startInstant.addingTimeInterval(parts[0] * 3600 + parts[1] * 60)
    }

    @Test("Monday 3 March opens on Monday 24 February at 07:00, not a minute before")
    func release() {
        let rules = BookingRules()
        let day = CalendarDay("2026-03-02")!
        #expect(rules.releaseAt(day) == Self.beijing("2026-02-23 07:00"))
        #expect(rules.bookableDays(at: Self.beijing("2026-02-23 06:59")).upperBound == CalendarDay("2026-03-01")!)
        #expect(rules.bookableDays(at: Self.beijing("2026-02-23 07:00")).upperBound == day)
        #expect(rules.bookableDays(at: Self.beijing("2026-02-23 07:00")).lowerBound == CalendarDay("2026-02-23")!)
        #expect(rules.cancelDeadline(day) == Self.beijing("2026-03-01 18:00"))
    }

    @Test("morning and afternoon sessions in Beijing time")
    func sessions() {
        let day = CalendarDay("2026-03-02")!
        #expect(HalfDay.morning.start(on: day) == Self.beijing("2026-03-02 08:00"))
        #expect(HalfDay.afternoon.end(on: day) == Self.beijing("2026-03-02 17:30"))
        #expect(HalfDay.afternoon.hours == "14:00–17:30")
    }

    @Test("three no-shows within 90 days suspend for 30 days from the third; spread wider, or long ago, they do not")
    func noShows() {
        let now = Self.beijing("2026-03-10 10:00")
        let close = ["2026-01-05 09:00", "2026-02-01 09:00", "2026-03-01 09:00"].map(Self.beijing)
        #expect(NoShowRule.suspendedUntil(noShows: close, now: now) == Self.beijing("2026-03-31 09:00"))
        #expect(NoShowRule.suspendedUntil(noShows: Array(close.prefix(2)), now: now) == nil, "two are a warning, not a suspension")
        let spread = ["2025-10-01 09:00", "2026-01-05 09:00", "2026-03-01 09:00"].map(Self.beijing)
        #expect(NoShowRule.suspendedUntil(noShows: spread, now: now) == nil, "the first is more than 90 days before the third")
        #expect(NoShowRule.suspendedUntil(noShows: close, now: Self.beijing("2026-04-01 10:00")) == nil, "served")
    }
}

@Suite("预约办事 slots: half hours in opening hours on working days")
struct CounterSlotsTests {
    @Test("a working Monday has 13 half-hour slots from 9:00 to 16:30; a public holiday and a Sunday none; 调休 Saturdays some")
    func slots() {
        let calendar = WorkdayCalendar.official()
        let monday = CalendarDay("2026-03-02")!
        let slots = CounterSlots.starts(on: monday, calendar: calendar)
        #expect(slots.count == 13)
        #expect(slots.first == BookingRulesTests.beijing("2026-03-02 09:00") && slots.last == BookingRulesTests.beijing("2026-03-02 16:30"))
        #expect(!slots.contains(BookingRulesTests.beijing("2026-03-02 12:00")) && slots.contains(BookingRulesTests.beijing("2026-03-02 13:30")))
        #expect(CounterSlots.starts(on: CalendarDay("2026-03-01")!, calendar: calendar).isEmpty, "Sunday")
        #expect(CounterSlots.starts(on: CalendarDay("2026-10-01")!, calendar: calendar).isEmpty, "国庆节")
        #expect(CounterSlots.changeDeadline(slots[0]) == monday.startInstant)
        #expect(CounterSlots.bookableDays(at: slots[0]).first == CalendarDay("2026-03-03")! && CounterSlots.bookableDays(at: slots[0]).count == 7)
    }
}
