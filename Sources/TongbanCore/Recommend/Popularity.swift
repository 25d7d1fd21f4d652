/// The most-popular baseline: services ranked by how many applicants used them, citywide or in a district.
///
/// Counts applicants, not applications, so an agency filing hundreds of the same form does not make it "popular".
public struct Popularity: Sendable {
    public struct Options: Sendable {
        /// A district's ranking is its own shares blended with the city's, worth this many applicants:
        /// a small district ranks mostly like the city, a big one by its own counts.
        public var districtPrior = 50.0
        /// Below this many applicants in the district a service is called 全市热门, not 本区县热门.
        public var minDistrictApplicants = 3

        public init() {}
    }

    struct Entry: Sendable {
        var code: String
        var score: Double
        var districtApplicants: Int
    }

    /// Everyone who applied for anything.
    public let applicants: Int
    let citywide: [Entry]
    let byDistrict: [String: [Entry]]
    let options: Options
    /// The same scores by code, for `share(of:district:)`.
    let citywideLookup: [String: Double]
    let districtLookup: [String: [String: Double]]

    /// Districts with at least one applicant in the data.
    public var districts: [String] { byDistrict.keys.sorted() }

    /// The share of applicants who used `code`: in `district` blended with the city, or citywide.
    public func share(of code: String, district: String? = nil) -> Double {
        let lookup = district.flatMap { districtLookup[$0] } ?? citywideLookup
        return lookup[code] ?? 0
    }

    public static func train(_ histories: [ServiceHistory], options: Options = .init()) -> Popularity {
        var index = ServiceIndex()
        var districts = ServiceIndex()
        var city: [Int] = []
        var local: [[Int]] = []
        var districtApplicants: [Int] = []
        var applicants = 0
        var seen = SeenStamps()
        for history in histories where !history.events.isEmpty {
            applicants += 1
            seen.next()
            let d = history.district.map { districts.intern($0) }
            if let d, d == local.count {    // first applicant of this district
                local.append([])
                districtApplicants.append(0)
            }
            if let d { districtApplicants[d] += 1 }
            for event in history.events {
                let id = index.intern(event.code)
                guard seen.firstTime(id) else { continue }
                if id == city.count { city.append(0) }
                city[id] += 1
                if let d {
                    if local[d].count <= id { local[d].append(contentsOf: repeatElement(0, count: id - local[d].count + 1)) }
                    local[d][id] += 1
                }
            }
        }

        let total = Double(max(applicants, 1))
        let citywide = ranked(city.indices.map { Entry(code: index.codes[$0], score: Double(city[$0]) / total, districtApplicants: 0) })
        var byDistrict: [String: [Entry]] = [:]
        for d in local.indices {
            let k = options.districtPrior
            byDistrict[districts.codes[d]] = ranked(city.indices.map { id in
                let mine = id < local[d].count ? local[d][id] : 0
                let score = (Double(mine) + k * Double(city[id]) / total) / (Double(districtApplicants[d]) + k)
                return Entry(code: index.codes[id], score: score, districtApplicants: mine)
            })
        }
        func lookup(_ entries: [Entry]) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0.score) })
        }
        return Popularity(applicants: applicants, citywide: citywide, byDistrict: byDistrict, options: options,
                          citywideLookup: lookup(citywide), districtLookup: byDistrict.mapValues(lookup))
    }

    /// The `limit` most popular services not in `exclude`; a district nobody in the data lives in ranks as the city.
    public func top(district: String? = nil, exclude: Set<String> = [], limit: Int) -> [Recommendation] {
        top(district: district, limit: limit) { exclude.contains($0) }
    }

    func top(district: String?, limit: Int, skip: (String) -> Bool) -> [Recommendation] {
        var result: [Recommendation] = []
        let local = district.flatMap { byDistrict[$0] }
        for entry in local ?? citywide {
            guard result.count < limit else { break }
            guard !skip(entry.code) else { continue }
            let basis: Recommendation.Basis = if let district, local != nil, entry.districtApplicants >= options.minDistrictApplicants {
                .popularInDistrict(district)
            } else {
                .popularCitywide
            }
            result.append(Recommendation(code: entry.code, score: entry.score, basis: basis, reason: basis.reason { $0 }))
        }
        return result
    }

    /// Ties broken by code so the same data always gives the same list.
    private static func ranked(_ entries: [Entry]) -> [Entry] {
        entries.sorted { ($0.score, $1.code) > ($1.score, $0.code) }
    }
}
