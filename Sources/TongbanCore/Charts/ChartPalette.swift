/// Colours chosen so readers with colour-blindness can still tell them apart.
enum ChartPalette {
    /// Okabe–Ito, reordered so the first colours have the most contrast on white; yellow comes last.
    /// Lines also differ by dash pattern, so two series never depend on colour alone.
    static let series = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes: [String?] = [nil, "8 4", "2 4", "12 4 2 4"]

    static func colour(_ index: Int) -> String { series[index % series.count] }
    static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }

    /// A single-hue sequential scale (ColorBrewer Blues, 6 classes): order reads by lightness alone,
    /// so it survives colour-blindness and grey printing. Text on the two darkest is white.
    static let heat = ["#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]
    static func heatText(_ colourIndex: Int) -> String { colourIndex >= 4 ? "#FFFFFF" : "#111111" }
    static let missing = "#F2F2F2"

    static let text = "#111111"
    static let mutedText = "#444444"
    static let grid = "#CCCCCC"
    static let axis = "#333333"
}
