import Fluent
import Foundation
import TongbanCore
import Vapor

/// A request as GET requests shows it: its ticket, how it was filed, and the ticket that decides its
/// status (itself, or the parent it was merged into).
struct Open311Report {
    var ticket: Ticket
    var submission: Open311Submission
    var decisive: Ticket

    /// Open while someone still has to act; closed once answered (replied, closed), also through a merged parent.
    var isOpen: Bool { [.pending, .dispatched, .handling].contains(decisive.ticketState) }
}

/// The filters of GET requests, checked and with the spec's defaults applied.
struct Open311Query: Sendable {
    enum Status: String, Sendable { case open, closed }

    /// service_request_id overrides every other filter.
    var numbers: [String]?
    var serviceCodes: [String]?
    var start: Date
    var end: Date
    var statuses: Set<Status>?

    init(numbers: [String]) {
        self.numbers = numbers
        (start, end) = (.distantPast, .distantFuture)
    }

    init(_ parameters: Open311Parameters, now: Date) throws {
        numbers = parameters.list("service_request_id").map { Array($0.prefix(Open311.maxResults)) }
        serviceCodes = parameters.list("service_code")
        for code in serviceCodes ?? [] where Open311Services.find(code) == nil {
            throw Open311Error.notFound("service_code \(code) not found：没有这个服务代码")
        }
        if let given = parameters.list("status") {
            statuses = try Set(given.map { value in
                guard let status = Status(rawValue: value.lowercased()) else { throw Open311Error.invalid("status", "应为 open 或 closed") }
                return status
            })
        }
        let window = Double(Open311.windowDays) * 86_400
        let start = try parameters["start_date"].map { try Self.date($0, "start_date") }
        let end = try parameters["end_date"].map { try Self.date($0, "end_date") }
        switch (start, end) {
        case let (start?, end?): (self.start, self.end) = (start, end)
        case let (start?, nil): (self.start, self.end) = (start, start.addingTimeInterval(window))
        case let (nil, end?): (self.start, self.end) = (end.addingTimeInterval(-window), end)
        case (nil, nil): (self.start, self.end) = (now.addingTimeInterval(-window), now)
        }
        guard self.start <= self.end else { throw Open311Error.invalid("end_date", "结束时间早于开始时间") }
        guard self.end.timeIntervalSince(self.start) <= window else {
            throw Open311Error.invalid("start_date", "查询时间跨度不能超过\(Open311.windowDays)天")
        }
    }

    private static func date(_ text: String, _ name: String) throws -> Date {
        guard let date = Open311Time.parse(text) else {
            throw Open311Error.invalid(name, "应为带时区的 ISO 8601 时间，如 2026-11-01T00:00:00+08:00")
        }
        return date
    }
}

extension Open311Gateway {
    /// Only tickets filed through Open311, newest first, at most `Open311.maxResults`.
    func reports(_ query: Open311Query) async throws -> [Open311Report] {
        var rows = Open311Submission.query(on: db).join(Ticket.self, on: \Open311Submission.$ticketID == \Ticket.$id)
        if let numbers = query.numbers {
            rows = rows.filter(\.$ticketNumber ~~ numbers)
        } else {
            rows = rows.filter(\.$createdAt >= query.start).filter(\.$createdAt <= query.end)
            if let codes = query.serviceCodes { rows = rows.filter(\.$serviceCode ~~ codes) }
            if let statuses = query.statuses, statuses.count == 1 {
                // A merged ticket's status is its parent's: kept here, decided below.
                let states: [TicketState] = statuses.contains(.open) ? [.pending, .dispatched, .handling, .merged] : [.replied, .closed, .merged]
                rows = rows.filter(Ticket.self, \.$state ~~ states.map(\.rawValue))
            }
        }
        let found = try await rows.sort(\.$createdAt, .descending).limit(Open311.maxResults).all()
        let pairs = try found.map { (submission: $0, ticket: try $0.joined(Ticket.self)) }
        let known = try await withParents(pairs.map(\.ticket))
        let reports = pairs.map { Open311Report(ticket: $0.ticket, submission: $0.submission, decisive: Self.decisive($0.ticket, known)) }
        guard query.numbers == nil, let statuses = query.statuses else { return reports }
        return reports.filter { statuses.contains($0.isOpen ? .open : .closed) }
    }

    func report(_ number: String) async throws -> Open311Report {
        guard let report = try await reports(Open311Query(numbers: [number])).first else {
            throw Open311Error.notFound("service_request_id \(number) not found：没有这个诉求（仅可查询通过 Open311 提交的诉求）")
        }
        return report
    }

    /// The tickets and every parent they were merged into (a few levels at most), one query per level.
    private func withParents(_ tickets: [Ticket]) async throws -> [UUID: Ticket] {
        var known = Dictionary(tickets.compactMap { ticket in ticket.id.map { ($0, ticket) } }, uniquingKeysWith: { first, _ in first })
        var missing = Self.parentIDs(of: tickets).subtracting(known.keys)
        for _ in 0..<5 where !missing.isEmpty {
            let parents = try await Ticket.query(on: db).filter(\.$id ~~ Array(missing)).all()
            for parent in parents { if let id = parent.id { known[id] = parent } }
            missing = Self.parentIDs(of: parents).subtracting(known.keys)
        }
        return known
    }

    private static func parentIDs(of tickets: [Ticket]) -> Set<UUID> {
        Set(tickets.filter { $0.ticketState == .merged }.compactMap(\.parentID))
    }

    private static func decisive(_ ticket: Ticket, _ known: [UUID: Ticket]) -> Ticket {
        var current = ticket
        for _ in 0..<5 {
            guard current.ticketState == .merged, let parent = current.parentID.flatMap({ known[$0] }) else { break }
            current = parent
        }
        return current
    }
}
