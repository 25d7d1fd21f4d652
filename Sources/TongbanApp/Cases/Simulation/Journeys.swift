import Foundation

/// What people apply for next, in the simulated city: one service often leads to another within days or weeks
/// (出生医学证明 → 出生登记 → 医保参保 → 社保卡; 结婚登记 → 户口迁移; 网签 → 契税 → 过户 → 公积金提取). The simulator
/// follows these so that an applicant's history has the order real ones have, which the recommendations learn from.
/// Probabilities and delays are plausible guesses, not measured figures.
enum Journeys {
    struct Step {
        var next: String
        var probability: Double
        var days: ClosedRange<Int>
    }

    static let steps: [String: [Step]] = [
        "wj-csyxzm": [Step(next: "ga-xsrhk", probability: 0.7, days: 3...25)],
        "ga-xsrhk": [Step(next: "yb-cxjmcb", probability: 0.6, days: 1...20), Step(next: "wj-yebt", probability: 0.3, days: 5...60)],
        "yb-cxjmcb": [Step(next: "rs-sbk-sl", probability: 0.5, days: 3...30)],
        "wj-sydj": [Step(next: "wj-csyxzm", probability: 0.4, days: 120...250)],
        "mz-jhdj": [Step(next: "ga-hkqy", probability: 0.35, days: 7...90), Step(next: "wj-sydj", probability: 0.25, days: 30...300)],
        "zj-clfwq": [Step(next: "sw-qs", probability: 0.8, days: 1...10)],
        "sw-qs": [Step(next: "zrzy-zydj", probability: 0.85, days: 1...10)],
        "zrzy-zydj": [Step(next: "gjj-tq-gf", probability: 0.45, days: 5...60), Step(next: "ga-hkqy", probability: 0.2, days: 10...120)],
        "gjj-dk": [Step(next: "zrzy-dydj", probability: 0.7, days: 3...20)],
        "scjg-qysl": [Step(next: "ga-gzkz", probability: 0.6, days: 1...5), Step(next: "sw-xbns", probability: 0.6, days: 1...10),
                      Step(next: "rs-dwsbdj", probability: 0.5, days: 5...30)],
        "rs-dwsbdj": [Step(next: "gjj-dwdj", probability: 0.4, days: 5...60)],
        "scjg-gtgsh": [Step(next: "scjg-xcy", probability: 0.3, days: 3...30)],
        "rs-yldy": [Step(next: "yb-txhd", probability: 0.6, days: 5...60), Step(next: "gjj-tq-tx", probability: 0.5, days: 10...90)],
        "wj-swyxzm": [Step(next: "ga-swzx", probability: 0.75, days: 1...15)],
        "ga-swzx": [Step(next: "rs-szbz", probability: 0.5, days: 5...60), Step(next: "mz-hmbz", probability: 0.3, days: 1...20)],
        "rs-sydj": [Step(next: "rs-syj", probability: 0.6, days: 1...15)],
        "rs-syj": [Step(next: "gjj-tq-lz", probability: 0.3, days: 10...120)],
        "cl-cjrz": [Step(next: "mz-cjrlxbt", probability: 0.5, days: 10...60)],
        "ga-sfz-bl": [Step(next: "rs-sbk-gs", probability: 0.15, days: 1...20)],
    ]

    /// The follow-ups one application sets off, each with the day it will be filed.
    static func next<G: RandomNumberGenerator>(after code: String, on day: Int, using rng: inout G) -> [(code: String, day: Int)] {
        (steps[code] ?? []).compactMap { step in
            Double.random(in: 0..<1, using: &rng) < step.probability ? (step.next, day + Int.random(in: step.days, using: &rng)) : nil
        }
    }
}
