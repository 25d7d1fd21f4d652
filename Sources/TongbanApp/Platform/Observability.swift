import Fluent
import Foundation
import Prometheus
import Vapor

/// Per-application Prometheus registry. Kept on the application rather than bootstrapped into the
/// global MetricsSystem, because tests boot many applications in one process.
final class PlatformMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)]

    /// Routes are labelled by their pattern (`/api/v1/services/:code`), never the concrete path,
    /// so ids in URLs cannot blow up the number of series.
    func record(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(name: "tongban_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(
            name: "tongban_http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: buckets
        ).record(duration)
    }
}

struct MetricsMiddleware: Middleware {
    let metrics: PlatformMetrics

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).map { response in
            let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: ContinuousClock.now - start)
            return response
        }
    }
}

/// Headers every response carries: nothing may be loaded from outside the server, and pages
/// may not be framed by another site.
struct SecurityHeadersMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map(Self.secure)
    }

    static func secure(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
            value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        return response
    }
}

struct ObservabilityController: RouteCollection {
    let metrics: PlatformMetrics

    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("metrics", use: exposition)
    }

    struct Health: Content {
        var status: String
        var database: String
        var catalogItems: Int
    }

    @Sendable func health(_ request: Request) async throws -> Response {
        var database = "ok"
        do { _ = try await Department.query(on: request.db).count() } catch { database = "unavailable" }
        let body = Health(status: database == "ok" ? "ok" : "degraded", database: database,
                          catalogItems: request.application.catalogCache.snapshot.items.count)
        let response = Response(status: database == "ok" ? .ok : .serviceUnavailable)
        try response.content.encode(body)
        return response
    }

    /// Request counts per route tell an outsider what the city's staff are busy with and when; with a token set,
    /// only the scraper that has it may read them.
    @Sendable func exposition(_ request: Request) async throws -> Response {
        if let token = request.application.settings.metricsToken {
            // A plain 401 for the scraper, not the sign-in page a browser would be sent to.
            guard let sent = request.headers.bearerAuthorization?.token, Token.constantTimeEquals(sent, token) else {
                return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer", "Content-Type": "text/plain; charset=utf-8"],
                                body: .init(string: "读取运行指标需要令牌（TONGBAN_METRICS_TOKEN）\n"))
            }
        }
        var buffer: [UInt8] = []
        metrics.registry.emit(into: &buffer)
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(data: Data(buffer)))
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = PlatformMetrics }
    var platformMetrics: PlatformMetrics {
        get { storage[MetricsKey.self]! }
        set { storage[MetricsKey.self] = newValue }
    }
}
