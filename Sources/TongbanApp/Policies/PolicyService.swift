import Fluent
import Foundation
import TongbanCore
import Vapor

/// Publishing policies (administrators) and checking them for a person ("我能享受哪些政策").
struct PolicyService {
    let request: Request

    struct Input: Content {
        var title: String
        var summary: String
        var benefit: String
        var department: String
        var conditions: String
        var itemCode: String?
        var noApplication: Bool?
        var publish: Bool?
    }

    struct View: Content {
        var id: UUID
        var title: String
        var summary: String
        var benefit: String
        var department: String
        var departmentName: String
        var itemCode: String?
        var itemName: String?
        var noApplication: Bool
        var published: Bool
        var conditions: String
    }

    /// One policy checked for one person.
    struct Check: Content {
        enum Eligibility: String, Codable { case eligible, notEligible, unknown }
        var policy: View
        var eligibility: Eligibility
        var title: String
        var conditions: [RuleOutcome]
        /// The case made for this person under a 免申即享 policy, once there is one.
        var grantedCase: UUID?
    }

    /// A policy as administrators follow it: how many people were told, how many 免申即享 cases were made.
    struct Reach: Content {
        var policy: View
        var told: Int
        var granted: Int
    }

    /// Checks and saves (creates, or updates `id`); every problem named under its field.
    func save(_ input: Input, id: UUID? = nil) async throws -> Policy {
        let admin = try request.requireAdmin()
        let snapshot = request.catalog.snapshot
        var problems: [String: String] = [:]
        let title = input.title.trimmed, summary = input.summary.trimmed, benefit = input.benefit.trimmed
        if !(2...60).contains(title.count) { problems["title"] = "标题应为2–60字" }
        if !(5...2000).contains(summary.count) { problems["summary"] = "政策内容应为5–2000字" }
        if !(2...200).contains(benefit.count) { problems["benefit"] = "请写明享受什么（2–200字）" }
        if snapshot.department(input.department) == nil { problems["department"] = "请选择发布部门" }
        var rules: RuleSet?
        do { rules = try RuleSet.decode(json: input.conditions) } catch { problems["conditions"] = "条件格式有误：\(error)" }
        if let rules, rules.rules.isEmpty { problems["conditions"] = "至少需要一个条件" }
        let item = input.itemCode?.trimmed.nilIfEmpty
        if let item, snapshot.items[item] == nil { problems["itemCode"] = "没有这个事项编码" }
        if input.noApplication == true && item == nil { problems["itemCode"] = "免申即享需要指定办结所用的事项" }
        guard problems.isEmpty, let rules else { throw AppError.invalid("policy.invalid", "政策内容有误，请按提示修改", details: problems) }
        let policy: Policy
        if let id {
            guard let found = try await Policy.find(id, on: request.db) else { throw AppError.notFound("政策", code: "policy.not_found") }
            policy = found
        } else {
            policy = Policy()
        }
        let now = request.application.clock.now()
        (policy.title, policy.summary, policy.benefit, policy.departmentCode) = (title, summary, benefit, input.department)
        (policy.conditions, policy.itemCode, policy.noApplication) = (rules.json, item, input.noApplication ?? false)
        (policy.updatedBy, policy.updatedAt) = (admin.realName, now)
        let publishing = input.publish == true && policy.publishedAt == nil
        if publishing { policy.publishedAt = now }
        try await request.db.transaction { db in
            try await policy.save(on: db)
            // Published: tell everyone it is for (精准推送), in the background.
            if publishing { try await PolicyPush.enqueue(policy.id!, on: db, at: now) }
        }
        return policy
    }

    func view(_ policy: Policy) -> View {
        let snapshot = request.catalog.snapshot
        return View(id: policy.id!, title: policy.title, summary: policy.summary, benefit: policy.benefit, department: policy.departmentCode,
                    departmentName: snapshot.department(policy.departmentCode)?.name ?? policy.departmentCode,
                    itemCode: policy.itemCode, itemName: policy.itemCode.flatMap { snapshot.items[$0]?.name },
                    noApplication: policy.noApplication, published: policy.publishedAt != nil, conditions: policy.conditions)
    }

    /// Every policy, drafts too, newest change first, with its reach.
    func reach() async throws -> [Reach] {
        _ = try request.requireAdmin()
        let policies = try await Policy.query(on: request.db).sort(\.$updatedAt, .descending).all()
        let notices = try await PolicyNotice.query(on: request.db).all()
        let told = Dictionary(grouping: notices, by: \.policyID)
        return policies.map { policy in
            let mine = policy.id.flatMap { told[$0] } ?? []
            return Reach(policy: view(policy), told: mine.count, granted: mine.filter { $0.caseID != nil }.count)
        }
    }

    func published() async throws -> [Policy] {
        try await Policy.query(on: request.db).filter(\.$publishedAt != nil).sort(\.$publishedAt, .descending).all()
    }

    /// Every published policy checked for the signed-in person, eligible ones first.
    func checks(for person: Principal) async throws -> [Check] {
        guard let user = try await User.find(person.userID, on: request.db) else { throw AppError.unauthenticated }
        let app = request.application
        let idNumber = try user.idNumberCipher.map { try app.fieldCipher.open($0) } ?? ""
        let today = CalendarDay(app.clock.now())
        let gate = ExchangeGate(db: request.db, cipher: app.fieldCipher, catalog: app.catalogCache.snapshot, now: app.clock.now())
        let policies = try await published()
        let rules = policies.compactMap { try? RuleSet.decode(json: $0.conditions) }
        let needed = rules.reduce(into: Set<String>()) { $0.formUnion($1.requiredFacts) }
        let facts = await PersonFacts(gate: gate, today: today)
            .gather(idNumber: idNumber, name: user.realName, userID: person.userID, needed: needed, purpose: "惠民政策自查")
        let granted = try await PolicyNotice.query(on: request.db).filter(\.$userID == person.userID).filter(\.$caseID != nil).all()
        let grantedCase = Dictionary(granted.map { ($0.policyID, $0.caseID) }, uniquingKeysWith: { a, _ in a })
        var checks: [Check] = []
        for policy in policies {
            guard let rules = try? RuleSet.decode(json: policy.conditions) else { continue }
            let decision = RuleEngine.evaluate(rules, facts: facts, today: CalendarDate(app.clock.now()))
            let eligibility: Check.Eligibility = decision.outcomes.contains { $0.status == .failed } ? .notEligible
                : decision.outcomes.allSatisfy { $0.status == .passed } ? .eligible : .unknown
            let title = switch eligibility {
            case .eligible: "符合条件"
            case .notEligible: "不符合条件"
            case .unknown: "部分条件无法核验"
            }
            checks.append(Check(policy: view(policy), eligibility: eligibility, title: title, conditions: decision.outcomes,
                                grantedCase: policy.id.flatMap { grantedCase[$0] ?? nil }))
        }
        let order: [Check.Eligibility: Int] = [.eligible: 0, .unknown: 1, .notEligible: 2]
        return checks.enumerated().sorted { (order[$0.element.eligibility]!, $0.offset) < (order[$1.element.eligibility]!, $1.offset) }.map(\.element)
    }
}

extension Request {
    var policies: PolicyService { PolicyService(request: self) }
}
