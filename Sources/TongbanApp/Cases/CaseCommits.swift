import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Group commit of the two writes every application makes: its submission and its acceptance at the
/// window. Each request prepares its rows in its own task; the applications that arrive while one
/// transaction commits share the next, written with one statement per table (issue 3 asks for 500
/// applications a second, and SQLite has a single writer).
struct CaseCommits: Sendable {
    enum Write: Sendable {
        case submission(CaseService.Submission)
        case acceptance(CaseService.Acceptance)
    }

    /// An acceptance is answered with its case page's rows as they stand after it, read in the same transaction.
    enum Written: Sendable {
        case saved
        case accepted(CaseService.PageRows)
    }

    private let commit: GroupCommit<Write, Written>

    init(writer: any BatchWriter, executor: (any TaskExecutor)? = nil) {
        commit = GroupCommit(executor: executor) { batch in try await writer.transaction { sql in try await Self.write(batch, on: sql) } }
    }

    func save(_ write: Write) async throws -> Written {
        try await commit.submit(write)
    }

    /// Tables in the order their foreign keys need.
    static let tables = [Case.schema, CaseMaterial.schema, ReviewTask.schema, CaseEvent.schema, Notification.schema, Job.schema]

    /// One transaction for a batch: acceptances first claim their cases (only a case still waiting for acceptance
    /// moves on; the loser of two clerks accepting at once, or a case withdrawn meanwhile, is refused and writes
    /// nothing), then every row of every write that goes ahead, one statement per table.
    static func write(_ batch: [Write], on db: any SQLDatabase) async throws -> [Result<Written, any Error>] {
        var results: [Result<Written, any Error>] = Array(repeating: .success(.saved), count: batch.count)
        let acceptances = batch.enumerated().compactMap { index, write -> (Int, CaseService.Acceptance)? in
            if case .acceptance(let acceptance) = write { return (index, acceptance) } else { return nil }
        }
        var claimed = try await CaseService.claim(acceptances.map(\.1), on: db)
        var rows: [String: [EncodedRows]] = [:]
        var accepted: [(Int, UUID)] = []
        for (index, write) in batch.enumerated() {
            switch write {
            case .submission(let submission):
                for part in submission.rows { rows[part.table, default: []].append(part) }
            case .acceptance(let acceptance):
                // The same case twice in one batch: the first claim wins, the second is refused like a late one.
                guard claimed.remove(acceptance.caseID) != nil else {
                    results[index] = .failure(CaseService.acceptedMeanwhile)
                    continue
                }
                for part in acceptance.rows { rows[part.table, default: []].append(part) }
                accepted.append((index, acceptance.caseID))
            }
        }
        for table in tables { try await EncodedRows.insert(rows[table] ?? [], on: db) }
        let pages = try await CaseService.pageRows(accepted.map(\.1), on: db)
        for (index, caseID) in accepted { results[index] = .success(.accepted(pages[caseID] ?? .init())) }
        return results
    }
}

extension CaseService {
    /// Through the group commit, or without one in a transaction of its own.
    @discardableResult
    func save(_ write: CaseCommits.Write) async throws -> CaseCommits.Written {
        if let commits { return try await commits.save(write) }
        return try await PooledWriter(db: db, gate: gate).transaction { sql in try await CaseCommits.write([write], on: sql)[0].get() }
    }

    /// Everything a submission writes, encoded before it joins a batch.
    struct Submission: Sendable {
        var rows: [EncodedRows]

        init(serviceCase: CaseRows.Case, materials: [CaseRows.Material], event: CaseRows.Event, outbox: NotificationService.Outbox) throws {
            rows = [try EncodedRows([serviceCase], into: Case.schema), try EncodedRows(materials, into: CaseMaterial.schema),
                    try EncodedRows([event], into: CaseEvent.schema)] + (try outbox.encoded())
        }
    }

    /// What accepting one case writes besides the case row (see `acceptance`).
    struct FanOut: Sendable {
        var tasks: [CaseRows.Task] = []
        /// The same tasks as the case page shows them, so the answer needs no second read.
        var taskViews: [TaskRow] = []
        var event: CaseRows.Event?
        var outbox = NotificationService.Outbox()

        func encoded() throws -> [EncodedRows] {
            [try EncodedRows(tasks, into: ReviewTask.schema), try EncodedRows(event.map { [$0] } ?? [], into: CaseEvent.schema)]
                + (try outbox.encoded())
        }

        func insert(on db: any Database) async throws {
            guard let sql = db as? any SQLDatabase else { return }
            for part in try encoded() { try await EncodedRows.insert([part], on: sql) }
        }
    }

    /// A clerk's acceptance, prepared outside the writer: the case's new state and deadline, and its rows.
    struct Acceptance: Sendable {
        var caseID: UUID
        var state: String
        var acceptedAt: Date
        var deadlineAt: Date?
        var rows: [EncodedRows]
    }

    static let acceptedMeanwhile = AppError(.conflict, "workflow.illegal_transition", "该办件刚刚已被受理、不予受理或撤回，请刷新后查看")

    /// Moves every case of the batch that is still waiting for acceptance on, in one UPDATE per moment (usually
    /// one for the whole batch); a row lock on PostgreSQL, the write gate on SQLite. Answers the cases it moved.
    static func claim(_ acceptances: [Acceptance], on sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !acceptances.isEmpty else { return [] }
        var claimed: Set<UUID> = []
        let moments = Dictionary(grouping: acceptances) { Moment(state: $0.state, acceptedAt: $0.acceptedAt, deadlineAt: $0.deadlineAt) }
        for (moment, members) in moments {
            let rows = try await sql.raw("""
                UPDATE cases SET state = \(bind: moment.state), accepted_at = \(bind: moment.acceptedAt), deadline_at = \(bind: moment.deadlineAt),
                    updated_at = \(bind: moment.acceptedAt)
                WHERE id IN (\(binds: Array(Set(members.map(\.caseID))))) AND state = \(bind: CaseState.submitted.rawValue)
                RETURNING id
                """).all()
            for row in rows { claimed.insert(try row.decode(column: "id", as: UUID.self)) }
        }
        return claimed
    }

    /// Materials, timelines and applicants' names of several cases, three statements for all of them (the case page
    /// adds tasks and certificates; a case just accepted has its tasks in hand and no certificates yet).
    static func pageRows(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: PageRows] {
        guard !ids.isEmpty else { return [:] }
        // Column names spelt out: converting every key of every row from snake case cost more than the rows (the
        // writer runs this for every acceptance of the batch).
        struct Material: Decodable {
            var caseId: UUID, name: String, source: String, uploadId: UUID?, fileName: String?
            enum CodingKeys: String, CodingKey { case caseId = "case_id", name, source, uploadId = "upload_id", fileName = "file_name" }
        }
        struct Event: Decodable {
            var caseId: UUID, at: Date, actorName: String, kind: String, message: String
            enum CodingKeys: String, CodingKey { case caseId = "case_id", at, actorName = "actor_name", kind, message }
        }
        struct Name: Decodable {
            var id: UUID, realName: String
            enum CodingKeys: String, CodingKey { case id, realName = "real_name" }
        }
        let decoder = SQLRowDecoder()
        var pages: [UUID: PageRows] = [:]
        for row in try await sql.raw("""
            SELECT m.case_id, m.name, m.source, m.upload_id, u.file_name FROM case_materials m LEFT JOIN uploads u ON u.id = m.upload_id
            WHERE m.case_id IN (\(binds: ids)) ORDER BY m.created_at
            """).all(decoding: Material.self, with: decoder) {
            pages[row.caseId, default: .init()].materials.append(.init(name: row.name, source: row.source, uploadId: row.uploadId, fileName: row.fileName))
        }
        for row in try await sql.raw("""
            SELECT case_id, at, actor_name, kind, message FROM case_events WHERE case_id IN (\(binds: ids)) ORDER BY at
            """).all(decoding: Event.self, with: decoder) {
            pages[row.caseId, default: .init()].events.append(.init(at: row.at, actorName: row.actorName, kind: row.kind, message: row.message))
        }
        let names = try await sql.raw("""
            SELECT c.id, u.real_name FROM cases c JOIN users u ON u.id = c.applicant_id WHERE c.id IN (\(binds: ids))
            """).all(decoding: Name.self, with: decoder)
        for row in names { pages[row.id, default: .init()].applicantName = row.realName }
        return pages
    }

    private struct Moment: Hashable {
        var state: String
        var acceptedAt: Date
        var deadlineAt: Date?
    }
}

extension NotificationService.Outbox {
    func encoded() throws -> [EncodedRows] {
        [try EncodedRows(rows, into: Notification.schema), try EncodedRows(jobs, into: Job.schema)]
    }
}

extension Application {
    private struct CaseCommitsKey: StorageKey { typealias Value = CaseCommits }

    /// Set in `configure` once the database is known.
    var caseCommits: CaseCommits? {
        get { storage[CaseCommitsKey.self] }
        set { storage[CaseCommitsKey.self] = newValue }
    }
}
