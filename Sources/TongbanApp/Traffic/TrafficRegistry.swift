import Fluent
import Foundation

/// 交通管理库, owned by 六安市公安局交通警察支队 (`jj`): vehicles, driving licences and traffic violations. People are
/// found by the keyed hash of their ID number, as in the other registries; no ID number is stored here.
final class Vehicle: Model, @unchecked Sendable {
    static let schema = "registry_traffic_vehicles"

    @ID(key: .id) var id: UUID?
    /// Normalised, without separators: 皖NA8K62 (see `Plate`).
    @Field(key: "plate") var plate: String
    /// 号牌种类: 小型汽车, 小型新能源汽车, 大型汽车.
    @Field(key: "plate_type") var plateType: String
    /// 车辆类型: 小型轿车, 小型普通客车 …
    @Field(key: "vehicle_type") var vehicleType: String
    /// 品牌型号, as on the 行驶证.
    @Field(key: "brand") var brand: String
    @Field(key: "owner_hash") var ownerHash: String
    /// The VIN is the secret a third party must know to query the plate, so it is sealed like personal data…
    @Field(key: "vin_cipher") var vinCipher: String
    /// …and checked through a keyed hash of plate and its last six characters (`Plate.vinCheck`).
    @Field(key: "vin_check") var vinCheck: String
    @Field(key: "registered_on") var registeredOn: String
    /// 检验有效期至.
    @Field(key: "inspection_due_on") var inspectionDueOn: String

    init() {}
}

/// 机动车驾驶证. Its points are not stored: they are the violations scored to the holder within the current 记分周期
/// (`PointsCycle`), so the cycle's turn needs no job and the points can never disagree with the violations.
final class DrivingLicence: Model, @unchecked Sendable {
    static let schema = "registry_traffic_licences"

    @ID(key: .id) var id: UUID?
    @Field(key: "holder_hash") var holderHash: String
    /// 档案编号, 12 digits.
    @Field(key: "file_number") var fileNumber: String
    /// 准驾车型: C1, C2, A2 …
    @Field(key: "licence_class") var licenceClass: String
    /// 初次领证日期, YYYY-MM-DD: each 记分周期 starts on its anniversary.
    @Field(key: "first_issued_on") var firstIssuedOn: String
    @Field(key: "valid_until") var validUntil: String
    /// 正常 / 扣留 / 注销
    @Field(key: "status") var status: String

    init() {}
}

/// One traffic violation of one vehicle, caught by camera (电子监控) or by an officer (现场执法). Handled (处理) once,
/// when its fine is paid: then the points go to the licence of the person who handled it.
final class Violation: Model, @unchecked Sendable {
    static let schema = "registry_traffic_violations"

    @ID(key: .id) var id: UUID?
    @Field(key: "vehicle_id") var vehicleID: UUID
    @Field(key: "plate") var plate: String
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "place") var place: String
    /// 违法代码, see `Offence`.
    @Field(key: "offence_code") var offenceCode: String
    /// The offence as worded when it was recorded: the table may change later, the record does not.
    @Field(key: "offence") var offence: String
    @Field(key: "fine_fen") var fineFen: Int
    @Field(key: "points") var points: Int
    /// 采集机关, e.g. 六安市公安局交通警察支队金安大队.
    @Field(key: "authority") var authority: String
    @Field(key: "source") var source: String
    @OptionalField(key: "handled_at") var handledAt: Date?
    /// 处罚决定书编号, issued when handled.
    @OptionalField(key: "decision_number") var decisionNumber: String?
    /// The licence holder the points went to (keyed hash); nil for a violation without points.
    @OptionalField(key: "scored_hash") var scoredHash: String?
    @OptionalField(key: "payment_id") var paymentID: UUID?

    init() {}

    var isHandled: Bool { handledAt != nil }
}
