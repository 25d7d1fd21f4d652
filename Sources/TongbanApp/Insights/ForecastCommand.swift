import Foundation
import TongbanCore
import Vapor

/// `tongban eval-forecast FILE.csv [--horizon 14] [--origins 6] [--step 7]`: rolling-origin backtest of the demand
/// forecaster on a `date,value` daily series; `tongban eval-forecast DIR --history` instead writes the database's own
/// daily series (applications, 12345 tickets) into DIR as CSV and backtests each, so `scripts/eval-forecast-statsmodels.py` can
/// score Holt-Winters on exactly the same files. The last line of each report is `mape=… smape=… coverage80=…`.
struct EvalForecastCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV with date,value; with --history, the folder to write the database's series into") var file: String
        @Option(name: "horizon", help: "days ahead (default 14)") var horizon: Int?
        @Option(name: "origins", help: "forecast origins (default 6)") var origins: Int?
        @Option(name: "step", help: "days between origins (default 7)") var step: Int?
        @Flag(name: "history", help: "score the database's own daily series (written into the folder named first)") var history: Bool
    }

    var help: String { "Backtests the demand forecaster (MAPE, sMAPE, interval coverage) on a daily series or on the database's history." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let (horizon, origins, step) = (signature.horizon ?? 14, signature.origins ?? 6, signature.step ?? 7)
        guard horizon > 0, origins > 0, step > 0 else { throw AppError.invalid("command.usage", "horizon、origins、step 都应为正整数") }
        var files: [(name: String, csv: String)] = []
        if signature.history {
            let folder = signature.file
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, series) in try await DemandHistory.series(app) {
                let path = (folder as NSString).appendingPathComponent("\(name).csv")
                try series.csv.write(toFile: path, atomically: true, encoding: .utf8)
                files.append((path, series.csv))
            }
        } else {
            guard let text = try? String(contentsOfFile: signature.file, encoding: .utf8) else {
                throw AppError.invalid("command.file_unreadable", "读不到文件 \(signature.file)（应为 UTF-8 的 date,value 表）")
            }
            files.append((signature.file, text))
        }
        for file in files {
            do throws(ForecastError) {
                let report = try Backtest.run(csv: file.csv, calendar: app.workdays, horizon: horizon, origins: origins, step: step)
                context.console.print("\(file.name): horizon \(horizon), \(origins) origins every \(step) days, \(report.points) forecasts")
                context.console.print(String(format: "mape=%.2f smape=%.2f mae=%.2f coverage80=%.1f coverage95=%.1f",
                                             report.mape, report.smape, report.mae, report.coverage80, report.coverage95))
            } catch {
                context.console.print("\(file.name): \(error)")
            }
        }
    }
}

/// The platform's own daily demand, as forecasting needs it: applications (all channels), 12345 tickets and numbers
/// taken in the halls per day,
/// from the first recorded day to yesterday.
enum DemandHistory {
    /// The city's applications and 12345 tickets per day; for a department, its review tasks and its tickets.
    static func series(_ app: Application, departmentID: UUID? = nil) async throws -> [(String, DailySeries)] {
        let now = app.clock.now()
        let today = CalendarDay(now)
        let from = today.adding(days: -730).startInstant
        let cases = CaseService(db: app.db, catalog: app.catalogCache.snapshot, calendar: app.workdays, now: now, cipher: app.fieldCipher)
        let applications = try await cases.arrivalsByDay(from: from, to: today.startInstant, departmentID: departmentID)
        let tickets = try await app.tickets.ticketsByDay(from: from, to: today.startInstant, departmentID: departmentID)
        // The halls' numbers are the windows' own demand (walk-ins with no application among them); the city's only.
        let numbers = departmentID == nil ? try await QueueIndicators(db: app.db).arrivalsByDay(from: from, to: today.startInstant) : []
        return [("applications", daily(applications, until: today)), ("hotline", daily(tickets, until: today)),
                ("halls", daily(numbers, until: today))].compactMap { name, series in
            series.map { (name, $0) }
        }
    }

    /// Days without a row are zero days; the series starts at the first day with any.
    static func daily(_ rows: [CaseService.DayCount], until end: CalendarDay) -> DailySeries? {
        guard let first = rows.map(\.day).min() else { return nil }
        let last = end.dayNumber - 1
        guard last >= first else { return nil }
        var values = Array(repeating: 0.0, count: last - first + 1)
        for row in rows where row.day <= last { values[row.day - first] += Double(row.n) }
        let start = CalendarDay(dayNumber: first)
        return DailySeries(start: start, values: values)
    }
}
