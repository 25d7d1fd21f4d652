import Foundation
import Testing
import TongbanCore

/// The labelled messages in /work/shared/data/messages, found relative to this file (repo root, then ../shared),
/// so the tests run from any working directory. Missing data fails loudly: a skipped accuracy test proves nothing.
enum DispatchDataSet {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Dispatch
        .deletingLastPathComponent() // TongbanCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository root
        .appendingPathComponent("../shared/data/messages/")
        .standardizedFileURL

    static func load(_ name: String) throws -> [LabelledText] {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("dispatch data set missing: expected \(url.path) (see shared/data/messages/README.md)")
            throw CocoaError(.fileNoSuchFile)
        }
        return try LabelledText.readCSV(String(contentsOf: url, encoding: .utf8))
    }
}
