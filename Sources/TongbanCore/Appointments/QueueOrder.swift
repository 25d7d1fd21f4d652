import Foundation

/// 叫号 order at a service hall's window. 绿色通道 first (the elderly over 70, people with a disability, pregnant
/// women), in the order they took their numbers; then people with an appointment whose slot has begun (they planned
/// their day around it); then everyone else in the order they came.
public enum QueueOrder {
    public struct Entry: Sendable, Equatable {
        public var id: UUID
        public var priority: Bool
        /// The booked slot's start, for numbers taken with an appointment.
        public var appointmentAt: Date?
        public var issuedAt: Date

        public init(id: UUID, priority: Bool, appointmentAt: Date?, issuedAt: Date) {
            (self.id, self.priority, self.appointmentAt, self.issuedAt) = (id, priority, appointmentAt, issuedAt)
        }
    }

    /// An appointment counts from a few minutes before its slot, so someone on time is not passed over by the clock.
    public static let appointmentGrace: TimeInterval = 5 * 60

    public static func ordered(_ waiting: [Entry], now: Date) -> [Entry] {
        func rank(_ entry: Entry) -> (Int, Date) {
            if entry.priority { return (0, entry.issuedAt) }
            if let slot = entry.appointmentAt, slot <= now.addingTimeInterval(appointmentGrace) { return (1, slot) }
            return (2, entry.issuedAt)
        }
        return waiting.sorted { a, b in
            let (ra, rb) = (rank(a), rank(b))
            return ra.0 != rb.0 ? ra.0 < rb.0 : (ra.1 != rb.1 ? ra.1 < rb.1 : a.id.uuidString < b.id.uuidString)
        }
    }

    public static func next(_ waiting: [Entry], now: Date) -> Entry? { ordered(waiting, now: now).first }
}

/// Who may use the 绿色通道 from what the platform knows: age from the ID number, a disability from 人口库; pregnancy
/// is declared (and seen by the clerk).
public enum PriorityLane {
    public static let age = 70

    public static func reason(birthDate: CalendarDay?, on today: CalendarDay, disabled: Bool, pregnant: Bool) -> String? {
        if let birthDate {
            var years = today.year - birthDate.year
            if (today.month, today.day) < (birthDate.month, birthDate.day) { years -= 1 }
            if years >= age { return "\(age)岁以上老人" }
        }
        if disabled { return "残疾人" }
        if pregnant { return "孕妇" }
        return nil
    }
}
