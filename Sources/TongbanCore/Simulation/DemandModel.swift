import Foundation

/// How many applications a city's platform receives and how long they take: the shapes seen in
/// government service statistics (Mondays busiest, Fridays lighter, a rush before the Spring
/// Festival and in the graduation and school-start months, little on rest days), used by
/// `tongban simulate` to make history worth putting on a dashboard and under load.
public enum DemandModel {
    /// Relative demand by weekday, Monday first.
    static let weekdayFactor: [Double] = [1.25, 1.10, 1.00, 0.95, 0.85, 0.70, 0.70]
    /// Relative demand by month, January first.
    static let monthFactor: [Double] = [1.15, 0.80, 1.10, 1.00, 0.95, 1.00, 1.10, 1.05, 1.10, 0.85, 1.00, 1.10]
    /// Share of a working day's demand that still arrives online on a rest day.
    static let restDayShare = 0.08

    /// Expected applications on `day` for a city whose ordinary Wednesday in April brings `base`.
    public static func expected(on day: CalendarDay, isWorkday: Bool, base: Double) -> Double {
        let weekday = weekdayFactor[day.weekday - 1]
        let month = monthFactor[day.month - 1]
        return base * month * (isWorkday ? weekday : weekday * restDayShare)
    }

    /// A Poisson draw; the normal approximation above 30 keeps big days cheap.
    public static func poisson<G: RandomNumberGenerator>(_ mean: Double, using rng: inout G) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            return max(0, Int((mean + mean.squareRoot() * normal(using: &rng)).rounded()))
        }
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &rng)
        var count = 0
        while product > limit {
            product *= Double.random(in: 0..<1, using: &rng)
            count += 1
        }
        return count
    }

    static func normal<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// The share of its time limit a task takes: most finish well inside it, some near the end,
    /// and a small tail runs over (the overdue work supervisors chase).
    public static func processingShare<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let roll = Double.random(in: 0..<1, using: &rng)
        switch roll {
        case ..<0.70: return Double.random(in: 0.05..<0.6, using: &rng)
        case ..<0.96: return Double.random(in: 0.6..<1.0, using: &rng)
        default: return Double.random(in: 1.0..<1.8, using: &rng)
        }
    }

    /// Minutes after midnight an application arrives: windows' hours on working days, evenings online.
    public static func arrivalMinute<G: RandomNumberGenerator>(isWorkday: Bool, using rng: inout G) -> Int {
        if isWorkday, Double.random(in: 0..<1, using: &rng) < 0.75 {
            return Bool.random(using: &rng) ? Int.random(in: 510..<720, using: &rng) : Int.random(in: 870..<1050, using: &rng)
        }
        return Int.random(in: 420..<1380, using: &rng)
    }
}

/// Deterministic randomness, so the same seed gives the same simulated city.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
