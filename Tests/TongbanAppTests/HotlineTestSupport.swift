import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

/// A member of staff with one role in one department (or city-wide), for flows the demo accounts do not cover.
func staffToken(_ app: Application, _ role: Role, department: String?) async throws -> String {
    let username = "test.\(role.rawValue).\(department ?? "city")"
    if try await User.query(on: app.db).filter(\.$username == username).count() == 0 {
        let departmentID = try await department.asyncMap { try await Department.query(on: app.db).filter(\.$code == $0).first()!.requireID() }
        let user = User()
        user.username = username
        user.realName = "测试\(role.title)"
        user.passwordHash = try await PasswordHashCache.shared.hash(DemoAccounts.password, with: app.password.async)
        try await user.create(on: app.db)
        try await UserRole(userID: user.requireID(), role: role, departmentID: departmentID).create(on: app.db)
    }
    return try await apiToken(app, username)
}

/// Hotline tests decide dispatch themselves: never automatic unless a test turns it on.
func manualDispatch(_ settings: inout Settings) {
    settings.hotline.dispatchThreshold = 1.01
}

extension Browser {
    func fileTicket(_ input: TicketInput, token: String, expect status: HTTPStatus = .created) async throws -> TicketView? {
        let response = try await send(.POST, "/api/v1/tickets", json: input, bearer: token)
        #expect(response.status == status, "file: \(response.body.string)")
        return status == .created ? try response.content.decode(TicketView.self) : nil
    }

    @discardableResult
    func ticketAction(_ number: String, _ action: String, _ body: [String: String] = [:], token: String?) async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/v1/tickets/\(number)/\(action)", json: body, bearer: token)
    }

    func ticket(_ number: String, token: String) async throws -> TicketView {
        let response = try await send(.GET, "/api/v1/tickets/\(number)", bearer: token)
        #expect(response.status == .ok, "ticket: \(response.body.string)")
        return try response.content.decode(TicketView.self)
    }
}

extension TicketInput {
    static func call(_ type: String = "complaint", title: String, body: String, phone: String? = "13912345678",
                     district: String? = nil, channel: String? = nil, anonymous: Bool? = nil) -> TicketInput {
        TicketInput(type: type, title: title, body: body, district: district, address: nil, latitude: nil, longitude: nil,
                    contactName: phone == nil ? nil : "陈先生", contactPhone: phone, anonymous: anonymous, channel: channel,
                    mailboxDepartment: nil, answer: nil)
    }
}
