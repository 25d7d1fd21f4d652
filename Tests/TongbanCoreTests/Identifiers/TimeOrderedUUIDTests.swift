import Foundation
import Testing
import TongbanCore

@Suite("Time-ordered UUIDs (version 7)")
struct TimeOrderedUUIDTests {
    @Test("carry the millisecond, version 7 and the RFC variant")
    func layout() {
        let date = Date(timeIntervalSince1970: 1_764_201_600.123)  // 2025-11-27 00:00:00.123 UTC
        let id = UUID.timeOrdered(at: date)
        let text = id.uuidString.lowercased()
        #expect(text.hasPrefix(String(format: "%08x-%04x-7", 1_764_201_600_123 >> 16, 1_764_201_600_123 & 0xFFFF)), "\(text)")
        #expect(["8", "9", "a", "b"].contains(text[text.index(text.startIndex, offsetBy: 19)]), "variant 10xx: \(text)")
    }

    @Test("sort by time, as text and as bytes, and stay unique within one millisecond")
    func ordering() {
        let start = Date(timeIntervalSince1970: 1_764_201_600)
        let ids = (0..<1_000).map { UUID.timeOrdered(at: start.addingTimeInterval(Double($0) / 100)) }
        let later = ids.enumerated().filter { $0.offset % 10 == 0 }.map(\.element)  // one per 0.1 s: strictly later
        #expect(later.map(\.uuidString) == later.map(\.uuidString).sorted())
        let same = (0..<10_000).map { _ in UUID.timeOrdered(at: start) }
        #expect(Set(same).count == same.count)
    }
}
