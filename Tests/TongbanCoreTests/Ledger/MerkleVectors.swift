import Foundation
import TongbanCore

/// The transparency-dev/merkle test vectors published in /work/shared/data/merkle-vectors.
/// Missing vectors are an error, never a skip: the ledger must not pass its tests unchecked.
enum MerkleVectors {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "Merkle test vectors not found at \(path) (expected the shared data checkout next to the repository)" }
    }

    struct Unreadable: Error, CustomStringConvertible {
        let file: String
        let underlying: any Error
        var description: String { "cannot read Merkle test vector \(file): \(underlying)" }
    }

    struct Reference: Decodable {
        let leafInputsHex: [String]
        let rootHashHexBySize: [String]

        enum CodingKeys: String, CodingKey {
            case leafInputsHex = "leaf_inputs_hex"
            case rootHashHexBySize = "root_hash_hex_by_tree_size"
        }

        var leafInputs: [[UInt8]] { leafInputsHex.map(MerkleVectors.bytes(hex:)) }
        var roots: [[UInt8]] { rootHashHexBySize.map(MerkleVectors.bytes(hex:)) }
    }

    /// Indices and sizes are Go `uint64`s, and the corrupted vectors use values such as 0 - 1 that
    /// wrap to 2^64 - 1. Past `Int.max` no tree can reach, so those read as `Int.max`.
    struct Inclusion: Decodable {
        private let leafIdx: UInt64
        private let treeSize: UInt64
        var leafIndex: Int { Int(exactly: leafIdx) ?? .max }
        var size: Int { Int(exactly: treeSize) ?? .max }
        let root: String
        let leafHash: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    struct Consistency: Decodable {
        private let size1: UInt64
        private let size2: UInt64
        var first: Int { Int(exactly: size1) ?? .max }
        var second: Int { Int(exactly: size2) ?? .max }
        let root1: String
        let root2: String
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    /// A vector together with the file it came from, for failure messages.
    struct Case<Vector> {
        let file: String
        let vector: Vector
    }

    static var directory: URL {
        // Tests/TongbanCoreTests/Ledger/<file> → repository root → sibling shared checkout.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/data/merkle-vectors").standardizedFileURL
    }

    static func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: existing("reference-tree.json")))
    }

    static func inclusion() throws -> [Case<Inclusion>] { try cases(in: "inclusion") }

    static func consistency() throws -> [Case<Consistency>] { try cases(in: "consistency") }

    private static func cases<Vector: Decodable>(in folder: String) throws -> [Case<Vector>] {
        let root = try existing(folder)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        return try files.sorted { $0.path < $1.path }.map { url in
            let file = String(url.path.dropFirst(root.path.count + 1))
            do {
                return Case(file: file, vector: try JSONDecoder().decode(Vector.self, from: Data(contentsOf: url)))
            } catch {
                throw Unreadable(file: "\(folder)/\(file)", underlying: error)
            }
        }
    }

    private static func existing(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    static func bytes(base64: String) -> [UInt8] {
        [UInt8](Data(base64Encoded: base64) ?? Data("not base64: \(base64)".utf8))
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
    }
}
