import Vapor

/// The elder-mode switch: a plain form post, so it works with JavaScript off, remembered for a year.
struct PreferencesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("preferences", "elder", use: setElderMode)
    }

    struct ElderModeForm: Content {
        var on: String?
        var back: String?
    }

    @Sendable func setElderMode(_ request: Request) throws -> Response {
        let form = try request.content.decode(ElderModeForm.self)
        // Only same-site paths, so the switch cannot be used as an open redirect.
        let back = SiteURL.localPath(form.back) ?? SiteURL.home
        let response = request.redirect(to: back, redirectType: .normal)
        response.cookies[CookieName.elder] = HTTPCookies.Value(
            string: form.on == "1" ? "1" : "0", maxAge: 365 * 24 * 3600, path: "/", isHTTPOnly: false, sameSite: .lax)
        return response
    }
}
