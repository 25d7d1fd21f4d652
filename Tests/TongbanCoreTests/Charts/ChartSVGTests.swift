import Foundation
import Testing
@testable import TongbanCore

@Suite("Charts: SVG drawings")
struct ChartSVGTests {
    @Test("every chart of every awkward data set is well-formed XML with no NaN, infinity or inline style",
          arguments: ChartFixtures.edgeCases.map(\.name))
    func wellFormed(_ name: String) throws {
        let data = try #require(ChartFixtures.edgeCases.first { $0.name == name }).data
        for (kind, svg) in ChartFixtures.drawings(data) {
            let reader = SVGReader.read(svg)
            #expect(reader.error == nil, "\(kind) \(name): \(String(describing: reader.error))")
            #expect(!svg.contains("NaN") && !svg.lowercased().contains("inf"), "\(kind) \(name)")
            #expect(!svg.contains("style"), "\(kind) \(name): inline styles are blocked by the CSP")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
            #expect(svg.contains("width=\"100%\"") && svg.contains("viewBox=\"0 0 "))
        }
    }

    @Test("a chart names itself for screen readers: title and desc, referenced by aria-labelledby")
    func accessibleName() {
        let svg = LineChart(ChartFixtures.daily).svg(id: "daily-cases")
        #expect(svg.contains("aria-labelledby=\"daily-cases-title daily-cases-desc\""))
        #expect(svg.contains("<title id=\"daily-cases-title\">每日受理与办结</title>"))
        let reader = SVGReader.read(svg)
        #expect(reader.text.contains("折线图：每日受理与办结，11-01 至 11-14"))
        #expect(reader.text.contains("最高 180 件（11-12 受理量）"))
    }

    @Test("an id from outside cannot break out of its attribute")
    func identifierSanitised() {
        let svg = BarChart(ChartFixtures.byDistrict).svg(id: "x\" onload=\"alert(1)")
        #expect(svg.contains("aria-labelledby=\"xonloadalert1-title xonloadalert1-desc\""))
        #expect(SVGReader.read(svg).error == nil)
    }

    @Test("one bar per present value, one point per present value, one cell per grid square")
    func markCounts() {
        let bars = SVGReader.read(BarChart(ChartFixtures.byDistrict).svg(id: "b"))
        #expect(bars.count(class: "bar") == 7 * 3)
        let stacks = SVGReader.read(StackedBarChart(ChartFixtures.byDistrict).svg(id: "s"))
        #expect(stacks.count(class: "bar") == 7 * 3)
        let lines = SVGReader.read(LineChart(ChartFixtures.daily).svg(id: "l"))
        #expect(lines.count(class: "point") == 14 * 2)
        #expect(lines.count(class: "line") == 2)
        let heat = SVGReader.read(HeatTable(ChartFixtures.heat).svg(id: "h"))
        #expect(heat.count(class: "cell") == 7 * 8)
    }

    @Test("numbers stand on all bars or on none, never on some")
    func valueLabels() {
        let crowded = SVGReader.read(BarChart(ChartFixtures.byDistrict).svg(id: "b"))
        #expect(crowded.count(class: "value") == 0)
        let roomy = ChartData(title: "t", categories: ["a", "b", "c"], series: [ChartSeries("s", [12, 3400, 56])])
        #expect(SVGReader.read(BarChart(roomy).svg(id: "b")).count(class: "value") == 3)
        #expect(SVGReader.read(StackedBarChart(ChartFixtures.byDistrict).svg(id: "s")).count(class: "value") == 7)
    }

    @Test("a missing value breaks the line and draws no mark")
    func gaps() {
        let data = ChartData(title: "缺一天", categories: ["a", "b", "c", "d"], series: [ChartSeries("s", [1, nil, 3, 4])])
        let svg = LineChart(data).svg(id: "g")
        let reader = SVGReader.read(svg)
        #expect(reader.count(class: "point") == 3)
        let path = reader.attributes.first { $0["class"] == "line" }?["d"] ?? ""
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(SVGReader.read(BarChart(data).svg(id: "g")).count(class: "bar") == 3)
    }

    @Test("labels from user data are escaped everywhere they appear", arguments: ["line", "bar", "stacked", "heat"])
    func escaping(_ kind: String) throws {
        let data = try #require(ChartFixtures.edgeCases.first { $0.name == "hostile" }).data
        let svg = try #require(ChartFixtures.drawings(data).first { $0.kind == kind }).svg
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\" onmouseover"))
        let reader = SVGReader.read(svg)
        #expect(reader.error == nil)
        #expect(reader.elements["script"] == nil)
        #expect(reader.text.contains(ChartFixtures.hostile), "the full text survives, as text")
    }

    @Test("control characters, which XML cannot carry at all, are dropped")
    func controlCharacters() {
        let data = ChartData(title: "a\u{01}b\u{0B}c", categories: ["x\u{00}y"], series: [ChartSeries("s\u{1F}", [1])])
        for (kind, svg) in ChartFixtures.drawings(data) {
            #expect(SVGReader.read(svg).error == nil, "\(kind)")
        }
    }

    @Test("a long label is shortened with an ellipsis and keeps its full text as a tooltip")
    func longLabels() throws {
        let data = try #require(ChartFixtures.edgeCases.first { $0.name == "long labels" }).data
        let long = data.categories[0]
        let svg = BarChart(data).svg(id: "l")
        #expect(svg.contains("…"))
        #expect(svg.contains("<title>\(long)</title>"))
        #expect(svg.contains("<title>\(data.series[0].name)</title>"))
    }

    @Test("with ninety days along the axis only some labels show, so they do not overlap")
    func thinnedLabels() throws {
        let data = try #require(ChartFixtures.edgeCases.first { $0.name == "many categories" }).data
        let svg = LineChart(data).svg(id: "m")
        let shown = try Regex(#">D[0-9]+</text>"#)
        let count = svg.matches(of: shown).count
        #expect(count < 30 && count > 5)
        #expect(!svg.contains("…"), "thinned labels have room enough not to be cut")
    }

    @Test("an empty chart says there is no data")
    func empty() {
        for (_, svg) in ChartFixtures.drawings(ChartData(title: "空", categories: [], series: [])) {
            #expect(SVGReader.read(svg).text.contains("暂无数据"))
        }
    }

    @Test("elder mode draws bigger type and thicker lines on a narrower canvas")
    func elderMode() {
        let standard = LineChart(ChartFixtures.daily).svg(id: "a")
        let large = LineChart(ChartFixtures.daily).svg(id: "a", large: true)
        #expect(standard.contains("viewBox=\"0 0 640 ") && large.contains("viewBox=\"0 0 480 "))
        #expect(standard.contains("font-size=\"14\"") && large.contains("font-size=\"20\""))
        #expect(large.contains("stroke-width=\"3.5\""))
    }
}
