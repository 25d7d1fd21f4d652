/// The numbers behind a chart, as a table: shown under every chart (for readers who cannot see the
/// drawing, or want exact figures) and exported as CSV. A plain structure; the app renders it.
public struct DataTable: Sendable, Equatable {
    public enum Layout: Sendable {
        /// One row per category (date), one column per series: for line and bar charts.
        case categoriesAsRows
        /// One row per series (district), one column per category (week): the shape of a heat table.
        case seriesAsRows
    }

    /// A cell keeps its number, so the page can show "12,345" while the CSV carries 12345.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double?)

        /// As shown on the page: numbers in full with separators, missing as "—".
        public var display: String {
            switch self {
            case .text(let text): return text
            case .number(let value): return ChartNumber.full(value)
            }
        }

        /// As written to CSV: numbers bare so spreadsheets compute with them, missing as empty.
        public var csv: String {
            switch self {
            case .text(let text): return text
            case .number(let value): return ChartNumber.plain(value)
            }
        }
    }

    public var caption: String
    public var headers: [String]
    public var rows: [[Cell]]

    /// `total` adds a 合计 column (or row-end total) per row, as a stacked bar chart's table wants.
    public init(_ data: ChartData, layout: Layout = .categoriesAsRows, total: Bool = false) {
        caption = data.unit.isEmpty ? data.title : "\(data.title)（单位：\(data.unit)）"
        let totalHeader = total ? ["合计"] : []
        switch layout {
        case .categoriesAsRows:
            headers = [data.categoryName] + data.series.map(\.name) + totalHeader
            rows = data.categories.indices.map { column in
                let values = data.series.map { $0.value(at: column) }
                return [.text(data.categories[column])] + values.map(Cell.number) + (total ? [.number(DataTable.sum(values))] : [])
            }
        case .seriesAsRows:
            headers = [""] + data.categories + totalHeader
            rows = data.series.map { series in
                let values = data.categories.indices.map { series.value(at: $0) }
                return [.text(series.name)] + values.map(Cell.number) + (total ? [.number(DataTable.sum(values))] : [])
            }
        }
    }

    /// Rows of text as shown on the page.
    public var displayRows: [[String]] { rows.map { $0.map(\.display) } }

    /// The table as a CSV file for Excel: header line, then the rows, numbers bare.
    public func csv() -> [UInt8] {
        CSVExport.bytes([headers] + rows.map { $0.map(\.csv) })
    }

    /// A sum over the present values; nil when none is present, so a row of gaps does not total 0.
    private static func sum(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.isEmpty ? nil : present.reduce(0, +)
    }
}
