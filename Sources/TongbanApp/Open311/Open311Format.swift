import Foundation
import TongbanCore
import Vapor

/// The fixed facts of this GeoReport v2 endpoint.
enum Open311 {
    /// The only jurisdiction served here; clients may leave it out (spec: optional for a single jurisdiction).
    static let jurisdiction = "luan.gov.cn"
    static let specification = "http://wiki.open311.org/GeoReport_v2"
    /// GET requests: the default window and the longest one a client may ask for.
    static let windowDays = 90
    /// GET requests: at most this many, newest first.
    static let maxResults = 1000
    /// The spec limits a description to 4,000 characters.
    static let maxDescription = 4000
}

/// The output format, chosen by the extension of the last path component (`services.xml`, `services/street-light.json`).
enum Open311Format: String, CaseIterable, Sendable {
    case json, xml

    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .xml: "text/xml"
        }
    }

    var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "text/xml; charset=utf-8"
        }
    }

    /// "street-light.json" → ("street-light", .json); an unknown or missing extension gives a nil format.
    static func split(_ file: String) -> (name: String, format: Open311Format?) {
        guard let dot = file.lastIndex(of: ".") else { return (file, nil) }
        let name = String(file[..<dot])
        let format = Open311Format(rawValue: file[file.index(after: dot)...].lowercased())
        return (name, name.isEmpty ? nil : format)
    }
}

/// W3C date-times (ISO 8601 with an offset), written in Beijing time.
enum Open311Time {
    /// e.g. 2026-11-25T10:00:00+08:00. China has no daylight saving, so the offset is a constant.
    static func format(_ date: Date) -> String {
        let day = CalendarDay(date)
        let seconds = Int((date.timeIntervalSince1970 + 8 * 3600).rounded(.down))
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        return "\(day)T" + String(format: "%02d:%02d:%02d", ofDay / 3600, ofDay % 3600 / 60, ofDay % 60) + "+08:00"
    }

    /// Accepts a full date-time with Z or an offset (seconds and fractions optional), or a plain date
    /// (taken as midnight in Beijing). A date-time without a zone is ambiguous and refused.
    static func parse(_ text: String) -> Date? {
        if let day = CalendarDay(text) { return day.startInstant }
        // A "+08:00" left unencoded in a query string arrives as " 08:00".
        var value = text.replacingOccurrences(of: " ", with: "+")
        // "2026-11-25T10:00Z" → add the seconds the formatter insists on.
        if let t = value.firstIndex(of: "T") {
            let time = value[value.index(after: t)...]
            let clock = time.prefix { $0.isNumber || $0 == ":" }
            if clock.count == 5 { value.insert(contentsOf: ":00", at: clock.endIndex) }
        }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: value) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: value)
    }
}
