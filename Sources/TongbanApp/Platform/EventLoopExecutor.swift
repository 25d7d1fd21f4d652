import NIOCore
import NIOPosix

/// Runs Swift's tasks on the event loops that serve HTTP and talk to the database, so an `await` on I/O resumes
/// without a thread switch. Measured on issue 3's submit+accept (see BENCHMARKS.md). Must be called first thing in
/// `main`, before any task exists.
public enum EventLoopExecutor {
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
