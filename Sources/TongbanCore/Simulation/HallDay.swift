/// One day at a hall's windows, played forward: people arrive, take the first free window in arrival order, and leave
/// when their business is done. It gives `tongban simulate` waits that come from the queue itself — long when the
/// morning crowd meets three windows, none in a quiet afternoon — rather than from a made-up distribution.
public enum HallDay {
    public struct Visit: Sendable, Equatable {
        /// Minutes after midnight (Beijing).
        public var arrived: Double
        public var called: Double
        public var finished: Double
        public var window: Int
    }

    /// Arrivals (minutes after midnight, any order) with the minutes each takes at the window, served first come
    /// first served by `windows` windows; returned in arrival order.
    public static func play(arrivals: [(minute: Double, handling: Double)], windows: Int) -> [Visit] {
        precondition(windows > 0)
        var free = Array(repeating: 0.0, count: windows)
        return arrivals.sorted { $0.minute < $1.minute }.map { arrival in
            let window = free.indices.min { free[$0] < free[$1] }!
            let called = max(arrival.minute, free[window])
            free[window] = called + arrival.handling
            return Visit(arrived: arrival.minute, called: called, finished: free[window], window: window + 1)
        }
    }

    /// Relative arrivals by hour in a hall open 9:00–12:00 and 13:30–17:00: a crowd after opening, a lull at the end
    /// of the morning, a second smaller peak mid-afternoon. The 13:00 hour is its last half.
    public static let hourlyWeights: [(hour: Int, weight: Double)] = [(9, 1.7), (10, 1.5), (11, 1.0), (13, 0.5), (14, 1.3), (15, 1.1), (16, 0.7)]

    /// A minute of arrival drawn from `hourlyWeights`.
    public static func arrivalMinute<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let total = hourlyWeights.reduce(0) { $0 + $1.weight }
        var pick = Double.random(in: 0..<total, using: &rng)
        for (hour, weight) in hourlyWeights {
            if pick < weight {
                let start = hour == 13 ? 13.5 : Double(hour)
                return (start + Double.random(in: 0..<(hour == 13 ? 0.5 : 1), using: &rng)) * 60
            }
            pick -= weight
        }
        return 16.5 * 60
    }
}
