import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 精准推送: when a policy is published, everyone it is for is told once (in-app and by SMS). Registry facts are read
/// as the publishing department, through the exchange gate: without the department's data-sharing grant a condition
/// on registry data cannot be checked and nobody is told on a guess. Runs as a job, `batch` people a run, continuing
/// after a pause, so a city-wide push neither holds the database nor floods the SMS gateway. For a 免申即享 policy the
/// person is not told to apply: the case is made and decided for them (`CaseService.grant`).
enum PolicyPush {
    static let kind = "policy_push"
    static let batch = 200
    static let pause: TimeInterval = 5

    /// Payload: the policy id, and after a slash the last person already looked at.
    static func enqueue(_ policyID: UUID, after: UUID? = nil, on db: any Database, at: Date) async throws {
        _ = try await JobQueue(db: db).enqueue(kind, payload: policyID.uuidString + (after.map { "/" + $0.uuidString } ?? ""), runAt: at)
    }

    static func run(_ job: Job, _ app: Application) async throws {
        let parts = job.payload.split(separator: "/").map(String.init)
        guard let policyID = parts.first.flatMap(UUID.init(uuidString:)), let policy = try await Policy.find(policyID, on: app.db),
              policy.publishedAt != nil, let rules = try? RuleSet.decode(json: policy.conditions) else { return }
        let now = app.clock.now()
        var query = User.query(on: app.db).filter(\.$idNumberCipher != nil).sort(\.$id).limit(batch)
        if let after = parts.dropFirst().first.flatMap(UUID.init(uuidString:)) { query = query.filter(\.$id > after) }
        let people = try await query.all()
        let told = Set(try await PolicyNotice.query(on: app.db).filter(\.$policyID == policyID).filter(\.$userID ~~ people.compactMap(\.id)).all().map(\.userID))
        let snapshot = app.catalogCache.snapshot
        let gate = ExchangeGate(db: app.db, cipher: app.fieldCipher, catalog: snapshot, now: now)
        let department = snapshot.department(policy.departmentCode)?.name ?? policy.departmentCode
        for person in people where person.passwordHash != CaseSimulator.poolMarker {
            guard let id = person.id, !told.contains(id), let sealed = person.idNumberCipher, let idNumber = try? app.fieldCipher.open(sealed) else { continue }
            let facts = await PersonFacts(gate: gate, today: CalendarDay(now), reader: .init(name: "政策匹配（\(department)）", userID: nil,
                                                                                              departmentCode: policy.departmentCode))
                .gather(idNumber: idNumber, name: person.realName, userID: id, needed: rules.requiredFacts, purpose: policy.itemCode ?? "*")
            let decision = RuleEngine.evaluate(rules, facts: facts, today: CalendarDate(now))
            guard decision.outcomes.allSatisfy({ $0.status == .passed }) else { continue }
            let district = facts["person.district"].flatMap { if case .string(let code) = $0 { code } else { nil } }
            try await serializedTransaction(app.db, gate: app.writeGate) { db in
                let notice = PolicyNotice()
                (notice.policyID, notice.userID, notice.at) = (policyID, id, now)
                if policy.noApplication, policy.itemCode != nil {
                    // 免申即享: the case is created and decided now; its conclusion notice tells the person.
                    let cases = CaseService(db: db, catalog: snapshot, calendar: app.workdays, now: now, cipher: app.fieldCipher)
                    // Already applied and still being handled, or granted before: that case stands; nothing is granted twice.
                    if let standing = try await cases.standingCase(applicant: id, item: policy.itemCode, lifeEvent: nil) {
                        notice.caseID = standing.id
                        try await notice.create(on: db)
                        return
                    }
                    let granted = try await cases.grant(.init(policy: policy, person: id, personName: person.realName, decision: decision,
                                                              districtCode: district))
                    notice.caseID = granted.id
                    try await notice.create(on: db)
                    return
                }
                try await notice.create(on: db)
                try await NotificationService(db: db, now: now).notify(
                    id, title: "您可能符合“\(policy.title)”",
                    body: "\(department)发布的“\(policy.title)”（\(policy.benefit)），您符合条件，可以申请。",
                    link: PolicyPages.mine, sms: true)
            }
        }
        if people.count == batch, let last = people.last?.id {
            try await enqueue(policyID, after: last, on: app.db, at: now.addingTimeInterval(pause))
        }
    }
}

/// People become eligible after a policy is published (a birthday, a registry change): every day each published policy
/// is matched again from the start, unless its matching is still under way. Those already told or granted are skipped.
enum PolicyRecheck {
    static let kind = "policy_recheck"
    static let period: TimeInterval = 24 * 3600

    static func run(_ job: Job, _ app: Application) async throws {
        let pending = try await Job.query(on: app.db).filter(\.$kind == PolicyPush.kind)
            .filter(\.$status ~~ [Job.Status.queued.rawValue, Job.Status.running.rawValue]).all()
            .compactMap { $0.payload.split(separator: "/").first.flatMap { UUID(uuidString: String($0)) } }
        for policy in try await Policy.query(on: app.db).filter(\.$publishedAt != nil).all() {
            guard let id = policy.id, !pending.contains(id) else { continue }
            try await PolicyPush.enqueue(id, on: app.db, at: app.clock.now())
        }
    }
}

/// One person told about one policy: never twice.
final class PolicyNotice: Model, @unchecked Sendable {
    static let schema = "policy_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "policy_id") var policyID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "at") var at: Date
    /// The case created for the person (免申即享); added by `AddPolicyNoticeCase`.
    @OptionalField(key: "case_id") var caseID: UUID?

    init() {}
}

struct CreatePolicyNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PolicyNotice.schema)
            .id()
            .field("policy_id", .uuid, .required, .references(Policy.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("at", .datetime, .required)
            .unique(on: "policy_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PolicyNotice.schema).delete()
    }
}

struct AddPolicyNoticeCase: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PolicyNotice.schema).field("case_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PolicyNotice.schema).deleteField("case_id").update()
    }
}
