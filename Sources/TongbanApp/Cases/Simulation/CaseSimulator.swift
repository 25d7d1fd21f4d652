import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// `tongban simulate`: months of a city's applications written straight into the database in
/// batches, for dashboards and load tests. Cases follow `DemandModel` day by day and are played
/// forward through the same calendar and deadline clocks as real ones.
struct CaseSimulator {
    let app: Application
    let days: Int
    /// Applications on an ordinary working day.
    let perDay: Double
    let seed: UInt64
    let now: Date

    struct Summary {
        var cases = 0, tasks = 0, events = 0
    }

    /// About three applications per simulated citizen a year, as in a city where most people need a few services.
    var applicantPool: Int { min(400_000, max(2000, Int(perDay * Double(days)) / 3)) }
    static let poolMarker = "!simulated"
    /// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound values.
    static let batch = 400

    func run(progress: @escaping @Sendable (Int, Int, Summary) -> Void) async throws -> Summary {
        var rng = SplitMix64(seed: seed)
        let world = try await makeWorld(using: &rng)
        let tag = String((0..<2).map { _ in Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ").randomElement(using: &rng)! })
        var summary = Summary()
        let today = CalendarDay(now)
        // Journeys: applicants coming back for the next service, by the day they come.
        var comingBack: [Int: [(applicant: UUID, item: String)]] = [:]
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let day = today.adding(days: -offset)
            let workday = world.isWorkday(day)
            let count = DemandModel.poisson(DemandModel.expected(on: day, isWorkday: workday, base: perDay), using: &rng)
            var cases: [SimulatedCase] = []
            cases.reserveCapacity(count)
            // Those coming back take some of the day's places, so the day's volume still follows the demand model.
            let returning = comingBack.removeValue(forKey: day.dayNumber) ?? []
            for sequence in 0..<max(count, returning.count) {
                let submitted = day.startInstant.addingTimeInterval(Double(DemandModel.arrivalMinute(isWorkday: workday, using: &rng) * 60))
                guard submitted <= now else { continue }
                let number = String(format: "LA%04d%02d%02d-", day.year, day.month, day.day) + tag + String(sequence, radix: 32).uppercased()
                let generated = generate(number: number, submittedAt: submitted, world: world,
                                         followUp: sequence < returning.count ? returning[sequence] : nil, using: &rng)
                if let item = generated.itemCode {
                    for next in Journeys.next(after: item, on: day.dayNumber, using: &rng) where next.day <= today.dayNumber {
                        comingBack[next.day, default: []].append((generated.applicant, next.code))
                    }
                }
                cases.append(generated)
            }
            try await write(cases)
            summary.cases += cases.count
            summary.tasks += cases.reduce(0) { $0 + $1.tasks.count }
            summary.events += cases.reduce(0) { $0 + $1.events.count }
            progress(days - offset, days, summary)
        }
        return summary
    }

    func write(_ cases: [SimulatedCase]) async throws {
        guard !cases.isEmpty else { return }
        try await app.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for chunk in cases.chunked(Self.batch) {
                try await insert(sql, Case.schema, SimulatedCase.caseColumns, chunk.map(\.row))
            }
            for chunk in cases.flatMap(\.tasks).chunked(Self.batch) {
                try await insert(sql, ReviewTask.schema, SimulatedCase.taskColumns, chunk)
            }
            for chunk in cases.flatMap(\.events).chunked(Self.batch * 2) {
                try await insert(sql, CaseEvent.schema, SimulatedCase.eventColumns, chunk)
            }
        }
    }

    func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: some Sequence<[any Encodable & Sendable]>) async throws {
        var builder = sql.insert(into: table).columns(columns)
        for row in rows { builder = builder.values(row) }
        try await builder.run()
    }

    func makeWorld<G: RandomNumberGenerator>(using rng: inout G) async throws -> SimulationWorld {
        let snapshot = app.catalogCache.snapshot
        let items = snapshot.items.values.sorted { $0.code < $1.code }
        guard !items.isEmpty else { throw AppError(.conflict, "simulate.empty_catalogue", "事项目录为空，请先运行 tongban seed") }
        let departments = try await Department.query(on: app.db).all()
        let service = CaseService(db: app.db, catalog: snapshot, calendar: app.workdays, now: now, cipher: app.fieldCipher)
        // Population shares of Lu'an's districts and counties, roughly.
        let shares: [String: Double] = ["341502": 0.2, "341503": 0.2, "341504": 0.08, "341522": 0.14, "341523": 0.13, "341524": 0.15, "341525": 0.1]
        return SimulationWorld(
            items: items, itemWeights: items.map { $0.hot ? 6 : 1 }, lifeEvents: snapshot.lifeEvents,
            departmentIDs: Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { (d.code, $0) } }),
            applicants: try await applicants(using: &rng),
            districts: snapshot.districts.map { ($0.code, shares[$0.code] ?? 0.1) }, service: service)
    }

    /// Simulated citizens have no phone and no usable password: nobody can sign in as them.
    func applicants<G: RandomNumberGenerator>(using rng: inout G) async throws -> [UUID] {
        let existing = try await User.query(on: app.db).filter(\.$passwordHash == Self.poolMarker).limit(applicantPool).all().compactMap(\.id)
        if existing.count >= applicantPool { return existing }
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉斌宇浩凯健俊帆鹏飞")
        let regions = ["341502", "341503", "341504", "341522", "341523", "341524", "341525"]
        var rows: [[any Encodable & Sendable]] = []
        var ids: [UUID] = existing
        var used = Set<String>()  // ID numbers are unique; a large pool would otherwise draw the same one twice
        for index in existing.count..<applicantPool {
            var id = ""
            repeat {
                id = ResidentID.make(region: regions[index % regions.count], year: Int.random(in: 1940...2005, using: &rng),
                                     month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng),
                                     order: 100 + Int.random(in: 0..<800, using: &rng)).value
            } while !used.insert(id).inserted
            let name = String(surnames.randomElement(using: &rng)!) + String((0..<Int.random(in: 1...2, using: &rng)).map { _ in given.randomElement(using: &rng)! })
            let user = UUID()
            ids.append(user)
            rows.append([user, Optional<String>.none, Optional<String>.none, Optional<String>.none, name,
                         app.fieldCipher.lookupHash("rid:sim:" + id), try app.fieldCipher.seal(id), Self.poolMarker, now])
        }
        guard let sql = app.db as? any SQLDatabase else { return ids }
        for chunk in rows.chunked(Self.batch) {
            try await insert(sql, User.schema, ["id", "username", "phone_hash", "phone_cipher", "real_name", "id_number_hash",
                                                 "id_number_cipher", "password_hash", "created_at"], chunk)
        }
        return ids
    }
}
