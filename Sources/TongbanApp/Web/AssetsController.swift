import Foundation
import Vapor

/// Serves the few static files (CSS, script, service worker, icons) from the app's resource
/// bundle, read once at start-up: the platform loads nothing from outside the server.
struct AssetsController: RouteCollection {
    struct Asset: Sendable {
        let data: Data
        let contentType: String
        let etag: String
    }

    let assets: [String: Asset]

    init() throws {
        guard let base = Bundle.module.url(forResource: "Public", withExtension: nil, subdirectory: "Resources") else {
            throw AppError(.internalServerError, "assets.missing", "找不到静态资源目录")
        }
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: base.path) {
            let data = try Data(contentsOf: base.appendingPathComponent(name))
            assets[name] = Asset(data: data, contentType: Self.contentType(name), etag: "\"\(Token.hash(String(decoding: data, as: UTF8.self)).prefix(16))\"")
        }
        self.assets = assets
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("static", ":name", use: serveStatic)
        // The service worker must be served from the root to control every page.
        routes.get("sw.js") { request in try serve("sw.js", request, maxAge: 0) }
        routes.get("manifest.webmanifest") { request in try serve("manifest.webmanifest", request, maxAge: 3600) }
    }

    @Sendable func serveStatic(_ request: Request) throws -> Response {
        try serve(request.parameters.get("name") ?? "", request, maxAge: 3600)
    }

    func serve(_ name: String, _ request: Request, maxAge: Int) throws -> Response {
        guard let asset = assets[name] else { throw AppError.notFound("文件") }
        if request.headers.first(name: .ifNoneMatch) == asset.etag {
            return Response(status: .notModified)
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType.parse(asset.contentType)
        headers.replaceOrAdd(name: .eTag, value: asset.etag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=\(maxAge)")
        return Response(status: .ok, headers: headers, body: .init(data: asset.data))
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "application/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "webmanifest": "application/manifest+json"
        default: "application/octet-stream"
        }
    }
}

extension HTTPMediaType {
    static func parse(_ value: String) -> HTTPMediaType? {
        let main = value.split(separator: ";")[0].split(separator: "/")
        guard main.count == 2 else { return nil }
        var type = HTTPMediaType(type: String(main[0]), subType: String(main[1]))
        if value.contains("charset=utf-8") { type.parameters["charset"] = "utf-8" }
        return type
    }
}
