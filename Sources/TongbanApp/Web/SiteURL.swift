import Foundation

/// Every page path in one place, so a link and its route cannot drift apart.
enum SiteURL {
    static let home = "/"
    static let search = "/search"
    static let departments = "/departments"
    static let login = "/login"
    static let logout = "/logout"
    static let register = "/register"
    static let me = "/me"
    static let workbench = "/workbench"
    static let elderMode = "/preferences/elder"
    static let adminItems = "/admin/services"
    static let adminDepartments = "/admin/departments"
    static let offline = "/offline"

    static func service(_ code: String) -> String { "/services/\(escape(code))" }
    static func department(_ code: String) -> String { "/departments/\(escape(code))" }
    static func theme(_ code: String) -> String { "/themes/\(escape(code))" }
    static func lifeEvent(_ code: String) -> String { "/life-events/\(escape(code))" }
    static func adminItem(_ code: String) -> String { "/admin/services/\(escape(code))" }
    static func adminDepartment(_ code: String) -> String { "/admin/departments/\(escape(code))" }
    static func search(_ query: String) -> String { "/search?q=\(escape(query))" }

    /// A path on this site, for a `next` or `back` field that a redirect follows; nil for anything a browser could read
    /// as another host: `//host`, `/\host` (browsers treat the backslash as a slash), or with a tab or newline
    /// (which browsers drop from URLs, so `/\t/host` becomes `//host`).
    static func localPath(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\"),
              !value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) || CharacterSet.whitespacesAndNewlines.contains($0) })
        else { return nil }
        return value
    }

    private static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
