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
    private let loop = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(interval: Duration = .seconds(1)) { self.interval = interval }

    func register(_ kind: String, _ handler: @escaping Handler) {
        handlers.withLockedValue { $0[kind] = handler }
    }

    func didBootAsync(_ application: Application) async throws {
        guard application.settings.runJobs else { return }
        let interval = self.interval
        loop.withLockedValue { loop in
            loop = Task { [weak self, weak application] in
                while !Task.isCancelled {
                    guard let self, let application else { return }
                    _ = await self.runDue(application, now: Date())
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        loop.withLockedValue { $0?.cancel() }
    }

    /// Claims and runs every due job once; returns how many ran. Tests call this directly with
    /// their own clock instead of waiting for the loop.
    @discardableResult
    func runDue(_ application: Application, now: Date) async -> Int {
        let queue = JobQueue(db: application.db)
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
                try await queue.complete(job, worker: name, now: now)
            } catch {
                application.logger.warning("job failed", metadata: ["kind": .string(job.kind), "error": .string("\(error)")])
                try? await queue.fail(job, worker: name, error: "\(error)", now: now)
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
