import Testing
import TongbanCore

@Suite("Recommend: Popularity baseline")
struct RecommendPopularityTests {
    static func history(_ who: String, _ district: String?, _ codes: [String]) -> ServiceHistory {
        ServiceHistory(applicant: who, district: district, events: codes.enumerated().map { ServiceEvent(code: $1, day: $0) })
    }

    @Test("ranks by applicants, not applications: one agency filing a hundred times is one applicant")
    func applicants() {
        let histories = [Self.history("agency", nil, Array(repeating: "X", count: 100))]
            + (0..<3).map { Self.history("p\($0)", nil, ["Y"]) }
        let popularity = Popularity.train(histories)
        #expect(popularity.top(limit: 2).map(\.code) == ["Y", "X"])
        #expect(popularity.share(of: "Y") == 0.75)
        #expect(popularity.applicants == 4)
    }

    @Test("a district ranks its own favourites first, an unknown district gets the city's list")
    func districts() {
        // The city prefers P (60 of 100), district 东城 prefers Q (40 of its 40).
        let histories = (0..<60).map { Self.history("a\($0)", "西城", ["P"]) }
            + (0..<40).map { Self.history("b\($0)", "东城", ["Q"]) }
        let popularity = Popularity.train(histories)
        let local = popularity.top(district: "东城", limit: 2)
        #expect(local.map(\.code) == ["Q", "P"])
        #expect(local[0].basis == .popularInDistrict("东城"))
        #expect(local[0].reason == "本区县热门")
        // Nobody in 东城 applied for P: it is there on the city's strength and says so.
        #expect(local[1].basis == .popularCitywide)
        #expect(popularity.top(district: "南城", limit: 1).map(\.code) == ["P"])
        #expect(popularity.top(limit: 1).first?.reason == "全市热门")
        #expect(popularity.districts == ["东城", "西城"])
    }

    @Test("excluded services are skipped and ties go by code, so the list never flickers")
    func excludeAndTies() {
        let histories = ["B", "A", "C"].map { Self.history($0, nil, [$0]) }
        let popularity = Popularity.train(histories)
        #expect(popularity.top(limit: 3).map(\.code) == ["A", "B", "C"])
        #expect(popularity.top(exclude: ["A"], limit: 5).map(\.code) == ["B", "C"])
    }
}
