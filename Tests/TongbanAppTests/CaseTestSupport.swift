import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

/// A minimal valid PDF: the upload store checks the first bytes.
let samplePDF = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

/// Instants in Beijing time, for tests that walk across holidays.
func beijing(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text + "+08:00")!
}

extension Browser {
    func uploadPDF(_ token: String, name: String = "扫描件.pdf") async throws -> UUID {
        var headers = HTTPHeaders([("Content-Type", "application/pdf")])
        headers.add(name: "X-File-Name", value: name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        var body = ByteBuffer()
        body.writeBytes(samplePDF)
        var captured: TestingHTTPResponse?
        headers.bearerAuthorization = BearerAuthorization(token: token)
        try await app.testing().test(.POST, "/api/v1/uploads", headers: headers, body: body) { captured = $0 }
        #expect(captured?.status == .created, "upload: \(captured?.body.string ?? "")")
        return try captured!.content.decode(CaseController.UploadView.self).id
    }

    /// A complete, valid application for an item or life event, with every material it needs uploaded.
    func application(item: String? = nil, lifeEvent: String? = nil, token: String, company: String? = nil) async throws -> ApplicationInput {
        let snapshot = app.catalogCache.snapshot
        let items = item.map { [snapshot.items[$0]!] } ?? snapshot.lifeEvent(lifeEvent!)!.items.compactMap { snapshot.items[$0] }
        var form: [String: String] = [:]
        for field in FormValidation.mergedFields(items) { form[field.key] = Self.sampleValue(field) }
        var materials: [MaterialUpload] = []
        for material in FormValidation.mergedMaterials(items) where material.replaceableBy == nil && material.required {
            materials.append(MaterialUpload(name: material.name, uploadId: try await uploadPDF(token, name: material.name + ".pdf")))
        }
        return ApplicationInput(item: item, lifeEvent: lifeEvent, form: form, materials: materials, company: company, district: "341502")
    }

    static func sampleValue(_ field: FormField) -> String {
        switch field.type {
        case "residentId": DemoAccounts.citizens[1].idNumber
        case "creditCode": DemoAccounts.company.creditCode
        case "phone": "13800000002"
        case "date": "2025-01-02"
        case "money", "integer": String(Int(max(field.min ?? 1, 1)))
        case "choice": field.options?.first ?? "是"
        case "boolean": "是"
        default: field.maxLength.map { $0 < 6 ? "测试" : "六安测试内容" } ?? "六安测试内容"
        }
    }

    func apply(_ input: ApplicationInput, token: String) async throws -> CaseView {
        let response = try await send(.POST, "/api/v1/cases", json: input, bearer: token)
        #expect(response.status == .created, "apply: \(response.body.string)")
        return try response.content.decode(CaseView.self)
    }

    func caseView(_ id: UUID, token: String) async throws -> CaseView {
        let response = try await send(.GET, "/api/v1/cases/\(id)", bearer: token)
        #expect(response.status == .ok, "case: \(response.body.string)")
        return try response.content.decode(CaseView.self)
    }

    @discardableResult
    func decide(_ task: UUID, _ decision: String, note: String? = nil, materials: [String]? = nil, token: String) async throws -> TestingHTTPResponse {
        try await send(.POST, "/api/v1/tasks/\(task)/decision", json: DecisionInput(decision: decision, note: note, materials: materials), bearer: token)
    }
}

/// A reviewer for any department, for flows whose departments have no demo reviewer.
func reviewerToken(_ app: Application, department: String) async throws -> String {
    let username = "test.reviewer.\(department)"
    if try await User.query(on: app.db).filter(\.$username == username).count() == 0 {
        let departmentID = try await Department.query(on: app.db).filter(\.$code == department).first()!.requireID()
        let user = User()
        user.username = username
        user.realName = "审批测试"
        user.passwordHash = try await PasswordHashCache.shared.hash(DemoAccounts.password, with: app.password.async)
        try await user.create(on: app.db)
        try await UserRole(userID: user.requireID(), role: .reviewer, departmentID: departmentID).create(on: app.db)
    }
    return try await apiToken(app, username)
}

/// Records what would have left as SMS, once per message id.
final class RecordingSMSGateway: SMSGateway, Sendable {
    private let box = NIOLockedValueBox<[UUID: Int]>([:])
    var sent: [UUID: Int] { box.withLockedValue { $0 } }

    func send(messageID: UUID, phone: String, text: String) async throws {
        box.withLockedValue { $0[messageID, default: 0] += 1 }
    }
}

extension Browser {
    /// Posts a multipart form as a browser does, CSRF field included.
    @discardableResult
    func submitMultipart(_ path: String, fields: [(String, String)], files: [(field: String, fileName: String, data: Data)] = []) async throws -> TestingHTTPResponse {
        if cookies["tb_csrf"] == nil { try await send(.GET, "/") }
        let boundary = "----tongban\(UUID().uuidString.prefix(8))"
        var body = Data()
        func part(_ header: String, _ content: Data) {
            body.append(Data("--\(boundary)\r\n\(header)\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        for (name, value) in fields + [("_csrf", csrf)] {
            part("Content-Disposition: form-data; name=\"\(name)\"", Data(value.utf8))
        }
        for file in files {
            part("Content-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/pdf", file.data)
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var buffer = ByteBuffer()
        buffer.writeBytes(body)
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: buffer) { captured = $0 }
        return captured!
    }

    /// The fields and files of a complete application form, as a person would fill it on the page.
    func applicationForm(item: String? = nil, lifeEvent: String? = nil) -> (fields: [(String, String)], files: [(field: String, fileName: String, data: Data)]) {
        let snapshot = app.catalogCache.snapshot
        let items = item.map { [snapshot.items[$0]!] } ?? snapshot.lifeEvent(lifeEvent!)!.items.compactMap { snapshot.items[$0] }
        var fields: [(String, String)] = item.map { [("item", $0)] } ?? [("event", lifeEvent!)]
        for field in FormValidation.mergedFields(items) { fields.append(("form[\(field.key)]", Self.sampleValue(field))) }
        fields.append(("district", "341502"))
        var files: [(field: String, fileName: String, data: Data)] = []
        for (index, material) in FormValidation.mergedMaterials(items).enumerated() where material.replaceableBy == nil && material.required {
            files.append((field: "file[m\(index)]", fileName: "\(material.name).pdf", data: samplePDF))
        }
        return (fields, files)
    }

    /// The case id in a redirect to a case page.
    func caseID(from response: TestingHTTPResponse) -> UUID? {
        guard let location = response.headers.first(name: .location) else { return nil }
        return location.split(separator: "/").compactMap { UUID(uuidString: String($0)) }.first
    }
}
