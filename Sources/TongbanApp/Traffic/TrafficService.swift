import Fluent
import Foundation
import TongbanCore
import Vapor

/// Reads of 交通管理库 for the person it is about, for `RegistryFacts`, and for a third party who knows the plate and
/// the VIN. The person's own reads are logged through the exchange gate by the caller (`Request.ownTraffic`).
struct TrafficService {
    let db: any Database
    let cipher: FieldCipher
    let now: Date

    func overview(of person: String) async throws -> TrafficOverview {
        let vehicles = try await Vehicle.query(on: db).filter(\.$ownerHash == person).sort(\.$registeredOn).all()
        let violations = try await Violation.query(on: db).filter(\.$vehicleID ~~ vehicles.compactMap(\.id))
            .sort(\.$occurredAt, .descending).all()
        let open = violations.filter { !$0.isHandled }
        return TrafficOverview(licence: try await licence(of: person), vehicles: try vehicles.map(view),
                               violations: violations.map(ViolationView.init), unhandled: open.count,
                               unpaidFineFen: open.reduce(0) { $0 + $1.fineFen })
    }

    func licence(of holder: String) async throws -> LicenceView? {
        guard let licence = try await DrivingLicence.query(on: db).filter(\.$holderHash == holder).first(),
              let issued = CalendarDay(licence.firstIssuedOn) else { return nil }
        let cycle = PointsCycle(firstIssued: issued, today: CalendarDay(now))
        let scored = try await scoredPoints(holder, in: cycle)
        return LicenceView(fileNumber: licence.fileNumber, licenceClass: licence.licenceClass, status: licence.status,
                           firstIssuedOn: licence.firstIssuedOn, validUntil: licence.validUntil, cycleStart: cycle.start.description,
                           cycleEnd: cycle.end.adding(days: -1).description, pointsScored: scored, pointsLeft: max(0, PointsCycle.limit - scored))
    }

    /// Points go to the cycle in which the violation was handled (the decision's date), as 记分 is recorded then.
    func scoredPoints(_ holder: String, in cycle: PointsCycle) async throws -> Int {
        try await Violation.query(on: db).filter(\.$scoredHash == holder)
            .filter(\.$handledAt >= cycle.start.startInstant).filter(\.$handledAt < cycle.end.startInstant)
            .all(\.$points).reduce(0, +)
    }

    func view(_ vehicle: Vehicle) throws -> VehicleView {
        VehicleView(plate: Plate.display(vehicle.plate), plateType: vehicle.plateType, vehicleType: vehicle.vehicleType, brand: vehicle.brand,
                    vin: Plate.maskedVIN(try cipher.open(vehicle.vinCipher)), registeredOn: vehicle.registeredOn, inspectionDueOn: vehicle.inspectionDueOn)
    }

    /// A violation of one of the person's vehicles; anyone else's is as good as none.
    func ownViolation(_ id: UUID?, of person: String) async throws -> Violation {
        guard let id, let violation = try await Violation.find(id, on: db),
              try await Vehicle.query(on: db).filter(\.$id == violation.vehicleID).filter(\.$ownerHash == person).count() == 1 else {
            throw AppError.notFound("交通违法记录", code: "traffic.violation_not_found")
        }
        return violation
    }

    /// The registry's fields for the exchange (`RegistryCatalog` "traffic").
    func facts(of person: String) async throws -> Facts {
        let overview = try await overview(of: person)
        var facts: Facts = [
            "plates": .list(overview.vehicles.map { .string($0.plate) }),
            "vehicleCount": .number(Double(overview.vehicles.count)),
            "unhandledViolations": .number(Double(overview.unhandled)),
            "unpaidFineYuan": .number(Double(overview.unpaidFineFen) / 100),
            "violations": .list(overview.violations.map { violation in
                .string("\(CalendarDay(violation.occurredAt)) \(violation.plate) \(violation.offence) 罚款\(violation.fine)元 记\(violation.points)分 \(violation.handled ? "已处理" : "未处理")")
            }),
        ]
        if let licence = overview.licence {
            facts["licenceClass"] = .string(licence.licenceClass)
            facts["licenceStatus"] = .string(licence.status)
            facts["licenceValidUntil"] = CalendarDate(licence.validUntil).map(FactValue.date) ?? .string(licence.validUntil)
            facts["pointsScored"] = .number(Double(licence.pointsScored))
        }
        return facts
    }
}

extension Request {
    var traffic: TrafficService { TrafficService(db: db, cipher: application.fieldCipher, now: application.clock.now()) }

    /// The signed-in person's keyed hash, after reading their 交通管理库 record through the exchange gate as their own
    /// data, so every read shows in their 谁用了我的数据 with `purpose`.
    func ownTrafficPerson(purpose: String) async throws -> String {
        let principal = try requirePrincipal()
        guard let user = try await User.find(principal.userID, on: db), let sealed = user.idNumberCipher else {
            throw AppError.notFound("您的交通管理信息（账号未实名登记身份证号码）", code: "traffic.no_identity")
        }
        let idNumber = try application.fieldCipher.open(sealed)
        let reader = ExchangeGate.Reader(name: principal.realName, userID: principal.userID, departmentCode: ExchangeGate.Reader.selfService)
        let registry = RegistryCatalog.registry("traffic")!
        _ = try await exchange.read(registry.code, fields: registry.fields.map(\.key), of: idNumber, by: reader, purpose: purpose)
        return registry.subjectHash(idNumber, cipher: application.fieldCipher)
    }

    func ownTraffic() async throws -> TrafficOverview {
        try await traffic.overview(of: try await ownTrafficPerson(purpose: "我的交通违章"))
    }
}
