import Fluent
import Foundation
import Vapor

/// 他人车辆违法查询: anyone who has the plate and the last six characters of its VIN (the buyer of a used car, a
/// company's fleet manager) sees the plate's violations and nothing of the owner. Six characters fall to guessing,
/// so failures are counted per plate (5) and per client address (20) in 15 minutes; an unknown plate and a wrong VIN
/// get the same answer, so plates cannot be tried one by one to find which exist.
struct PlateQuery {
    let db: any Database
    let cipher: FieldCipher
    let now: Date

    static let perPlate = 5
    static let perClient = 20
    static let purpose = "他人凭号牌号码和车架号后六位查询交通违法"

    func run(_ input: PlateQueryInput, client: String) async throws -> PlateQueryView {
        var errors: [String: String] = [:]
        let plate = Plate.normalise(input.plate ?? "")
        let vin = Plate.vinSuffix(input.vinSuffix ?? "")
        if plate == nil { errors["plate"] = "请填写正确的号牌号码，例如 皖N·A8K62" }
        if vin == nil { errors["vinSuffix"] = "请填写车架号（VIN）的最后六位字母或数字" }
        guard let plate, let vin else { throw AppError.invalid("traffic.bad_query", "号牌号码或车架号后六位格式不正确", details: errors) }
        let limit = GuessLimit(db: db, cipher: cipher, now: now)
        let subjects = ["plate-query:" + plate, "plate-query-client:" + client]
        try await limit.check([(subjects[0], Self.perPlate), (subjects[1], Self.perClient)], code: "traffic.query_limited",
                              message: "号牌号码与车架号不匹配的次数过多，请 15 分钟后再试")
        guard let vehicle = try await Vehicle.query(on: db).filter(\.$plate == plate).first(), let id = vehicle.id,
              Token.constantTimeEquals(vehicle.vinCheck, Plate.vinCheck(plate: plate, vin: vin, cipher: cipher)) else {
            try await limit.fail(subjects)
            throw AppError.notFound("该车辆（号牌号码与车架号后六位不匹配）", code: "traffic.vehicle_not_found")
        }
        let violations = try await Violation.query(on: db).filter(\.$vehicleID == id).sort(\.$occurredAt, .descending).all()
        try await audit(vehicle)
        return PlateQueryView(plate: Plate.display(plate), plateType: vehicle.plateType, vehicleType: vehicle.vehicleType,
                              violations: violations.map { violation in
            PlateQueryView.Entry(occurredAt: violation.occurredAt, place: violation.place, offenceCode: violation.offenceCode,
                                 offence: violation.offence, fineFen: violation.fineFen, fine: BillMoney.yuan(violation.fineFen),
                                 points: violation.points, handled: violation.isHandled)
        })
    }

    /// The owner sees in 谁用了我的数据 that someone who knew the VIN looked at the vehicle's violations.
    private func audit(_ vehicle: Vehicle) async throws {
        let record = DataAccess()
        record.subjectHash = vehicle.ownerHash
        record.registry = "traffic"
        record.fields = "violations"
        record.readerName = "他人查询（号牌 \(Plate.display(vehicle.plate)) + 车架号后六位）"
        record.departmentCode = "jj"
        record.purpose = Self.purpose
        record.at = now
        try await record.create(on: db)
    }
}

extension Request {
    var plateQuery: PlateQuery { PlateQuery(db: db, cipher: application.fieldCipher, now: application.clock.now()) }
}
