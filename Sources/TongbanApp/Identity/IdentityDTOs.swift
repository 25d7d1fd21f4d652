import Foundation
import Vapor

struct RegistrationInput: Content {
    var phone: String
    var password: String
    var realName: String
    var idNumber: String
}

struct LoginInput: Content {
    /// Phone number for citizens, username for staff.
    var login: String
    var password: String
}

struct TokenResponse: Content {
    var token: String
    var expiresAt: Date
    var user: ProfileView
}

struct CompanyLinkInput: Content {
    var creditCode: String
    var name: String
}

struct ProfileView: Content {
    struct RoleView: Content {
        var role: String
        var title: String
        var department: String?
    }
    struct CompanyView: Content {
        var creditCode: String
        var name: String
    }

    var id: UUID
    var realName: String
    var username: String?
    /// Masked (138****5678): full values never leave the server in a profile.
    var phone: String?
    var idNumber: String?
    var roles: [RoleView]
    var companies: [CompanyView]
}
