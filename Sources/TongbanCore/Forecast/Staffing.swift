/// How many counter windows or hotline seats a day needs so the average wait stays under a target.
///
/// Queueing model: M/M/c (Erlang C, see `ErlangC`) at the day's busiest hour. The day's forecast
/// arrivals are spread over the opening hours and multiplied by `peakFactor` (busiest hour's rate
/// over the day's average rate; 1 assumes an even day, government counters typically see 1.3–1.6
/// around mid-morning), so λ = arrivals / openHours × peakFactor per hour and the offered load is
/// a = λ × AHT. The answer is the smallest c > a with W_q(c) ≤ target. The model ignores
/// abandonment and assumes the day is in steady state; it is a planning figure, not a roster.
public struct Staffing: Sendable, Equatable {
    public var openHours: Double
    public var handlingMinutes: Double
    public var targetWaitMinutes: Double
    public var peakFactor: Double

    public init(openHours: Double, handlingMinutes: Double, targetWaitMinutes: Double, peakFactor: Double = 1) {
        precondition(openHours > 0 && handlingMinutes > 0 && targetWaitMinutes >= 0 && peakFactor >= 1)
        self.openHours = openHours
        self.handlingMinutes = handlingMinutes
        self.targetWaitMinutes = targetWaitMinutes
        self.peakFactor = peakFactor
    }

    /// Offered load in Erlangs at the busiest hour.
    public func load(arrivalsPerDay: Double) -> Double {
        max(0, arrivalsPerDay) / (openHours * 60) * peakFactor * handlingMinutes
    }

    /// 0 for a day without arrivals (a holiday: the window can stay shut).
    public func servers(arrivalsPerDay: Double) -> Int {
        let a = load(arrivalsPerDay: arrivalsPerDay)
        guard a > 0 else { return 0 }
        var c = Int(a.rounded(.down)) + 1
        while ErlangC.averageWait(servers: c, load: a, handlingTime: handlingMinutes) > targetWaitMinutes { c += 1 }
        return c
    }

    public func averageWaitMinutes(servers: Int, arrivalsPerDay: Double) -> Double {
        ErlangC.averageWait(servers: servers, load: load(arrivalsPerDay: arrivalsPerDay), handlingTime: handlingMinutes)
    }

    /// One suggestion per forecast day, sized for the expected volume.
    public func plan(for forecast: [ForecastPoint]) -> [StaffingSuggestion] {
        forecast.map { point in
            let c = servers(arrivalsPerDay: point.mean)
            return StaffingSuggestion(day: point.day, expectedArrivals: point.mean, servers: c,
                                      averageWaitMinutes: c == 0 ? 0 : averageWaitMinutes(servers: c, arrivalsPerDay: point.mean),
                                      serversForUpper80: servers(arrivalsPerDay: point.interval80.upper))
        }
    }
}

public struct StaffingSuggestion: Sendable, Equatable {
    public var day: CalendarDay
    public var expectedArrivals: Double
    public var servers: Int
    /// The M/M/c mean wait at the busiest hour with `servers` open.
    public var averageWaitMinutes: Double
    /// Enough for a busy day: sized for the upper bound of the 80% interval.
    public var serversForUpper80: Int
}
