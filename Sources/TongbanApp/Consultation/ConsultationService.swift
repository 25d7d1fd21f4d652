import Fluent
import Foundation
import SQLKit
import Vapor

/// Publishing drafts and reading them. Who may manage a draft is decided here for the API and the pages alike: the
/// staff of the publishing department, and the administrator.
struct ConsultationService {
    let db: any Database
    let gate: WriteGate?
    let now: Date
    let catalog: CatalogSnapshot

    static let kinds = ["政策", "规划", "规章", "其他"]

    static func canManage(_ person: Principal?, department: String) -> Bool {
        guard let person else { return false }
        return person.isAdmin || person.grants.contains { $0.departmentCode == department && $0.role.isStaff }
    }

    static func requireManager(_ person: Principal?, department: String) throws -> Principal {
        guard let person else { throw AppError.unauthenticated }
        guard canManage(person, department: department) else {
            throw AppError(.forbidden, "consultation.other_department", "只有发布部门的工作人员可以管理这次意见征集")
        }
        return person
    }

    /// Checks every field, naming each problem under its field, and publishes the draft with its sections.
    func create(_ input: ConsultationInput, by person: Principal) async throws -> Consultation {
        let department = (input.department ?? "").trimmed
        guard catalog.department(department) != nil else {
            throw AppError.invalid("consultation.invalid", "请选择发布部门", details: ["department": "没有这个部门"])
        }
        _ = try Self.requireManager(person, department: department)
        var problems: [String: String] = [:]
        let title = (input.title ?? "").trimmed, summary = (input.summary ?? "").trimmed, contact = (input.contact ?? "").trimmed
        if !(4...80).contains(title.count) { problems["title"] = "草案名称应为4–80字" }
        if !Self.kinds.contains(input.kind ?? "") { problems["kind"] = "请选择类型：\(Self.kinds.joined(separator: "、"))" }
        if !(10...5000).contains(summary.count) { problems["summary"] = "起草说明应为10–5000字" }
        if !(5...200).contains(contact.count) { problems["contact"] = "请填写联系方式（电话、邮箱或地址，5–200字）" }
        let opensText = (input.opensAt ?? "").trimmed
        let opens = opensText.isEmpty ? now : TimeText.localInput(opensText)
        let closes = TimeText.localInput(input.closesAt ?? "")
        if opens == nil { problems["opensAt"] = "开始时间格式有误" }
        if let closes { if closes <= max(opens ?? now, now) { problems["closesAt"] = "截止时间应晚于开始时间和现在" } } else { problems["closesAt"] = "请填写截止时间" }
        let sections = input.sections.map { $0.map { ($0.heading ?? "", $0.text ?? "") } } ?? Self.sections(from: input.sectionsText ?? "")
        if !(1...200).contains(sections.count) {
            problems["sections"] = "请填写草案正文（1–200节）"
        } else if let bad = sections.firstIndex(where: { !(1...60).contains($0.0.trimmed.count) || !(1...10_000).contains($0.1.trimmed.count) }) {
            problems["sections"] = "第\(bad + 1)节应有标题（不超过60字）和正文（不超过10000字）"
        }
        guard problems.isEmpty, let opens, let closes else {
            throw AppError.invalid("consultation.invalid", problems.count == 1 ? problems.values.first! : "草案信息有误，请按提示修改", details: problems)
        }
        let consultation = Consultation()
        (consultation.id, consultation.departmentCode, consultation.title, consultation.kind) = (UUID(), department, title, input.kind!)
        (consultation.summary, consultation.contact, consultation.opensAt, consultation.closesAt) = (summary, contact, opens, closes)
        (consultation.createdBy, consultation.createdAt, consultation.updatedAt) = (person.userID, now, now)
        try await serializedTransaction(db, gate: gate) { db in
            try await consultation.create(on: db)
            for (position, section) in sections.enumerated() {
                let row = ConsultationSection()
                (row.$consultation.id, row.position, row.heading, row.text) = (consultation.id!, position + 1, section.0.trimmed, section.1.trimmed)
                try await row.create(on: db)
            }
        }
        return consultation
    }

    /// The web form's text box as sections: blocks separated by an empty line; a block's first line is its heading,
    /// a one-line block is headed 第N节.
    static func sections(from text: String) -> [(String, String)] {
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map(\.trimmed).filter { !$0.isEmpty }
        return blocks.enumerated().map { index, block in
            let lines = block.split(separator: "\n", maxSplits: 1).map { String($0).trimmed }
            return lines.count == 2 ? (lines[0], lines[1]) : ("第\(index + 1)节", lines[0])
        }
    }

    func find(_ id: UUID?) async throws -> Consultation {
        guard let id, let consultation = try await Consultation.find(id, on: db) else {
            throw AppError.notFound("意见征集", code: "consultation.not_found")
        }
        return consultation
    }

    func list(department: String? = nil, limit: Int = 100) async throws -> [Consultation] {
        let query = Consultation.query(on: db)
        if let department { query.filter(\.$departmentCode == department) }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all()
    }

    func view(_ consultation: Consultation) async throws -> ConsultationView {
        try await views([consultation])[0]
    }

    /// Views with their sections, read in one query for the whole list.
    func views(_ consultations: [Consultation]) async throws -> [ConsultationView] {
        let ids = consultations.compactMap(\.id)
        let sections = ids.isEmpty ? [] : try await ConsultationSection.query(on: db).filter(\.$consultation.$id ~~ ids).sort(\.$position).all()
        let byDraft = Dictionary(grouping: sections, by: { $0.$consultation.id })
        return consultations.map { consultation in
            let phase = consultation.phase(at: now)
            return ConsultationView(
                id: consultation.id!, department: consultation.departmentCode,
                departmentName: catalog.department(consultation.departmentCode)?.name ?? consultation.departmentCode,
                title: consultation.title, kind: consultation.kind, summary: consultation.summary, contact: consultation.contact,
                opensAt: consultation.opensAt, closesAt: consultation.closesAt, phase: phase.rawValue, phaseTitle: phase.title,
                sections: (byDraft[consultation.id!] ?? []).map { .init(id: $0.id!, position: $0.position, heading: $0.heading, text: $0.text) },
                reportPublishedAt: consultation.reportPublishedAt)
        }
    }

    /// Runs `body` with the draft's row touched first in the transaction, so answers, the report and comments on it
    /// are served one after the other.
    func locked<T: Sendable>(_ id: UUID, _ body: @escaping @Sendable (any Database, Consultation) async throws -> T) async throws -> T {
        try await serializedTransaction(db, gate: gate) { db in
            if let sql = db as? any SQLDatabase {
                try await sql.update(Consultation.schema).set("updated_at", to: SQLBind(self.now)).where("id", .equal, SQLBind(id)).run()
            }
            guard let consultation = try await Consultation.find(id, on: db) else {
                throw AppError.notFound("意见征集", code: "consultation.not_found")
            }
            return try await body(db, consultation)
        }
    }
}

extension Request {
    var consultations: ConsultationService {
        ConsultationService(db: db, gate: application.writeGate, now: application.clock.now(), catalog: catalog.snapshot)
    }
}
