/// A made-up but plausibly shaped service catalogue, so search speed can be measured at sizes the real one
/// has not reached yet. Deterministic, so two runs measure the same work.
struct SyntheticCatalogue {
    struct Item {
        let id: String
        let fields: [SearchField]
        let boost: Double
    }

    /// Standard name and what people call it; the colloquial form feeds keywords, synonyms and queries.
    static let objects: [(name: String, alias: String)] = [
        ("住房公积金", "公积金"), ("居民身份证", "身份证"), ("营业执照", "执照"), ("机动车驾驶证", "驾照"),
        ("社会保障卡", "社保卡"), ("不动产权证书", "房产证"), ("食品经营许可证", "食品许可"), ("排污许可证", "排污"),
        ("医师执业证书", "医师证"), ("道路运输经营许可证", "运输证"), ("药品经营许可证", "药店"), ("户口", "落户"),
        ("出生医学证明", "出生证"), ("残疾人证", "残疾证"), ("普通护照", "护照"), ("往来港澳通行证", "港澳通行证"),
        ("特种设备使用", "特种设备"), ("公众聚集场所消防安全", "消防"), ("危险化学品经营许可证", "危化品"),
        ("烟草专卖零售许可证", "烟草证"), ("公共场所卫生许可证", "卫生许可"), ("教师资格", "教师证"),
        ("律师执业证", "律师证"), ("医疗机构执业许可证", "诊所"), ("渔业捕捞许可证", "捕鱼"), ("林木采伐许可证", "砍树"),
        ("取水许可", "取水"), ("城乡居民基本养老保险", "养老金"), ("失业保险金", "失业金"), ("工伤保险", "工伤"),
        ("生育津贴", "生育险"), ("城乡居民基本医疗保险", "医保"), ("个人所得税", "个税"), ("增值税发票", "发票"),
        ("城市道路占用", "占道"), ("户外广告设施设置", "广告牌"), ("建设工程规划许可证", "规划证"),
        ("建筑工程施工许可证", "施工许可"), ("商品房预售许可证", "预售证"), ("机动车", "汽车"), ("船舶", "船"),
        ("母婴保健技术服务", "母婴"), ("人力资源服务许可证", "人力资源"), ("劳务派遣经营许可证", "劳务派遣"),
        ("民办学校办学许可证", "办学"), ("社会团体", "社团"), ("民办非企业单位", "民非"), ("最低生活保障", "低保"),
        ("高龄津贴", "高龄补贴"), ("退役军人优待证", "优待证"),
    ]
    static let verbs = [
        "登记", "变更", "注销", "补领", "换领", "提取", "备案", "许可", "审批", "核发",
        "延续", "查询", "申报", "年检", "认定", "转移", "挂失", "申领", "撤销", "迁移",
    ]
    static let qualifiers = [
        "", "", "", "（个人）", "（单位）", "（首次申请）", "（遗失补办）", "（到期换证）", "（一件事）", "（跨省通办）",
    ]
    static let departments = [
        "市公安局", "市市场监督管理局", "市人力资源和社会保障局", "市住房和城乡建设局", "市医疗保障局",
        "市卫生健康委员会", "市交通运输局", "市生态环境局", "市税务局", "市民政局", "市教育局",
        "市自然资源和规划局", "市住房公积金管理中心", "市农业农村局", "市水务局", "区行政审批局",
    ]

    static var synonyms: SynonymTable {
        var entries: [String: [String]] = ["开公司": ["营业执照登记"], "丢了": ["挂失", "补领"], "过户": ["转移"]]
        for object in objects { entries[object.alias, default: []].append(object.name) }
        return SynonymTable(entries)
    }

    static func items(_ count: Int) -> [Item] {
        var random = Generator(seed: 12345)
        var used: [String: Int] = [:]
        return (0..<max(0, count)).map { number in
            let object = objects.randomElement(using: &random)!
            let verb = verbs.randomElement(using: &random)!
            let department = departments.randomElement(using: &random)!
            var name = object.name + verb + qualifiers.randomElement(using: &random)!
            used[name, default: 0] += 1
            if let seen = used[name], seen > 1 { name += "（情形\(seen)）" }
            return Item(
                id: "S\(number)",
                fields: [
                    SearchField(name, weight: 3),
                    SearchField("\(object.alias) \(object.alias)\(verb) \(verb)", weight: 2),
                    SearchField(department, weight: 1),
                    SearchField("申请人向\(department)申请\(object.name)\(verb)，材料齐全的当场办结。", weight: 1),
                ],
                boost: number % 50 == 0 ? 1.2 : 1.0)
        }
    }

    /// What people type: aliases, standard names, spoken questions, typos, codes, pasted paragraphs.
    static func queries(_ count: Int) -> [String] {
        var random = Generator(seed: 54321)
        let long = String(repeating: "我想咨询一下关于住房公积金提取的具体流程和需要准备的材料，", count: 10)
        return (0..<max(0, count)).map { number in
            let object = objects.randomElement(using: &random)!
            let verb = verbs.randomElement(using: &random)!
            switch number % 10 {
            case 0: return object.alias
            case 1: return object.alias + verb
            case 2: return "我要怎么办理\(object.alias)\(verb)？"
            case 3: return object.name + verb
            case 4: return String(object.name.dropFirst()) + verb.prefix(1)
            case 5: return "请问\(object.alias)丢了怎么办"
            case 6: return "开公司需要什么材料"
            case 7: return "CA\(1000 + number)航班 \(object.alias)"
            case 8: return long
            default: return String(object.name.prefix(1))
            }
        }
    }

    /// SplitMix64: small, fast and seedable, which the standard generator is not.
    struct Generator: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
