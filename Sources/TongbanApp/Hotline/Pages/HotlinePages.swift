import Vapor
struct HotlinePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
}
