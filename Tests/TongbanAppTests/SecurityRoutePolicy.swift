import Foundation
import Testing
import Vapor
import VaporTesting
@testable import TongbanApp

/// Who a route is for. One entry per registered route in `table`; `SecurityRouteMatrixTests` sends every route as every
/// kind of person and checks the refusals the policy implies (the people it is for are only checked not to get a 5xx:
/// with made-up ids a handler rightly answers 404 or 422).
enum SecurityRoutePolicy: Equatable {
    /// Anyone, signed in or not (the catalogue, public verification, sign-in itself, the hall display).
    case `public`
    /// A machine with its own credential (device token, Open311 key, hospital token, payment signature), never a
    /// session: without it, anyone is refused (4xx).
    case machine
    /// Anyone signed in; anonymous is asked to sign in (401 for the API, a redirect to /login for pages).
    case signedIn
    /// Staff of any kind; citizens are refused (403 or 404).
    case staff
    /// Administrators only; everyone else signed in gets 403.
    case admin
    /// Not sent by the matrix (signing out would end the session the rest of the matrix uses); covered in IdentityTests.
    case skip

    /// `parameterized`: the path carries made-up ids, so a handler that looks the thing up before asking who is there may
    /// rightly say 404 even to anonymous (nothing is revealed about a thing that does not exist).
    func violation(by account: String, _ response: TestingHTTPResponse, parameterized: Bool) -> String? {
        let anonymous = account == "anonymous", citizen = SecurityRouteMatrixTests.citizens.contains(account)
        let status = response.status.code
        switch self {
        case .public, .skip:
            return nil
        case .machine:
            return (200..<300).contains(status) ? "answered \(status) without the machine's credential" : nil
        case .signedIn, .staff, .admin:
            if anonymous {
                let lookedUpFirst = parameterized && response.status == .notFound
                return SecurityRouteMatrixTests.askedToSignIn(response) || lookedUpFirst ? nil : "anonymous must be asked to sign in, got \(status)"
            }
            if self == .staff, citizen, !SecurityRouteMatrixTests.refused(response) {
                return "a citizen must be refused (403/404), got \(status)"
            }
            if self == .admin, account != "admin", response.status != .forbidden {
                return "a non-administrator must get 403, got \(status)"
            }
            return nil
        }
    }
}
