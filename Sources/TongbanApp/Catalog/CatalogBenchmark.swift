import Foundation
import TongbanCore

/// Search latency over a catalogue grown to `size` items from Lu'an's real items, each copy
/// given a district and a sub-item (新设/变更/延续/注销) so the index sees distinct, realistic names.
enum CatalogBenchmark {
    static let queries = [
        "公积金", "身份证", "开公司", "二手房过户", "生孩子", "公积金提取", "社保卡丢了", "换驾照", "低保", "营业执照变更",
        "食品经营许可", "结婚登记", "退休", "医保转移", "异地就医", "残疾人证", "契税", "不动产抵押", "公基金", "开饭店",
    ]

    static func run(seed: CatalogSeed, size: Int, rounds: Int) -> (p50: Double, p99: Double, items: Int) {
        let districts = seed.districts.map(\.name)
        let subItems = ["新设", "变更", "延续", "注销"]
        var items: [ServiceItemRecord] = []
        items.reserveCapacity(size)
        for n in 0..<size {
            let input = seed.items[n % seed.items.count]
            let copy = n / seed.items.count
            let name = copy == 0 ? input.name : "\(input.name)（\(districts[copy % districts.count])·\(subItems[copy % subItems.count])\(copy)）"
            items.append(ServiceItemRecord(
                code: "\(input.code)-\(n)", name: name, departmentCode: input.department, departmentName: input.department,
                type: input.type, audience: input.audience, themes: input.themes, onlineDepth: input.onlineDepth,
                legalLimitDays: input.legalLimitDays, promisedLimitDays: input.promisedLimitDays, hot: input.hot ?? false,
                crossRegion: false, guide: input.guide, updatedAt: nil))
        }
        let events = seed.lifeEvents.map {
            LifeEventRecord(code: $0.code, name: $0.name, audience: $0.audience, summary: $0.summary, items: $0.items,
                            promisedLimitDays: $0.promisedLimitDays, keywords: $0.keywords, dependencies: $0.dependencies ?? [:])
        }
        let index = CatalogSnapshot.buildIndex(items: items, lifeEvents: events, synonyms: SynonymTable(seed.synonyms))
        var samples: [Double] = []
        samples.reserveCapacity(rounds * queries.count)
        var sink = 0
        for _ in 0..<rounds {
            for query in queries {
                let start = DispatchTime.now().uptimeNanoseconds
                sink &+= index.search(query, limit: 20).count
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
            }
        }
        samples.sort()
        precondition(sink > 0, "the benchmark found nothing; the index is broken")
        return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)], index.count)
    }
}
