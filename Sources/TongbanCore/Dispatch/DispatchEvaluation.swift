/// Trains on one set, scores another: the numbers a dispatch supervisor needs before trusting the suggestions.
public enum DispatchEvaluation {
    public struct LabelScore: Sendable, Hashable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Test messages that truly carry this label.
        public var support: Int
    }

    public struct Report: Sendable {
        public var accuracy: Double
        /// The unweighted mean of per-label F1: a small department misrouted wholesale shows here, not in accuracy.
        public var macroF1: Double
        public var perLabel: [LabelScore]
        /// Rows are true labels, columns predicted, both in `labels` order.
        public var confusion: [[Int]]
        public var labels: [String]
        public var trainingSeconds: Double
        public var predictionsPerSecond: Double
    }

    public static func run(train: [LabelledText], test: [LabelledText],
                           options: DispatchClassifier.Options = .init(), seed: UInt64 = 12345) -> Report {
        let clock = ContinuousClock()
        var classifier: DispatchClassifier?
        let trainingTime = clock.measure { classifier = DispatchClassifier.train(train, options: options, seed: seed) }
        let model = classifier!

        var predicted: [String] = []
        predicted.reserveCapacity(test.count)
        let predictionTime = clock.measure {
            for example in test { predicted.append(model.bestLabel(example.text) ?? "") }
        }
        var report = score(truth: test.map(\.label), predicted: predicted)
        report.trainingSeconds = trainingTime.seconds
        report.predictionsPerSecond = test.isEmpty ? 0 : Double(test.count) / max(predictionTime.seconds, 1e-9)
        return report
    }

    /// Macro-F1 over every label that occurs in truth or prediction, as scikit-learn's `f1_score(average="macro")`.
    public static func score(truth: [String], predicted: [String]) -> Report {
        let labels = Array(Set(truth).union(predicted)).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var confusion = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(truth, predicted) { confusion[index[t]!][index[p]!] += 1 }

        let perLabel = labels.indices.map { k -> LabelScore in
            let hits = confusion[k][k]
            let predictedK = confusion.reduce(0) { $0 + $1[k] }
            let support = confusion[k].reduce(0, +)
            let precision = predictedK == 0 ? 0 : Double(hits) / Double(predictedK)
            let recall = support == 0 ? 0 : Double(hits) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return LabelScore(label: labels[k], precision: precision, recall: recall, f1: f1, support: support)
        }
        let correct = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        return Report(accuracy: truth.isEmpty ? 0 : Double(correct) / Double(truth.count),
                      macroF1: perLabel.isEmpty ? 0 : perLabel.map(\.f1).reduce(0, +) / Double(perLabel.count),
                      perLabel: perLabel, confusion: confusion, labels: labels,
                      trainingSeconds: 0, predictionsPerSecond: 0)
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
