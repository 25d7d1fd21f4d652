/// The GS1 Core Business Vocabulary (CBV 2.0) terms the platform accepts, with the words shown to people.
/// EPCIS 2.0 JSON-LD may spell a term bare (`shipping`), as a CBV web URI
/// (`https://ref.gs1.org/cbv/BizStep-shipping`) or as the older URN (`urn:epcglobal:cbv:bizstep:shipping`).
public enum BizStep: String, CaseIterable, Sendable {
    case commissioning, inspecting, packing, repackaging, shipping, transporting, receiving, storing
    case retailSelling = "retail_selling", dispensing, destroying, holding, sampling

    public var label: String {
        switch self {
        case .commissioning: "生产"
        case .inspecting: "检验"
        case .packing: "包装"
        case .repackaging: "分装"
        case .shipping: "发货"
        case .transporting: "运输"
        case .receiving: "收货"
        case .storing: "入库"
        case .retailSelling: "销售"
        case .dispensing: "配发"
        case .destroying: "销毁"
        case .holding: "封存"
        case .sampling: "抽样"
        }
    }

    public init?(term: String) {
        guard let value = Self(rawValue: CBVTerm.bare(term, uriPrefix: "BizStep-", urnPrefix: "urn:epcglobal:cbv:bizstep:")) else { return nil }
        self = value
    }
}

/// CBV dispositions: the state of the goods after the event. An inspection's result is its disposition.
public enum Disposition: String, CaseIterable, Sendable {
    case active, inProgress = "in_progress", inTransit = "in_transit", conformant, nonConformant = "non_conformant"
    case retailSold = "retail_sold", recalled, destroyed, expired, sellable = "sellable_accessible", dispensed

    public var label: String {
        switch self {
        case .active: "在库"
        case .inProgress: "加工中"
        case .inTransit: "在途"
        case .conformant: "检验合格"
        case .nonConformant: "检验不合格"
        case .retailSold: "已售出"
        case .recalled: "已召回"
        case .destroyed: "已销毁"
        case .expired: "已过期"
        case .sellable: "可销售"
        case .dispensed: "已配发"
        }
    }

    public init?(term: String) {
        guard let value = Self(rawValue: CBVTerm.bare(term, uriPrefix: "Disp-", urnPrefix: "urn:epcglobal:cbv:disp:")) else { return nil }
        self = value
    }
}

enum CBVTerm {
    /// The bare term of any of the three spellings.
    static func bare(_ term: String, uriPrefix: String, urnPrefix: String) -> String {
        if term.hasPrefix(urnPrefix) { return String(term.dropFirst(urnPrefix.count)) }
        if let range = term.range(of: "/cbv/" + uriPrefix) { return String(term[range.upperBound...]) }
        return term
    }
}

/// UN/ECE Recommendation 20 units used by EPCIS quantities, in Chinese; others are shown as sent.
public enum QuantityUnit {
    static let labels = ["KGM": "千克", "GRM": "克", "TNE": "吨", "LTR": "升", "MLT": "毫升", "H87": "件", "EA": "件", "XBX": "箱", "XBO": "瓶"]

    public static func label(_ code: String?) -> String {
        guard let code else { return "件" }
        return labels[code] ?? code
    }
}
