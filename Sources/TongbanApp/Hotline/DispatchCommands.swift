import Fluent
import Foundation
import TongbanCore
import Vapor

/// `tongban eval-dispatch --train A.csv --test B.csv`: the dispatcher's own model, trained on one labelled file
/// and scored on another. The last line is `accuracy=… macro_f1=…` for scripts.
struct EvalDispatchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "train", help: "CSV with id,label,title,body to train on") var train: String?
        @Option(name: "test", help: "CSV with id,label,title,body to score") var test: String?
        @Option(name: "seed", help: "solver seed (default 12345)") var seed: UInt64?
    }

    var help: String { "Trains the dispatch classifier on one CSV and reports accuracy, macro-F1 and the confusion matrix on another." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let trainPath = signature.train, let testPath = signature.test else {
            throw AppError.invalid("command.usage", "用法：tongban eval-dispatch --train A.csv --test B.csv")
        }
        let train = try DispatchFiles.read(trainPath), test = try DispatchFiles.read(testPath)
        let report = DispatchEvaluation.run(train: train, test: test, seed: signature.seed ?? 12345)
        let console = context.console
        console.print("trained on \(train.count) messages (\(Set(train.map(\.label)).count) labels) in \(String(format: "%.3f", report.trainingSeconds)) s; scored \(test.count) at \(Int(report.predictionsPerSecond)) messages/s")
        console.print("label\tprecision\trecall\tf1\tsupport")
        for score in report.perLabel {
            console.print("\(score.label)\t\(String(format: "%.3f", score.precision))\t\(String(format: "%.3f", score.recall))\t\(String(format: "%.3f", score.f1))\t\(score.support)")
        }
        console.print("confusion matrix (rows: true label, columns: predicted, in the order above)")
        for (label, row) in zip(report.labels, report.confusion) {
            console.print("\(label)\t" + row.map(String.init).joined(separator: "\t"))
        }
        console.print(String(format: "accuracy=%.4f macro_f1=%.4f", report.accuracy, report.macroF1))
    }
}

/// `tongban train-dispatch`: adds the city's concluded tickets to what the dispatcher learns from, retrains,
/// and reports how well it routes (5-fold cross-validation). Running servers pick the new examples up by themselves.
struct TrainDispatchCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Learns from concluded tickets and corrections, retrains the dispatcher and reports its cross-validated quality." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let harvested = try await DispatchHistory.harvest(app.tickets)
        let stored = try await DispatchExample.query(on: app.db).all()
        let examples = DispatchModel.trainingSet(stored: stored)
        let console = context.console
        console.print("新增历史样本 \(harvested) 条；训练样本共 \(examples.count) 条（内置 \(DispatchModel.bundled.count)，纠错 \(stored.filter { $0.source == "correction" }.count)，导入 \(stored.filter { $0.source == "import" }.count)，历史 \(stored.filter { $0.source == "history" }.count)）")
        let byLabel = Dictionary(grouping: examples, by: \.label).mapValues(\.count).sorted { $0.key < $1.key }
        console.print(byLabel.map { "\($0.key) \($0.value)" }.joined(separator: "，"))
        var seen = Set<LabelledText>()
        let folds = DispatchHistory.crossValidate(examples.filter { seen.insert($0).inserted }, folds: 5)
        console.print(String(format: "5 折交叉验证：accuracy=%.4f macro_f1=%.4f", folds.accuracy, folds.macroF1))
        let started = Date()
        try await app.dispatchModel.refresh(app.db, force: true)
        console.print(String(format: "已重新训练（%.2f 秒）；运行中的服务会在 %d 秒内自动采用新样本", Date().timeIntervalSince(started), Int(DispatchModel.refreshPeriod)))
    }
}

enum DispatchFiles {
    static func read(_ path: String) throws -> [LabelledText] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError.invalid("command.file_not_found", "找不到文件 \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw AppError.invalid("command.not_utf8", "\(path) 不是 UTF-8 编码") }
        do { return try LabelledText.readCSV(text) } catch { throw AppError.invalid("command.bad_csv", "\(path)：\(CSVProblem.describe(error))") }
    }
}

enum CSVProblem {
    static func describe(_ error: any Error) -> String {
        switch error as? LabelledTextCSVError {
        case .missingColumns(let columns): "缺少列：\(columns.joined(separator: ", "))"
        case .unterminatedQuote(let line): "第 \(line) 行的引号没有结束"
        case .wrongFieldCount(let line, let expected, let found): "第 \(line) 行有 \(found) 列，表头是 \(expected) 列"
        case nil: "\(error)"
        }
    }
}

enum DispatchHistory {
    /// Concluded tickets the classifier has not seen, labelled with the department that replied.
    /// Answers given by the operator on the spot have no department's judgement in them and are skipped.
    static func harvest(_ service: TicketService) async throws -> Int {
        let seen = Set(try await DispatchExample.query(on: service.db).filter(\.$ticketID != nil).all().compactMap(\.ticketID))
        let closed = try await Ticket.query(on: service.db).filter(\.$state == TicketState.closed.rawValue)
            .filter(\.$firstContact == false).filter(\.$departmentID != nil).all()
        var added = 0
        for batch in closed.filter({ !seen.contains($0.id!) }).chunked(500) {
            let rows = batch.compactMap { ticket -> Row? in
                guard let code = service.departmentCode(ticket.departmentID) else { return nil }
                return Row(text: ticket.text, departmentCode: code, source: "history", ticketId: ticket.id, createdAt: service.now)
            }
            try await PlainRows.insert(rows, into: DispatchExample.schema, on: service.db)
            added += rows.count
        }
        return added
    }

    struct Row: Encodable {
        var id = UUID()
        var text: String
        var departmentCode: String
        var source: String
        var ticketId: UUID?
        var createdAt: Date
    }

    /// Every k-th example held out in turn; deterministic, so two runs on the same data agree.
    static func crossValidate(_ examples: [LabelledText], folds: Int) -> (accuracy: Double, macroF1: Double) {
        guard examples.count >= folds * 2 else { return (0, 0) }
        var truth: [String] = [], predicted: [String] = []
        for fold in 0..<folds {
            let test = examples.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            let train = examples.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            let model = DispatchClassifier.train(train)
            for example in test {
                truth.append(example.label)
                predicted.append(model.bestLabel(example.text) ?? "")
            }
        }
        let report = DispatchEvaluation.score(truth: truth, predicted: predicted)
        return (report.accuracy, report.macroF1)
    }
}
