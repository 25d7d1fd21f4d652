/// Sizes in viewBox units. The drawing scales to its container (`width="100%"`), so what matters is
/// the size of the type relative to the width. Elder mode (`large`) draws on a narrower canvas with
/// bigger type and thicker lines: on a 360-pixel phone its labels come out near 15 px instead of 8.
struct ChartMetrics {
    let large: Bool

    init(large: Bool) { self.large = large }

    var width: Double { large ? 480 : 640 }
    var font: Double { large ? 20 : 14 }
    var titleFont: Double { font * 1.2 }
    var stroke: Double { large ? 3.5 : 2 }
    var marker: Double { large ? 5 : 3.5 }
    var pad: Double { font * 0.8 }
    var plotHeight: Double { large ? 260 : 220 }
    var lineHeight: Double { font * 1.5 }
}
