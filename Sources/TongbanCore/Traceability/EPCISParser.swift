import Foundation

/// Reads the subset of EPCIS 2.0 JSON(-LD) the platform records: an `EPCISDocument` (or a query
/// result) with an `eventList`, or one bare event, of ObjectEvents and TransformationEvents on
/// batches (`quantityList`). Every problem is named by its path, e.g. `eventList[3].bizStep`, so
/// the sender can fix the exact field; nothing is recorded unless the whole document is valid.
public struct EPCISParser {
    /// One request's worth: larger histories are sent in several documents.
    public static let maximumEvents = 1000
    /// Enough to fix a bad export in one go without flooding the answer.
    static let maximumProblems = 20

    private let dates: ISO8601DateFormatter
    private let fractionalDates: ISO8601DateFormatter

    public init() {
        dates = ISO8601DateFormatter()
        dates.formatOptions = [.withInternetDateTime]
        fractionalDates = ISO8601DateFormatter()
        fractionalDates.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }

    public func parse(_ data: Data) throws(EPCISError) -> [TraceEvent] {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EPCISError([("document", "不是 JSON 对象")])
        }
        let (list, path) = try eventList(root)
        guard list.count <= Self.maximumEvents else {
            throw EPCISError([(path, "一次最多 \(Self.maximumEvents) 个事件，实际 \(list.count) 个；请分批导入")])
        }
        var problems: [(String, String)] = []
        var events: [TraceEvent] = []
        for (index, item) in list.enumerated() {
            var reader = EventReader(fields: item as? [String: Any] ?? [:], path: path == "event" ? path : "\(path)[\(index)]", parser: self)
            if let event = reader.read() { events.append(event) }
            problems += reader.problems
            if problems.count >= Self.maximumProblems { break }
        }
        guard problems.isEmpty else { throw EPCISError(Array(problems.prefix(Self.maximumProblems))) }
        return events
    }

    private func eventList(_ root: [String: Any]) throws(EPCISError) -> ([Any], String) {
        switch root["type"] as? String {
        case "ObjectEvent", "TransformationEvent": return ([root], "event")
        case "EPCISDocument":
            guard let list = (root["epcisBody"] as? [String: Any])?["eventList"] as? [Any] else {
                throw EPCISError([("epcisBody.eventList", "缺少事件列表 eventList")])
            }
            return (list, "eventList")
        case "EPCISQueryDocument":
            let body = ((root["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any]
            guard let list = body?["eventList"] as? [Any] else {
                throw EPCISError([("epcisBody.queryResults.resultsBody.eventList", "缺少事件列表 eventList")])
            }
            return (list, "eventList")
        case let other:
            throw EPCISError([("type", "应为 EPCISDocument、EPCISQueryDocument 或单个 ObjectEvent/TransformationEvent，实际为 \(other ?? "空")")])
        }
    }

    func date(_ text: String) -> Date? { fractionalDates.date(from: text) ?? dates.date(from: text) }
}

/// The document's problems, each with the path of the field and what is wrong in Chinese.
public struct EPCISError: Error, Sendable {
    public let problems: [(field: String, message: String)]

    init(_ problems: [(String, String)]) { self.problems = problems.map { (field: $0.0, message: $0.1) } }

    public var summary: String {
        let first = problems.first.map { "\($0.field)：\($0.message)" } ?? ""
        return problems.count > 1 ? "EPCIS 数据有 \(problems.count) 处错误，第一处 \(first)" : "EPCIS 数据有误：\(first)"
    }
}
