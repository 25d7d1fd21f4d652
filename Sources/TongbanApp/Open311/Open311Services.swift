import TongbanCore

/// An Open311 "service": a category of matter people report, handled by one department
/// (or, for the general 12345 service, by whichever the dispatcher's classifier picks).
struct Open311Category: Sendable {
    var code: String
    var name: String
    var description: String
    var group: String
    var keywords: [String]
    /// Tongban department code; nil lets the classifier decide.
    var department: String?
    /// Attributes beyond `request_type`, whose answers are added to the ticket's text.
    var extra: [Open311Attribute] = []
    /// Every service files a ticket at once and answers with its number.
    var type = "realtime"

    /// True when there is more to ask than the optional request type: clients should read the definition.
    var metadata: Bool { !extra.isEmpty }
    var attributes: [Open311Attribute] { [.requestType] + extra }
}

/// One question of a service definition.
struct Open311Attribute: Sendable {
    enum Datatype: String, Sendable { case string, number, text, singlevaluelist }

    struct Value: Sendable {
        var key: String
        var name: String
    }

    var code: String
    var datatype: Datatype
    var required: Bool
    var description: String
    var datatypeDescription: String? = nil
    var values: [Value] = []

    /// What the caller wants (the ticket type): decides the time limit. Complaint when left out.
    static let requestType = Open311Attribute(
        code: "request_type", datatype: .singlevaluelist, required: false, description: "诉求类型",
        datatypeDescription: "不填时按投诉办理",
        values: TicketType.allCases.map { Value(key: $0.rawValue, name: $0.title) })
    static let defaultRequestType = TicketType.complaint
}

enum Open311Services {
    /// Bumped whenever the table below changes, so clients know to refresh cached services (discovery's changeset).
    static let changeset = "2026-11-25 00:00"

    static func find(_ code: String) -> Open311Category? {
        all.first { $0.code == code }
    }

    static let all: [Open311Category] = [
        .init(code: "street-light", name: "路灯故障", description: "路灯不亮、白天常亮、灯杆倾斜或损坏。", group: "市政设施",
              keywords: ["路灯", "灯杆", "照明"], department: "cg",
              extra: [.init(code: "pole_number", datatype: .string, required: false, description: "路灯杆编号",
                            datatypeDescription: "灯杆铭牌上的编号，可不填")]),
        .init(code: "road-damage", name: "道路破损", description: "市区道路、人行道坑洼、塌陷或路面破损。", group: "市政设施",
              keywords: ["坑洼", "塌陷", "人行道", "路面"], department: "cg"),
        .init(code: "manhole-cover", name: "井盖缺失破损", description: "窨井盖丢失、破损、松动或下沉。", group: "市政设施",
              keywords: ["井盖", "窨井"], department: "cg"),
        .init(code: "garbage", name: "垃圾未及时清运", description: "生活垃圾、建筑垃圾堆放未清运，垃圾桶满溢。", group: "市容环境",
              keywords: ["垃圾", "清运", "垃圾桶"], department: "cg"),
        .init(code: "illegal-construction", name: "违章搭建", description: "私搭乱建、违法建设、占用公共空间。", group: "市容环境",
              keywords: ["违建", "私搭乱建"], department: "cg"),
        .init(code: "water-supply", name: "供水问题", description: "停水、水压低、水质浑浊或管道漏水。", group: "住房与公用事业",
              keywords: ["停水", "水压", "水质", "漏水"], department: "zj"),
        .init(code: "drainage", name: "排水不畅与积水", description: "下水道堵塞、污水外溢、雨后道路积水。", group: "住房与公用事业",
              keywords: ["下水道", "积水", "污水"], department: "zj"),
        .init(code: "property-management", name: "物业服务", description: "物业收费、公共设施维修、电梯故障等物业服务问题。", group: "住房与公用事业",
              keywords: ["物业", "电梯", "小区"], department: "zj"),
        .init(code: "noise", name: "噪声扰民", description: "建筑施工、商业经营、工业生产等噪声扰民。", group: "生态环境",
              keywords: ["噪音", "施工", "扰民"], department: "sthj",
              extra: [.init(code: "noise_period", datatype: .singlevaluelist, required: true, description: "噪声时段",
                            values: [.init(key: "day", name: "白天（6:00–22:00）"), .init(key: "night", name: "夜间（22:00–次日6:00）")])]),
        .init(code: "air-pollution", name: "大气污染", description: "餐饮油烟、露天焚烧、工地扬尘、异味排放。", group: "生态环境",
              keywords: ["油烟", "焚烧", "扬尘", "异味"], department: "sthj"),
        .init(code: "river", name: "河道与水利设施", description: "河道垃圾、堤防损坏、违规采砂、沟渠堵塞。", group: "生态环境",
              keywords: ["河道", "堤防", "采砂", "沟渠"], department: "slj"),
        .init(code: "traffic-signal", name: "交通信号灯故障", description: "信号灯不亮、配时不合理、标志标线缺失。", group: "交通出行",
              keywords: ["红绿灯", "信号灯", "标线"], department: "jj"),
        .init(code: "illegal-parking", name: "违法停车", description: "占用消防通道、盲道、人行道或堵塞出入口的车辆。", group: "交通出行",
              keywords: ["乱停车", "消防通道", "占道"], department: "jj",
              extra: [.init(code: "plate_number", datatype: .string, required: false, description: "车牌号")]),
        .init(code: "bus-service", name: "公交服务", description: "公交班次、线路、站点设置及司乘服务问题。", group: "交通出行",
              keywords: ["公交", "班次", "站台"], department: "jt",
              extra: [.init(code: "bus_line", datatype: .string, required: false, description: "公交线路", datatypeDescription: "如：8路")]),
        .init(code: "food-safety", name: "食品安全", description: "无证经营、过期变质食品、餐饮卫生问题。", group: "市场监管",
              keywords: ["食品", "过期", "餐馆", "卫生"], department: "scjg"),
        .init(code: "consumer-rights", name: "消费维权", description: "商品质量、价格欺诈、预付卡退费等消费纠纷。", group: "市场监管",
              keywords: ["消费", "退费", "价格", "质量"], department: "scjg"),
        .init(code: "wage-arrears", name: "拖欠工资", description: "用人单位拖欠、克扣劳动者工资。", group: "劳动与社会保障",
              keywords: ["欠薪", "工资", "农民工"], department: "rs",
              extra: [.init(code: "employer", datatype: .string, required: true, description: "用人单位", datatypeDescription: "用人单位或工程项目的名称"),
                      .init(code: "workers", datatype: .number, required: false, description: "涉及人数", datatypeDescription: "数字")]),
        .init(code: "medical-insurance", name: "医保服务", description: "医保报销、异地就医备案、定点机构服务。", group: "劳动与社会保障",
              keywords: ["医保", "报销", "异地就医"], department: "yb"),
        .init(code: "school", name: "教育服务", description: "入学、校园周边安全、校外培训、学校收费问题。", group: "教育与民生",
              keywords: ["入学", "学校", "培训", "收费"], department: "jy"),
        .init(code: "elderly-care", name: "养老与社会救助", description: "养老服务、高龄补贴、低保和临时救助。", group: "教育与民生",
              keywords: ["养老", "高龄补贴", "低保", "救助"], department: "mz"),
        .init(code: "12345", name: "其他诉求", description: "不属于以上类别的诉求，由12345热线智能派单至承办部门。", group: "其他",
              keywords: ["12345", "其他", "投诉", "建议", "咨询"], department: nil),
    ]
}
