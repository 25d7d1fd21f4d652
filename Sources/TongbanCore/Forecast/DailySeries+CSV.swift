/// The exchange format shared with the statsmodels comparison script: a `date,value` header, then one
/// `yyyy-MM-dd,number` row per consecutive day.
extension DailySeries {
    public init(csv text: String) throws(ForecastError) {
        let table: CSVTable
        do {
            table = try CSVTable(text, required: ["date", "value"])
        } catch LabelledTextCSVError.wrongFieldCount(let line, let expected, _) {
            throw .badCSV(line: line, reason: "应有 \(expected) 列")
        } catch LabelledTextCSVError.unterminatedQuote(let line) {
            throw .badCSV(line: line, reason: "引号未闭合")
        } catch {
            throw .badCSV(line: 1, reason: "表头必须包含 date 和 value 两列")
        }
        guard let first = table.rows.first else { throw .badCSV(line: 1, reason: "没有数据行") }
        var values: [Double] = []
        var expected: CalendarDay?
        for row in table.rows {
            guard let text = row["date"], let day = CalendarDay(text) else {
                throw .badCSV(line: row.line, reason: "日期必须是 yyyy-MM-dd")
            }
            guard let raw = row["value"], let value = Double(raw), value.isFinite, value >= 0 else {
                throw .badCSV(line: row.line, reason: "数值必须是非负数")
            }
            if let expected, day != expected {
                throw .badCSV(line: row.line, reason: "日期应为 \(expected)，缺少或重复了某天")
            }
            values.append(value)
            expected = day.adding(days: 1)
        }
        self.init(start: CalendarDay(first["date"]!)!, values: values)
    }

    public var csv: String {
        var text = "date,value\n"
        for (i, value) in values.enumerated() { text += "\(day(at: i)),\(value)\n" }
        return text
    }
}
