import Foundation
import Vapor

/// `tongban simulate --days N [--per-day M] [--seed S]`: realistic history for dashboards and load tests.
struct SimulateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "days", help: "days of history up to today (default 30)") var days: Int?
        @Option(name: "per-day", help: "applications on an ordinary working day (default 300)") var perDay: Int?
        @Option(name: "seed", help: "random seed: the same seed gives the same city (default 2026)") var seed: Int?
        @Option(name: "tickets-per-day", help: "12345 tickets on an ordinary working day (default: 40% of --per-day; 0 for none)") var ticketsPerDay: Int?
        @Option(name: "visits-per-day", help: "numbers taken in all halls on an ordinary working day (default: as many as --per-day; 0 for none)") var visitsPerDay: Int?
    }

    var help: String { "Generates realistic application, 12345 and hall history (weekly and seasonal demand, holidays, 补正, rejections, returns, overdue work, callbacks, queues at the windows)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let days = signature.days ?? 30, perDay = signature.perDay ?? 300
        let ticketsPerDay = signature.ticketsPerDay ?? perDay * 2 / 5, visitsPerDay = signature.visitsPerDay ?? perDay
        guard (1...3660).contains(days), (1...100_000).contains(perDay), (0...100_000).contains(ticketsPerDay), (0...100_000).contains(visitsPerDay) else {
            context.console.error("days 应在 1–3660 之间，per-day、tickets-per-day 与 visits-per-day 应在 0–100000 之间")
            throw AppError.invalid("simulate.invalid_options", "参数超出范围")
        }
        try await DatabaseSetup.prepare(app)
        try await app.autoMigrate()
        try await seedDemoData(app)
        try await CatalogService(db: app.db, cache: app.catalogCache).reload()
        let started = Date()
        let simulator = CaseSimulator(app: app, days: days, perDay: Double(perDay), seed: UInt64(signature.seed ?? 2026), now: app.clock.now())
        let summary = try await simulator.run { done, total, summary in
            let width = 30, filled = width * done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r模拟中 [\(bar)] \(done * 100 / max(total, 1))%  \(summary.cases) 件".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        let seconds = Date().timeIntervalSince(started)
        context.console.print(String(format: "已生成 %d 天的办件 %d 件、审批任务 %d 个、过程记录 %d 条，用时 %.1f 秒（%.0f 件/秒）",
                                     days, summary.cases, summary.tasks, summary.events, seconds, Double(summary.cases) / max(seconds, 0.001)))
        if ticketsPerDay > 0 {
            let tickets = try await TicketSimulator(app: app, days: days, perDay: Double(ticketsPerDay), seed: UInt64(signature.seed ?? 2026),
                                                    now: app.clock.now()).run()
            context.console.print("已生成 12345 工单 \(tickets) 张")
        }
        if visitsPerDay > 0 {
            let numbers = try await QueueSimulator(app: app, days: days, perDay: Double(visitsPerDay), seed: UInt64(signature.seed ?? 2026), now: app.clock.now()).run()
            context.console.print("已生成政务服务中心取号记录 \(numbers) 个")
        }
    }
}
