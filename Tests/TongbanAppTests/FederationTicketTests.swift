import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Federation: 12345 tickets transferred between cities")
struct FederationTicketTests {
    @Test("a ticket about Hefei is transferred there, and Hefei's reply comes back onto the caller's ticket in Lu'an")
    func transferAndReply() async throws {
        try await withTwoCities { cities in
            let luan = Browser(cities.luan)
            let citizen = try await apiToken(cities.luan, "13800000001")
            let filed = try #require(try await luan.fileTicket(.call(
                "complaint", title: "合肥市蜀山区某小区物业乱收费", body: "我在合肥市蜀山区有一套房子，物业公司今年起多收停车管理费，希望合肥相关部门处理。", phone: nil),
                token: citizen))
            let dispatcher = try await apiToken(cities.luan, "dispatcher")
            let transfer = try await luan.send(.POST, "/api/v1/federation/ticket-transfers",
                                               json: FederationTransferInput(ticket: filed.number, city: "合肥市", reason: "事发地在合肥市"), bearer: dispatcher)
            #expect(transfer.status == .accepted, "transfer: \(transfer.body.string)")
            let again = try await luan.send(.POST, "/api/v1/federation/ticket-transfers",
                                            json: FederationTransferInput(ticket: filed.number, city: "合肥市", reason: nil), bearer: dispatcher)
            #expect(again.status == .conflict)
            let nowhere = try await luan.send(.POST, "/api/v1/federation/ticket-transfers",
                                              json: FederationTransferInput(ticket: filed.number, city: "南京市", reason: nil), bearer: dispatcher)
            #expect(nowhere.status == .unprocessableEntity && nowhere.errorCode == "federation.peer_not_configured")
            #expect(try await luan.send(.POST, "/api/v1/federation/ticket-transfers",
                                        json: FederationTransferInput(ticket: filed.number, city: "合肥市", reason: nil), bearer: citizen).status == .forbidden)

            await cities.settle()
            let hefei = Browser(cities.hefei)
            let operatorToken = try await apiToken(cities.hefei, "operator")
            let queue = try await hefei.send(.GET, "/api/v1/federation/tickets", bearer: operatorToken).content.decode([FederationInboundTicketView].self)
            let received = try #require(queue.first)
            #expect(queue.count == 1 && received.originNumber == filed.number && received.originCityName == "六安市")
            #expect(received.reason == "事发地在合肥市")
            let replied = try await hefei.send(.POST, "/api/v1/federation/tickets/\(received.id)/reply",
                                               json: FederationReplyInput(reply: "经蜀山区住建局核实，物业已停止收取该费用并退还。"), bearer: operatorToken)
            #expect(replied.status == .ok, "reply: \(replied.body.string)")
            await cities.settle()

            let view = try await luan.ticket(filed.number, token: citizen)
            let kinds = view.events.map(\.kind).filter { $0.hasPrefix("federation.") }
            #expect(kinds == ["federation.transferred", "federation.received", "federation.replied"])
            #expect(view.events.last?.message.contains("物业已停止收取") == true)
            let notice = try await Notification.query(on: cities.luan.db).filter(\.$title == "合肥市已答复您的诉求")
                .filter(\.$channel == Notification.Channel.inApp.rawValue).count()
            #expect(notice == 1)
        }
    }
}
