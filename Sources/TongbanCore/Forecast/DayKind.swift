/// What the official calendar makes of a day, as far as demand is concerned.
public enum DayKind: Hashable, Sendable {
    /// An ordinary Monday–Friday working day (1 = Monday).
    case workday(weekday: Int)
    /// An ordinary Saturday (6) or Sunday (7).
    case weekend(weekday: Int)
    /// A public holiday, including the weekend days inside a holiday period.
    case holiday
    /// A Saturday or Sunday worked in exchange for a longer holiday (调休).
    case makeUpWorkday

    public var isWorking: Bool {
        switch self {
        case .workday, .makeUpWorkday: true
        case .weekend, .holiday: false
        }
    }
}

/// A day's kind plus where it stands next to a long break, which moves demand on top of the kind:
/// offices face a backlog on the first working days after a holiday of three days or more, and a
/// rush on the last working day before one.
public struct DayProfile: Hashable, Sendable {
    public var kind: DayKind
    /// 1 for the first working day after a long break, 2 for the second, 0 otherwise.
    public var reboundDay: Int
    /// The last working day before a long break.
    public var isEve: Bool
}
