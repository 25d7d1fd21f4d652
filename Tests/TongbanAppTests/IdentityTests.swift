import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("Identity: registration, sign-in, sessions, companies")
struct IdentityTests {
    static let validID = ResidentID.make(region: "341502", year: 1990, month: 3, day: 7, order: 88).value

    @Test("a citizen registers, is signed in, and sees their data masked")
    func registerInBrowser() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let response = try await browser.submit("/register", [
                "realName": "陈小明", "idNumber": Self.validID, "phone": "13912345678", "password": "anhui2026",
            ], from: "/register")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/me")
            let me = try await browser.send(.GET, "/me")
            #expect(me.status == .ok)
            #expect(me.body.string.contains("陈小明"))
            #expect(me.body.string.contains("139****5678"))
            #expect(me.body.string.contains(Masking.residentID(Self.validID)))
            #expect(!me.body.string.contains(Self.validID))
        }
    }

    @Test("the ID number and phone are stored encrypted, found by keyed hash")
    func encryptedAtRest() async throws {
        try await withTongban { app in
            let input = RegistrationInput(phone: "13912345678", password: "anhui2026", realName: "陈小明", idNumber: Self.validID)
            let created = try await Browser(app).send(.POST, "/api/v1/auth/register", json: input)
            #expect(created.status == .created)
            let user = try #require(try await User.query(on: app.db).filter(\.$realName == "陈小明").first())
            #expect(user.idNumberCipher?.contains(Self.validID) == false)
            #expect(user.phoneCipher?.contains("13912345678") == false)
            #expect(try app.fieldCipher.open(user.idNumberCipher!) == Self.validID)
            #expect(user.idNumberHash == app.fieldCipher.lookupHash("rid:" + Self.validID))
        }
    }

    @Test("invalid ID numbers are refused with a message that says what is wrong", arguments: [
        ("34150219900307", "18位"),
        ("34150219901307008X", "出生日期"),
        ("3415021990030700A1", "第"),
    ])
    func invalidID(idNumber: String, mentions: String) async throws {
        try await withTongban { app in
            let input = RegistrationInput(phone: "13912345678", password: "anhui2026", realName: "陈小明", idNumber: idNumber)
            let response = try await Browser(app).send(.POST, "/api/v1/auth/register", json: input)
            #expect(response.status == .unprocessableEntity)
            let message = try response.content.decode(ErrorBody.self).details?["idNumber"] ?? ""
            #expect(message.contains(mentions), "\(idNumber): \(message)")
        }
    }

    @Test("a wrong check digit is named with the expected one")
    func wrongCheckDigit() async throws {
        try await withTongban { app in
            var id = Array(Self.validID)
            id[17] = id[17] == "1" ? "2" : "1"
            let input = RegistrationInput(phone: "13912345678", password: "anhui2026", realName: "陈小明", idNumber: String(id))
            let response = try await Browser(app).send(.POST, "/api/v1/auth/register", json: input)
            #expect(response.status == .unprocessableEntity)
            #expect(try response.content.decode(ErrorBody.self).details?["idNumber"]?.contains("校验") == true)
        }
    }

    @Test("the registration form shows field errors and keeps what was typed, except the password")
    func registrationFormErrors() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let response = try await browser.submit("/register", [
                "realName": "陈小明", "idNumber": "123", "phone": "12345", "password": "short",
            ], from: "/register")
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("手机号码应为11位"))
            #expect(html.contains("密码应为8–64位"))
            #expect(html.contains("value=\"陈小明\""))
            #expect(!html.contains("value=\"short\""))
        }
    }

    @Test("the same phone or ID number cannot register twice")
    func duplicates() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let input = RegistrationInput(phone: "13912345678", password: "anhui2026", realName: "陈小明", idNumber: Self.validID)
            #expect(try await browser.send(.POST, "/api/v1/auth/register", json: input).status == .created)
            let again = try await browser.send(.POST, "/api/v1/auth/register", json: input)
            #expect(again.status == .conflict && again.errorCode == "identity.phone_taken")
            var other = input
            other.phone = "13912345679"
            let sameID = try await browser.send(.POST, "/api/v1/auth/register", json: other)
            #expect(sameID.status == .conflict && sameID.errorCode == "identity.id_taken")
        }
    }

    @Test("repeated wrong passwords lock sign-in for a while, even with the right password")
    func rateLimit() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            for _ in 0..<5 {
                let wrong = try await browser.send(.POST, "/api/v1/auth/token", json: LoginInput(login: "13800000001", password: "wrong-password1"))
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await browser.send(.POST, "/api/v1/auth/token", json: LoginInput(login: "13800000001", password: DemoAccounts.password))
            #expect(locked.status == .tooManyRequests)
            #expect(locked.errorCode == "identity.login_rate_limited")
            // Another account from another address is not affected.
            let other = try await browser.send(.POST, "/api/v1/auth/token", headers: ["X-Forwarded-For": "10.0.0.9"],
                                               json: LoginInput(login: "13800000002", password: DemoAccounts.password))
            #expect(other.status == .ok)
        }
    }

    @Test("forms without the CSRF token are refused")
    func csrf() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.send(.GET, "/login")
            let forged = try await browser.send(.POST, "/login", form: ["login": "admin", "password": DemoAccounts.password])
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("页面已过期"))
            let wrong = try await browser.send(.POST, "/login", form: ["login": "admin", "password": DemoAccounts.password, "_csrf": "x"])
            #expect(wrong.status == .forbidden)
            try await browser.signIn("admin")
            let noToken = try await browser.send(.POST, "/logout", form: [:])
            #expect(noToken.status == .forbidden)
            // A cookie-authenticated API write needs the header too; a bearer token does not.
            let cookieAPI = try await browser.send(.POST, "/api/v1/admin/departments",
                json: DepartmentInput(code: "abc", name: "测试局", shortName: "测试", phone: nil, address: nil, hours: nil))
            #expect(cookieAPI.status == .forbidden && cookieAPI.errorCode == "csrf.invalid")
        }
    }

    @Test("session cookies are HttpOnly and SameSite; sign-out ends the session")
    func sessionCookies() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            try await browser.send(.GET, "/login")
            let response = try await browser.send(.POST, "/login", form: ["login": "clerk", "password": DemoAccounts.password, "_csrf": browser.csrf])
            let cookie = try #require(response.headers.setCookie?["tb_session"])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(response.headers.first(name: .location) == "/workbench")
            let token = cookie.string
            #expect(try await WebSession.query(on: app.db).filter(\.$tokenHash == token).count() == 0, "only the hash is stored")
            try await browser.submit("/logout", [:])
            browser.cookies["tb_session"] = token
            #expect(try await browser.send(.GET, "/workbench").status == .seeOther)
        }
    }

    @Test("API tokens work until revoked, and are stored hashed")
    func apiTokens() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "13800000001")
            let browser = Browser(app)
            let me = try await browser.send(.GET, "/api/v1/me", bearer: token)
            #expect(me.status == .ok)
            let profile = try me.content.decode(ProfileView.self)
            #expect(profile.realName == "张三" && profile.phone == "138****0001")
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == token).count() == 0)
            #expect(try await browser.send(.DELETE, "/api/v1/auth/token", bearer: token).status == .noContent)
            let after = try await browser.send(.GET, "/api/v1/me", bearer: token)
            #expect(after.status == .unauthorized && after.errorCode == "auth.invalid_token")
        }
    }

    @Test("an enterprise agent links a company by its credit code; a bad code is explained; nobody takes over another's company")
    func companies() async throws {
        try await withTongban { app in
            let token = try await apiToken(app, "13800000001")
            let browser = Browser(app)
            let code = CreditCode.make(region: "341503", serial: 77).value
            let linked = try await browser.send(.POST, "/api/v1/me/companies", json: CompanyLinkInput(creditCode: code.lowercased(), name: "六安测试科技有限公司"), bearer: token)
            #expect(linked.status == .created)
            let profile = try await browser.send(.GET, "/api/v1/me", bearer: token).content.decode(ProfileView.self)
            #expect(profile.companies.map(\.creditCode) == [code])
            var bad = Array(code)
            bad[17] = bad[17] == "0" ? "1" : "0"
            let refused = try await browser.send(.POST, "/api/v1/me/companies", json: CompanyLinkInput(creditCode: String(bad), name: "某公司"), bearer: token)
            #expect(refused.status == .unprocessableEntity && refused.errorCode == "identifier.bad_check_character")
            let short = try await browser.send(.POST, "/api/v1/me/companies", json: CompanyLinkInput(creditCode: "9134", name: "某公司"), bearer: token)
            #expect(short.status == .unprocessableEntity && short.errorCode == "identifier.wrong_length")

            // Knowing a credit code is not enough: someone else's claim stands, and a registered company is its
            // legal representative's (李四 for 皖西茶业) to link.
            let li = try await apiToken(app, "13800000002")
            let taken = try await browser.send(.POST, "/api/v1/me/companies", json: CompanyLinkInput(creditCode: code, name: "六安测试科技有限公司"), bearer: li)
            #expect(taken.status == .forbidden && taken.errorCode == "identity.company_claimed")
            let demo = CompanyLinkInput(creditCode: DemoAccounts.company.creditCode, name: DemoAccounts.company.name)
            let notHis = try await browser.send(.POST, "/api/v1/me/companies", json: demo, bearer: token)
            #expect(notHis.status == .forbidden && notHis.errorCode == "identity.not_representative" && notHis.body.string.contains("李*"))
            #expect(try await browser.send(.POST, "/api/v1/me/companies", json: demo, bearer: li).status.code < 300, "the legal representative")
        }
    }

    @Test("every demo staff account the README lists signs in under its plain username")
    func demoStaffSignIn() async throws {
        try await withTongban { app in
            for member in DemoAccounts.staff {
                #expect(member.username.range(of: "^[a-z]+(\\.[a-z]+)?$", options: .regularExpression) != nil, "\(member.username)")
                _ = try await apiToken(app, member.username)
            }
        }
    }
}
