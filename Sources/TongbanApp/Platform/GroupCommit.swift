import Fluent
import Foundation

/// Group commit: writes that arrive while a transaction is in progress are saved together in the next one,
/// so a busy platform pays for one transaction (and on SQLite one turn of the write gate, one fsync, a few
/// multi-row statements) per batch instead of per request. Each caller still returns only after its own
/// write is committed, with its own outcome.
///
/// `commit` gets the whole batch to write in one transaction and answers each item: an item it refuses (a case
/// already accepted, say) must leave nothing behind, and its caller gets the error while the others commit.
/// A batch whose transaction fails as a whole is retried one item at a time, so one bad write cannot take
/// its neighbours down with it.
actor GroupCommit<Item: Sendable, Output: Sendable> {
    /// Writes a batch in one transaction and answers each item.
    typealias Commit = @Sendable ([Item]) async throws -> [Result<Output, any Error>]

    private let commit: Commit
    /// Where batches run (the SQLite writer's own thread); nil: Swift's shared threads.
    private let executor: (any TaskExecutor)?
    private var pending: [(item: Item, done: CheckedContinuation<Output, any Error>)] = []
    private var flushing = false

    init(executor: (any TaskExecutor)? = nil, commit: @escaping Commit) {
        self.executor = executor
        self.commit = commit
    }

    func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Output, any Error>) in
            pending.append((item, done))
            if !flushing {
                flushing = true
                Task(executorPreference: executor) { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                let results = try await run(batch.map(\.item))
                for (entry, result) in zip(batch, results) { entry.done.resume(with: result) }
            } catch {
                for entry in batch {
                    do {
                        entry.done.resume(with: try await run([entry.item])[0])
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        flushing = false
    }

    private func run(_ items: [Item]) async throws -> [Result<Output, any Error>] {
        let results = try await commit(items)
        precondition(results.count == items.count, "a group commit must answer every item")
        return results
    }
}
