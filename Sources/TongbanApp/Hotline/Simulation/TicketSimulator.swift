import Fluent
import Foundation
import TongbanCore
import Vapor

/// The hotline's part of `tongban simulate`: days of 12345 tickets written straight into the database, played
/// forward on the working-day calendar — dispatched (some returned first), answered mostly in time, rated on
/// callback — so the indicators, queues and dashboards have a realistic history to stand on. The texts are the
/// shipped Lu'an requests, each going to the department it is labelled with.
struct TicketSimulator {
    let app: Application
    let days: Int
    /// Tickets on an ordinary working day; the hotline also answers at weekends, with fewer calls.
    let perDay: Double
    let seed: UInt64
    let now: Date

    static let types: [(TicketType, Double)] = [(.complaint, 35), (.consult, 30), (.help, 15), (.suggestion, 10), (.report, 7), (.praise, 3)]
    static let channels: [(TicketChannel, Double)] = [(.phone, 62), (.app, 14), (.web, 12), (.mayorMailbox, 5), (.api, 5), (.departmentMailbox, 2)]
    static let districts: [(String, Double)] = [("341502", 20), ("341503", 20), ("341504", 8), ("341522", 14), ("341523", 13), ("341524", 15), ("341525", 10)]
    static let satisfaction: [(String, Double)] = [("满意", 82), ("基本满意", 11), ("不满意", 7)]

    func run() async throws -> Int {
        var rng = SplitMix64(seed: seed ^ 0x12345)
        let snapshot = app.catalogCache.snapshot
        let examples = DispatchModel.bundled.filter { snapshot.departmentIDs[$0.label] != nil }
        guard !examples.isEmpty else { return 0 }
        let limits = app.settings.hotline.limits
        let tag = String((0..<2).map { _ in Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ").randomElement(using: &rng)! })
        let today = CalendarDay(now)
        var written = 0
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let day = today.adding(days: -offset)
            let workday = (try? app.workdays.isWorkday(day)) ?? true
            let expected = DemandModel.expected(on: day, isWorkday: true, base: perDay) * (workday ? 1 : 0.6)
            var writes: [IntakeBatcher.Write] = []
            for sequence in 0..<DemandModel.poisson(expected, using: &rng) {
                let filed = day.startInstant.addingTimeInterval(Double(DemandModel.arrivalMinute(isWorkday: true, using: &rng) * 60))
                guard filed <= now else { continue }
                let example = examples.randomElement(using: &rng)!
                let number = String(format: "12345-%04d%02d%02d-", day.year, day.month, day.day) + tag + String(sequence, radix: 32).uppercased()
                writes.append(try play(number: number, filed: filed, example: example, limits: limits, snapshot: snapshot, using: &rng))
            }
            for chunk in writes.chunked(300) { try await IntakeBatcher.write(Array(chunk), db: app.db, gate: app.writeGate) }
            written += writes.count
        }
        return written
    }

    /// One ticket's life up to now, as rows.
    func play<G: RandomNumberGenerator>(number: String, filed: Date, example: LabelledText, limits: TicketLimits,
                                        snapshot: CatalogSnapshot, using rng: inout G) throws -> IntakeBatcher.Write {
        let type = Self.pick(Self.types, using: &rng), channel = Self.pick(Self.channels, using: &rng)
        let lines = example.text.split(separator: "\n", maxSplits: 1).map(String.init)
        let ticket = Ticket()
        ticket.id = UUID()
        (ticket.number, ticket.accessCode, ticket.type, ticket.channel) = (number, TicketService.newAccessCode(), type.rawValue, channel.rawValue)
        (ticket.title, ticket.body) = (String((lines.first ?? "诉求").prefix(TicketService.maxTitle)), lines.count > 1 ? lines[1] : lines[0])
        ticket.districtCode = Self.pick(Self.districts, using: &rng)
        (ticket.anonymous, ticket.topic, ticket.suggestionsJSON) = (false, example.label, "[]")
        ticket.limitDays = limits.limit(type)
        (ticket.atRiskNotified, ticket.escalated, ticket.firstContact) = (false, false, false)
        (ticket.returnCount, ticket.reopenCount, ticket.extensionDays) = (0, 0, 0)
        (ticket.createdAt, ticket.updatedAt) = (filed, filed)
        var events: [(Date, String, String, String, String?)] = [(filed, "12345", "filed", "\(channel.title)受理\(type.title)诉求，工单号 \(number)", nil)]
        func finish(_ at: Date, reply: String) {
            TicketService.markReplied(ticket, reply, at: at, calendar: app.workdays)
            ticket.updatedAt = at
            ticket.state = TicketState.replied.rawValue
            events.append((at, snapshot.department(example.label)?.name ?? "承办部门", "replied", "答复：\(reply)", nil))
            let rated = at.addingTimeInterval(Double.random(in: 3_600...172_800, using: &rng))
            guard rated <= now else { return }
            let verdict = Self.pick(Self.satisfaction, using: &rng)
            (ticket.satisfaction, ticket.closedAt, ticket.state, ticket.updatedAt) = (verdict, rated, TicketState.closed.rawValue, rated)
            events.append((rated, "来电人", "closed", "回访\(verdict)，工单办结", nil))
        }
        // 一次办结: a share of phone consultations is answered while the caller is still on the line.
        if type == .consult, channel == .phone, Double.random(in: 0..<1, using: &rng) < 0.3 {
            ticket.departmentID = snapshot.departmentIDs["sjzy"]
            ticket.firstContact = true
            finish(filed.addingTimeInterval(240), reply: "话务员依据办事指南当场答复。")
            return try write(ticket, events)
        }
        var dispatched = filed.addingTimeInterval(Double.random(in: 60...5_400, using: &rng))
        let target = snapshot.departmentIDs[example.label]!
        if Double.random(in: 0..<1, using: &rng) < 0.05, let wrong = snapshot.departments.filter({ $0.code != example.label }).randomElement(using: &rng) {
            events.append((dispatched, "12345", "dispatched", "派单至\(wrong.name)", wrong.code))
            dispatched = dispatched.addingTimeInterval(Double.random(in: 3_600...28_800, using: &rng))
            events.append((dispatched, wrong.name, "returned", "退单：不属于本部门职责", wrong.code))
            ticket.returnCount = 1
        }
        guard dispatched <= now else {
            ticket.state = TicketState.pending.rawValue
            return try write(ticket, events)
        }
        (ticket.state, ticket.departmentID, ticket.dispatchMode, ticket.dispatchedAt) = (TicketState.dispatched.rawValue, target, "auto", dispatched)
        events.append((dispatched, "12345", "dispatched", "派单至\(snapshot.department(example.label)?.name ?? example.label)", example.label))
        let clock = DeadlineClock(start: dispatched, limitWorkdays: ticket.limitDays, calendar: app.workdays)
        do throws(WorkdayError) {
            ticket.deadlineAt = try clock.deadline(now: dispatched)
            ticket.atRiskAt = try clock.atRiskFrom(now: dispatched)
        } catch { throw AppError(.unprocessableEntity, error.code, error.message) }
        let signed = dispatched.addingTimeInterval(Double.random(in: 600...14_400, using: &rng))
        if signed <= now {
            (ticket.state, ticket.signedAt) = (TicketState.handling.rawValue, signed)
            events.append((signed, "承办部门", "signed", "已签收", nil))
        }
        let span = max(ticket.deadlineAt!.timeIntervalSince(dispatched), 3_600)
        let replied = dispatched.addingTimeInterval(span * DemandModel.processingShare(using: &rng))
        ticket.atRiskNotified = (ticket.atRiskAt.map { $0 <= min(replied, now) }) ?? false
        ticket.escalated = ticket.deadlineAt! <= min(replied, now)
        if replied <= now, signed <= replied { finish(replied, reply: "已核实处理，并将结果告知来电人。") }
        return try write(ticket, events)
    }

    func write(_ ticket: Ticket, _ events: [(Date, String, String, String, String?)]) throws -> IntakeBatcher.Write {
        let id = try ticket.requireID()
        let rows = events.enumerated().map { index, event in
            TicketRows.Event(ticketId: id, at: event.0, seq: index, actorName: event.1, kind: event.2, message: event.3, public: event.2 != "returned",
                             departmentCode: event.4)
        }
        return IntakeBatcher.Write(ticket: try TicketRows.Ticket(ticket), events: rows, notices: [], alongside: nil)
    }

    static func pick<T, G: RandomNumberGenerator>(_ weighted: [(T, Double)], using rng: inout G) -> T {
        var roll = Double.random(in: 0..<weighted.reduce(0) { $0 + $1.1 }, using: &rng)
        for (value, weight) in weighted {
            if roll < weight { return value }
            roll -= weight
        }
        return weighted[weighted.count - 1].0
    }
}
