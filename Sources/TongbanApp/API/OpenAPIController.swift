import Vapor

struct OpenAPIController: RouteCollection {
    let document = OpenAPIDocument.json()

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "openapi.json") { _ in
            Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: document))
        }
    }
}
