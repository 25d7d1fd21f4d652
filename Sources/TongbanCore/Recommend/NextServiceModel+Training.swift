extension NextServiceModel {
    /// Learns follow-ups from `histories`; `names` (code → 事项名称) only words the reasons.
    ///
    /// One pass over the events with services as Ints, about events × lookahead dictionary increments:
    /// a million events train in about 0.2 s in a release build.
    public static func train(_ histories: [ServiceHistory], names: [String: String] = [:],
                             options: Options = .init()) -> NextServiceModel {
        var index = ServiceIndex()
        var applicantsOf: [Int] = []           // n(A)
        var pairApplicants: [Int: Int] = [:]    // (A << 32 | B) → n(A→B)
        var seen = SeenStamps()
        var ids: [Int] = []
        var pairs: [Int] = []
        for history in histories {
            let events = history.events
            ids.removeAll(keepingCapacity: true)
            for event in events { ids.append(index.intern(event.code)) }
            if applicantsOf.count < index.count { applicantsOf.append(contentsOf: repeatElement(0, count: index.count - applicantsOf.count)) }
            seen.next()
            for id in ids where seen.firstTime(id) { applicantsOf[id] += 1 }

            pairs.removeAll(keepingCapacity: true)
            for i in ids.indices {
                var j = i + 1
                let end = min(ids.count, i + 1 + options.lookahead)
                while j < end, events[j].day - events[i].day <= options.windowDays {
                    if ids[j] != ids[i] { pairs.append(ids[i] << 32 | ids[j]) }
                    j += 1
                }
            }
            // Each applicant counts once per pair, however often they repeated it.
            if pairs.count > 1 { pairs.sort() }
            var previous = -1
            for key in pairs where key != previous {
                pairApplicants[key, default: 0] += 1
                previous = key
            }
        }

        // base(B): of all applicants of services other than B, the share who went on to B
        // (B never follows itself, so its own applicants would only dilute the rate).
        var followed = [Int](repeating: 0, count: index.count)
        for (key, n) in pairApplicants { followed[key & 0xFFFF_FFFF] += n }
        let anchorTotal = applicantsOf.reduce(0, +)

        var followers = [[Follower]](repeating: [], count: index.count)
        let m = options.priorStrength
        for (key, n) in pairApplicants where n >= options.minPairApplicants {
            let a = key >> 32, b = key & 0xFFFF_FFFF
            let base = Double(followed[b]) / Double(max(anchorTotal - applicantsOf[b], 1))
            let probability = (Double(n) + m * base) / (Double(applicantsOf[a]) + m)
            let lift = probability / base
            guard lift >= options.minLift else { continue }
            let followUp = FollowUp(code: index.codes[b], applicants: n, share: Double(n) / Double(applicantsOf[a]),
                                    probability: probability, lift: lift)
            followers[a].append(Follower(id: b, followUp: followUp))
        }
        for a in followers.indices where !followers[a].isEmpty {
            followers[a].sort { ($0.followUp.probability, $1.followUp.code) > ($1.followUp.probability, $0.followUp.code) }
            if followers[a].count > options.keepPerService { followers[a].removeLast(followers[a].count - options.keepPerService) }
        }

        let popularity = Popularity.train(histories, options: options.popularity)
        let districtShare = Dictionary(uniqueKeysWithValues: popularity.districts.map { district in
            (district, index.codes.map { popularity.share(of: $0, district: district) })
        })
        return NextServiceModel(index: index, followers: followers, names: names,
                                citywideShare: index.codes.map { popularity.share(of: $0) }, districtShare: districtShare,
                                popularity: popularity, options: options)
    }
}
