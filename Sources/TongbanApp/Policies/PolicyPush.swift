import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// 精准推送: when a policy is published, everyone it is for is told once (in-app and by SMS). Registry facts are read
/// as the publishing department, through the exchange gate: without the department's data-sharing grant a condition
/// on registry data cannot be checked and nobody is told on a guess. Runs as a job, `batch` people a run, continuing
/// after a pause, so a city-wide push neither holds the database nor floods the SMS gateway.
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
            try await app.db.transaction { db in
                let notice = PolicyNotice()
                (notice.policyID, notice.userID, notice.at) = (policyID, id, now)
                try await notice.create(on: db)
                try await NotificationService(db: db, now: now).notify(
                    id, title: "您可能符合“\(policy.title)”",
                    body: policy.noApplication ? "\(department)发布的“\(policy.title)”（\(policy.benefit)）免申即享，您符合条件，无需申请。"
                        : "\(department)发布的“\(policy.title)”（\(policy.benefit)），您符合条件，可以申请。",
                    link: PolicyPages.mine, sms: true)
            }
        }
        if people.count == batch, let last = people.last?.id {
            try await enqueue(policyID, after: last, on: app.db, at: now.addingTimeInterval(pause))
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
