import Testing
@testable import TongbanCore

@Suite("Charts: numbers and axes")
struct ChartNumberTests {
    @Test("compact numbers count in 万 and 亿 from ten thousand, with separators below",
          arguments: [(0.0, "0"), (7, "7"), (8765, "8,765"), (9999.5, "9,999.5"), (12_345, "1.23万"),
                      (100_000, "10万"), (-12_345, "-1.23万"), (150_000_000, "1.5亿"), (0.25, "0.25"),
                      (-0.001, "0"), (.nan, "—"), (.infinity, "—")])
    func compact(_ value: Double, _ expected: String) {
        #expect(ChartNumber.compact(value) == expected)
    }

    @Test("the table shows every digit; CSV shows bare numbers")
    func fullAndPlain() {
        #expect(ChartNumber.full(1_234_567) == "1,234,567")
        #expect(ChartNumber.full(nil) == "—")
        #expect(ChartNumber.plain(1_234_567) == "1234567")
        #expect(ChartNumber.plain(-3.5) == "-3.5")
        #expect(ChartNumber.plain(.nan) == "")
    }

    @Test("axis steps are 1, 2 or 5 times a power of ten and cover zero and the data",
          arguments: [([0.0, 87], 0.0, 100.0, 20.0), ([180], 0, 200, 50), ([0.3, 0.7], 0, 0.8, 0.2),
                      ([-120, 4], -150, 50, 50), ([], 0, 1, 0.2), ([0, 0], 0, 1, 0.2), ([12_345], 0, 15_000, 5_000)])
    func ticks(_ values: [Double], _ lower: Double, _ upper: Double, _ step: Double) {
        let scale = AxisScale(covering: values)
        #expect(scale.lower == lower && scale.upper == upper && scale.step == step)
        #expect(scale.ticks.count <= 7)
        #expect(scale.ticks.first == lower)
    }

    @Test("heat bands are at most six, round, and put the maximum in the last band")
    func heatBands() {
        let scale = HeatScale(covering: [0, 17, 33, 87])
        #expect(scale.step == 20 && scale.count == 5)
        #expect(scale.band(87) == 4 && scale.band(0) == 0 && scale.band(19.9) == 0)
        #expect(scale.range(0) == "0–20")
        #expect(scale.colourIndex(4) == 5, "the highest band is always the darkest colour")
        let weekly = HeatScale(covering: [28, 501])
        #expect(weekly.step == 100 && weekly.count == 6)
        let flat = HeatScale(covering: [0, 0])
        #expect(flat.count >= 1 && flat.band(0) == 0)
    }

    @Test("a label too wide is cut with an ellipsis; Chinese counts about twice a Latin letter")
    func truncation() {
        #expect(TextFit.truncate("金安区", maxWidth: 100, fontSize: 14) == ("金安区", false))
        let cut = TextFit.truncate("六安市金安区三十铺镇", maxWidth: 70, fontSize: 14)
        #expect(cut.cut && cut.text.hasSuffix("…"))
        #expect(TextFit.width(cut.text, fontSize: 14) <= 70)
    }
}
