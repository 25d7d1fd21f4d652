import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("协助开户: a resident without an account gets one at the station, with consent recorded; then every 代办 flow works for them")
struct AssistedRegistrationTests {
    static let feicuiyuan = "341502001001"

    /// A 翡翠苑 resident 人口库 knows who has no account, and their ID number.
    static func residentWithoutAccount(_ app: Application) async throws -> (record: PopulationRecord, idNumber: String) {
        let accounts = Set(try await User.query(on: app.db).all().compactMap(\.idNumberHash))
        let residents = try await PopulationRecord.query(on: app.db).filter(\.$communityCode == Self.feicuiyuan).filter(\.$alive == true).all()
        let record = try #require(residents.first { !accounts.contains($0.personHash) && !$0.name.isEmpty })
        return (record, try app.fieldCipher.open(record.idNumberCipher))
    }

    @Test("the grid worker opens 翡翠苑 resident's account; the person is texted; a repair and an event sign-up on their behalf then work")
    func openThenActOnBehalf() async throws {
        try await withTongban { app in
            app.clock.set(beijing("2026-03-02T10:00:00"))
            let (record, idNumber) = try await Self.residentWithoutAccount(app)
            let repair = RepairOnBehalf(category: "物业维修", description: "卫生间水管漏水，老人不会用手机", location: "家中卫生间",
                                        residentIdNumber: idNumber, consent: "本人到社区服务站当面同意")
            let repairs = "/api/v1/communities/\(Self.feicuiyuan)/repairs"
            let before = try await Browser(app).send(.POST, repairs, json: repair, bearer: try await apiToken(app, "grid.fcy"))
            #expect(before.status == .unprocessableEntity && before.body.string.contains("协助开户"), "no account yet: the error says what to do")

            // At the counter, in the browser.
            let station = Browser(app)
            try await station.signIn("grid.fcy")
            #expect(try await station.send(.GET, CommunityURL.workbench(Self.feicuiyuan)).body.string.contains(AssistedRegistrationPages.path(Self.feicuiyuan)))
            let path = AssistedRegistrationPages.path(Self.feicuiyuan)
            let bad = try await station.submit(path, ["idNumber": idNumber, "phone": "12345", "consent": ""], from: path)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("11位手机号码") && bad.body.string.contains("同意"))
            let opened = try await station.submit(path, ["idNumber": idNumber, "phone": "13966660001", "consent": "本人到社区服务站当面同意"], from: path)
            #expect(opened.status == .ok && opened.body.string.contains("已为\(record.name)开通账号"), "\(opened.body.string.prefix(300))")
            let user = try #require(try await User.query(on: app.db).filter(\.$idNumberHash == record.personHash).first())
            #expect(user.realName == record.name, "the name comes from 人口库, not from typing")
            let entry = try #require(try await AssistedRegistrationRecord.query(on: app.db).first())
            #expect(entry.userID == user.id && entry.consent == "本人到社区服务站当面同意" && entry.agentName == "网格吴刚")
            #expect(try await TongbanApp.Notification.query(on: app.db).filter(\.$user.$id == user.id!).filter(\.$title == "六安通办账号已开通")
                .filter(\.$channel == "sms").count() == 1)
            let again = try await station.submit(path, ["idNumber": idNumber, "phone": "13966660002", "consent": "本人到社区服务站当面同意"], from: path)
            #expect(again.status == .conflict, "one account per person")

            // Now the 代办 flows work for them, and the order is theirs.
            #expect(try await Browser(app).send(.POST, repairs, json: repair, bearer: try await apiToken(app, "grid.fcy")).status == .created)
            #expect(try await Ticket.query(on: app.db).filter(\.$citizenID == user.id!).count() == 1)

            // They sign in at a kiosk with the ID number and the code sent to the phone given.
            let terminal = Browser(app)
            _ = try await terminal.send(.GET, KioskPages.path)
            _ = try await terminal.submit("/kiosk/code", ["idNumber": idNumber], from: KioskPages.path)
            let code = try #require(try await KioskTests.lastCode(app))
            let signedIn = try await terminal.submit("/kiosk/login", ["idNumber": idNumber, "code": code], from: KioskPages.path)
            #expect(signedIn.status == .seeOther)
            #expect(try await terminal.send(.GET, KioskPages.home).body.string.contains(record.name))
        }
    }

    @Test("only the community's own staff and grid workers open accounts, only for its residents; bad input is named")
    func refusals() async throws {
        try await withTongban { app in
            let (_, idNumber) = try await Self.residentWithoutAccount(app)
            let path = "/api/v1/communities/\(Self.feicuiyuan)/residents"
            let input = AssistedRegistration(idNumber: idNumber, phone: "13966660003", consent: "本人到社区服务站当面同意")
            for outsider in ["volunteer.fcy", "property.fcy", "community.hjj", "grid.hjj", "13800000001"] {
                #expect(try await Browser(app).send(.POST, path, json: input, bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            let elsewhere = AssistedRegistration(idNumber: DemoAccounts.citizens[2].idNumber, phone: "13966660004", consent: "本人同意")
            let refused = try await Browser(app).send(.POST, path, json: elsewhere, bearer: try await apiToken(app, "community.fcy"))
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("不在本社区"))
            let taken = AssistedRegistration(idNumber: idNumber, phone: "13800000001", consent: "本人同意")
            #expect(try await Browser(app).send(.POST, path, json: taken, bearer: try await apiToken(app, "community.fcy")).status == .conflict,
                    "a phone number already on an account")
            let created = try await Browser(app).send(.POST, path, json: input, bearer: try await apiToken(app, "community.fcy"))
            #expect(created.status == .created)
        }
    }
}
