import Vapor

/// The methods registered for a path, matching parameters (`:id`) and catch-alls as the router does.
enum RouteMethods {
    static func allowed(for path: String, in routes: Routes) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in routes.all where matches(route.path, parts) { methods.insert(route.method.rawValue) }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    private static func matches(_ pattern: [PathComponent], _ parts: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return parts.count > index
            case .anything, .parameter: if index >= parts.count { return false }
            case .constant(let text): if index >= parts.count || parts[index] != text { return false }
            }
        }
        return pattern.count == parts.count
    }
}
