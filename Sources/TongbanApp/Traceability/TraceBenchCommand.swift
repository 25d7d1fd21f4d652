import Fluent
import Foundation
import TongbanCore
import Vapor

/// `tongban trace-bench --events 100000`: imports one product's chain as EPCIS documents of 1000
/// events through the same parser and recorder as the API, then times the chain query of one
/// package batch. The chain: a harvest batch, made into processed batches, each packed into package
/// batches, each of which travels through warehouses and shops (shipping, receiving, storing…).
/// For benchmark databases only: the companies are named 压测….
struct TraceBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "events", help: "events to import (default 100000)") var events: Int?
        @Option(name: "packages", help: "package batches (default 1000)") var packages: Int?
        @Option(name: "queries", help: "chain queries to time (default 200)") var queries: Int?
    }

    var help: String { "Imports a 100,000-event traceability chain and times the chain query (benchmark databases only)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await DatabaseSetup.prepare(app)
        try await app.autoMigrate()
        let total = signature.events ?? 100_000, packages = max(10, signature.packages ?? 1000)
        var plan = TraceBenchPlan(total: total, packages: packages, run: String(UUID().uuidString.prefix(4)), start: app.clock.now())
        let companies = try await Self.companies(on: app.db)
        let recorder = TraceRecorder(db: app.db, now: app.clock.now(), gate: app.writeGate)
        let clock = ContinuousClock()
        var imported = 0
        let importTime = try await clock.measure {
            while let document = plan.nextDocument(size: EPCISParser.maximumEvents, companies: companies.map(\.creditCode)) {
                let events = try TraceController.parse(document.json)
                let before = imported
                imported += try await recorder.record(events, by: companies[document.recorder]).recorded
                if imported / 10_000 > before / 10_000 { context.console.print("\(imported) events") }
            }
        }
        let seconds = Double(importTime.components.seconds) + Double(importTime.components.attoseconds) / 1e18
        context.console.print(String(format: "imported %d events in %.1f s (%.0f events/s)", imported, seconds, Double(imported) / seconds))
        let chain = TraceChain(db: app.db, ledger: LedgerService(db: app.db, tree: app.ledgerTree, key: app.ledgerKey, now: app.clock.now()))
        for (name, batch) in [("package", plan.package(packages / 2)), ("processed", plan.processed(0)), ("harvest", plan.harvest)] {
            let first = try await chain.chain(of: batch)  // also catches the ledger tree up, once
            var times: [Double] = []
            for _ in 0..<max(1, signature.queries ?? 200) {
                let elapsed = try await clock.measure { _ = try await chain.chain(of: batch) }
                times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            }
            times.sort()
            let ms = { (value: Double) in String(format: "%.1f ms", value) }
            context.console.print("chain of the \(name) batch /trace/\(batch.key): \(first.events.count) events, \(first.upstream.count) upstream, "
                                  + "\(first.downstream.count) downstream; median \(ms(times[times.count / 2])), p95 \(ms(times[times.count * 95 / 100])), "
                                  + "max \(ms(times.last ?? 0)) over \(times.count) queries")
        }
    }

    static func companies(on db: any Database) async throws -> [Company] {
        let names = ["压测茶业有限公司", "压测茶叶加工厂", "压测物流有限公司", "压测连锁超市"]
        var result: [Company] = []
        for (index, name) in names.enumerated() {
            let code = CreditCode.make(region: "341502", serial: 880_000_000 + index).value
            if let existing = try await Company.query(on: db).filter(\.$creditCode == code).first() {
                result.append(existing)
                continue
            }
            let company = Company()
            (company.creditCode, company.name) = (code, name)
            try await company.create(on: db)
            result.append(company)
        }
        return result
    }
}
