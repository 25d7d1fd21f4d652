import Fluent
import Foundation
import TongbanCore
import Vapor

/// 代办报修: a community's staff or grid worker files a repair for a resident who cannot do it online — an elderly
/// person at the service station, say — by ID number, writing down how the person agreed. The order is the resident's
/// own (they are told, follow it and rate it); its timeline says who filed it for them and how they consented.
struct RepairOnBehalf: Content {
    var category: String?
    var description: String?
    var location: String?
    var residentIdNumber: String?
    var consent: String?
}

extension RepairService {
    static func requireAgent(_ code: String, _ person: Principal) throws {
        guard RepairAudience(person, community: code).mayFileForResidents else {
            throw AppError(.forbidden, "community.forbidden", "只有本社区的工作人员和网格员可以代居民报修")
        }
    }

    func file(_ input: RepairOnBehalf, community code: String, by agent: Principal) async throws -> TicketService.Intake {
        try Self.requireAgent(code, agent)
        let community = try await request.communities.find(code)
        var problems: [String: String] = [:]
        let category = RepairCategory(choice: input.category?.trimmed ?? "")
        if category == nil { problems["category"] = "请选择报修类别：" + RepairCategory.allCases.map(\.title).joined(separator: "、") }
        let description = (input.description ?? "").trimmed, location = (input.location ?? "").trimmed
        if !(5...Self.maxDescription).contains(description.count) { problems["description"] = "请说明问题（5–\(Self.maxDescription)字）" }
        if !(2...Self.maxLocation).contains(location.count) { problems["location"] = "请填写位置（2–\(Self.maxLocation)字），如“3栋2单元楼道”" }
        let consent = (input.consent ?? "").trimmed
        if !(2...100).contains(consent.count) { problems["consent"] = "请写明本人如何同意代为报修（如“本人到社区服务站当面同意”）" }
        var resident: User?
        switch ResidentID.result((input.residentIdNumber ?? "").trimmed.uppercased()) {
        case .failure(let error): problems["residentIdNumber"] = error.message
        case .success(let id):
            let cipher = request.application.fieldCipher
            let record = try await PopulationRecord.query(on: request.db).filter(\.$personHash == cipher.lookupHash("rid:" + id.value)).first()
            resident = try await User.query(on: request.db).filter(\.$idNumberHash == cipher.lookupHash("rid:" + id.value)).first()
            if record?.communityCode != code {
                problems["residentIdNumber"] = "人口库中该居民不在本社区"
            } else if resident == nil {
                problems["residentIdNumber"] = "该居民还没有六安通办账号，请先“协助开户”（社区工作台），再代为报修"
            }
        }
        guard problems.isEmpty, let category, let resident else {
            throw AppError.invalid("repair.invalid_on_behalf", problems.values.sorted().joined(separator: "；"), details: problems)
        }
        let ticketInput = TicketInput(type: category.ticketType.rawValue, title: "\(category.title)：\(location)", body: description,
                                      district: community.districtCode, address: "\(community.name) \(location)", latitude: nil, longitude: nil,
                                      contactName: nil, contactPhone: nil, anonymous: nil, channel: TicketChannel.community.rawValue,
                                      mailboxDepartment: nil, answer: nil)
        let tickets = self.tickets
        let note = "\(agent.realName) 代为报修（本人同意方式：\(consent)）"
        return try await tickets.intake(ticketInput, by: .resident(resident, community: code, category: category)) { db, ticket in
            try await tickets.record(db, try ticket.requireID(), actor: agent.realName, kind: "on_behalf", note)
        }
    }
}
