import Testing
import TongbanCore

@Suite("Staffing by Erlang C")
struct ForecastStaffingTests {
    /// Probability of waiting, from the closed form with factorials (computed in Python).
    @Test("Erlang C matches the closed form", arguments: [
        (3, 2.0, 0.4444444444444444),
        (5, 4.0, 0.5541125541125541),
        (10, 8.0, 0.4091801507964435),
        (100, 90.0, 0.2169404809063664),
    ])
    func erlangC(servers: Int, load: Double, expected: Double) {
        #expect(abs(ErlangC.probabilityOfWaiting(servers: servers, load: load) - expected) < 1e-12)
    }

    @Test("the textbook call centre: 100 calls per half hour, 3-minute calls, 14 agents answer 88.8% within 20 s")
    func callCentre() {
        // a = 200 calls/h × 3 min = 10 Erlangs.
        #expect(abs(ErlangC.serviceLevel(servers: 13, load: 10, handlingTime: 180, within: 20) - 0.795595) < 1e-6)
        #expect(abs(ErlangC.serviceLevel(servers: 14, load: 10, handlingTime: 180, within: 20) - 0.888350) < 1e-6)
        #expect(abs(ErlangC.averageWait(servers: 14, load: 10, handlingTime: 180) - 7.836) < 1e-3)
    }

    @Test("stays finite and sensible for a thousand servers, where aᶜ/c! would overflow")
    func largeLoads() {
        let p = ErlangC.probabilityOfWaiting(servers: 1000, load: 950)
        #expect(p > 0 && p < 1)
        #expect(ErlangC.probabilityOfWaiting(servers: 10, load: 10) == 1)
        #expect(ErlangC.averageWait(servers: 9, load: 10, handlingTime: 5) == .infinity)
    }

    @Test("240 applications over an 8-hour day at 12 minutes each need 8 windows for a wait under 5 minutes")
    func counterWindows() {
        let staffing = Staffing(openHours: 8, handlingMinutes: 12, targetWaitMinutes: 5)
        // a = 0.5/min × 12 = 6 Erlangs: 7 windows wait 7.37 min on average, 8 windows 2.14 min.
        #expect(staffing.servers(arrivalsPerDay: 240) == 8)
        #expect(abs(staffing.averageWaitMinutes(servers: 8, arrivalsPerDay: 240) - 2.1418865) < 1e-6)
        #expect(staffing.servers(arrivalsPerDay: 0) == 0)
        let peaky = Staffing(openHours: 8, handlingMinutes: 12, targetWaitMinutes: 5, peakFactor: 1.5)
        #expect(peaky.servers(arrivalsPerDay: 240) > 8)
    }

    @Test("a forecast becomes a daily plan: windows shut on holidays, more on the rebound day")
    func plan() {
        let history = SyntheticDemand(seed: 5).series(from: CalendarDay(year: 2024, month: 9, day: 2), days: 385)
        let forecast = DemandForecaster(calendar: .official()).forecast(history, horizon: 28)
        let plan = Staffing(openHours: 8, handlingMinutes: 15, targetWaitMinutes: 10).plan(for: forecast)
        func servers(_ day: Int) -> Int { plan.first { $0.day == CalendarDay(year: 2025, month: 10, day: day) }!.servers }
        #expect(servers(3) <= 1)
        #expect(servers(9) > servers(16))
        #expect(plan.allSatisfy { $0.serversForUpper80 >= $0.servers && $0.averageWaitMinutes <= 10 })
    }
}
