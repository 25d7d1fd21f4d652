import Fluent
import Foundation
import TongbanCore
import Vapor

/// Tells each household member with an account, in-app and by SMS, a few days before a bill is due and once when it
/// becomes overdue. Each bill is marked as it is told, in the same transaction, so nobody is told twice; a household
/// without accounts is marked too, so it is not looked at again every hour.
enum BillReminders {
    static let kind = "bill_reminders"
    static let period: TimeInterval = 3600
    static let batch = 2000

    static func run(_ job: Job, _ app: Application) async throws {
        let now = app.clock.now()
        let today = CalendarDay(now)
        let horizon = today.adding(days: app.settings.bills.reminderDays).description
        let soon = try await Bill.query(on: app.db).filter(\.$paidAt == nil).filter(\.$remindedAt == nil)
            .filter(\.$dueOn >= today.description).filter(\.$dueOn <= horizon).limit(batch).all()
        let overdue = try await Bill.query(on: app.db).filter(\.$paidAt == nil).filter(\.$overdueNotifiedAt == nil)
            .filter(\.$dueOn < today.description).limit(batch).all()
        guard !soon.isEmpty || !overdue.isEmpty else { return }
        struct Key: Hashable { var community: String; var household: String }
        let key = { (bill: Bill) in Key(community: bill.communityCode, household: bill.householdNumber) }
        let households = Set((soon + overdue).map(key))
        let members = try await PopulationRecord.query(on: app.db).filter(\.$householdNumber ~~ Set(households.map(\.household)))
            .filter(\.$alive == true).field(\.$personHash).field(\.$householdNumber).field(\.$communityCode).all()
        let users = try await User.query(on: app.db).filter(\.$idNumberHash ~~ members.map(\.personHash)).field(\.$id).field(\.$idNumberHash).all()
        let userByHash = Dictionary(users.compactMap { user in user.idNumberHash.flatMap { hash in user.id.map { (hash, $0) } } }) { a, _ in a }
        var accounts: [Key: [UUID]] = [:]
        for member in members {
            guard let community = member.communityCode, let user = userByHash[member.personHash] else { continue }
            accounts[Key(community: community, household: member.householdNumber), default: []].append(user)
        }
        var outbox = NotificationService.Outbox()
        let notices = NotificationService(db: app.db, now: now)
        for (household, bills) in Dictionary(grouping: soon, by: key) {
            let text = bills.map { "\($0.period)\($0.kind) \(BillMoney.yuan($0.amountFen)) 元（\(CalendarDay($0.dueOn).map { "\($0.month)月\($0.day)日" } ?? $0.dueOn)前）" }
            for user in accounts[household] ?? [] {
                outbox.append(notices.notice(user, title: "缴费提醒",
                                             body: "您家有\(bills.count)笔费用即将到期：\(text.joined(separator: "、"))。可在“我的社区—社区缴费”在线缴纳。",
                                             link: BillPages.mine))
            }
        }
        for (household, bills) in Dictionary(grouping: overdue, by: key) {
            let text = bills.map { "\($0.period)\($0.kind) \(BillMoney.yuan($0.amountFen)) 元" }
            for user in accounts[household] ?? [] {
                outbox.append(notices.notice(user, title: "欠费提醒",
                                             body: "您家有\(bills.count)笔费用已过缴费截止日：\(text.joined(separator: "、"))。请尽快在“我的社区—社区缴费”缴纳。",
                                             link: BillPages.mine))
            }
        }
        let (soonIDs, overdueIDs, ready) = (soon.compactMap(\.id), overdue.compactMap(\.id), outbox)
        try await serializedTransaction(app.db, gate: app.writeGate) { db in
            try await ready.insert(on: db)
            if !soonIDs.isEmpty { try await Bill.query(on: db).filter(\.$id ~~ soonIDs).set(\.$remindedAt, to: now).update() }
            if !overdueIDs.isEmpty { try await Bill.query(on: db).filter(\.$id ~~ overdueIDs).set(\.$overdueNotifiedAt, to: now).update() }
        }
    }
}
