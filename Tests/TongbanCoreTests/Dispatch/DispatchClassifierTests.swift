import Testing
import TongbanCore

@Suite("DispatchClassifier")
struct DispatchClassifierTests {
    @Test("the same seed gives the same model: identical scores for every test message")
    func determinism() throws {
        let train = try DispatchDataSet.load("train.csv")
        let test = try DispatchDataSet.load("test.csv")
        let a = DispatchClassifier.train(train, seed: 7)
        let b = DispatchClassifier.train(train, seed: 7)
        for example in test.prefix(30) {
            #expect(a.predict(example.text) == b.predict(example.text))
        }
    }

    @Test("predict ranks every label, best first, with confidences that sum to 1")
    func predictionShape() throws {
        let model = DispatchClassifier.train(try DispatchDataSet.load("train.csv"))
        #expect(model.labels == ["交通运输", "劳动和社会保障", "卫生计生", "商贸旅游", "城乡建设", "教育文体", "环境保护"])
        for text in ["小区门口的路灯坏了一个月没人修", "", "ＡＢＣ１２３ abc 123", "孩子学校乱收费"] {
            let predictions = model.predict(text)
            #expect(Set(predictions.map(\.label)) == Set(model.labels))
            #expect(zip(predictions, predictions.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(predictions.allSatisfy { (0...1).contains($0.confidence) })
            #expect(abs(predictions.map(\.confidence).reduce(0, +) - 1) < 1e-9)
            #expect(model.bestLabel(text) == predictions.first?.label)
        }
    }

    @Test("a dispatcher's correction changes the next prediction for a near-identical message")
    func correction() throws {
        let model = DispatchClassifier.train(try DispatchDataSet.load("train.csv"))
        let corrected = "小区楼下烧烤店油烟和噪音扰民\n晚上十二点还在营业，多次投诉没人管"
        let nearlyTheSame = "小区楼下的烧烤店油烟和噪音扰民\n晚上十二点多还在营业，多次投诉都没人管！"
        let before = try #require(model.bestLabel(nearlyTheSame))
        let target = try #require(model.labels.first { $0 != before && $0 != "城乡建设" })

        let retrained = model.adding([LabelledText(text: corrected, label: target)])
        #expect(retrained.bestLabel(nearlyTheSame) == target)
        #expect(retrained.examples.count == model.examples.count + 1)
    }

    @Test("full-width and half-width spellings classify alike")
    func widthFolding() throws {
        let model = DispatchClassifier.train(try DispatchDataSet.load("train.csv"))
        #expect(model.predict("Ａ市ＷＩＦＩ收费问题") == model.predict("a市wifi收费问题"))
    }
}
