import Foundation
import TongbanCore

/// The deciding city keeps its promise on its own calendar, as for its own cases: the item's promised working days
/// from 受理, the clock stopped while the applicant owes 补正 and at the decision. Reviewers see at-risk and overdue
/// cases in their queue.
extension FederationInboundCase {
    func clock(calendar: WorkdayCalendar) -> DeadlineClock? {
        guard let acceptedAt, let limitDays, limitDays > 0 else { return nil }
        return DeadlineClock(start: acceptedAt, limitWorkdays: limitDays, pauses: pauses, finishedAt: decidedAt, calendar: calendar)
    }

    /// Moves the clock for a decision taking the case from `current` to `next` at `now`.
    func moveClock(from current: FederationCaseState, to next: FederationCaseState, limitDays limit: Int?, now: Date) {
        switch (current, next) {
        case (.received, .accepted):
            (acceptedAt, limitDays) = (now, limit)
        case (_, .supplement):
            pauses.append(Pause(start: now))
        case (.supplement, .accepted):
            pauses = pauses.map { $0.end == nil ? Pause(start: $0.start, end: now) : $0 }
        case (_, .approved), (_, .rejected):
            pauses = pauses.map { $0.end == nil ? Pause(start: $0.start, end: now) : $0 }
            decidedAt = decidedAt ?? now
        default:
            break
        }
    }
}
