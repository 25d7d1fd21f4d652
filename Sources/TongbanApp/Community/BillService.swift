import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Bills of a community's households: issuing them (one household, a building, everyone), a household's list,
/// and the arrears. No HTTP in here; who may do what is checked by the routes.
struct BillService {
    let db: any Database
    let gate: WriteGate?
    let now: Date

    var today: String { CalendarDay(now).description }

    /// What staff fill in. The API sends `amountFen`; the page sends `amount` in 元, as people type it.
    struct IssueInput: Content {
        enum Scope: String, Codable { case household, building, community }
        var scope: String?
        var household: String?
        var building: String?
        var kind: String?
        var period: String?
        var amountFen: Int?
        var amount: String?
        var dueOn: String?
    }

    struct IssueResult: Content {
        var created: Int
        /// Households that already had a bill of this kind for this period.
        var skipped: Int
        var totalFen: Int
    }

    struct View: Content {
        var id: UUID
        var kind: String
        var period: String
        var amountFen: Int
        var amount: String
        var dueOn: String
        var status: String
        var household: String
        var building: String?
        var paidAt: Date?
        var paymentId: UUID?
    }

    func view(_ bill: Bill) -> View {
        View(id: bill.id ?? UUID(), kind: bill.kind, period: bill.period, amountFen: bill.amountFen, amount: BillMoney.yuan(bill.amountFen),
             dueOn: bill.dueOn, status: bill.status(today: today), household: bill.householdNumber, building: bill.building,
             paidAt: bill.paidAt, paymentId: bill.paymentID)
    }

    func issue(_ input: IssueInput, community code: String, by person: Principal) async throws -> IssueResult {
        var problems: [String: String] = [:]
        let scope = input.scope.flatMap(IssueInput.Scope.init(rawValue:))
        if scope == nil { problems["scope"] = "请选择发给一户、一栋楼还是全社区" }
        let kind = input.kind?.trimmed ?? ""
        if !Bill.kinds.contains(kind) { problems["kind"] = "请选择费用类型：\(Bill.kinds.joined(separator: "、"))" }
        let period = input.period?.trimmed ?? ""
        if period.isEmpty || period.count > 20 { problems["period"] = "请填写账期（20字以内），例如 2026年11月 或 2026年第4季度" }
        let fen: Int? = input.amountFen ?? input.amount.flatMap { $0.trimmed.isEmpty ? nil : BillMoney.fen($0) }
        if input.amountFen == nil, let text = input.amount, !text.trimmed.isEmpty, fen == nil {
            problems["amount"] = "金额格式不对：请填写元，最多两位小数，例如 128.50"
        } else if let fen, fen <= 0 {
            problems[input.amountFen != nil ? "amountFen" : "amount"] = "金额必须大于零"
        } else if let fen, fen > BillMoney.maxFen {
            problems[input.amountFen != nil ? "amountFen" : "amount"] = "单笔金额不能超过 \(BillMoney.yuan(BillMoney.maxFen)) 元"
        } else if fen == nil {
            problems[input.amount != nil ? "amount" : "amountFen"] = "请填写金额"
        }
        let due = input.dueOn.flatMap { CalendarDay($0.trimmed) }
        if let due {
            if due.description < today { problems["dueOn"] = "缴费截止日不能早于今天" }
        } else {
            problems["dueOn"] = "请填写缴费截止日（YYYY-MM-DD）"
        }
        var query = PopulationRecord.query(on: db).filter(\.$communityCode == code).filter(\.$alive == true)
        switch scope {
        case .household:
            let household = input.household?.trimmed ?? ""
            if household.isEmpty { problems["household"] = "请填写户号" }
            query = query.filter(\.$householdNumber == household)
        case .building:
            let building = input.building?.trimmed ?? ""
            if building.isEmpty { problems["building"] = "请选择楼栋" }
            query = query.filter(\.$building == building)
        case .community, nil:
            break
        }
        let residents = problems.isEmpty ? try await query.field(\.$householdNumber).field(\.$building).all() : []
        if problems.isEmpty, residents.isEmpty {
            switch scope {
            case .household: problems["household"] = "本社区没有这个户号"
            case .building: problems["building"] = "本社区没有这个楼栋"
            default: problems["scope"] = "本社区在人口库中还没有居民"
            }
        }
        guard problems.isEmpty, let fen, let due else {
            throw AppError.invalid("bill.invalid", "账单填写有误：" + problems.keys.sorted().compactMap { problems[$0] }.joined(separator: "；"), details: problems)
        }
        var households: [String: String?] = [:]
        for resident in residents where households[resident.householdNumber] == nil { households.updateValue(resident.building, forKey: resident.householdNumber) }
        let existing = Set(try await Bill.query(on: db).filter(\.$communityCode == code).filter(\.$kind == kind).filter(\.$period == period)
            .filter(\.$householdNumber ~~ Array(households.keys)).field(\.$householdNumber).all().map(\.householdNumber))
        let bills: [Bill] = households.keys.sorted().filter { !existing.contains($0) }.map { number in
            let bill = Bill()
            (bill.communityCode, bill.householdNumber, bill.building) = (code, number, households[number] ?? nil)
            (bill.kind, bill.period, bill.amountFen, bill.dueOn) = (kind, period, fen, due.description)
            (bill.issuedBy, bill.issuedByName, bill.issuedAt) = (person.userID, person.realName, now)
            return bill
        }
        guard !bills.isEmpty else {
            throw AppError(.conflict, "bill.duplicate", "这些住户已有\(period)的\(kind)账单，没有重复开具")
        }
        try await serializedTransaction(db, gate: gate) { db in
            for chunk in bills.chunked(500) { try await Array(chunk).create(on: db) }
        }
        return IssueResult(created: bills.count, skipped: existing.count, totalFen: fen * bills.count)
    }

    /// A household's bills: unpaid first (oldest due date first), then the paid ones, newest first.
    func bills(household: String, community: String) async throws -> [Bill] {
        let all = try await Bill.query(on: db).filter(\.$communityCode == community).filter(\.$householdNumber == household)
            .sort(\.$dueOn).limit(500).all()
        return all.filter { $0.paidAt == nil } + all.filter { $0.paidAt != nil }.sorted { ($0.paidAt ?? now) > ($1.paidAt ?? now) }
    }

    /// The buildings of a community, for the issuing form.
    func buildings(community: String) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable { var building: String }
        return try await sql.select().distinct().column("building").from(PopulationRecord.schema)
            .where("community_code", .equal, community).where("building", .isNot, SQLLiteral.null)
            .orderBy("building").all(decoding: Row.self).map(\.building)
    }

    /// 欠费清单: unpaid bills past their due date, by building and household, with totals.
    struct Arrears: Content {
        var community: String
        var asOf: String
        var totalFen: Int
        var total: String
        var households: [Household]
        var buildings: [Building]

        struct Household: Content {
            var household: String
            var building: String?
            var totalFen: Int
            var total: String
            var bills: [View]
        }

        struct Building: Content {
            var building: String
            var households: Int
            var totalFen: Int
            var total: String
        }
    }

    func arrears(community: String) async throws -> Arrears {
        let bills = try await Bill.query(on: db).filter(\.$communityCode == community).filter(\.$paidAt == nil)
            .filter(\.$dueOn < today).sort(\.$dueOn).all()
        let grouped = Dictionary(grouping: bills, by: \.householdNumber)
        let households = grouped.map { number, bills in
            let total = bills.reduce(0) { $0 + $1.amountFen }
            return Arrears.Household(household: number, building: bills.first?.building, totalFen: total, total: BillMoney.yuan(total),
                                     bills: bills.map(view))
        }.sorted { ($0.building ?? "", $0.household) < ($1.building ?? "", $1.household) }
        let buildings = Dictionary(grouping: households) { $0.building ?? "（未登记楼栋）" }.map { name, rows in
            let total = rows.reduce(0) { $0 + $1.totalFen }
            return Arrears.Building(building: name, households: rows.count, totalFen: total, total: BillMoney.yuan(total))
        }.sorted { $0.building < $1.building }
        let total = bills.reduce(0) { $0 + $1.amountFen }
        return Arrears(community: community, asOf: today, totalFen: total, total: BillMoney.yuan(total), households: households, buildings: buildings)
    }

    /// Payments the provider took for bills already paid by someone else of the household: staff return the money.
    func refundsDue(community: String) async throws -> [Payment] {
        try await Payment.query(on: db).filter(\.$communityCode == community).filter(\.$status == Payment.Status.refundDue.rawValue)
            .sort(\.$paidAt).all()
    }

    /// UTF-8 with a byte-order mark, so Excel opens the Chinese columns as text, not mojibake.
    static func csv(_ arrears: Arrears) -> Data {
        func cell(_ text: String) -> String {
            // A leading = + - @ would run as a formula in a spreadsheet.
            let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [["楼栋", "户号", "费用类型", "账期", "金额（元）", "缴费截止日", "逾期天数"].map(cell).joined(separator: ",")]
        let today = CalendarDay(arrears.asOf)
        for household in arrears.households {
            for bill in household.bills {
                let days = today.flatMap { t in CalendarDay(bill.dueOn).map { t.dayNumber - $0.dayNumber } } ?? 0
                lines.append([household.building ?? "", household.household, bill.kind, bill.period, bill.amount, bill.dueOn, String(days)]
                    .map(cell).joined(separator: ","))
            }
        }
        lines.append([cell("合计"), cell(""), cell(""), cell(""), cell(arrears.total), cell(""), cell("")].joined(separator: ","))
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}

extension Request {
    var bills: BillService { BillService(db: db, gate: application.writeGate, now: application.clock.now()) }
}
