import TongbanCore

/// A slice of a real municipal catalogue, shaped as the app indexes it: name 3, keywords 2, department 1.
enum ServiceCatalogue {
    static let items: [(id: String, name: String, keywords: String, department: String)] = [
        ("gjj-buy", "住房公积金提取（购买自住住房）", "公积金 提取 买房 购房", "市住房公积金管理中心"),
        ("gjj-quit", "住房公积金提取（离职）", "公积金 提取 离职 辞职", "市住房公积金管理中心"),
        ("gjj-open", "住房公积金缴存登记", "公积金 开户 缴存 单位", "市住房公积金管理中心"),
        ("id-renew", "居民身份证换领", "身份证 到期 换证", "市公安局"),
        ("id-lost", "居民身份证挂失补领", "身份证 丢失 补办 挂失", "市公安局"),
        ("id-temp", "临时居民身份证办理", "临时身份证 临时证件", "市公安局"),
        ("firm-setup", "企业设立登记", "注册公司 营业执照 设立", "市市场监督管理局"),
        ("firm-start", "企业开办（一件事）", "开办企业 注册公司 刻章 申领发票", "市政务服务中心"),
        ("house-contract", "存量房买卖合同网签备案", "二手房 网签 合同备案", "市住房和城乡建设局"),
        ("estate-transfer", "不动产转移登记", "过户 房产证 不动产权证书", "市不动产登记中心"),
        ("resale-transfer", "二手房转移登记（一件事）", "二手房 过户 交易 缴税", "市不动产登记中心"),
        ("birth-cert", "出生医学证明办理", "出生证 医院 新生儿", "市卫生健康委员会"),
        ("newborn", "新生儿出生一件事", "新生儿 出生 落户 医保 社保卡", "市政务服务中心"),
        ("newborn-hukou", "新生儿入户登记", "新生儿 户口 落户 报户口", "市公安局"),
        ("card-reissue", "社会保障卡补领", "社保卡 丢失 补卡 挂失", "市人力资源和社会保障局"),
        ("medical-insurance", "城乡居民基本医疗保险参保登记", "医保 参保 居民医保", "市医疗保障局"),
        ("licence-renew", "机动车驾驶证换证", "驾照 到期 换证 驾驶证", "市公安局交通管理局"),
        ("business-change", "营业执照变更登记", "营业执照 变更 地址 法定代表人", "市市场监督管理局"),
        ("food-permit", "食品经营许可", "食品许可证 餐饮 食品经营", "市市场监督管理局"),
        ("pollution-permit", "排污许可证核发", "排污 环保 许可证", "市生态环境局"),
        ("passport", "普通护照签发", "护照 出国", "市公安局出入境管理局"),
        ("hukou-move", "户口迁移", "户口 迁入 迁出 落户", "市公安局"),
    ]

    static let synonyms = SynonymTable([
        "开公司": ["企业开办", "企业设立登记"],
        "生孩子": ["出生", "新生儿"],
        "二手房过户": ["二手房转移登记", "存量房", "不动产转移登记"],
        "身份证": ["居民身份证"],
        "公积金": ["住房公积金"],
        "社保卡丢了": ["社会保障卡补领"],
        "驾照": ["机动车驾驶证"],
    ])

    static func fields(name: String, keywords: String, department: String) -> [SearchField] {
        [SearchField(name, weight: 3), SearchField(keywords, weight: 2), SearchField(department, weight: 1)]
    }

    static func index() -> SearchIndex {
        var index = SearchIndex(synonyms: synonyms)
        for item in items {
            index.upsert(id: item.id, fields: fields(name: item.name, keywords: item.keywords, department: item.department))
        }
        return index
    }

    static func ids(_ hits: [SearchHit]) -> [String] { hits.map(\.id) }
}
