/// One-vs-rest linear SVM with squared hinge loss, solved by dual coordinate descent (Hsieh et al., ICML 2008 —
/// the method behind liblinear and scikit-learn's LinearSVC). With a few hundred messages it converges in
/// milliseconds and, unlike SGD, needs no learning-rate schedule that would have to be tuned per data set.
struct LinearSVMTrainer {
    var c: Double
    /// Scales each message's C by n / (classes · class size), so a category with few messages is not simply outvoted.
    var balanced: Bool
    var tolerance = 1e-4
    var maxPasses = 1000

    /// Returns feature-major weights (`weights[feature * classes + k]`) and one bias per class.
    func fit(_ xs: [SparseVector], labels: [Int], classes: Int, dimension: Int, seed: UInt64) -> (weights: [Float], bias: [Float]) {
        var packed = [Float](repeating: 0, count: dimension * classes)
        var bias = [Float](repeating: 0, count: classes)
        var sizes = [Int](repeating: 0, count: classes)
        for label in labels { sizes[label] += 1 }
        let sampleWeight = sizes.map { balanced ? Double(labels.count) / Double(classes * max($0, 1)) : 1 }
        let squaredNorms = xs.map { x in x.values.reduce(0) { $0 + Double($1) * Double($1) } + 1 } // + 1: the bias feature

        for k in 0..<classes {
            var rng = SplitMix64(seed: seed &+ UInt64(k))
            let y = labels.map { $0 == k ? 1.0 : -1.0 }
            let diagonal = labels.map { 1 / (2 * c * sampleWeight[$0]) }
            let (w, b) = solve(xs, y: y, diagonal: diagonal, squaredNorms: squaredNorms, dimension: dimension, rng: &rng)
            for f in 0..<dimension { packed[f * classes + k] = Float(w[f]) }
            bias[k] = Float(b)
        }
        return (packed, bias)
    }

    private func solve(_ xs: [SparseVector], y: [Double], diagonal: [Double], squaredNorms: [Double],
                       dimension: Int, rng: inout SplitMix64) -> ([Double], Double) {
        var w = [Double](repeating: 0, count: dimension)
        var b = 0.0
        var alpha = [Double](repeating: 0, count: xs.count)
        var order = Array(xs.indices)
        for _ in 0..<maxPasses {
            order.shuffle(using: &rng)
            var largest = -Double.infinity, smallest = Double.infinity
            for i in order {
                let x = xs[i]
                var margin = b
                for j in x.indices.indices { margin += w[Int(x.indices[j])] * Double(x.values[j]) }
                let gradient = y[i] * margin - 1 + diagonal[i] * alpha[i]
                let projected = alpha[i] == 0 ? min(gradient, 0) : gradient
                largest = max(largest, projected)
                smallest = min(smallest, projected)
                guard projected != 0 else { continue }
                let old = alpha[i]
                alpha[i] = max(old - gradient / (squaredNorms[i] + diagonal[i]), 0)
                let step = (alpha[i] - old) * y[i]
                for j in x.indices.indices { w[Int(x.indices[j])] += step * Double(x.values[j]) }
                b += step
            }
            if largest - smallest < tolerance { break }
        }
        return (w, b)
    }
}
