import Testing
@testable import TongbanCore

@Suite("DispatchEvaluation")
struct DispatchEvaluationTests {
    /// scikit-learn 1.9.1, `python3 scripts/eval-dispatch-sklearn.py`: TfidfVectorizer(analyzer="char",
    /// ngram_range=(1, 3), sublinear_tf=True) + LinearSVC() on train.csv, scored on test.csv (accuracy 0.76).
    static let sklearnMacroF1 = 0.7222

    @Test("on the real split it beats the scikit-learn baseline")
    func realSplit() throws {
        let report = DispatchEvaluation.run(train: try DispatchDataSet.load("train.csv"),
                                            test: try DispatchDataSet.load("test.csv"))
        // Measured with the default options: accuracy 0.78, macro-F1 0.777. Floors sit a little below.
        #expect(report.accuracy >= 0.77)
        #expect(report.macroF1 >= 0.765)
        #expect(report.macroF1 > Self.sklearnMacroF1)
        #expect(report.labels.count == 7)
        #expect(report.confusion.flatMap { $0 }.reduce(0, +) == 100)
        #expect(report.trainingSeconds > 0 && report.predictionsPerSecond > 0)
    }

    @Test("metrics match a hand-worked example")
    func metrics() {
        let report = DispatchEvaluation.score(truth: ["a", "a", "b", "c"], predicted: ["a", "b", "b", "b"])
        #expect(report.labels == ["a", "b", "c"])
        #expect(report.confusion == [[1, 1, 0], [0, 1, 0], [0, 1, 0]])
        #expect(report.accuracy == 0.5)
        // a: P 1, R 0.5, F1 2/3; b: P 1/3, R 1, F1 0.5; c: F1 0.
        #expect(abs(report.macroF1 - (2.0 / 3 + 0.5) / 3) < 1e-12)
        #expect(report.perLabel.map(\.support) == [2, 1, 1])
    }
}
