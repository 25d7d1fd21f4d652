import Fluent
import Vapor

/// Open311 GeoReport v2 at /open311/v2, in JSON and XML. The format is the extension of the last path
/// component, so each resource is one constant route per format or a parameter split here.
/// Every failure is answered in the spec's error format, never as a 500.
struct Open311Controller: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let v2 = routes.grouped("open311", "v2")
        for format in Open311Format.allCases {
            v2.get("discovery.\(format.rawValue)") { request in await respond(request, format) { try await discovery($0) } }
            v2.get("services.\(format.rawValue)") { request in await respond(request, format) { _ in Open311Views.services() } }
            v2.post("requests.\(format.rawValue)") { request in await respond(request, format) { try await create($0) } }
            v2.get("requests.\(format.rawValue)") { request in await respond(request, format) { try await list($0) } }
        }
        v2.get("services", ":file") { request in await respondFile(request) { try await definition($0, $1) } }
        v2.get("requests", ":file") { request in await respondFile(request) { try await show($0, $1) } }
        v2.get("tokens", ":file") { request in await respondFile(request) { try await token($0, $1) } }
        v2.get("**") { _ in Open311Error.unknownResource.response(.json) }
        v2.post("**") { _ in Open311Error.unknownResource.response(.json) }
    }

    func discovery(_ request: Request) async throws -> Open311Document {
        let scheme = request.headers.first(name: "X-Forwarded-Proto") ?? "http"
        let host = request.headers.first(name: .host) ?? "localhost"
        return Open311Views.discovery(endpoint: "\(scheme)://\(host)/open311/v2")
    }

    func definition(_ request: Request, _ code: String) async throws -> Open311Document {
        Open311Views.definition(try request.open311.category(code))
    }

    func create(_ request: Request) async throws -> Open311Document {
        let parameters = try await Open311Parameters.from(request)
        try Self.checkJurisdiction(parameters)
        let gateway = request.open311
        let client = try await gateway.client(apiKey: parameters["api_key"])
        let (ticket, submission) = try await gateway.file(parameters, by: client)
        request.logger.info("open311 request filed", metadata: ["ticket": .string(ticket.number), "client": .string(client.name)])
        return Open311Views.created(ticket, submission, category: try gateway.category(submission.serviceCode),
                                    accountID: parameters["account_id"], tickets: gateway.tickets)
    }

    func list(_ request: Request) async throws -> Open311Document {
        let gateway = request.open311
        let query = try Open311Query(try await Open311Parameters.from(request), now: gateway.tickets.now)
        return Open311Views.requests(try await gateway.reports(query), tickets: gateway.tickets)
    }

    func show(_ request: Request, _ number: String) async throws -> Open311Document {
        let gateway = request.open311
        return Open311Views.requests([try await gateway.report(number)], tickets: gateway.tickets)
    }

    func token(_ request: Request, _ token: String) async throws -> Open311Document {
        Open311Views.token(try await request.open311.submission(token: token))
    }

    // MARK: Formats, jurisdiction and errors

    /// For `services/:file`, `requests/:file` and `tokens/:file`: splits "street-light.json" into name and format.
    private func respondFile(_ request: Request,
                             _ body: @escaping @Sendable (Request, String) async throws -> Open311Document) async -> Response {
        let (name, format) = Open311Format.split(request.parameters.get("file") ?? "")
        guard let format else { return Open311Error.unknownFormat.response(.json) }
        return await respond(request, format) { try await body($0, name) }
    }

    private func respond(_ request: Request, _ format: Open311Format,
                         _ body: @Sendable (Request) async throws -> Open311Document) async -> Response {
        do {
            if request.method == .GET { try Self.checkJurisdiction(Open311Parameters(query: request.url.query)) }
            return try await body(request).response(format)
        } catch {
            return Open311Error.translate(error, request: request).response(format)
        }
    }

    /// Left out is fine (one jurisdiction); any other than ours does not exist here.
    static func checkJurisdiction(_ parameters: Open311Parameters) throws {
        if let given = parameters["jurisdiction_id"], given != Open311.jurisdiction {
            throw Open311Error.notFound("jurisdiction_id \(given) not found：本接口只服务 \(Open311.jurisdiction)")
        }
    }
}
