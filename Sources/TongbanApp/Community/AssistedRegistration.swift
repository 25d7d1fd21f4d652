import Fluent
import Foundation
import TongbanCore
import Vapor

/// 协助开户: a resident who has never used a smartphone app comes to the station. The community's staff or grid
/// worker opens an account for them, with their consent written down: name and ID number from 人口库 (so no typing
/// mistakes and no accounts for people who do not live here), a mobile number (theirs, or a relative's who has no
/// account of their own). No password: they sign in at a kiosk with their ID number and an SMS code. From then on
/// every 代办 flow (repairs, events, bills, applications) works for them as for anyone with an account.
struct AssistedRegistration: Content {
    var idNumber: String?
    var phone: String?
    var consent: String?
}

/// Who opened which account for whom, and how the person agreed: kept as long as the account.
final class AssistedRegistrationRecord: Model, @unchecked Sendable {
    static let schema = "assisted_registrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "community_code") var communityCode: String
    @Field(key: "agent_id") var agentID: UUID
    @Field(key: "agent_name") var agentName: String
    @Field(key: "consent") var consent: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateAssistedRegistrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AssistedRegistrationRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("community_code", .string, .required)
            .field("agent_id", .uuid, .required)
            .field("agent_name", .string, .required)
            .field("consent", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssistedRegistrationRecord.schema).delete()
    }
}

extension CommunityService {
    /// Staff and grid workers of this community open accounts for its residents.
    func register(_ input: AssistedRegistration, community code: String) async throws -> User {
        let agent = try requireStaff(code, roles: [.communityStaff, .gridWorker])
        guard agent.has(.communityStaff, inCommunity: code) || agent.has(.gridWorker, inCommunity: code) else {
            throw AppError(.forbidden, "community.forbidden", "只有本社区的社区工作人员和网格员可以协助居民开户")
        }
        var problems: [String: String] = [:]
        let phone = (input.phone ?? "").filter { !$0.isWhitespace }
        if !PhoneNumber.isMobile(phone) { problems["phone"] = "请填写11位手机号码（本人或家属的）" }
        let consent = (input.consent ?? "").trimmed
        if !(2...100).contains(consent.count) { problems["consent"] = "请写明本人如何同意开户（如“本人到社区服务站当面同意”）" }
        var record: PopulationRecord?, residentID: ResidentID?
        switch ResidentID.result((input.idNumber ?? "").trimmed.uppercased()) {
        case .failure(let error): problems["idNumber"] = error.message
        case .success(let id):
            residentID = id
            record = try await PopulationRecord.query(on: request.db).filter(\.$personHash == request.application.fieldCipher.lookupHash("rid:" + id.value))
                .filter(\.$alive == true).first()
            if record?.communityCode != code { problems["idNumber"] = "人口库中该居民不在本社区" }
        }
        guard problems.isEmpty, let record, let residentID else {
            throw AppError.invalid("community.invalid_registration", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        let now = request.application.clock.now()
        let (agentID, agentName) = (agent.userID, agent.realName)
        let user = try await request.identity.createCitizen(realName: record.name, residentID: residentID, phone: phone, passwordHash: nil) { db, user in
            let entry = AssistedRegistrationRecord()
            (entry.userID, entry.communityCode, entry.agentID, entry.agentName) = (try user.requireID(), code, agentID, agentName)
            (entry.consent, entry.createdAt) = (consent, now)
            try await entry.create(on: db)
            try await NotificationService(db: db, now: now).notify(
                try user.requireID(), title: "六安通办账号已开通",
                body: "\(record.name)您好：社区工作人员\(agentName)已按您的意愿为您开通六安通办账号。您可在社区、银行等处的自助终端用身份证号和短信验证码登录；如非本人意愿，请拨打12345。",
                link: "/kiosk", sms: true)
        }
        request.logger.info("assisted registration", metadata: ["community": .string(code), "by": .string(agentName)])
        return user
    }
}
