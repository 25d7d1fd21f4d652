import Fluent
import Foundation
import Testing
import TongbanCore
import Vapor
import VaporTesting
@testable import TongbanApp

@Suite("智慧社区: communities in streets, residents placed from 人口库, staff scoped to their community")
struct CommunityTests {
    static let feicuiyuan = "341502001001"
    static let hongjunjie = "341524001001"

    @Test("every resident of 人口库 in Lu'an's districts is placed; a household stays together; the demo citizens live where their addresses say")
    func residentsPlaced() async throws {
        try await withTongban { app in
            let communities = try await Community.query(on: app.db).all()
            #expect(communities.count >= 17 && Set(communities.map(\.districtCode)).count == 7)
            let people = try await PopulationRecord.query(on: app.db).all()
            let districts = Set(communities.map(\.districtCode))
            #expect(people.filter { districts.contains($0.districtCode) }.allSatisfy { $0.communityCode != nil })
            for (_, members) in Dictionary(grouping: people, by: \.householdNumber) {
                #expect(Set(members.map(\.communityCode)).count == 1)
            }
            let browser = Browser(app)
            let zhang = try await browser.send(.GET, "/api/v1/me/community", bearer: try await apiToken(app, "13800000001"))
                .content.decode(CommunityService.View.self)
            #expect(zhang.name == "翡翠苑社区" && zhang.streetName == "三里桥街道" && zhang.districtName == "金安区")
            let wang = try await browser.send(.GET, "/api/v1/me/community", bearer: try await apiToken(app, "13800000003"))
                .content.decode(CommunityService.View.self)
            #expect(wang.code == Self.hongjunjie)
            #expect(try await browser.send(.GET, "/api/v1/me/community").status == .unauthorized)
            #expect(try await browser.send(.GET, "/api/v1/me/data-usage", bearer: try await apiToken(app, "13800000001")).body.string.contains("我的社区"))
        }
    }

    @Test("a community's staff see its figures; another community's staff, citizens and department staff do not; leaders see all")
    func scoping() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let path = "/api/v1/communities/\(Self.feicuiyuan)/overview"
            let overview = try await browser.send(.GET, path, bearer: try await apiToken(app, "community.fcy")).content.decode(CommunityService.Overview.self)
            #expect(overview.residents > 0 && overview.ageBands.map(\.count).reduce(0, +) == overview.residents)
            #expect(overview.households > 0 && overview.households <= overview.residents)
            #expect(try await browser.send(.GET, path, bearer: try await apiToken(app, "grid.fcy")).status == .ok)
            #expect(try await browser.send(.GET, path, bearer: try await apiToken(app, "leader")).status == .ok)
            for outsider in ["community.hjj", "13800000001", "reviewer.gjj"] {
                #expect(try await browser.send(.GET, path, bearer: try await apiToken(app, outsider)).status == .forbidden, "\(outsider)")
            }
            #expect(try await browser.send(.GET, path).status == .unauthorized)
            #expect(try await browser.send(.GET, "/api/v1/communities/000000/overview", bearer: try await apiToken(app, "leader")).status == .notFound)
            let listed = try await browser.send(.GET, "/api/v1/communities").content.decode([CommunityService.View].self)
            #expect(listed.contains { $0.code == Self.feicuiyuan })
        }
    }

    @Test("in the browser: staff land on their community's page with its age structure; residents see theirs; others are refused")
    func pages() async throws {
        try await withTongban { app in
            let staff = Browser(app)
            try await staff.signIn("community.fcy")
            #expect(try await staff.send(.GET, "/workbench").body.string.contains("社区工作台"))
            let home = try await staff.send(.GET, CommunityURL.staffHome)
            #expect(home.status == .seeOther && home.headers.first(name: .location) == CommunityURL.workbench(Self.feicuiyuan))
            let page = try await staff.send(.GET, CommunityURL.workbench(Self.feicuiyuan)).body.string
            #expect(page.contains("翡翠苑社区") && page.contains("居民年龄结构") && page.contains("80岁及以上") && page.contains("<svg"))
            #expect(try await staff.send(.GET, CommunityURL.workbench(Self.hongjunjie)).status == .forbidden)
            let resident = Browser(app)
            try await resident.signIn("13800000001")
            #expect(try await resident.send(.GET, CommunityURL.mine).body.string.contains("翡翠苑社区"))
            #expect(try await resident.send(.GET, CommunityURL.staffHome).status == .forbidden)
        }
    }

    @Test("the community's dashboard counts its open repairs, alarms and events; another community's staff may not see it")
    func dashboard() async throws {
        try await withTongban { app in
            let browser = Browser(app)
            let zhang = try await apiToken(app, "13800000001")
            let filed = try await browser.send(.POST, "/api/v1/me/community/repairs",
                                               json: RepairInput(category: "物业维修", description: "3栋2单元楼道灯不亮，晚上看不见", location: "3栋2单元"),
                                               bearer: zhang)
            #expect(filed.status == .created || filed.status == .ok, "\(filed.status)")
            let path = "/api/v1/communities/\(Self.feicuiyuan)/dashboard"
            let board = try await browser.send(.GET, path, bearer: try await apiToken(app, "community.fcy")).content.decode(CommunityDashboard.self)
            #expect(board.figures.first { $0.title == "在办报修" }?.value == "1")
            #expect(board.figures.first { $0.title == "未处理告警" }?.value == "0")
            #expect(board.figures.contains { $0.title == "关爱对象" })
            let repairs = try #require(board.panels.first { $0.id == "repairs" })
            #expect(repairs.data.categories.first == "物业维修" && repairs.data.series[0].values.first == 1)
            #expect(try await browser.send(.GET, path, bearer: try await apiToken(app, "community.hjj")).status == .forbidden)
            let page = Browser(app)
            try await page.signIn("community.fcy")
            let html = try await page.send(.GET, CommunityURL.workbench(Self.feicuiyuan)).body.string
            #expect(html.contains("在办报修") && html.contains("近90天报修（按类别）") && html.contains("报修工单") && html.contains("社区活动"))
        }
    }
}
