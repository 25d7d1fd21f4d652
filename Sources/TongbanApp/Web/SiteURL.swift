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

    private static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
