import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562): the Unix time in milliseconds in the first 48 bits, 74 random bits after.
    /// Rows keyed by it land at the end of their indexes instead of on a random page, so a commit of many new rows
    /// writes a few pages rather than one per row and index (SQLite's write-ahead log, PostgreSQL's full-page
    /// writes). It tells when the row was made, which the rows keyed this way (cases, tasks, notices) show anyway.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var bytes = UUID().uuid  // version 4: random, with the RFC variant bits already set
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        withUnsafeMutableBytes(of: &bytes) { raw in
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
            raw[6] = 0x70 | (raw[6] & 0x0F)
        }
        return UUID(uuid: bytes)
    }
}
