import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// The hotline's indicators over a period, as the national 12345 assessment defines them; computed from the
/// tickets themselves (and imported call records for 接通率), never typed in.
struct HotlineKPIs: Content {
    struct DepartmentLine: Content {
        var department: String
        var departmentName: String
        var dispatched: Int
        var returned: Int
        /// Returns over tickets dispatched to the department (退单率).
        var returnRate: Double?
        var replied: Int
        var onTimeRate: Double?
        var satisfactionRate: Double?
    }

    var from: Date
    var to: Date
    /// Tickets filed in the period.
    var filed: Int
    /// Of those, concluded (answered or closed) so far: 办结率.
    var concluded: Int
    var completionRate: Double?
    /// Replies given by the deadline, over replies given in the period: 按时办结率.
    var onTimeRate: Double?
    /// (满意 + 基本满意) over callbacks with an answer: 满意率.
    var satisfactionRate: Double?
    var callbacks: Int
    /// Mean working days from filing to reply.
    var averageWorkdays: Double?
    /// Closed while the caller was on the line, over tickets filed: 一次办结率.
    var firstContactRate: Double?
    /// Tickets flagged as a repeat of the same caller's earlier complaint: 重复诉求率.
    var repeatRate: Double?
    /// Answered calls over all inbound calls in the imported call records: 接通率; nil without records.
    var connectionRate: Double?
    var calls: Int
    var byDepartment: [DepartmentLine]
    var byChannel: [String: Int]
    var byType: [String: Int]
}

extension TicketService {
    /// Tickets are read in one pass; a year of a city's hotline (500,000) is a few seconds, so dashboards cache it.
    func kpis(from: Date, to: Date) async throws -> HotlineKPIs {
        guard from < to else { throw AppError.invalid("kpi.range", "开始时间应早于结束时间", details: ["from": "开始时间应早于结束时间"]) }
        let filed = try await Ticket.query(on: db).filter(\.$createdAt >= from).filter(\.$createdAt < to).all()
        let replied = try await Ticket.query(on: db).filter(\.$repliedAt >= from).filter(\.$repliedAt < to).all()
        let concluded = filed.filter { $0.repliedAt != nil || $0.ticketState == .closed || $0.ticketState == .merged }
        let rated = replied.compactMap(\.satisfaction)
        let calls = try await CallRecord.query(on: db).filter(\.$startedAt >= from).filter(\.$startedAt < to).all()
        var workdays: [Double] = []
        for ticket in replied {
            guard let at = ticket.repliedAt else { continue }
            do throws(WorkdayError) { workdays.append(try calendar.elapsedWorkdays(from: ticket.createdAt, to: at)) } catch {}
        }
        let returns = try await TicketEvent.query(on: db).filter(\.$kind == "returned").filter(\.$at >= from).filter(\.$at < to).all()
        let dispatches = try await TicketEvent.query(on: db).filter(\.$kind ~~ ["dispatched", "reassigned"]).filter(\.$at >= from).filter(\.$at < to).all()
        return HotlineKPIs(
            from: from, to: to, filed: filed.count, concluded: concluded.count, completionRate: Self.rate(concluded.count, filed.count),
            onTimeRate: Self.rate(replied.filter(onTime).count, replied.count),
            satisfactionRate: Self.rate(rated.filter { $0 != "不满意" }.count, rated.count), callbacks: rated.count,
            averageWorkdays: workdays.isEmpty ? nil : workdays.reduce(0, +) / Double(workdays.count),
            firstContactRate: Self.rate(filed.filter(\.firstContact).count, filed.count),
            repeatRate: Self.rate(filed.filter { $0.repeatOf != nil }.count, filed.count),
            connectionRate: Self.rate(calls.filter(\.answered).count, calls.count), calls: calls.count,
            byDepartment: try await departmentLines(replied: replied, returns: returns, dispatches: dispatches),
            byChannel: Dictionary(grouping: filed, by: \.channel).mapValues(\.count),
            byType: Dictionary(grouping: filed, by: \.type).mapValues(\.count))
    }

    private func onTime(_ ticket: Ticket) -> Bool {
        guard let replied = ticket.repliedAt else { return false }
        guard let deadline = ticket.deadlineAt else { return true }  // answered on the spot or imported without one
        return replied <= deadline
    }

    /// Dispatches and returns are counted by the department recorded on the step (a return is charged to the
    /// department that returned the ticket).
    private func departmentLines(replied: [Ticket], returns: [TicketEvent], dispatches: [TicketEvent]) async throws -> [HotlineKPIs.DepartmentLine] {
        let sentTo = Dictionary(grouping: dispatches.compactMap(\.departmentCode), by: { $0 }).mapValues(\.count)
        let returnedBy = Dictionary(grouping: returns.compactMap(\.departmentCode), by: { $0 }).mapValues(\.count)
        return catalog.departments.compactMap { department -> HotlineKPIs.DepartmentLine? in
            let id = catalog.departmentIDs[department.code]
            let theirs = replied.filter { $0.departmentID == id }
            let sent = sentTo[department.code] ?? 0
            let back = returnedBy[department.code] ?? 0
            guard !theirs.isEmpty || sent > 0 || back > 0 else { return nil }
            let rated = theirs.compactMap(\.satisfaction)
            return .init(department: department.code, departmentName: department.name, dispatched: sent, returned: back,
                         returnRate: Self.rate(back, sent), replied: theirs.count, onTimeRate: Self.rate(theirs.filter(onTime).count, theirs.count),
                         satisfactionRate: Self.rate(rated.filter { $0 != "不满意" }.count, rated.count))
        }
    }

    static func rate(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }
}
