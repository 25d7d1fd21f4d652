import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The time the platform believes it is. Services take `now` from here, never from `Date()`, so
/// tests can stand on the day before the Spring Festival and walk across it.
final class PlatformClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)
    private let fixed = NIOLockedValueBox<Date?>(nil)

    func now() -> Date {
        if let fixed = fixed.withLockedValue({ $0 }) { return fixed }
        return Date().addingTimeInterval(offset.withLockedValue { $0 })
    }

    /// Tests only: stop the clock at `date`.
    func set(_ date: Date) { fixed.withLockedValue { $0 = date } }
    func advance(by seconds: TimeInterval) {
        fixed.withLockedValue { value in value = (value ?? Date()).addingTimeInterval(seconds) }
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = PlatformClock }
    var clock: PlatformClock {
        if let clock = storage[ClockKey.self] { return clock }
        let clock = PlatformClock()
        storage[ClockKey.self] = clock
        return clock
    }
}
