import Vapor
struct Open311Controller: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
