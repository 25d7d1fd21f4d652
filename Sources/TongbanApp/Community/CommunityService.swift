import Fluent
import Foundation
import SQLKit
import TongbanCore
import Vapor

/// Who may act for a community, where a resident belongs, and a community's figures from 人口库.
struct CommunityService {
    let request: Request

    struct View: Content {
        var code: String
        var name: String
        var kind: String
        var street: String
        var streetName: String
        var district: String
        var districtName: String
    }

    /// A community's residents in figures only (no names): what its staff plan with.
    struct Overview: Content {
        var community: View
        var residents: Int
        var households: Int
        var buildings: Int
        /// Age bands as in the 老龄 statistics: 0–17, 18–59, 60–69, 70–79, 80 and over.
        var ageBands: [Band]
        var computedAt: Date

        struct Band: Content {
            var label: String
            var count: Int
        }
    }

    func view(_ community: Community) -> View {
        let districts = request.catalog.snapshot.districts
        return View(code: community.code, name: community.name, kind: community.kind, street: community.streetCode,
                    streetName: community.streetName, district: community.districtCode,
                    districtName: districts.first { $0.code == community.districtCode }?.name ?? community.districtCode)
    }

    func all() async throws -> [Community] {
        try await Community.query(on: request.db).sort(\.$code).all()
    }

    func find(_ code: String) async throws -> Community {
        guard let community = try await Community.query(on: request.db).filter(\.$code == code).first() else {
            throw AppError.notFound("社区", code: "community.not_found")
        }
        return community
    }

    /// The community's own staff (any community role), or the city's leaders, supervisors and administrators.
    /// Anyone else is refused with 403: a community's work is not secret, but it is not theirs.
    @discardableResult
    func requireStaff(_ code: String, roles: Set<Role> = [.communityStaff, .gridWorker, .volunteer, .propertyStaff]) throws -> Principal {
        let person = try request.requirePrincipal()
        let cityWide = person.grants.contains { [.admin, .leader, .supervisor].contains($0.role) }
        guard cityWide || person.grants.contains(where: { roles.contains($0.role) && $0.communityCode == code }) else {
            throw AppError(.forbidden, "community.forbidden", "您不是该社区的工作人员")
        }
        return person
    }

    /// The signed-in person's community, from their registered address in 人口库 (read as their own data).
    func mine() async throws -> Community? {
        guard case .string(let code)? = try await ownRegistryFacts(["community"], purpose: "我的社区")?["community"] else { return nil }
        return try await Community.query(on: request.db).filter(\.$code == code).first()
    }

    /// Fields of the signed-in person's own 人口库 record, read through the exchange gate as their own data, so every
    /// read shows in their "谁用了我的数据" with `purpose`; nil without an ID number or a record.
    func ownRegistryFacts(_ fields: [String], purpose: String) async throws -> Facts? {
        let person = try request.requirePrincipal()
        guard let user = try await User.find(person.userID, on: request.db), let sealed = user.idNumberCipher else { return nil }
        let idNumber = try request.application.fieldCipher.open(sealed)
        let reader = ExchangeGate.Reader(name: person.realName, userID: person.userID, departmentCode: ExchangeGate.Reader.selfService)
        return try? await request.exchange.read("population", fields: fields, of: idNumber, by: reader, purpose: purpose).values
    }

    func overview(_ community: Community) async throws -> Overview {
        let rows = try await PopulationRecord.query(on: request.db).filter(\.$communityCode == community.code).filter(\.$alive == true)
            .field(\.$birthDate).field(\.$householdNumber).field(\.$building).all()
        let today = CalendarDay(request.application.clock.now())
        let labels = ["0–17岁", "18–59岁", "60–69岁", "70–79岁", "80岁及以上"]
        var counts = Array(repeating: 0, count: labels.count)
        for row in rows {
            guard let born = CalendarDay(row.birthDate) else { continue }
            let age = LifeStageRules.age(born: born, on: today)
            counts[age < 18 ? 0 : age < 60 ? 1 : age < 70 ? 2 : age < 80 ? 3 : 4] += 1
        }
        return Overview(community: view(community), residents: rows.count, households: Set(rows.map(\.householdNumber)).count,
                        buildings: Set(rows.compactMap(\.building)).count,
                        ageBands: zip(labels, counts).map { Overview.Band(label: $0, count: $1) }, computedAt: request.application.clock.now())
    }
}

extension Request {
    var communities: CommunityService { CommunityService(request: self) }
}

enum CommunityURL {
    static let staffHome = "/community"
    static let mine = "/me/community"
    static func workbench(_ code: String) -> String { "/community/\(code)" }
}
