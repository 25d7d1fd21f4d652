/// Why a series could not be read or evaluated. Messages are in Chinese for the operator who uploaded the file.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    case badCSV(line: Int, reason: String)
    /// A backtest needs `needed` days for its origins and horizon; the series has `available`.
    case seriesTooShort(needed: Int, available: Int)

    public var description: String {
        switch self {
        case let .badCSV(line, reason): "第 \(line) 行：\(reason)"
        case let .seriesTooShort(needed, available): "序列只有 \(available) 天，回测至少需要 \(needed) 天"
        }
    }
}
