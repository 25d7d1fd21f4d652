import Fluent
import Foundation
import Vapor

/// Who bills concern: the resident's household from 人口库, and the community staff who issue and collect.
extension Request {
    /// The signed-in resident's household, read from 人口库 as their own data (so it shows in 谁用了我的数据).
    func billHousehold() async throws -> PaymentService.Household? {
        guard let facts = try await communities.ownRegistryFacts(["community", "householdNumber"], purpose: "社区缴费"),
              case .string(let community)? = facts["community"], case .string(let number)? = facts["householdNumber"] else { return nil }
        return PaymentService.Household(community: community, number: number)
    }

    func requireBillHousehold() async throws -> PaymentService.Household {
        guard let household = try await billHousehold() else {
            throw AppError.notFound("您所在的社区（人口库中没有您的户籍地址）", code: "community.not_resident")
        }
        return household
    }

    /// Bills are issued by the community's own staff or its property company, not by city-wide roles: a demand for
    /// money should come from whoever answers for it at the door.
    @discardableResult
    func requireBillIssuer(_ code: String) async throws -> Principal {
        let person = try requirePrincipal()
        _ = try await communities.find(code)
        guard person.has(.communityStaff, inCommunity: code) || person.has(.propertyStaff, inCommunity: code) else {
            throw AppError(.forbidden, "community.forbidden", "只有本社区的社区工作人员和物业服务人员可以开具账单")
        }
        return person
    }

    /// 欠费清单: the same people, and the city's leaders and supervisors who oversee them.
    @discardableResult
    func requireArrearsReader(_ code: String) async throws -> Principal {
        _ = try await communities.find(code)
        return try communities.requireStaff(code, roles: [.communityStaff, .propertyStaff])
    }

    /// A payment the signed-in person may see: their household's (payer named in full) or, for a receipt, their
    /// community's as its staff (payer masked). Anyone else: 404, as if there were none.
    func visiblePayment(_ id: UUID?, asStaff: Bool) async throws -> (payment: Payment, ownHousehold: Bool) {
        let person = try requirePrincipal()
        guard let id, let payment = try await Payment.find(id, on: db) else { throw AppError.notFound("支付记录", code: "payment.not_found") }
        if asStaff, person.has(.communityStaff, inCommunity: payment.communityCode) || person.has(.propertyStaff, inCommunity: payment.communityCode) {
            return (payment, false)
        }
        if person.userID == payment.payerID { return (payment, true) }
        if let household = try await billHousehold(), household.community == payment.communityCode, household.number == payment.householdNumber {
            return (payment, true)
        }
        throw AppError.notFound("支付记录", code: "payment.not_found")
    }
}

/// 张三 → 张*, 欧阳娜娜 → 欧***: enough for staff to recognise a household, not to copy a name.
enum NameMasking {
    static func mask(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}
