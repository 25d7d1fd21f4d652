/// 交通违法代码 with the fine and points Anhui applies, for the offences the demo data uses. The 2022 记分办法 sets
/// the points; the fine is the amount of the 非现场 decision in 六安.
struct Offence: Sendable {
    var code: String
    var text: String
    var fineFen: Int
    var points: Int

    static let all: [Offence] = [
        Offence(code: "1039", text: "机动车违反规定停放、临时停车，驾驶人不在现场，妨碍其他车辆、行人通行", fineFen: 15_000, points: 0),
        Offence(code: "1625", text: "驾驶机动车违反道路交通信号灯通行", fineFen: 20_000, points: 6),
        Offence(code: "1357", text: "驾驶机动车行经人行横道，未按规定减速、停车、避让行人", fineFen: 20_000, points: 3),
        Offence(code: "1303", text: "驾驶小型汽车在城市道路上超过规定时速20%以上未达到50%", fineFen: 20_000, points: 3),
        Offence(code: "1223", text: "驾驶机动车有拨打、接听手持电话等妨碍安全驾驶的行为", fineFen: 10_000, points: 3),
        Offence(code: "1345", text: "驾驶机动车违反禁止标线指示", fineFen: 10_000, points: 1),
        Offence(code: "6011", text: "驾驶人未按规定使用安全带", fineFen: 5_000, points: 1),
    ]

    static func find(_ code: String) -> Offence? { all.first { $0.code == code } }
}

/// 号牌号码 as people type them — 皖N·A8K62, 皖n a8k62 — reduced to one form, or nil when it cannot be a plate.
enum Plate {
    static let provinces = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")

    static func normalise(_ text: String) -> String? {
        let plate = String(text.uppercased().filter { !" ·•.-_\t".contains($0) })
        let characters = Array(plate)
        // Province, issuing-office letter, then five characters (six for 新能源).
        guard characters.count == 7 || characters.count == 8, provinces.contains(characters[0]),
              characters[1].isASCII, characters[1].isLetter,
              characters.dropFirst(2).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return plate
    }

    /// 皖NA8K62 → 皖N·A8K62, as printed on the plate.
    static func display(_ plate: String) -> String {
        guard plate.count > 2 else { return plate }
        return String(plate.prefix(2)) + "·" + String(plate.dropFirst(2))
    }

    /// The last six characters of a VIN: VINs use digits and capital letters but never I, O or Q.
    static func vinSuffix(_ text: String) -> String? {
        let suffix = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard suffix.count == 6, suffix.allSatisfy({ $0.isASCII && ($0.isNumber || ($0.isLetter && !"IOQ".contains($0))) }) else { return nil }
        return suffix
    }

    /// What the registry keeps to check a third party's 车架号后六位 without storing it in the clear.
    static func vinCheck(plate: String, vin: String, cipher: FieldCipher) -> String {
        cipher.lookupHash("vin:\(plate):\(vin.suffix(6))")
    }

    /// LSVNV2182N2123456 → LSVNV*******123456: enough to match the 行驶证, not to query someone's plate.
    static func maskedVIN(_ vin: String) -> String {
        String(vin.prefix(5)) + String(repeating: "*", count: max(0, vin.count - 11)) + String(vin.suffix(6))
    }
}
