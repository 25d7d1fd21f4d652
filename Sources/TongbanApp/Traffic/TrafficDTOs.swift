import Foundation
import TongbanCore
import Vapor

/// What the owner sees of their licence: the points of the current 记分周期 included.
struct LicenceView: Content {
    var fileNumber: String
    var licenceClass: String
    var status: String
    var firstIssuedOn: String
    var validUntil: String
    var cycleStart: String
    /// The cycle's last day.
    var cycleEnd: String
    var pointsScored: Int
    var pointsLeft: Int
}

struct VehicleView: Content {
    var plate: String
    var plateType: String
    var vehicleType: String
    var brand: String
    /// Masked: the full VIN is the key a stranger needs to query the plate.
    var vin: String
    var registeredOn: String
    var inspectionDueOn: String
}

struct ViolationView: Content {
    var id: UUID
    var plate: String
    var occurredAt: Date
    var place: String
    var offenceCode: String
    var offence: String
    var fineFen: Int
    var fine: String
    var points: Int
    var authority: String
    var source: String
    var handled: Bool
    var handledAt: Date?
    var decisionNumber: String?
    /// The payment that handled it, whose receipt its payer can read.
    var paymentId: UUID?

    init(_ violation: Violation) {
        id = violation.id ?? UUID()
        plate = Plate.display(violation.plate)
        (occurredAt, place) = (violation.occurredAt, violation.place)
        (offenceCode, offence) = (violation.offenceCode, violation.offence)
        (fineFen, fine, points) = (violation.fineFen, BillMoney.yuan(violation.fineFen), violation.points)
        (authority, source) = (violation.authority, violation.source)
        (handled, handledAt, decisionNumber, paymentId) = (violation.isHandled, violation.handledAt, violation.decisionNumber, violation.paymentID)
    }
}

/// 我的交通违章: the signed-in person's licence (nil without one), vehicles and their violations, newest first.
struct TrafficOverview: Content {
    var licence: LicenceView?
    var vehicles: [VehicleView]
    var violations: [ViolationView]
    var unhandled: Int
    var unpaidFineFen: Int
}

struct PlateQueryInput: Content {
    var plate: String?
    var vinSuffix: String?
}

/// A plate's violations for someone who is not its owner: what was done, where and what it costs — nothing of the
/// owner, and no decision numbers.
struct PlateQueryView: Content {
    struct Entry: Content {
        var occurredAt: Date
        var place: String
        var offenceCode: String
        var offence: String
        var fineFen: Int
        var fine: String
        var points: Int
        var handled: Bool
    }

    var plate: String
    var plateType: String
    var vehicleType: String
    var violations: [Entry]
}
