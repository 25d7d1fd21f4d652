extension DispatchClassifier {
    /// Deterministic for a given seed: the only randomness is the solver's visiting order, drawn from SplitMix64.
    public static func train(_ examples: [LabelledText], options: Options = .init(), seed: UInt64 = 12345) -> DispatchClassifier {
        precondition(options.ngramLengths.lowerBound >= 1 && options.ngramLengths.upperBound <= 3,
                     "DispatchClassifier n-grams are 1 to 3 characters long")
        let labels = Array(Set(examples.map(\.label))).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let (features, xs) = DispatchFeatures.fit(examples.map(\.text), lengths: options.ngramLengths,
                                                  collapseDigits: options.collapseDigits)
        let trainer = LinearSVMTrainer(c: options.c, balanced: options.balancedClasses)
        let (weights, bias) = trainer.fit(xs, labels: examples.map { index[$0.label]! }, classes: labels.count,
                                          dimension: features.dimension, seed: seed)
        return DispatchClassifier(labels: labels, options: options, seed: seed, examples: examples,
                                  features: features, weights: weights, bias: bias)
    }

    /// A dispatcher's corrections, learned by retraining on everything so far plus them. With a few thousand
    /// messages that takes well under a second, and it keeps the result identical to a fresh `train`.
    public func adding(_ corrections: [LabelledText]) -> DispatchClassifier {
        Self.train(examples + corrections, options: options, seed: seed)
    }
}
