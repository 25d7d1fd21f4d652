import Testing
import TongbanCore

@Suite("Recommend: NextServiceModel")
struct RecommendNextServiceModelTests {
    static let names = ["A": "出生登记", "B": "户口登记", "C": "社保卡申领", "D": "居住证办理"]

    /// 400 people apply for A and then, 300 of them, for B within days; everybody applies for C
    /// sooner or later (after A as well), so C follows A even more often than B does.
    static func births() -> [ServiceHistory] {
        var histories: [ServiceHistory] = []
        for n in 0..<400 {
            var events = [ServiceEvent(code: "A", day: 100)]
            if n < 300 { events.append(ServiceEvent(code: "B", day: 105)) }
            events.append(ServiceEvent(code: "C", day: 120))
            histories.append(ServiceHistory(applicant: "p\(n)", events: events))
        }
        for n in 400..<1000 {
            histories.append(ServiceHistory(applicant: "p\(n)", events: [ServiceEvent(code: "D", day: 100), ServiceEvent(code: "C", day: 130)]))
        }
        return histories
    }

    @Test("after A it suggests B, which most A applicants apply for next, and says why")
    func learnsOrder() throws {
        let model = NextServiceModel.train(Self.births(), names: Self.names)
        let first = try #require(model.recommend(history: [ServiceEvent(code: "A", day: 100)], exclude: ["A"], limit: 3).first)
        #expect(first.code == "B")
        #expect(first.basis == .followsUp(after: "A", share: 0.75))
        #expect(first.reason == "办理“出生登记”的人通常接着办理")
    }

    @Test("order matters: B is a follow-up of A, A is not one of B")
    func directional() {
        let model = NextServiceModel.train(Self.births())
        #expect(model.followUps(after: "A").map(\.code) == ["B"])
        #expect(!model.followUps(after: "B").contains { $0.code == "A" })
    }

    @Test("a service everyone applies for does not crowd out the real follow-up")
    func liftBeatsPopularity() throws {
        let model = NextServiceModel.train(Self.births())
        // By raw share C follows A more often than B (100% against 75%), but it follows everything.
        let b = try #require(model.followUps(after: "A").first { $0.code == "B" })
        #expect(b.share == 0.75)
        #expect(b.lift > 4.5)
        #expect(model.popularity.top(limit: 1).map(\.code) == ["C"])

        let list = model.recommend(history: [ServiceEvent(code: "A", day: 100)], exclude: ["A"], limit: 2)
        #expect(list.map(\.code) == ["B", "C"])
        #expect(list[1].basis == .popularCitywide)
        #expect(list[1].reason == "全市热门")
    }

    @Test("an agency that filed P then Q fifty times counts as one applicant")
    func applicantsNotApplications() throws {
        let agency = (0..<50).flatMap { [ServiceEvent(code: "P", day: $0 * 2), ServiceEvent(code: "Q", day: $0 * 2 + 1)] }
        let histories = [ServiceHistory(applicant: "agency", events: agency)]
            + (0..<5).map { ServiceHistory(applicant: "p\($0)", events: [.init(code: "P", day: 0), .init(code: "Q", day: 9)]) }
            + (0..<100).map { ServiceHistory(applicant: "r\($0)", events: [.init(code: "R", day: 0)]) }
        let q = try #require(NextServiceModel.train(histories).followUps(after: "P").first)
        #expect(q.code == "Q")
        #expect(q.applicants == 6)
        #expect(q.share == 1)
    }

    @Test("an anchor older than the window suggests nothing; only popularity is left")
    func window() {
        let model = NextServiceModel.train(Self.births())
        let list = model.recommend(history: [ServiceEvent(code: "A", day: 100)], today: 100 + 181, exclude: ["A"], limit: 2)
        #expect(list.map(\.code) == ["C", "D"])
        #expect(list.allSatisfy { $0.basis == .popularCitywide })
    }

    @Test("excluded services are never suggested, the limit holds, and an empty history gets the popular ones")
    func excludeAndLimit() {
        let model = NextServiceModel.train(Self.births())
        let list = model.recommend(history: [ServiceEvent(code: "A", day: 100)], exclude: ["A", "B"], limit: 10)
        #expect(list.map(\.code) == ["C", "D"])
        #expect(model.recommend(history: [], limit: 1).map(\.code) == ["C"])
        #expect(model.recommend(history: [ServiceEvent(code: "A", day: 100)], limit: 0).isEmpty)
        #expect(model.recommend(history: [ServiceEvent(code: "未知事项", day: 1)], limit: 1).map(\.code) == ["C"])
    }

    @Test("follow-ups of several recent services add up, the newest counting most")
    func anchorsAddUp() {
        // Z follows X (40 people) and Y (30); W follows only Y (40), so more strongly;
        // 400 others each apply for something of their own.
        func people(_ n: Int, _ codes: [String]) -> [ServiceHistory] {
            (0..<n).map { i in ServiceHistory(applicant: "\(codes)\(i)", events: codes.enumerated().map { .init(code: $1, day: $0) }) }
        }
        let histories = people(40, ["X", "Z"]) + people(30, ["Y", "Z"]) + people(40, ["Y", "W"])
            + (0..<400).flatMap { people(1, ["N\($0)"]) }
        let model = NextServiceModel.train(histories)
        let afterY = model.recommend(history: [.init(code: "Y", day: 1)], exclude: ["Y"], limit: 1)
        #expect(afterY.map(\.code) == ["W"])
        let afterXY = model.recommend(history: [.init(code: "X", day: 0), .init(code: "Y", day: 1)], exclude: ["X", "Y"], limit: 2)
        #expect(afterXY.map(\.code) == ["Z", "W"])
        #expect(afterXY.first?.basis == .followsUp(after: "X", share: 1))
    }
}
