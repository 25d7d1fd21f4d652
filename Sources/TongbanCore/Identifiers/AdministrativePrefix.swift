/// Finds where the administrative part of a Chinese address ends, for `Masking.address`.
///
/// Reads consecutive segments that each end in an administrative suffix, and stops at the
/// first one that looks like a road, a number or a building: suffix characters also occur
/// in ordinary names (广州路, 城市花园, 人民市场, 望京小区), and a match there would reveal
/// exactly the detail masking is meant to hide. Stopping early only keeps less, which is safe.
enum AdministrativePrefix {
    /// Longest first. 州 alone covers autonomous prefectures (恩施土家族苗族自治州); 州市 and
    /// 州区 keep 杭州市 and 万州区 from splitting into 杭州 + an empty-named 市.
    private static let suffixes: [[Character]] = ["街道", "州市", "州区", "省", "州", "市", "区", "县", "镇", "乡"]
        .map(Array.init)
    /// 克孜勒苏柯尔克孜自治 is the longest name before a suffix.
    private static let maxNameLength = 10
    /// Road and building words. Not checked on a name's first character, so 路北区, 路桥区
    /// and 道里区 survive; 楼 and 院 are left out for 鼓楼区 and because building numbers
    /// carry digits anyway.
    private static let roadOrBuilding: Set<Character> = Set("路街道巷弄号栋幢室村")
    /// A suffix directly followed by one of these is part of a road or place name (广州路, 市场),
    /// unless a division follows (唐山市路北区, 哈尔滨市道里区).
    private static let continuesName: Set<Character> = Set("路街道巷弄场")
    /// Words whose last character is a suffix but which name housing, campuses or shops.
    private static let falseEndings: Set<String> = ["小区", "社区", "园区", "校区", "厂区", "景区", "营区", "超市"]
    /// Whole segments only: 城市 ends many real city names (晋城市, 盐城市) but is never one.
    private static let falseSegments: Set<String> = ["城市"]

    static func length(in characters: [Character]) -> Int {
        var end = 0
        while let next = segmentEnd(in: characters, from: end) {
            end = next
        }
        return end
    }

    private static func segmentEnd(in characters: [Character], from start: Int) -> Int? {
        let limit = min(characters.count, start + maxNameLength + 1)
        for suffixStart in (start + 1)..<max(start + 1, limit) {
            let name = characters[start..<suffixStart]
            if name.contains(where: isDigit) || name.dropFirst().contains(where: roadOrBuilding.contains) {
                return nil
            }
            for suffix in suffixes where characters[suffixStart...].starts(with: suffix) {
                let end = suffixStart + suffix.count
                if isDivision(characters, start: start, suffixStart: suffixStart, end: end) { return end }
            }
        }
        return nil
    }

    private static func isDivision(_ characters: [Character], start: Int, suffixStart: Int, end: Int) -> Bool {
        if end < characters.count, continuesName.contains(characters[end]),
           segmentEnd(in: characters, from: end) == nil {
            return false
        }
        let word = String(characters[(suffixStart - 1)..<end])
        return !falseEndings.contains(word) && !falseSegments.contains(String(characters[start..<end]))
    }

    /// ASCII and full-width digits only: `isNumber` is also true for CJK numerals, which
    /// place names use (北京's 京 is a numeral for 10¹⁶).
    private static func isDigit(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return character.asciiDigitValue != nil || (0xFF10...0xFF19).contains(scalar.value)
    }
}
