/// Multiplicative demand factors by day profile: a day's expected volume is the deseasonalised level
/// times `factor(profile)`.
///
/// Ordinary days get one factor per weekday (weekly seasonality); holidays and make-up working days
/// get one factor each; rebound and eve days multiply their base factor. The seven weekday factors
/// average 1, so the level reads as "an average day of an ordinary week".
public struct DemandFactors: Sendable, Equatable {
    /// Monday first.
    public var weekday: [Double]
    public var holiday: Double
    public var makeUpWorkday: Double
    /// Multipliers for the first and second working day after a long break.
    public var rebound: [Double]
    public var eve: Double

    public static let neutral = DemandFactors(weekday: Array(repeating: 1, count: 7), holiday: 1, makeUpWorkday: 1,
                                              rebound: Array(repeating: 1, count: CalendarEffects.reboundDays), eve: 1)

    public func factor(_ profile: DayProfile) -> Double {
        var base: Double
        switch profile.kind {
        case let .workday(weekday), let .weekend(weekday): base = self.weekday[weekday - 1]
        case .holiday: base = holiday
        case .makeUpWorkday: base = makeUpWorkday
        }
        if profile.reboundDay > 0 { base *= rebound[profile.reboundDay - 1] }
        if profile.isEve { base *= eve }
        return base
    }

    /// How strongly an estimate is pulled towards its prior: `prior` pseudo-observations of it.
    /// One for base factors (a weekday seen once is mostly trusted), two for the rarer calendar
    /// multipliers, which a couple of holidays in the history should not swing far.
    static let basePrior = 1.0, multiplierPrior = 2.0

    /// Weighted means of `ratio[t]` (volume over the level expected that day) per profile, shrunk
    /// towards their group: unseen weekdays towards the other days of their kind, holidays towards
    /// weekends, make-up days towards workdays, multipliers towards 1. `weight[t]` favours recent days.
    static func estimate(ratios: [Double?], profiles: [DayProfile], weights: [Double]) -> DemandFactors {
        var sums = Array(repeating: 0.0, count: 7), counts = Array(repeating: 0.0, count: 7)
        var holiday = Mean(), makeUp = Mean(), working = Mean(), resting = Mean()
        for (t, ratio) in ratios.enumerated() {
            guard let ratio, profiles[t].reboundDay == 0, !profiles[t].isEve else { continue }
            let w = weights[t]
            switch profiles[t].kind {
            case let .workday(d): sums[d - 1] += w * ratio; counts[d - 1] += w; working.add(ratio, w)
            case let .weekend(d): sums[d - 1] += w * ratio; counts[d - 1] += w; resting.add(ratio, w)
            case .holiday: holiday.add(ratio, w)
            case .makeUpWorkday: makeUp.add(ratio, w)
            }
        }
        let workPrior = working.value ?? resting.value ?? 1
        let restPrior = resting.value ?? workPrior
        var factors = DemandFactors.neutral
        for d in 0..<7 {
            let prior = d < 5 ? workPrior : restPrior
            factors.weekday[d] = (sums[d] + basePrior * prior) / (counts[d] + basePrior)
        }
        factors.holiday = holiday.shrunk(towards: (factors.weekday[5] + factors.weekday[6]) / 2, by: basePrior)
        factors.makeUpWorkday = makeUp.shrunk(towards: factors.weekday[0..<5].reduce(0, +) / 5, by: basePrior)

        var rebound = Array(repeating: Mean(), count: CalendarEffects.reboundDays), eve = Mean()
        for (t, ratio) in ratios.enumerated() {
            let profile = profiles[t]
            guard let ratio, profile.reboundDay > 0 || profile.isEve else { continue }
            var plain = profile
            plain.reboundDay = 0
            plain.isEve = false
            let base = factors.factor(plain)
            guard base > 1e-9 else { continue }
            if profile.reboundDay > 0 { rebound[profile.reboundDay - 1].add(ratio / base, weights[t]) }
            if profile.isEve { eve.add(ratio / base, weights[t]) }
        }
        factors.rebound = rebound.map { $0.shrunk(towards: 1, by: multiplierPrior) }
        factors.eve = eve.shrunk(towards: 1, by: multiplierPrior)
        return factors.normalised()
    }

    /// Scales the base factors so the weekday factors average 1 (multipliers are already relative).
    func normalised() -> DemandFactors {
        let mean = weekday.reduce(0, +) / 7
        guard mean > 1e-12 else { return self }
        var copy = self
        copy.weekday = weekday.map { $0 / mean }
        copy.holiday /= mean
        copy.makeUpWorkday /= mean
        return copy
    }
}

/// A running weighted mean.
struct Mean {
    private(set) var sum = 0.0, weight = 0.0

    mutating func add(_ value: Double, _ w: Double) {
        sum += w * value
        weight += w
    }

    var value: Double? { weight > 0 ? sum / weight : nil }

    func shrunk(towards prior: Double, by strength: Double) -> Double {
        (sum + strength * prior) / (weight + strength)
    }
}
