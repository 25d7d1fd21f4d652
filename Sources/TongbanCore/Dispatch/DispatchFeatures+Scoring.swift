import Foundation

extension DispatchFeatures {
    /// `bias + weights · vector(text)` without building the vector: n-grams are counted in a small per-call hash
    /// table instead of sorted, and the L2 norm is divided out once at the end. This is the path every incoming
    /// message takes, so it avoids the intermediate arrays that `vector(_:)` (used for training) allocates.
    func scores(_ text: String, weights: [Float], bias: [Float]) -> [Float] {
        let scalars = DispatchNGrams.normalizedScalars(text, collapseDigits: collapseDigits)
        var capacity = 64
        while capacity < scalars.count * lengths.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity) // feature index, or -1 for an empty slot
        var counts = [Int32](repeating: 0, count: capacity)
        var used: [Int32] = [] // occupied slots in first-seen order, so the float sums are always added alike
        used.reserveCapacity(scalars.count * lengths.count)

        // Unsafe buffers: bounds and exclusivity checks in this loop cost as much as the hashing itself.
        slots.withUnsafeMutableBufferPointer { slots in
            counts.withUnsafeMutableBufferPointer { counts in
                DispatchNGrams.forEachKey(scalars, lengths: lengths) { key in
                    guard let found = vocabulary.index(of: key) else { return }
                    let index = Int32(truncatingIfNeeded: found)
                    var s = Int(truncatingIfNeeded: UInt32(bitPattern: index) &* 0x9E37_79B1) & mask
                    while slots[s] != -1, slots[s] != index { s = (s + 1) & mask }
                    if slots[s] == -1 { slots[s] = index; used.append(Int32(truncatingIfNeeded: s)) }
                    counts[s] += 1
                }
            }
        }

        let classes = bias.count
        var sums = [Float](repeating: 0, count: classes)
        var squaredNorm: Float = 0
        weights.withUnsafeBufferPointer { w in
            for s in used {
                let feature = Int(slots[Int(s)])
                let count = counts[Int(s)]
                let value = (count == 1 ? 1 : 1 + log(Float(count))) * idf[feature]
                squaredNorm += value * value
                let base = feature * classes
                for k in 0..<classes { sums[k] += w[base + k] * value }
            }
        }
        let scale: Float = squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0
        return (0..<classes).map { bias[$0] + sums[$0] * scale }
    }
}
