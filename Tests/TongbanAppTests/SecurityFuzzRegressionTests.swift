import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Cases schemathesis found (`scripts/fuzz-api.sh`, docs/security-testing.md), kept so they stay fixed.
@Suite("Security: schemathesis findings")
struct SecurityFuzzRegressionTests {
    @Test("ST105: a material's download is declared as the file it is (PDF, JPEG or PNG), not JSON")
    func uploadDownloadIsAFile() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let document = try await browser.send(.GET, "/api/v1/openapi.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any])
            let paths = try #require(json["paths"] as? [String: [String: Any]])
            let download = try #require(paths["/api/v1/uploads/{id}"]?["get"] as? [String: Any])
            let ok = try #require((download["responses"] as? [String: Any])?["200"] as? [String: Any])
            let declared = Set(try #require(ok["content"] as? [String: Any]).keys)
            #expect(declared == ["application/pdf", "image/jpeg", "image/png"])

            let token = try await apiToken(app, "13800000001")
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
            var headers = HTTPHeaders([("Content-Type", "application/octet-stream"), ("X-File-Name", "scan.png")])
            headers.bearerAuthorization = BearerAuthorization(token: token)
            var captured: TestingHTTPResponse?
            try await app.testing().test(.POST, "/api/v1/uploads", headers: headers, body: ByteBuffer(data: png)) { captured = $0 }
            let upload = try #require(captured).content.decode(CaseController.UploadView.self)
            let served = try await browser.send(.GET, "/api/v1/uploads/\(upload.id)", bearer: token)
            #expect(served.status == .ok)
            #expect(declared.contains(served.headers.contentType.map { "\($0.type)/\($0.subType)" } ?? ""), "served as \(served.headers.contentType?.description ?? "")")
        }
    }

    @Test("ST204: a method a known path does not take answers 405 with Allow; an unknown path stays 404")
    func undeclaredMethod() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let patched = try await browser.send(.PATCH, "/api/v1/cases")
            #expect(patched.status == .methodNotAllowed && patched.errorCode == "request.method_not_allowed")
            #expect(patched.headers.first(name: .allow) == "GET, HEAD, POST")
            let traced = try await browser.send(.TRACE, "/api/v1/services/gjj-tq-gf")
            #expect(traced.status == .methodNotAllowed && traced.headers.first(name: .allow) == "GET, HEAD", "a parameter matches any value")
            #expect(try await browser.send(.DELETE, "/api/v1/no-such-thing").status == .notFound)
            #expect(try await browser.send(.GET, "/api/v1/services/no-such-item").status == .notFound, "a handler's own 404 is untouched")
        }
    }
}
