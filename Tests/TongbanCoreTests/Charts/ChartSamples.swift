import Foundation
import Testing
@testable import TongbanCore

/// Not a check: writes sample drawings for a person to look at, when CHART_SAMPLES names a folder.
///   CHART_SAMPLES=/tmp/charts-samples swift test --filter ChartSamples
/// then scripts/render-chart-samples.sh turns them into PNG screenshots with headless Chromium.
@Suite("Charts: samples for eyes")
struct ChartSamples {
    @Test("write sample SVGs", .enabled(if: ProcessInfo.processInfo.environment["CHART_SAMPLES"] != nil))
    func write() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHART_SAMPLES"]!)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var samples: [(String, String)] = []
        for large in [false, true] {
            let mode = large ? "-elder" : ""
            samples += [
                ("line\(mode)", LineChart(ChartFixtures.daily).svg(id: "line", large: large)),
                ("bar\(mode)", BarChart(ChartFixtures.byDistrict).svg(id: "bar", large: large)),
                ("stacked\(mode)", StackedBarChart(ChartFixtures.byDistrict).svg(id: "stacked", large: large)),
                ("heat\(mode)", HeatTable(ChartFixtures.heat).svg(id: "heat", large: large)),
            ]
        }
        for (name, data) in ChartFixtures.edgeCases where ["one point", "negative", "long labels", "many categories", "hostile"].contains(name) {
            let file = name.replacingOccurrences(of: " ", with: "-")
            samples += [("edge-\(file)-line", LineChart(data).svg(id: "l")),
                        ("edge-\(file)-stacked", StackedBarChart(data).svg(id: "s")),
                        ("edge-\(file)-heat", HeatTable(data).svg(id: "h"))]
        }
        for (name, svg) in samples {
            try svg.write(to: folder.appendingPathComponent(name + ".svg"), atomically: true, encoding: .utf8)
        }
        // A phone-width page showing the elder-mode drawings as the site would: inline, full width.
        let phone = samples.filter { $0.0.hasSuffix("-elder") }.map(\.1).joined(separator: "\n")
        try "<!doctype html><meta charset=\"utf-8\"><body>\(phone)</body>"
            .write(to: folder.appendingPathComponent("phone.html"), atomically: true, encoding: .utf8)
        try Data(DataTable(ChartFixtures.byDistrict, total: true).csv()).write(to: folder.appendingPathComponent("by-district.csv"))
    }
}
