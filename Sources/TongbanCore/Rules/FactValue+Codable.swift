extension FactValue {
    public init(from decoder: any Decoder) throws {
        // Bool before number: a JSON `true` must never become 1.
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null; return }
        if let b = try? single.decode(Bool.self) { self = .bool(b); return }
        if let n = try? single.decode(Double.self) { self = .number(n); return }
        if let s = try? single.decode(String.self) { self = .string(s); return }
        if var items = try? decoder.unkeyedContainer() {
            var list: [FactValue] = []
            while !items.isAtEnd { list.append(try items.decode(FactValue.self)) }
            self = .list(list)
            return
        }
        let object = try decoder.container(keyedBy: RuleJSONKey.self)
        let place = RuleJSONKey.path(decoder.codingPath)
        guard object.allKeys.map(\.stringValue) == ["date"] else {
            throw RuleError(code: "rules.invalid_value",
                            message: "值无法识别（位置：\(place)）：对象只支持 {\"date\": \"YYYY-MM-DD\"} 一种形式")
        }
        let text = try object.decode(String.self, forKey: RuleJSONKey("date"))
        guard let date = CalendarDate(text) else {
            throw RuleError(code: "rules.invalid_value", message: "日期“\(text)”无效（位置：\(place)），应为 YYYY-MM-DD 格式的真实日期")
        }
        self = .date(date)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .number(let n) where n.isFinite:
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .number, .null:
            // JSON has no NaN/infinity; writing null keeps `RuleSet.json` total instead of throwing.
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .date(let d):
            var c = encoder.container(keyedBy: RuleJSONKey.self)
            try c.encode(d, forKey: RuleJSONKey("date"))
        case .list(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        }
    }
}
