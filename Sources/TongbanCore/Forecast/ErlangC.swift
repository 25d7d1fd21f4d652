import Foundation

/// The M/M/c queue (Erlang C): Poisson arrivals, exponential handling times, `servers` identical
/// servers, one first-come-first-served queue, nobody gives up.
///
/// With offered load a = λ / μ (arrival rate × average handling time, in Erlangs) and c servers,
/// a < c, the probability that an arrival has to wait is
///
///     C(c, a) = c·B(c, a) / (c − a·(1 − B(c, a)))
///
/// where B is Erlang B, computed by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which
/// never forms aᶜ or c! and so stays stable for hundreds of servers. Then
///
///     mean wait       W_q = C(c, a) · AHT / (c − a)
///     service level   P(wait ≤ t) = 1 − C(c, a) · exp(−(c − a) · t / AHT)
public enum ErlangC {
    public static func erlangB(servers: Int, load: Double) -> Double {
        var b = 1.0
        if servers > 0 {
            for k in 1...servers { b = load * b / (Double(k) + load * b) }
        }
        return b
    }

    /// 1 when the queue is unstable (load ≥ servers): everybody waits, and the queue grows without bound.
    public static func probabilityOfWaiting(servers: Int, load: Double) -> Double {
        guard load > 0 else { return 0 }
        guard Double(servers) > load else { return 1 }
        let b = erlangB(servers: servers, load: load)
        let c = Double(servers)
        return c * b / (c - load * (1 - b))
    }

    /// Mean time in the queue, in the unit of `handlingTime`; infinite when unstable.
    public static func averageWait(servers: Int, load: Double, handlingTime: Double) -> Double {
        guard load > 0 else { return 0 }
        guard Double(servers) > load else { return .infinity }
        return probabilityOfWaiting(servers: servers, load: load) * handlingTime / (Double(servers) - load)
    }

    /// Share of arrivals answered within `within` (same unit as `handlingTime`).
    public static func serviceLevel(servers: Int, load: Double, handlingTime: Double, within: Double) -> Double {
        guard load > 0 else { return 1 }
        guard Double(servers) > load else { return 0 }
        let waiting = probabilityOfWaiting(servers: servers, load: load)
        return 1 - waiting * exp(-(Double(servers) - load) * within / handlingTime)
    }
}
