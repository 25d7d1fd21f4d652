/// What a hall's numbers (取号 → 叫号 → 办结) say about its counters: how long people waited, how long a visit took at
/// the window, and how the day's arrivals bunch into its busiest hour. The dashboard shows them; the staffing forecast
/// uses them instead of its assumptions once there are enough of them to trust.
public struct QueueMeasures: Sendable, Equatable {
    /// Numbers taken.
    public var arrivals: Int
    /// Numbers called to a window, and their minutes from 取号 to 叫号 summed.
    public var called: Int
    public var waitMinutes: Double
    /// Numbers served (not 过号), and their minutes at the window summed.
    public var served: Int
    public var handlingMinutes: Double
    /// Numbers taken in each hour of the Beijing day (0–23), summed over the period.
    public var arrivalsByHour: [Int: Int]

    public init(arrivals: Int = 0, called: Int = 0, waitMinutes: Double = 0, served: Int = 0, handlingMinutes: Double = 0,
                arrivalsByHour: [Int: Int] = [:]) {
        (self.arrivals, self.called, self.waitMinutes) = (arrivals, called, waitMinutes)
        (self.served, self.handlingMinutes, self.arrivalsByHour) = (served, handlingMinutes, arrivalsByHour)
    }

    public var averageWait: Double? { called == 0 ? nil : waitMinutes / Double(called) }
    public var averageHandling: Double? { served == 0 ? nil : handlingMinutes / Double(served) }

    /// The busiest hour's arrivals over an average open hour's: how much faster than the day's mean people come when
    /// it matters. Half-hours at the edges (a hall opening at 13:30) make an hour look quiet, which only lowers the
    /// mean, so the factor errs towards more windows. Never below 1 (an even day), and capped at 3: a few crowded
    /// mornings in a small sample should not triple the plan.
    public func peakFactor(openHours: Double) -> Double? {
        guard arrivals > 0, openHours > 0, let busiest = arrivalsByHour.values.max() else { return nil }
        return min(3, max(1, Double(busiest) / (Double(arrivals) / openHours)))
    }

    /// Fewer served numbers than this and the assumptions stand: a handful of long visits would swing the plan.
    public static let minimumServed = 30
    /// Fewer numbers taken than this and the busiest hour is noise.
    public static let minimumArrivals = 100

    /// Waiting-time bands as the dashboard shows them, in minutes: ≤10, 10–20, 20–30, 30–60, over 60.
    public static let waitBands: [Double] = [10, 20, 30, 60]
    public static let waitBandTitles = ["10分钟内", "10–20分钟", "20–30分钟", "30–60分钟", "60分钟以上"]
}

extension Staffing {
    /// The same plan with the handling time and the busiest hour the halls measured, where there are enough numbers;
    /// each assumption stands until then.
    public func calibrated(by measures: QueueMeasures) -> Staffing {
        var plan = self
        if measures.served >= QueueMeasures.minimumServed, let handling = measures.averageHandling, handling > 0 {
            plan.handlingMinutes = handling
        }
        if measures.arrivals >= QueueMeasures.minimumArrivals, let peak = measures.peakFactor(openHours: openHours) {
            plan.peakFactor = peak
        }
        return plan
    }
}
