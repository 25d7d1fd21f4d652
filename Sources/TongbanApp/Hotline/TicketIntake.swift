import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import TongbanCore
import Vapor

/// A request as it arrives, from a citizen's form, an operator's call sheet, the API or Open311.
struct TicketInput: Content {
    /// A `TicketType` raw value or its Chinese name (咨询, 投诉 …).
    var type: String
    var title: String
    var body: String
    /// District code or name; found from the places the text names when left out.
    var district: String?
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var contactName: String?
    var contactPhone: String?
    var anonymous: Bool?
    var channel: String?
    /// Department code, for a letter to that department head's mailbox.
    var mailboxDepartment: String?
    /// An operator's answer to a consultation while the caller is on the line (一次办结).
    var answer: String?
    /// A department code chosen by an Open311 client's service category: dispatched there without asking the classifier.
    var department: String? = nil
}

/// Who files: decides the channels allowed and where the contact details come from.
enum TicketFiler {
    case citizen(User)
    case hotlineOperator(Principal)
    /// An Open311 client application, by the name its key was issued to.
    case client(String)
    /// A resident's repair or request to their community (社区报修, from 我的社区): it stays with the community's
    /// staff for its category instead of going to the 12345 dispatcher, unless the community escalates it.
    case resident(User, community: String, category: RepairCategory)
    /// A community's urgent alarm nobody took in time (`AlarmEscalation`): the family is the contact, the department named.
    case alarm
    /// A citizen's question an online interview (在线访谈) ended without answering: the asker is the contact, the
    /// interview's department named.
    case interview(User)
}

extension TicketService {
    static let maxTitle = 100
    static let maxBody = 5000

    /// `alongside` runs in the same transaction as the ticket's insert (an Open311 client's record of it, say),
    /// so the ticket and whatever refers to it are saved together or not at all.
    func file(_ input: TicketInput, by filer: TicketFiler,
              alongside: (@Sendable (any Database, Ticket) async throws -> Void)? = nil) async throws -> Ticket {
        try await intake(input, by: filer, alongside: alongside).ticket
    }

    /// An alarm nobody took becomes a ticket once: `claim` runs in the ticket's own transaction and marks the alarm as
    /// escalated by this ticket; when it finds the alarm already escalated or dealt with (another run, another
    /// instance, a staff member just now) it answers false, nothing is filed, and nil is returned.
    func escalate(_ input: TicketInput, claim: @escaping @Sendable (any Database, Ticket) async throws -> Bool) async throws -> Ticket? {
        struct AlreadyHandled: Error {}
        do {
            return try await file(input, by: .alarm) { db, ticket in
                guard try await claim(db, ticket) else { throw AlreadyHandled() }
            }
        } catch is AlreadyHandled {
            return nil
        }
    }

    /// Several tickets and `alongside` in one transaction of their own, all or none: for a change that must not
    /// happen without its tickets (an interview's end files its unanswered questions). No group commit, so the
    /// caller's change commits with exactly these tickets.
    func fileTogether(_ inputs: [(TicketInput, TicketFiler)],
                      alongside: @escaping @Sendable (any Database, [Ticket]) async throws -> Void) async throws -> [Ticket] {
        var writes: [IntakeBatcher.Write] = [], tickets: [Ticket] = []
        for (input, filer) in inputs {
            let prepared = try await prepare(input, by: filer, alongside: nil)
            (writes, tickets) = (writes + [prepared.write], tickets + [prepared.ticket])
        }
        let (batch, saved) = (writes, tickets)
        try await serializedTransaction(db, gate: gate) { db in
            try await IntakeBatcher.insert(batch, on: db)
            try await alongside(db, saved)
        }
        return saved
    }

    /// A ticket just filed, with what its first view needs, so answering the caller costs no further query.
    struct Intake {
        var ticket: Ticket
        var events: [TicketView.Event]
        var related: [UUID: TicketView.Reference]
    }

    func intake(_ input: TicketInput, by filer: TicketFiler,
                alongside: (@Sendable (any Database, Ticket) async throws -> Void)? = nil) async throws -> Intake {
        let (_, write, intake) = try await prepare(input, by: filer, alongside: alongside)
        if let batcher { try await batcher.save(write) } else { try await IntakeBatcher.write([write], db: db, gate: gate) }
        return intake
    }

    /// Refuses a citizen's request past `citizenTicketsPerHour` in the last hour (web form, API, 转人工 alike), counted
    /// from the tickets themselves (`tickets_citizen_idx`), so every instance counts alike and nothing else is stored.
    private func checkFilingPace(of user: User) async throws {
        guard settings.citizenTicketsPerHour > 0, let id = user.id else { return }
        let recent = try await Ticket.query(on: db).filter(\.$citizenID == id)
            .filter(\.$createdAt > now.addingTimeInterval(-3600)).count()
        if recent >= settings.citizenTicketsPerHour {
            throw AppError(.tooManyRequests, "ticket.rate_limited",
                           "您一小时内已提交 \(recent) 件诉求，提交过于频繁，请一小时后再试；情况紧急请直接拨打 12345")
        }
    }

    /// Checks the input and builds the ticket's rows without writing them.
    private func prepare(_ input: TicketInput, by filer: TicketFiler,
                         alongside: (@Sendable (any Database, Ticket) async throws -> Void)?) async throws
        -> (ticket: Ticket, write: IntakeBatcher.Write, intake: Intake) {
        if case .citizen(let user) = filer { try await checkFilingPace(of: user) }
        var problems: [String: String] = [:]
        let type = TicketType(title: input.type.trimmed)
        if type == nil { problems["type"] = "请选择诉求类型：咨询、投诉、建议、举报、求助或表扬" }
        let title = input.title.trimmed, body = input.body.trimmed
        if title.count < 2 || title.count > Self.maxTitle { problems["title"] = "标题应为2–\(Self.maxTitle)字" }
        if body.count < 5 || body.count > Self.maxBody { problems["body"] = "内容应为5–\(Self.maxBody)字，请说明时间、地点和具体情况" }
        let anonymous = input.anonymous ?? false
        if anonymous, let type, !type.allowsAnonymity { problems["anonymous"] = "只有举报可以匿名" }
        var district: String?
        if let given = input.district?.trimmed.nilIfEmpty {
            district = catalog.districts.first { $0.code == given || $0.name == given }?.code
            if district == nil { problems["district"] = "没有这个区县：\(given)" }
        }
        let address = input.address?.trimmed.nilIfEmpty
        if let address, address.count > 200 { problems["address"] = "地址不超过200字" }
        if let latitude = input.latitude, !(-90...90).contains(latitude) { problems["lat"] = "纬度应在 -90 到 90 之间" }
        if let longitude = input.longitude, !(-180...180).contains(longitude) { problems["long"] = "经度应在 -180 到 180 之间" }
        let channel = try self.channel(input.channel, for: filer, problems: &problems)
        var mailbox: (id: UUID, record: DepartmentRecord)?
        if channel == .departmentMailbox {
            if let code = input.mailboxDepartment?.trimmed.nilIfEmpty, let found = try? department(code) { mailbox = found } else {
                problems["mailboxDepartment"] = "请选择写信的部门"
            }
        }
        let contact = try await self.contact(input, filer: filer, anonymous: anonymous, problems: &problems)
        var category: (id: UUID, record: DepartmentRecord)?
        if let code = input.department?.trimmed.nilIfEmpty {
            switch filer {
            case .client, .alarm, .interview: break
            default: throw AppError.forbidden
            }
            category = try department(code)
        }
        let answer = input.answer?.trimmed.nilIfEmpty
        if answer != nil {
            guard case .hotlineOperator = filer else { throw AppError.forbidden }
            if type != .consult { problems["answer"] = "只有咨询可以当场答复办结" }
        }
        guard problems.isEmpty, let type else {
            throw AppError.invalid("ticket.invalid", problems.values.sorted().joined(separator: "；"), details: problems)
        }

        var resident: (community: String, category: RepairCategory)?
        if case .resident(_, let community, let category) = filer { resident = (community, category) }
        let classifier = try await model.current(db)
        let predictions = classifier.predict(title + "\n" + body).prefix(3)
        let suggestions = predictions.map { DispatchSuggestion(department: $0.label, confidence: ($0.confidence * 1000).rounded() / 1000) }
        if district == nil {
            district = HotlinePlaces.matcher(districts: catalog.districts).district(in: title + body + (address ?? ""))
        }

        let ticket = Ticket()
        ticket.id = UUID()
        ticket.number = Self.newNumber(now: now)
        ticket.accessCode = Self.newAccessCode()
        ticket.type = type.rawValue
        ticket.channel = channel.rawValue
        ticket.state = TicketState.pending.rawValue
        ticket.title = title
        ticket.body = body
        ticket.districtCode = district
        ticket.address = address
        ticket.latitude = input.latitude
        ticket.longitude = input.longitude
        ticket.citizenID = anonymous ? nil : contact.citizenID
        ticket.contactName = anonymous ? nil : contact.name
        ticket.contactPhoneCipher = anonymous ? nil : contact.phoneCipher
        ticket.contactPhoneHash = anonymous ? nil : contact.phoneHash
        ticket.anonymous = anonymous
        ticket.mailboxDepartmentID = mailbox?.id
        if case .hotlineOperator(let person) = filer { ticket.operatorID = person.userID }
        // A community's work order is on no department's topic, so it is never proposed as a duplicate of a 12345 ticket.
        ticket.topic = resident == nil ? suggestions.first?.department : nil
        ticket.suggestionsJSON = String(decoding: try JSONEncoder().encode(Array(suggestions)), as: UTF8.self)
        ticket.limitDays = settings.limits.limit(type)
        (ticket.atRiskNotified, ticket.escalated, ticket.firstContact) = (false, false, false)
        (ticket.returnCount, ticket.reopenCount, ticket.extensionDays) = (0, 0, 0)
        (ticket.createdAt, ticket.updatedAt) = (now, now)
        let related = try await findRelated(ticket, linkAccount: contact.citizenID == nil && !anonymous)

        var events: [(kind: String, message: String, isPublic: Bool, department: String?)] = [
            ("filed", resident == nil ? "\(channel.title)受理\(type.title)诉求，工单号 \(ticket.number)" : "社区报修已受理，工单号 \(ticket.number)", true, nil),
        ]
        if let answer {
            ticket.state = TicketState.closed.rawValue
            Self.markReplied(ticket, answer, at: now, calendar: calendar)
            (ticket.closedAt, ticket.firstContact) = (now, true)
            ticket.departmentID = catalog.departmentIDs["sjzy"]
            events.append(("answered", "话务员当场答复，一次办结：\(answer)", true, nil))
        } else if let resident {
            try dispatch(ticket, to: nil, mode: "community")
            (ticket.communityCode, ticket.communityCategory) = (resident.community, resident.category.rawValue)
            events.append(("dispatched", "\(resident.category.title)，转\(resident.category.handlerTitle)办理", true, nil))
        } else if let mailbox {
            try dispatch(ticket, to: mailbox.id, mode: "mailbox")
            events.append(("dispatched", "来信转\(mailbox.record.name)负责人信箱办理", true, mailbox.record.code))
        } else if let category, case .alarm = filer {
            try dispatch(ticket, to: category.id, mode: "alarm")
            events.append(("dispatched", "社区紧急告警无人接单，直派\(category.record.name)", true, category.record.code))
        } else if let category, case .interview = filer {
            try dispatch(ticket, to: category.id, mode: "interview")
            events.append(("dispatched", "在线访谈中未及答复的提问，直派\(category.record.name)", true, category.record.code))
        } else if let category {
            try dispatch(ticket, to: category.id, mode: "category")
            events.append(("dispatched", "按所选类别派至\(category.record.name)", true, category.record.code))
        } else {
            events.append(try autoDispatch(ticket, suggestions))
        }
        if ticket.repeatOf != nil { events.append(("repeat", "同一来电人30日内就相似事项再次反映（重复诉求）", false, nil)) }

        let id = try ticket.requireID()
        let rows = events.enumerated().map {
            TicketRows.Event(ticketId: id, at: now, seq: $0.offset, actorName: "12345", kind: $0.element.kind, message: $0.element.message, public: $0.element.isPublic,
                             departmentCode: $0.element.department)
        }
        let notices = ticket.citizenID.map { citizen in
            [NotificationService.Row(userId: citizen, channel: Notification.Channel.inApp.rawValue, title: resident == nil ? "12345诉求已受理" : "社区报修已受理",
                                     body: "您反映的“\(ticket.title)”已登记，工单号 \(ticket.number)。", link: TicketURL.mine(ticket.number),
                                     status: Notification.Status.sent.rawValue, sentAt: now, createdAt: now)]
        } ?? []
        let saved = ticket
        let write = IntakeBatcher.Write(ticket: try TicketRows.Ticket(ticket), events: rows, notices: notices,
                                        alongside: alongside.map { hook in { db in try await hook(db, saved) } })
        return (ticket, write, Intake(ticket: ticket, events: rows.map { .init(at: $0.at, actor: $0.actorName, kind: $0.kind, message: $0.message, isPublic: $0.public) },
                                      related: related))
    }

    /// 智能派单 when the classifier is sure enough, else the ticket waits for a dispatcher; returns the step to record.
    /// At intake, and when a community escalates a work order into a 12345 ticket.
    func autoDispatch(_ ticket: Ticket, _ suggestions: some Collection<DispatchSuggestion>) throws
        -> (kind: String, message: String, isPublic: Bool, department: String?) {
        guard let top = suggestions.first, top.confidence >= settings.dispatchThreshold, let target = catalog.departmentIDs[top.department] else {
            return ("queued", "待人工派单（智能派单置信度不足）", false, nil)
        }
        try dispatch(ticket, to: target, mode: "auto")
        let name = catalog.department(top.department)?.name ?? top.department
        return ("dispatched", "智能派单至\(name)（置信度 \(Int((top.confidence * 100).rounded()))%）", true, top.department)
    }

    /// Puts a ticket with a department and starts its clock; with no department, a community's work order stays
    /// with its community (the same clock, for the community's staff).
    func dispatch(_ ticket: Ticket, to departmentID: UUID?, mode: String) throws {
        ticket.state = TicketState.dispatched.rawValue
        ticket.departmentID = departmentID
        ticket.dispatchMode = mode
        ticket.dispatchedAt = now
        ticket.signedAt = nil
        try startClock(ticket)
    }

    private func channel(_ given: String?, for filer: TicketFiler, problems: inout [String: String]) throws -> TicketChannel {
        let allowed: [TicketChannel]
        switch filer {
        case .citizen: allowed = [.web, .app, .api, .mayorMailbox, .departmentMailbox, .assistant]
        case .hotlineOperator: allowed = [.phone, .mayorMailbox, .departmentMailbox, .web]
        case .client: allowed = [.open311]
        case .resident: allowed = [.community]
        case .alarm: allowed = [.device]
        case .interview: allowed = [.web]
        }
        guard let given = given?.trimmed.nilIfEmpty else { return allowed[0] }
        guard let channel = TicketChannel(rawValue: given), allowed.contains(channel) else {
            problems["channel"] = "渠道应为：" + allowed.map(\.rawValue).joined(separator: "、")
            return allowed[0]
        }
        return channel
    }

    struct Contact {
        var name: String?
        var phoneCipher: String?
        var phoneHash: String?
        var citizenID: UUID?
    }

    /// A citizen's own account gives the contact; an operator types what the caller says; a client may pass one.
    private func contact(_ input: TicketInput, filer: TicketFiler, anonymous: Bool, problems: inout [String: String]) async throws -> Contact {
        switch filer {
        case .citizen(let user), .resident(let user, _, _), .interview(let user):
            return Contact(name: user.realName, phoneCipher: user.phoneCipher, phoneHash: user.phoneHash, citizenID: user.id)
        case .hotlineOperator, .client, .alarm: break
        }
        let name = input.contactName?.trimmed.nilIfEmpty
        if let name, name.count > 50 { problems["contactName"] = "姓名不超过50字" }
        guard let phone = input.contactPhone?.filter({ !$0.isWhitespace && $0 != "-" }).nilIfEmpty else {
            if case .hotlineOperator = filer, !anonymous { problems["contactPhone"] = "请填写来电号码（匿名举报除外）" }
            return Contact(name: name)
        }
        guard phone.range(of: "^(1[3-9][0-9]{9}|0[1-9][0-9]{9,10})$", options: .regularExpression) != nil else {
            problems["contactPhone"] = "电话号码应为11位手机号或带区号的固定电话"
            return Contact(name: name)
        }
        return Contact(name: name, phoneCipher: try cipher.seal(phone), phoneHash: cipher.lookupHash("phone:" + phone))
    }

    /// 重复件 and 重复诉求: a recent open ticket about the same thing in the same district is proposed as the
    /// parent; an earlier ticket by the same caller about the same thing marks this one as a repeat.
    /// Everything intake needs from the database in one round trip: the caller's account (by phone), open tickets
    /// on the same topic in the same district (duplicates), and the caller's recent tickets (repeats). Without a
    /// district there is no "same place" to compare, so only repeats are looked for. Each part has its own index
    /// (an OR across two columns would scan the whole table on every call). Returns the related tickets.
    private func findRelated(_ ticket: Ticket, linkAccount: Bool) async throws -> [UUID: TicketView.Reference] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let nearSince = now.addingTimeInterval(-Double(settings.duplicateWindowDays) * 86_400)
        let mineSince = now.addingTimeInterval(-Double(settings.repeatWindowDays) * 86_400)
        let open = [TicketState.pending, .dispatched, .handling].map(\.rawValue)
        let district = ticket.topic == nil ? nil : ticket.districtCode
        let rows = try await sql.raw("""
            SELECT 'user' AS kind, id, '' AS number, '' AS title, '' AS body FROM users
              WHERE \(bind: linkAccount) AND phone_hash = \(bind: ticket.contactPhoneHash)
            UNION ALL SELECT * FROM (SELECT 'near' AS kind, id, number, title, substr(body, 1, \(unsafeRaw: String(Self.comparedLength))) AS body FROM tickets
              WHERE district_code = \(bind: district) AND topic = \(bind: ticket.topic) AND created_at >= \(bind: nearSince)
              AND state IN (\(binds: open)) AND parent_id IS NULL ORDER BY created_at DESC LIMIT 20) AS near
            UNION ALL SELECT * FROM (SELECT 'mine' AS kind, id, number, title, substr(body, 1, \(unsafeRaw: String(Self.comparedLength))) AS body FROM tickets
              WHERE contact_phone_hash = \(bind: ticket.contactPhoneHash) AND created_at >= \(bind: mineSince)
              ORDER BY created_at DESC LIMIT 20) AS by_phone
            UNION ALL SELECT * FROM (SELECT 'mine' AS kind, id, number, title, substr(body, 1, \(unsafeRaw: String(Self.comparedLength))) AS body FROM tickets
              WHERE citizen_id = \(bind: ticket.citizenID) AND contact_phone_hash IS NULL AND created_at >= \(bind: mineSince)
              ORDER BY created_at DESC LIMIT 20) AS by_account
            """).all(decoding: RelatedRow.self)
        if let user = rows.first(where: { $0.kind == "user" }) { ticket.citizenID = user.id }
        let vector = catalog.index.similarityVector(Self.compared(ticket.title, ticket.body))
        var related: [UUID: TicketView.Reference] = [:]
        if let best = mostSimilar(vector, among: rows.filter { $0.kind == "near" }) {
            (ticket.duplicateOf, ticket.duplicateScore) = (best.row.id, (best.score * 1000).rounded() / 1000)
            related[best.row.id] = .init(number: best.row.number, title: best.row.title, score: ticket.duplicateScore)
        }
        if let best = mostSimilar(vector, among: rows.filter { $0.kind == "mine" }) {
            ticket.repeatOf = best.row.id
            related[best.row.id] = related[best.row.id] ?? .init(number: best.row.number, title: best.row.title, score: nil)
        }
        DuplicateVectors.remember(try ticket.requireID(), vector, revision: catalog.revision)
        return related
    }

    /// Two reports of the same street light say so in their first sentences; comparing the title and the start of
    /// the text keeps a long letter from costing more than the call it duplicates. The twenty most recent open
    /// tickets on the topic in the district are the candidates: a duplicate is a report of something still open.
    static let comparedLength = 300

    static func compared(_ title: String, _ body: String) -> String {
        title + "\n" + String(body.prefix(comparedLength))
    }

    private struct RelatedRow: Decodable {
        var kind: String
        var id: UUID
        var number: String
        var title: String
        var body: String
    }

    private func mostSimilar(_ vector: SearchIndex.SimilarityVector, among candidates: [RelatedRow]) -> (row: RelatedRow, score: Double)? {
        var best: (row: RelatedRow, score: Double)?
        for candidate in candidates {
            let other = DuplicateVectors.vector(candidate.id, revision: catalog.revision) {
                catalog.index.similarityVector(Self.compared(candidate.title, candidate.body))
            }
            let score = SearchIndex.similarity(vector, other)
            if score >= settings.duplicateThreshold, score > (best?.score ?? 0) { best = (candidate, score) }
        }
        return best
    }
}

/// Recent tickets' weighed texts, kept so each is tokenised once rather than once per newcomer it is compared with.
/// The candidates are always the newest open tickets of a topic and district, so a few thousand recently used
/// vectors cover them; a count bound alone let a busy server's memory climb for hours as the cache filled (soak,
/// 2026-11-26). Tied to the catalogue revision whose term weights it used.
enum DuplicateVectors {
    static let capacity = 6_000
    private static let cache = NIOLockedValueBox<(revision: String, vectors: RecentCache<UUID, SearchIndex.SimilarityVector>)>(
        ("", RecentCache(capacity: capacity)))

    static func vector(_ id: UUID, revision: String, orMake make: () -> SearchIndex.SimilarityVector) -> SearchIndex.SimilarityVector {
        if let known = cache.withLockedValue({ $0.revision == revision ? $0.vectors.value(id) : nil }) { return known }
        let made = make()
        remember(id, made, revision: revision)
        return made
    }

    static func remember(_ id: UUID, _ vector: SearchIndex.SimilarityVector, revision: String) {
        cache.withLockedValue { cache in
            if cache.revision != revision { cache = (revision, RecentCache(capacity: capacity)) }
            cache.vectors.insert(id, vector)
        }
    }

    static var count: Int { cache.withLockedValue { $0.vectors.count } }
}

enum TicketURL {
    static func mine(_ number: String) -> String { "/me/tickets/\(number)" }
    static func staff(_ number: String) -> String { "/workbench/tickets/\(number)" }
}
