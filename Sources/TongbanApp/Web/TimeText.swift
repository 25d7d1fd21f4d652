import Foundation
import TongbanCore

/// Instants as people in Lu'an read them: Beijing time, Chinese date order, no seconds.
enum TimeText {
    static func minute(_ date: Date?) -> String {
        guard let date else { return "—" }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let day = CalendarDay(date)
        let minuteOfDay = ((seconds % 86_400) + 86_400) % 86_400 / 60
        return day.chinese + String(format: " %02d:%02d", minuteOfDay / 60, minuteOfDay % 60)
    }

    /// A deadline is the end of its last working day, stored as the next midnight; people expect the last day.
    static func deadline(_ date: Date?) -> String {
        guard let date else { return "受理后计算" }
        return CalendarDay(date.addingTimeInterval(-1)).chinese + "前"
    }

    /// A `datetime-local` field's value ("2026-12-01T09:30"), read as Beijing time; nil when it is not one.
    static func localInput(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "T")
        guard parts.count == 2, let day = CalendarDay(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        return day.startInstant.addingTimeInterval(TimeInterval(clock[0] * 3600 + clock[1] * 60))
    }

    /// The other way: what a `datetime-local` field shows for an instant.
    static func inputValue(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let minuteOfDay = ((seconds % 86_400) + 86_400) % 86_400 / 60
        return CalendarDay(date).description + String(format: "T%02d:%02d", minuteOfDay / 60, minuteOfDay % 60)
    }
}
