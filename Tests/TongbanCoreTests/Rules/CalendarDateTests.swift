import Foundation
import Testing
import TongbanCore

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("parses strict ISO dates", arguments: ["2025-01-31", "2024-02-29", "0999-12-31"])
    func parses(iso: String) throws {
        #expect(try #require(CalendarDate(iso)).description == iso)
    }

    @Test("rejects malformed or impossible dates", arguments: ["2025-02-29", "2025-1-31", "2025/01/31", "2025-13-01", "", "2025-01-31T00:00"])
    func rejects(iso: String) {
        #expect(CalendarDate(iso) == nil)
    }

    @Test("encodes as a bare ISO string and refuses bad ones in Chinese")
    func codable() throws {
        let date = CalendarDate(year: 2025, month: 1, day: 31)
        #expect(String(decoding: try JSONEncoder().encode([date]), as: UTF8.self) == "[\"2025-01-31\"]")
        #expect(try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2025-01-31\"]".utf8)) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2025-02-30\"]".utf8)) }
    }

    @Test("day arithmetic crosses months, leap days and years")
    func adding() {
        let day = CalendarDate(year: 2024, month: 2, day: 28)
        #expect(day.adding(days: 1) == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(day.adding(days: 366) == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(CalendarDate(year: 2025, month: 6, day: 15).adding(days: -365) == CalendarDate(year: 2024, month: 6, day: 15))
        #expect(CalendarDate(year: 2025, month: 1, day: 31).adding(days: -365) == CalendarDate(year: 2024, month: 2, day: 1))
    }

    @Test("orders chronologically and reads in Chinese")
    func orderAndText() {
        #expect(CalendarDate(year: 2024, month: 12, day: 31) < CalendarDate(year: 2025, month: 1, day: 1))
        #expect(CalendarDate(year: 2025, month: 1, day: 31).chineseText == "2025年1月31日")
    }

    @Test("an instant belongs to its Shanghai (UTC+8) date")
    func shanghaiDate() {
        let lateUTC = Date(timeIntervalSince1970: 1_738_771_200 - 1)  // 2025-02-05 23:59:59 in Shanghai
        #expect(CalendarDate(lateUTC) == CalendarDate(year: 2025, month: 2, day: 5))
        #expect(CalendarDate(lateUTC.addingTimeInterval(1)) == CalendarDate(year: 2025, month: 2, day: 6))
    }
}
