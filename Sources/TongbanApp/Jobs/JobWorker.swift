import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs due jobs inside the server process. Every instance runs one; the queue's claiming keeps
/// them from doing the same job twice. Handlers are registered by kind at start-up.
final class JobWorker: LifecycleHandler, Sendable {
    typealias Handler = @Sendable (Job, Application) async throws -> Void

    let name = "worker-" + UUID().uuidString.prefix(8)
    let interval: Duration
    private let handlers = NIOLockedValueBox<[String: Handler]>([:])
    /// Kinds that run again and again (the deadline scan), with their period.
    private let recurring = NIOLockedValueBox<[String: TimeInterval]>([:])
    private let recurringEnsured = NIOLockedValueBox(false)
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(interval: Duration = .seconds(1)) { self.interval = interval }

    func register(_ kind: String, _ handler: @escaping Handler) {
        handlers.withLockedValue { $0[kind] = handler }
    }

    /// A job that reschedules itself after each run. It lives in one row with a fixed id, so
    /// however many instances start, there is one scan chain, never one per instance.
    func registerRecurring(_ kind: String, every period: TimeInterval, _ handler: @escaping Handler) {
        register(kind, handler)
        recurring.withLockedValue { $0[kind] = period }
    }

    static func recurringID(_ kind: String) -> UUID {
        var bytes = Array(kind.utf8.prefix(16))
        bytes += Array(repeating: 0, count: 16 - bytes.count)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    func ensureRecurring(_ application: Application, now: Date) async {
        guard !recurringEnsured.withLockedValue({ $0 }) else { return }
        for kind in recurring.withLockedValue({ Array($0.keys) }) {
            let id = Self.recurringID(kind)
            do {
                if try await Job.find(id, on: application.db) == nil {
                    let job = Job(kind: kind, payload: "", runAt: now)
                    job.id = id
                    try await job.create(on: application.db)
                }
            } catch {
                // Another instance created it at the same moment: the unique id did its job.
                application.logger.debug("recurring job \(kind) exists: \(error)")
            }
        }
        recurringEnsured.withLockedValue { $0 = true }
    }

    func didBootAsync(_ application: Application) async throws {
        guard application.settings.runJobs else { return }
        let interval = self.interval
        loop.withLockedValue { loop in
            loop = Task { [weak self, weak application] in
                while !Task.isCancelled {
                    guard let self, let application else { return }
                    _ = await self.runDue(application, now: application.clock.now())
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    /// Waits for the round in progress, so no job touches a database that is closing.
    func shutdownAsync(_ application: Application) async {
        let running = loop.withLockedValue { loop in
            loop?.cancel()
            return loop
        }
        await running?.value
    }

    /// Claims and runs every due job once; returns how many ran. Tests call this directly with
    /// their own clock instead of waiting for the loop.
    @discardableResult
    func runDue(_ application: Application, now: Date) async -> Int {
        await ensureRecurring(application, now: now)
        let queue = JobQueue(db: application.db, gate: application.writeGate)
        let jobs: [Job]
        do { jobs = try await queue.claim(worker: name, now: now) } catch {
            application.logger.warning("job claim failed: \(error)")
            return 0
        }
        for job in jobs {
            guard let handler = handlers.withLockedValue({ $0[job.kind] }) else {
                try? await queue.fail(job, worker: name, error: "no handler for \(job.kind)", now: now)
                continue
            }
            do {
                try await handler(job, application)
                if let period = recurring.withLockedValue({ $0[job.kind] }) {
                    try await queue.reschedule(job, worker: name, runAt: now.addingTimeInterval(period))
                } else {
                    try await queue.complete(job, worker: name, now: now)
                }
            } catch {
                application.logger.warning("job failed", metadata: ["kind": .string(job.kind), "error": .string("\(error)")])
                if let period = recurring.withLockedValue({ $0[job.kind] }) {
                    // A scan that failed once must not stop scanning: try again next period.
                    try? await queue.reschedule(job, worker: name, runAt: now.addingTimeInterval(period))
                } else {
                    try? await queue.fail(job, worker: name, error: "\(error)", now: now)
                }
            }
        }
        return jobs.count
    }
}

extension Application {
    private struct JobWorkerKey: StorageKey { typealias Value = JobWorker }
    var jobWorker: JobWorker {
        get { storage[JobWorkerKey.self]! }
        set { storage[JobWorkerKey.self] = newValue }
    }
}
