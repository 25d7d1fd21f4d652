import Fluent
import Foundation
import TongbanCore
import Vapor

/// A recall ordered by the market regulator (市场监管局): the batch is marked, the order goes on the
/// ledger, and every company that held the batch or anything made from it is told (in-app and SMS).
struct TraceRecall {
    let db: any Database
    let now: Date
    var gate: WriteGate? = nil

    static let regulator = "scjg"
    /// Far more than any real product's descendants; the walk stops rather than run away on a bad import.
    static let maximumBatches = 10_000

    struct Result: Content {
        var batch: TraceChainView.Batch
        /// Batches made from it, which the recall reaches too.
        var affectedBatches: Int
        var notifiedCompanies: [String]
        var notifiedPeople: Int
    }

    func recall(_ id: BatchID, reason: String?, by principal: Principal) async throws -> Result {
        guard principal.isAdmin || principal.grants.contains(where: { $0.departmentCode == Self.regulator }) else {
            throw AppError(.forbidden, "trace.recall_forbidden", "只有市场监管局的工作人员可以责令召回")
        }
        guard let batch = try await TraceBatch.query(on: db).filter(\.$key == id.key).first() else {
            throw AppError(.notFound, "trace.batch_not_found", "没有批次 \(id.lot)（商品条码 \(id.gtin)）的追溯记录")
        }
        let reason = (reason ?? "").trimmed
        guard (2...500).contains(reason.count) else {
            throw AppError.invalid("trace.reason_required", "请填写召回原因（2–500字），持有企业和公众都会看到它", details: ["reason": "请填写召回原因"])
        }
        guard batch.recalledAt == nil else {
            throw AppError(.conflict, "trace.already_recalled", "该批次已于\(TimeText.minute(batch.recalledAt))被责令召回")
        }
        let downstream = try await LineageWalk.walk(from: id.key, limit: Self.maximumBatches) { keys in
            try await TraceLink.query(on: db).filter(\.$fromKey ~~ keys).all(\.$toKey)
        }
        let companies = try await holders(of: [id.key] + downstream.keys)
        let agents = try await CompanyAgent.query(on: db).filter(\.$company.$id ~~ companies.compactMap(\.id)).all(\.$user.$id)
        let product = batch.productName ?? "商品条码 \(batch.gtin)"
        var outbox = NotificationService.Outbox()
        for user in Set(agents).sorted(by: { $0.uuidString < $1.uuidString }) {
            outbox.append(NotificationService(db: db, now: now).notice(
                user, title: "产品召回通知",
                body: "市场监管局已责令召回“\(product)”批次 \(batch.lot)：\(reason)。请立即停止销售和使用，封存库存并配合召回。",
                link: TraceURL.batch(batch.key)))
        }
        let (now, key) = (now, batch.key)
        batch.recalledAt = now
        batch.recallReason = reason
        try await serializedTransaction(db, gate: gate) { [outbox] db in
            // Two officers pressing at once: the second finds the recall already there and gets the 409, not a second round of texts.
            try await Ledger.lock(on: db)
            guard try await TraceBatch.query(on: db).filter(\.$key == key).filter(\.$recalledAt == nil).count() == 1 else {
                throw AppError(.conflict, "trace.already_recalled", "该批次已被责令召回")
            }
            try await batch.save(on: db)
            try await Ledger.append(kind: "trace.recall", subject: key,
                                    fields: ["reason": reason, "department": Self.regulator, "affectedBatches": String(downstream.keys.count)],
                                    at: now, on: db)
            try await outbox.insert(on: db)
        }
        return Result(batch: .init(batch), affectedBatches: downstream.keys.count,
                      notifiedCompanies: companies.map(\.name).sorted(), notifiedPeople: Set(agents).count)
    }

    /// Companies that recorded an event on these batches, or to which one was shipped.
    func holders(of keys: [String]) async throws -> [Company] {
        var eventIDs = Set<UUID>()
        for chunk in keys.chunked(500) {
            eventIDs.formUnion(try await TraceLine.query(on: db).filter(\.$batchKey ~~ Array(chunk)).unique().all(\.$eventID))
        }
        var companyIDs = Set<UUID>(), codes = Set<String>()
        for chunk in Array(eventIDs).chunked(500) {
            for record in try await TraceRecord.query(on: db).filter(\.$id ~~ Array(chunk)).field(\.$companyID).field(\.$destinations).all() {
                companyIDs.insert(record.companyID)
                codes.formUnion(record.destinations.split(separator: " ").map(String.init))
            }
        }
        guard !companyIDs.isEmpty || !codes.isEmpty else { return [] }
        return try await Company.query(on: db).group(.or) { group in
            if !companyIDs.isEmpty { group.filter(\.$id ~~ Array(companyIDs)) }
            if !codes.isEmpty { group.filter(\.$creditCode ~~ Array(codes)) }
        }.all()
    }
}

extension Request {
    var traceRecall: TraceRecall { TraceRecall(db: db, now: application.clock.now(), gate: application.writeGate) }
}
