import Fluent
import Foundation
import TongbanCore
import Vapor

/// The halls' part of `tongban simulate`: days of numbers taken, called and served at every hall's windows, played
/// forward by `HallDay` on the working-day calendar, so the dashboard's waiting times and the staffing forecast have
/// a history. Numbers of today stop at the present moment: some still wait, some are at a window.
struct QueueSimulator {
    let app: Application
    let days: Int
    /// Visits to all halls on an ordinary working day; the city centre takes 40% of them, the districts share the rest.
    let perDay: Double
    let seed: UInt64
    let now: Date

    func run() async throws -> Int {
        var rng = SplitMix64(seed: seed ^ 0x9A11)
        let halls = try await ServiceHall.query(on: app.db).all()
        let windows = try await HallWindow.query(on: app.db).all()
        let snapshot = app.catalogCache.snapshot
        let today = CalendarDay(now)
        let minuteNow = now.timeIntervalSince(today.startInstant) / 60
        var written = 0
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let day = today.adding(days: -offset)
            guard (try? app.workdays.isWorkday(day)) ?? false else { continue }
            // A hall's real numbers of a day (or an earlier run's) are left as they are.
            let taken = Set(try await QueueTicket.query(on: app.db).filter(\.$day == day.description).all(\.$hallID))
            var tickets: [QueueTicket] = []
            for hall in halls where !taken.contains(try hall.requireID()) {
                let own = windows.filter { $0.hallID == hall.id }
                guard !own.isEmpty else { continue }
                let share = hall.code == "city" ? 0.4 : 0.6 / Double(max(halls.count - 1, 1))
                let departments = snapshot.departments.map(\.code).filter { code in own.contains { $0.serves(code) } }
                let count = DemandModel.poisson(DemandModel.expected(on: day, isWorkday: true, base: perDay * share), using: &rng)
                // Ten minutes on average at the window, never under two.
                let arrivals = (0..<count).map { _ in (HallDay.arrivalMinute(using: &rng), 2 - log(Double.random(in: 0.0001..<1, using: &rng)) * 10) }
                var sequence: [String: Int] = [:]
                // Not every window is staffed every day (leave, training, a window kept for 帮办): three in five are.
                let staffed = max(1, Int((Double(own.count) * 0.6).rounded()))
                for visit in HallDay.play(arrivals: arrivals, windows: staffed) where day != today || visit.arrived <= minuteNow {
                    let letter = TicketSimulator.pick([("A", 75.0), ("B", 15), ("V", 10)], using: &rng)
                    sequence[letter, default: 0] += 1
                    let ticket = QueueTicket()
                    (ticket.hallID, ticket.day, ticket.number) = (try hall.requireID(), day.description, letter + String(format: "%03d", sequence[letter]!))
                    ticket.departmentCode = departments.randomElement(using: &rng) ?? "ga"
                    ticket.priorityReason = letter == "V" ? "70岁以上老人" : nil
                    let at = { (minute: Double) in day.startInstant.addingTimeInterval(minute * 60) }
                    ticket.issuedAt = at(visit.arrived)
                    ticket.appointmentAt = letter == "B" ? at((visit.arrived / 30).rounded(.up) * 30) : nil
                    ticket.status = QueueTicket.Status.waiting.rawValue
                    if day != today || visit.called <= minuteNow {
                        (ticket.calledAt, ticket.windowNumber) = (at(visit.called), own[visit.window - 1].number)
                        ticket.status = QueueTicket.Status.called.rawValue
                        // One in thirty called is not there (过号).
                        if Double.random(in: 0..<1, using: &rng) < 1.0 / 30 {
                            (ticket.status, ticket.finishedAt) = (QueueTicket.Status.skipped.rawValue, at(visit.called + 1))
                        } else if day != today || visit.finished <= minuteNow {
                            (ticket.status, ticket.finishedAt) = (QueueTicket.Status.served.rawValue, at(visit.finished))
                        }
                    }
                    tickets.append(ticket)
                }
            }
            for chunk in tickets.chunked(500) {
                try await serializedTransaction(app.db, gate: app.writeGate) { db in try await Array(chunk).create(on: db) }
            }
            written += tickets.count
        }
        return written
    }
}
