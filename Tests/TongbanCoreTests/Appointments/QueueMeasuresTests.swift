import Testing
@testable import TongbanCore

@Suite("Queue measures: waits, handling times and the busiest hour from a hall's numbers, and the windows they call for")
struct QueueMeasuresTests {
    @Test("averages are per called and per served number; nothing measured is nil, not zero")
    func averages() {
        #expect(QueueMeasures().averageWait == nil && QueueMeasures().averageHandling == nil && QueueMeasures().peakFactor(openHours: 6.5) == nil)
        let m = QueueMeasures(arrivals: 4, called: 3, waitMinutes: 36, served: 2, handlingMinutes: 25)
        #expect(m.averageWait == 12 && m.averageHandling == 12.5)
    }

    @Test("the busiest hour against the mean open hour, never below an even day and never above three times it")
    func peak() {
        // 130 numbers over 6.5 open hours is 20 an hour; 40 came between 9 and 10.
        let m = QueueMeasures(arrivals: 130, arrivalsByHour: [9: 40, 10: 30, 11: 20, 13: 5, 14: 15, 15: 12, 16: 8])
        #expect(m.peakFactor(openHours: 6.5) == 2)
        let even = QueueMeasures(arrivals: 10, arrivalsByHour: [9: 1, 10: 1, 11: 1, 14: 1, 15: 1, 16: 1, 13: 1, 12: 1, 8: 1, 17: 1])
        #expect(even.peakFactor(openHours: 6.5) == 1)
        #expect(QueueMeasures(arrivals: 100, arrivalsByHour: [9: 100]).peakFactor(openHours: 6.5) == 3)
    }

    @Test("the plan takes measured figures only once there are enough of them, and more handling time asks for more windows")
    func calibration() {
        let assumed = Staffing(openHours: 6.5, handlingMinutes: 15, targetWaitMinutes: 10, peakFactor: 1.4)
        let few = QueueMeasures(arrivals: 20, called: 20, waitMinutes: 200, served: 20, handlingMinutes: 600, arrivalsByHour: [9: 20])
        #expect(assumed.calibrated(by: few) == assumed)
        let many = QueueMeasures(arrivals: 130, called: 120, waitMinutes: 1200, served: 100, handlingMinutes: 2500,
                                 arrivalsByHour: [9: 40, 10: 30, 11: 20, 13: 5, 14: 15, 15: 12, 16: 8])
        let measured = assumed.calibrated(by: many)
        #expect(measured.handlingMinutes == 25 && measured.peakFactor == 2 && measured.targetWaitMinutes == 10 && measured.openHours == 6.5)
        #expect(measured.servers(arrivalsPerDay: 300) > assumed.servers(arrivalsPerDay: 300))
    }
}
