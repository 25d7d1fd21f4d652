import Fluent
import Foundation
import TongbanCore
import Vapor

/// The dispatcher's classifier for this instance: trained on the shipped Lu'an set plus every example the
/// city has added (corrections, imports, harvested history). Retrained here at once after a local correction,
/// and when the periodic refresh sees that another instance (or `train-dispatch`) added examples.
actor DispatchModel {
    /// A correction counts this many times: one dispatcher's fix should outweigh a few similar old examples.
    static let correctionWeight = 3
    static let refreshJob = "dispatch_refresh"
    static let refreshPeriod: TimeInterval = 30

    private var classifier: DispatchClassifier?
    /// How many stored examples the current classifier has seen; a different count means retrain.
    private var learnedCount = -1
    private(set) var trainedAt: Date?
    private(set) var trainingSeconds: Double = 0

    /// The shipped set is the same for every instance in the process, so it is read and parsed once.
    static let bundled: [LabelledText] = {
        guard let url = Bundle.module.url(forResource: "hotline-training", withExtension: "csv", subdirectory: "Resources/seed"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let examples = try? LabelledText.readCSV(text) else { return [] }
        return examples
    }()

    /// A city that has added nothing yet dispatches with the shipped set alone: trained once per process,
    /// however many applications (tests, instances) share it.
    static let bundledClassifier = DispatchClassifier.train(bundled)

    /// The current classifier, trained on first use.
    func current(_ db: any Database) async throws -> DispatchClassifier {
        if let classifier { return classifier }
        return try await refresh(db, force: true)
    }

    /// Retrains when the stored examples changed since the last training (or always with `force`).
    @discardableResult
    func refresh(_ db: any Database, force: Bool = false) async throws -> DispatchClassifier {
        let count = try await DispatchExample.query(on: db).count()
        if !force, count == learnedCount, let classifier { return classifier }
        let stored = try await DispatchExample.query(on: db).sort(\.$createdAt).sort(\.$id).all()
        let started = DispatchTime.now().uptimeNanoseconds
        let trained = stored.isEmpty ? Self.bundledClassifier : DispatchClassifier.train(Self.trainingSet(stored: stored))
        trainingSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        classifier = trained
        learnedCount = count
        trainedAt = Date()
        return trained
    }

    var exampleCount: Int { classifier?.examples.count ?? 0 }

    static func trainingSet(stored: [DispatchExample]) -> [LabelledText] {
        var examples = bundled
        for example in stored {
            let weight = example.source == "correction" ? correctionWeight : 1
            for _ in 0..<weight { examples.append(LabelledText(text: example.text, label: example.departmentCode)) }
        }
        return examples
    }

    static func run(_ job: Job, _ app: Application) async throws {
        try await app.dispatchModel.refresh(app.db)
    }
}

extension Application {
    private struct DispatchModelKey: StorageKey { typealias Value = DispatchModel }

    /// Set once in `configure`, before any request can ask for it.
    var dispatchModel: DispatchModel {
        get { storage[DispatchModelKey.self] ?? DispatchModel() }
        set { storage[DispatchModelKey.self] = newValue }
    }
}
