import Fluent
import Foundation
import TongbanCore
import Vapor

/// `tongban prepare-clinic-bench --patients 2000 --capacity 50 --out bench.json`: readies a flash-crowd measurement
/// (scripts/bench-clinic.sh). Makes that many patients, each with an API token, and one session of the given capacity
/// released now, and writes the session id and the tokens for the load script. For benchmark databases only: the
/// patients have no password and marked names (压测患者).
struct ClinicBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "patients", help: "how many patients press at once (default 2000)") var patients: Int?
        @Option(name: "capacity", help: "places in the session (default 50)") var capacity: Int?
        @Option(name: "out", help: "where to write the session id and tokens (JSON)") var out: String?
    }

    var help: String { "Prepares a flash-crowd booking benchmark (benchmark databases only)." }

    struct Prepared: Codable {
        var session: UUID
        var capacity: Int
        var tokens: [String]
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let count = signature.patients ?? 2000, capacity = signature.capacity ?? 50
        guard let out = signature.out else { throw AppError.invalid("bench.out", "请用 --out 指定输出文件") }
        let now = app.clock.now()
        _ = try await ClinicSchedule.ensure(app.db, from: CalendarDay(now), rules: app.bookingRules, calendar: app.workdays)
        guard let session = try await ClinicSession.query(on: app.db).filter(\.$startsAt > now.addingTimeInterval(86_400)).sort(\.$startsAt).first() else {
            throw AppError.notFound("号源")
        }
        (session.capacity, session.booked, session.releaseAt) = (capacity, 0, now.addingTimeInterval(-1))
        try await session.save(on: app.db)
        try await ClinicBooking.query(on: app.db).filter(\.$sessionID == session.requireID()).delete()
        let identity = IdentityService(db: app.db, cipher: app.fieldCipher, passwords: app.password.async, settings: app.settings, now: now)
        var tokens: [String] = []
        for index in 0..<count {
            let user = User()
            (user.realName, user.passwordHash) = ("压测患者", "!")
            user.idNumberHash = app.fieldCipher.lookupHash("bench-patient:\(UUID().uuidString)")
            try await user.create(on: app.db)
            try await UserRole(userID: user.requireID(), role: .citizen, departmentID: nil).create(on: app.db)
            tokens.append(try await identity.issueToken(for: user).token)
            if index % 500 == 499 { context.console.print("\(index + 1) patients") }
        }
        let data = try JSONEncoder().encode(Prepared(session: try session.requireID(), capacity: capacity, tokens: tokens))
        try data.write(to: URL(fileURLWithPath: out))
        context.console.print("session \(try session.requireID()) with \(capacity) places; \(count) tokens in \(out)")
    }
}
