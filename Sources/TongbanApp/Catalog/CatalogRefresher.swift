import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// With several instances, an administrator's edit lands in one instance's memory only; the
/// others notice the changed revision within `interval` and reload their snapshot.
final class CatalogRefresher: LifecycleHandler, Sendable {
    let interval: Duration
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(interval: Duration = .seconds(5)) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let interval = self.interval
        task.withLockedValue { task in
            task = Task { [weak application] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let application, !Task.isCancelled else { return }
                    await Self.refreshIfChanged(application)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task.withLockedValue { $0?.cancel() }
    }

    static func refreshIfChanged(_ application: Application) async {
        let service = CatalogService(db: application.db, cache: application.catalogCache)
        do {
            if try await CatalogService.revision(on: application.db) != service.snapshot.revision {
                try await service.reload()
                application.logger.info("catalogue reloaded after an edit elsewhere")
            }
        } catch {
            // A command that finishes shuts the databases down under a refresh in flight: not news.
            guard !Task.isCancelled, !application.didShutdown else { return }
            application.logger.warning("catalogue refresh failed: \(error)")
        }
    }
}
