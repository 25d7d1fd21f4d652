/// Damped-trend exponential smoothing (Gardner–McKenzie) of the deseasonalised level.
///
/// Each day's volume divided by its calendar factor is a reading of the level, but a reading from a
/// day with a tiny factor (a Sunday or a holiday at a counter) is mostly noise, so that day's smoothing
/// weights are scaled down by its factor: quiet days barely move the level, busy days move it fully.
struct LevelSmoother: Sendable, Equatable {
    var alpha: Double
    var beta: Double
    var phi: Double

    struct State: Sendable, Equatable {
        var level: Double
        var trend: Double

        /// The level `steps` days ahead, never below zero.
        func level(after steps: Int, phi: Double) -> Double {
            var damped = 0.0, power = 1.0
            for _ in 0..<steps {
                power *= phi
                damped += power
            }
            return max(0, level + damped * trend)
        }
    }

    /// The state after each day (index t holds the state once day t is seen); `initial` is the state before day 0.
    func run(values: [Double], factors: [Double], initial: State) -> [State] {
        var state = initial
        var states: [State] = []
        states.reserveCapacity(values.count)
        for (y, s) in zip(values, factors) {
            let expected = state.level + phi * state.trend
            let weight = min(1, s)
            if weight > 1e-3 {
                let a = alpha * weight, b = beta * weight
                let level = a * (y / s) + (1 - a) * expected
                state.trend = b * (level - state.level) + (1 - b) * phi * state.trend
                state.level = level
            } else {
                state.level = expected
                state.trend *= phi
            }
            states.append(state)
        }
        return states
    }

    /// The level before any smoothing: total volume over total factor in the first two weeks.
    static func initialState(values: [Double], factors: [Double]) -> State {
        let n = min(values.count, 14)
        let volume = values.prefix(n).reduce(0, +), weight = factors.prefix(n).reduce(0, +)
        return State(level: weight > 1e-9 ? volume / weight : 0, trend: 0)
    }

    /// Mean squared error of the 1…`horizon`-day-ahead forecasts made from every day after `warmUp`.
    /// With `horizon` 1 this is the one-step criterion ETS maximum likelihood also minimises.
    func squaredError(values: [Double], factors: [Double], states: [State], warmUp: Int, horizon: Int) -> Double {
        var total = 0.0, count = 0
        guard warmUp >= 1, warmUp < values.count else { return .infinity }
        for origin in warmUp..<values.count {
            let state = states[origin - 1]
            for step in 1...horizon {
                let t = origin + step - 1
                guard t < values.count else { break }
                let error = values[t] - state.level(after: step, phi: phi) * factors[t]
                total += error * error
                count += 1
            }
        }
        return count > 0 ? total / Double(count) : .infinity
    }
}
