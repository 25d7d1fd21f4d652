import Foundation
import TongbanCore

/// The hotline's rules that a city sets for itself.
public struct HotlineSettings: Sendable {
    /// Working days from dispatch per ticket type (TONGBAN_TICKET_LIMITS, e.g. `consult=1,help=3,complaint=5`).
    public var limits = TicketLimits()
    /// The classifier dispatches on its own when its best department has at least this confidence
    /// (TONGBAN_DISPATCH_THRESHOLD); below it the ticket waits for a dispatcher with the top three. With 19
    /// departments the confidences spread thin: on the held-out Lu'an set, 0.3 sends 64% out on their own and
    /// 97% of those to the right department (0.6 would send 33%, all right, and leave the rest to people).
    public var dispatchThreshold = 0.3
    /// A department may return (退单) a ticket within this many working days of dispatch.
    public var returnWindowDays = 1
    /// Open tickets in the same district this recent are compared for duplicates.
    public var duplicateWindowDays = 7
    /// Similarity (0–1) from which two tickets are proposed for merging, and a caller's complaint counts as repeated.
    public var duplicateThreshold = 0.55
    /// Repeated complaints are looked for this far back.
    public var repeatWindowDays = 30
    /// A reply nobody called back about is closed after this many days (the caller's silence is not counted as satisfied).
    public var callbackDays = 7
    /// A citizen files at most this many requests in an hour (TONGBAN_CITIZEN_TICKETS_PER_HOUR, 0 = no limit): a person
    /// files a handful a month, dozens an hour is a script that would bury the dispatchers. Operators are not limited.
    public var citizenTicketsPerHour = 10

    public init() {}

    static func fromEnvironment(_ env: [String: String]) -> HotlineSettings {
        var settings = HotlineSettings()
        if let text = env["TONGBAN_TICKET_LIMITS"], !text.isEmpty {
            do throws(WorkflowError) { settings.limits = try TicketLimits.parse(text) } catch {
                fatalError(error.message)  // a mistyped limit must stop the start, not be replaced by a default
            }
        }
        if let value = env["TONGBAN_DISPATCH_THRESHOLD"].flatMap(Double.init), (0...1).contains(value) {
            settings.dispatchThreshold = value
        }
        if let value = env["TONGBAN_DUPLICATE_THRESHOLD"].flatMap(Double.init), (0...1).contains(value) {
            settings.duplicateThreshold = value
        }
        if let days = env["TONGBAN_DUPLICATE_WINDOW_DAYS"].flatMap(Int.init), (1...90).contains(days) { settings.duplicateWindowDays = days }
        if let count = env["TONGBAN_CITIZEN_TICKETS_PER_HOUR"].flatMap(Int.init), count >= 0 { settings.citizenTicketsPerHour = count }
        if let days = env["TONGBAN_CALLBACK_DAYS"].flatMap(Int.init), (1...60).contains(days) { settings.callbackDays = days }
        return settings
    }
}
