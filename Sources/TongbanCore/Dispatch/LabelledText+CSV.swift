public enum LabelledTextCSVError: Error, Equatable, Sendable {
    case missingColumns([String])
    case unterminatedQuote(line: Int)
    case wrongFieldCount(line: Int, expected: Int, found: Int)
}

extension LabelledText {
    /// Reads `id,label,title,body` files (columns found by header name, in any order).
    /// Citizens write commas, quotes and line breaks into their messages, so RFC 4180 quoting is honoured in full.
    public static func readCSV(_ data: String) throws -> [LabelledText] {
        var rows = try CSVRows.parse(data)
        guard !rows.isEmpty else { throw LabelledTextCSVError.missingColumns(["id", "label", "title", "body"]) }
        let header = rows.removeFirst().fields.map { $0.trimmingSpaces() }
        let wanted = ["id", "label", "title", "body"]
        let missing = wanted.filter { !header.contains($0) }
        guard missing.isEmpty else { throw LabelledTextCSVError.missingColumns(missing) }
        let column = Dictionary(uniqueKeysWithValues: wanted.map { name in (name, header.firstIndex(of: name)!) })

        return try rows.compactMap { row in
            if row.fields == [""] { return nil } // a blank line, usually the file's last
            guard row.fields.count == header.count else {
                throw LabelledTextCSVError.wrongFieldCount(line: row.line, expected: header.count, found: row.fields.count)
            }
            return LabelledText(id: row.fields[column["id"]!], label: row.fields[column["label"]!],
                                title: row.fields[column["title"]!], body: row.fields[column["body"]!])
        }
    }
}

/// The RFC 4180 state machine, over UTF-8 bytes: every delimiter is ASCII, so a byte never splits a character.
enum CSVRows {
    struct Row: Equatable {
        var fields: [String]
        var line: Int
    }

    static func parse(_ data: String) throws -> [Row] {
        var bytes = Array(data.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, rowLine = 1
        var i = 0
        var quoted = false

        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        func endRow() { endField(); rows.append(Row(fields: fields, line: rowLine)); fields = [] }

        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(byte); i += 1 } else { quoted = false }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\"") where field.isEmpty: quoted = true
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"): break
                case UInt8(ascii: "\n"): endRow(); line += 1; rowLine = line
                default: field.append(byte)
                }
            }
            i += 1
        }
        if quoted { throw LabelledTextCSVError.unterminatedQuote(line: rowLine) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
