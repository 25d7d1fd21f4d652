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
}
