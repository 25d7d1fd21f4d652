import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("自助终端: ID number and SMS code, large buttons, idle sign-out")
struct KioskTests {
    static let grandmother = DemoAccounts.citizens[2]

    /// The code as the SMS gateway would deliver it.
    static func lastCode(_ app: Application) async throws -> String? {
        let text = try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "登录验证码").sort(\.$createdAt, .descending).first()?.body ?? ""
        return text.range(of: "[0-9]{6}", options: .regularExpression).map { String(text[$0]) }
    }

    @Test("王奶奶 signs in at a community terminal with her ID number and the code on her phone; large buttons; signed out when idle")
    func signIn() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let terminal = Browser(app)
            let start = try await terminal.send(.GET, KioskPages.path)
            #expect(terminal.cookies[CookieName.kiosk] == "1")
            #expect(start.body.string.contains("class=\"elder kiosk\"") && start.body.string.contains("http-equiv=\"refresh\""))

            let asked = try await terminal.submit("/kiosk/code", ["idNumber": Self.grandmother.idNumber], from: KioskPages.path)
            #expect(asked.status == .ok && asked.body.string.contains("短信验证码"))
            let code = try #require(try await Self.lastCode(app))
            let sms = try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "登录验证码").all()
            #expect(sms.allSatisfy { $0.channel == "sms" }, "the code is never in an inbox")

            let wrong = code == "000000" ? "111111" : "000000"
            let refused = try await terminal.submit("/kiosk/login", ["idNumber": Self.grandmother.idNumber, "code": wrong], from: KioskPages.path)
            #expect(refused.status == .unauthorized && refused.body.string.contains("验证码不正确"))
            let signedIn = try await terminal.submit("/kiosk/login", ["idNumber": Self.grandmother.idNumber, "code": code], from: KioskPages.path)
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == KioskPages.home)
            let menu = try await terminal.send(.GET, KioskPages.home).body.string
            #expect(menu.contains("王奶奶") && menu.contains("kiosk-button") && menu.contains("url=\(KioskPages.idle)"))
            #expect(try await terminal.send(.GET, SiteURL.me).status == .ok)

            // The same code does not work twice; the idle page signs out.
            let again = Browser(app)
            #expect(try await again.submit("/kiosk/login", ["idNumber": Self.grandmother.idNumber, "code": code], from: KioskPages.path).status
                    == .unauthorized)
            _ = try await terminal.send(.GET, KioskPages.idle)
            #expect(try await terminal.send(.GET, SiteURL.me).status != .ok)
        }
    }

    @Test("a kiosk session ends after ten minutes; five wrong codes end the code; unknown ID numbers are not revealed; bad ID numbers named")
    func limits() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let terminal = Browser(app)
            _ = try await terminal.send(.GET, KioskPages.path)
            _ = try await terminal.submit("/kiosk/code", ["idNumber": Self.grandmother.idNumber], from: KioskPages.path)
            let code = try #require(try await Self.lastCode(app))
            for _ in 0..<LoginCodes.maxAttempts {
                _ = try await terminal.submit("/kiosk/login", ["idNumber": Self.grandmother.idNumber, "code": code == "000000" ? "111111" : "000000"])
            }
            let locked = try await terminal.submit("/kiosk/login", ["idNumber": Self.grandmother.idNumber, "code": code])
            #expect(locked.status == .tooManyRequests, "the right code after five wrong ones is too late")

            app.clock.set(beijing("2026-03-02T10:01:00"))
            _ = try await terminal.submit("/kiosk/code", ["idNumber": Self.grandmother.idNumber])
            let fresh = try #require(try await Self.lastCode(app))
            #expect(try await terminal.submit("/kiosk/login", ["idNumber": Self.grandmother.idNumber, "code": fresh]).status == .seeOther)
            // Sessions keep real time (the test clock drives the platform's work, not sign-in): the kiosk's lasts ten minutes.
            let session = try #require(try await WebSession.query(on: app.db).filter(\.$tokenHash == Token.hash(terminal.cookies[CookieName.session] ?? "")).first())
            #expect(abs(session.expiresAt.timeIntervalSinceNow - KioskPages.sessionLifetime) < 30)

            let before = try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "登录验证码").count()
            let stranger = ResidentID.make(region: "341502", year: 1950, month: 2, day: 3, order: 77).value
            let answer = try await terminal.submit("/kiosk/code", ["idNumber": stranger]).body.string
            #expect(answer.contains("如该身份证号码已在六安通办注册"), "the same answer for an unregistered ID")
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$title == "登录验证码").count() == before)
            let bad = try await terminal.submit("/kiosk/code", ["idNumber": "34150219500203077"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("18"))
        }
    }
}
