import Fluent
import Foundation

/// 政府开放日: a community event (sign-up, capacity, waiting list, reminders — all of `EventService`) that is open to
/// everyone (`communityCode` nil) and belongs to a department. This row is the only thing it adds: whose it is.
final class OpenDay: Model, @unchecked Sendable {
    static let schema = "open_days"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: CommunityEvent
    @Field(key: "department_code") var departmentCode: String

    init() {}
}
