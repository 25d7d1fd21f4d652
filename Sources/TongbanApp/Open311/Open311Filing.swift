import Foundation
import TongbanCore

/// Turns the parameters of POST requests into the hotline's `TicketInput`, refusing (with every problem at
/// once) what the spec or the hotline cannot accept. No database here: the hotline checks the rest when filing.
enum Open311Filing {
    static func input(_ parameters: Open311Parameters, category: Open311Category) throws -> TicketInput {
        var problems: [String] = []

        var latitude: Double?, longitude: Double?
        let lat = parameters["lat"], long = parameters["long"]
        if lat != nil || long != nil {
            if let lat, let long {
                latitude = Double(lat).flatMap { $0.isFinite ? $0 : nil }
                longitude = Double(long).flatMap { $0.isFinite ? $0 : nil }
                if latitude == nil { problems.append("lat is invalid：纬度应为数字（WGS84）") }
                if longitude == nil { problems.append("long is invalid：经度应为数字（WGS84）") }
            } else {
                problems.append("lat and long must both be sent：经纬度须同时提供")
            }
        }
        let address = parameters["address_string"]
        if lat == nil, long == nil, address == nil, parameters["address_id"] == nil {
            problems.append("location was not provided：请提供位置（lat 和 long、address_string 或 address_id 之一）")
        }

        let description = parameters["description"]
        if let description {
            if description.count < 5 { problems.append("description is invalid：请说明时间、地点和具体情况（至少5个字）") }
            if description.count > Open311.maxDescription { problems.append("description is invalid：不超过\(Open311.maxDescription)字") }
        } else {
            problems.append("description was not provided：请描述诉求的时间、地点和具体情况")
        }

        var type = Open311Attribute.defaultRequestType
        var notes: [String] = []
        for attribute in category.attributes {
            switch answer(attribute, in: parameters) {
            case .success(.none): continue
            case .success(.some(let value)):
                if attribute.code == Open311Attribute.requestType.code {
                    type = TicketType(rawValue: value.key) ?? type
                } else {
                    notes.append("\(attribute.description)：\(value.name)")
                }
            case .failure(let problem): problems.append(problem.message)
            }
        }

        guard problems.isEmpty, let description else { throw Open311Error(.badRequest, problems) }
        var body = description
        if !notes.isEmpty { body += "\n\n" + notes.joined(separator: "\n") }
        return TicketInput(
            type: type.rawValue, title: title(description, category: category), body: body, district: nil,
            address: address, latitude: latitude, longitude: longitude,
            contactName: contactName(first: parameters["first_name"], last: parameters["last_name"]),
            contactPhone: parameters["phone"], anonymous: false, channel: TicketChannel.open311.rawValue,
            mailboxDepartment: nil, answer: nil, department: category.department)
    }

    struct Problem: Error { var message: String }

    /// The chosen option (key and name) or the typed value, nil when left out and not required.
    static func answer(_ attribute: Open311Attribute, in parameters: Open311Parameters) -> Result<Open311Attribute.Value?, Problem> {
        let name = "attribute[\(attribute.code)]"
        guard let raw = parameters.attribute(attribute.code) else {
            return attribute.required ? .failure(Problem(message: "\(name) was not provided：请填写“\(attribute.description)”")) : .success(nil)
        }
        switch attribute.datatype {
        case .singlevaluelist:
            guard let value = attribute.values.first(where: { $0.key == raw || $0.name == raw }) else {
                let keys = attribute.values.map(\.key).joined(separator: ", ")
                return .failure(Problem(message: "\(name) is invalid：应为 \(keys) 之一"))
            }
            return .success(value)
        case .number:
            guard let number = Double(raw), number.isFinite else { return .failure(Problem(message: "\(name) is invalid：应为数字")) }
            return .success(.init(key: raw, name: number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)))
        case .string, .text:
            let limit = attribute.datatype == .string ? 200 : 1000
            let text = attribute.datatype == .string ? raw.components(separatedBy: .newlines).joined(separator: " ") : raw
            guard text.count <= limit else { return .failure(Problem(message: "\(name) is invalid：不超过\(limit)字")) }
            return .success(.init(key: text, name: text))
        }
    }

    /// The service's name, or for the general service (which says nothing about the matter) the start of the description.
    static func title(_ description: String, category: Open311Category) -> String {
        guard category.department == nil else { return category.name }
        let words = description.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return String(words.prefix(30))
    }

    /// Chinese names are written family name first without a space (陈 + 明 → 陈明); others "first last".
    static func contactName(first: String?, last: String?) -> String? {
        switch (first, last) {
        case (nil, nil): return nil
        case (let first?, nil): return first
        case (nil, let last?): return last
        case (let first?, let last?):
            let han = (first + last).unicodeScalars.allSatisfy { $0.properties.isIdeographic || $0 == "·" }
            return han ? last + first : first + " " + last
        }
    }
}
