/// A QR code (ISO/IEC 18004) for short texts such as a booking code or its link: byte mode, error correction level M
/// (15% of the symbol may be damaged), versions 1–6 (up to 106 bytes), the mask chosen by the standard's penalty
/// rules. Drawn by the server as SVG, so a page shows it with no script and no network. Versions from 7 up would need
/// the version information blocks; nothing here needs them.
public struct QRCode: Sendable {
    public let version: Int
    public let mask: Int
    /// `modules[row][column]`, true for dark.
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    public enum Failure: Error, Equatable { case tooLong(bytes: Int, maximum: Int) }

    /// Level M: data codewords, error-correction codewords per block, blocks, for versions 1–6.
    static let levelM: [(data: Int, ecPerBlock: Int, blocks: Int)] = [(16, 10, 1), (28, 16, 1), (44, 26, 1), (64, 18, 2), (86, 24, 2), (108, 16, 4)]
    static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34]]
    public static var maximumBytes: Int { levelM.last!.data - 2 }

    public init(_ text: String, mask forcedMask: Int? = nil) throws(Failure) {
        let bytes = Array(text.utf8)
        guard let version = Self.levelM.indices.first(where: { Self.levelM[$0].data - 2 >= bytes.count }).map({ $0 + 1 }) else {
            throw .tooLong(bytes: bytes.count, maximum: Self.maximumBytes)
        }
        let codewords = Self.codewords(bytes, version: version)
        var best: (mask: Int, modules: [[Bool]], penalty: Int)?
        for mask in forcedMask.map({ [$0] }) ?? Array(0..<8) {
            let modules = Self.matrix(version: version, codewords: codewords, mask: mask)
            let penalty = Self.penalty(modules)
            if best == nil || penalty < best!.penalty { best = (mask, modules, penalty) }
        }
        (self.version, self.mask, self.modules) = (version, best!.mask, best!.modules)
    }

    // MARK: Codewords

    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let spec = levelM[version - 1]
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, 8)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = spec.data * 8
        append(0, min(4, capacity - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < spec.data {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        // Equal blocks at level M up to version 6: split, correct each, then interleave data and correction.
        let length = spec.data / spec.blocks
        let blocks = (0..<spec.blocks).map { Array(data[$0 * length..<($0 + 1) * length]) }
        let corrections = blocks.map { ReedSolomon.remainder($0, degree: spec.ecPerBlock) }
        var out: [UInt8] = []
        for i in 0..<length { for block in blocks { out.append(block[i]) } }
        for i in 0..<spec.ecPerBlock { for block in corrections { out.append(block[i]) } }
        return out
    }

    // MARK: The symbol

    static func matrix(version: Int, codewords: [UInt8], mask: Int) -> [[Bool]] {
        let size = 17 + 4 * version
        var dark = Array(repeating: Array(repeating: false, count: size), count: size)
        var reserved = dark
        func set(_ r: Int, _ c: Int, _ value: Bool) { dark[r][c] = value; reserved[r][c] = true }
        for (r0, c0) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for r in -1...7 {
                for c in -1...7 where (0..<size).contains(r0 + r) && (0..<size).contains(c0 + c) {
                    let ring = max(abs(r - 3), abs(c - 3))
                    set(r0 + r, c0 + c, ring != 2 && ring != 4)
                }
            }
        }
        for i in 8..<(size - 8) {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        let centres = alignment[version - 1]
        for r in centres {
            for c in centres where !reserved[r][c] {
                for dr in -2...2 { for dc in -2...2 { set(r + dr, c + dc, max(abs(dr), abs(dc)) != 1) } }
            }
        }
        // Format information areas, written after masking; and the dark module.
        for i in 0...8 {
            reserved[8][i] = true; reserved[i][8] = true
            if i < 8 { reserved[8][size - 1 - i] = true; reserved[size - 1 - i][8] = true }
        }
        set(size - 8, 8, true)

        var bit = 0
        let total = codewords.count * 8
        var upward = true
        var column = size - 1
        while column > 0 {
            if column == 6 { column -= 1 }
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for c in [column, column - 1] where !reserved[row][c] {
                    var value = false
                    if bit < total { value = (codewords[bit / 8] >> (7 - bit % 8)) & 1 == 1 }
                    bit += 1
                    if masked(mask, row, c) { value.toggle() }
                    dark[row][c] = value
                }
            }
            upward.toggle()
            column -= 2
        }

        // Level M is 00; 15 bits with BCH(15,5) and the fixed mask 101010000010010.
        let data = (0b00 << 3) | mask
        var remainder = data << 10
        for i in stride(from: 14, through: 10, by: -1) where remainder & (1 << i) != 0 { remainder ^= 0x537 << (i - 10) }
        let format = ((data << 10) | remainder) ^ 0x5412
        func formatBit(_ i: Int) -> Bool { (format >> i) & 1 == 1 }
        for i in 0..<15 {
            // Around the top-left finder: bits 0–7 down column 8 (skipping the timing row), 8–14 along row 8 leftwards.
            let (r, c): (Int, Int) = i < 6 ? (i, 8) : i < 8 ? (i + 1, 8) : i == 8 ? (8, 7) : (8, 14 - i)
            dark[r][c] = formatBit(i)
            // The copy: bits 0–7 along row 8 from the right, 8–14 up column 8 from the bottom.
            let (r2, c2): (Int, Int) = i < 8 ? (8, size - 1 - i) : (size - 15 + i, 8)
            dark[r2][c2] = formatBit(i)
        }
        return dark
    }

    static func masked(_ mask: Int, _ r: Int, _ c: Int) -> Bool {
        switch mask {
        case 0: (r + c) % 2 == 0
        case 1: r % 2 == 0
        case 2: c % 3 == 0
        case 3: (r + c) % 3 == 0
        case 4: (r / 2 + c / 3) % 2 == 0
        case 5: (r * c) % 2 + (r * c) % 3 == 0
        case 6: ((r * c) % 2 + (r * c) % 3) % 2 == 0
        default: ((r + c) % 2 + (r * c) % 3) % 2 == 0
        }
    }

    /// The standard's four penalty rules: runs, 2×2 blocks, finder-like patterns, and the balance of dark and light.
    static func penalty(_ m: [[Bool]]) -> Int {
        let size = m.count
        var score = 0
        let columns = (0..<size).map { c in (0..<size).map { m[$0][c] } }
        for line in m + columns {
            var run = 1
            for i in 1..<size {
                if line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }
            let pattern: [Bool] = [true, false, true, true, true, false, true]
            for i in 0...(size - 7) where Array(line[i..<i + 7]) == pattern {
                let before = i >= 4 && !line[(i - 4)..<i].contains(true)
                let after = i + 11 <= size && !line[(i + 7)..<(i + 11)].contains(true)
                if before { score += 40 }
                if after { score += 40 }
            }
        }
        for r in 0..<(size - 1) {
            for c in 0..<(size - 1) where m[r][c] == m[r][c + 1] && m[r][c] == m[r + 1][c] && m[r][c] == m[r + 1][c + 1] { score += 3 }
        }
        let darkCount = m.reduce(0) { $0 + $1.filter { $0 }.count }
        // 10 points for every full 5% the dark share is away from half.
        let total = size * size
        score += (abs(darkCount * 20 - total * 10) + total - 1) / total * 10 - 10 > 0 ? ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1) * 10 : 0
        return score
    }

    /// The symbol as SVG, each module one unit, with the four-module quiet zone the standard asks for.
    public func svg(title: String, pixelsPerModule: Int = 6) -> String {
        let side = size + 8
        var path = ""
        for (r, row) in modules.enumerated() {
            for (c, isDark) in row.enumerated() where isDark { path += "M\(c + 4) \(r + 4)h1v1h-1z" }
        }
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * pixelsPerModule)" height="\(side * pixelsPerModule)" \
        role="img" aria-label="\(escaped)" shape-rendering="crispEdges"><title>\(escaped)</title><rect width="\(side)" height="\(side)" fill="#fff"/>\
        <path d="\(path)" fill="#000"/></svg>
        """
    }
}

/// Reed–Solomon error correction over GF(256) with the QR code's polynomial x⁸+x⁴+x³+x²+1.
enum ReedSolomon {
    static let (exp, log): ([UInt8], [Int]) = {
        var exp = [UInt8](repeating: 0, count: 512), log = [Int](repeating: 0, count: 256)
        var x = 1
        for i in 0..<255 {
            exp[i] = UInt8(x)
            log[x] = i
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        for i in 255..<512 { exp[i] = exp[i - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
    }

    /// The generator (x − α⁰)…(x − α^(degree−1)), highest power first, leading 1 left out.
    static func generator(_ degree: Int) -> [UInt8] {
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (j, coefficient) in poly.enumerated() {
                next[j] ^= coefficient
                next[j + 1] ^= multiply(coefficient, exp[i])
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
        let generator = generator(degree)
        var result = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<degree { result[i] ^= multiply(generator[i], factor) }
        }
        return result
    }
}
