import Fluent
import Foundation
import TongbanCore
import Vapor

/// Accounts, sign-in and sessions. No HTTP in here: controllers and pages share these rules.
struct IdentityService {
    let db: any Database
    let cipher: FieldCipher
    let passwords: AsyncPasswordHasher
    let settings: Settings
    let now: Date
    var principals: PrincipalCache? = nil

    static let sessionLifetime: TimeInterval = 8 * 3600
    static let tokenLifetime: TimeInterval = 30 * 24 * 3600

    // MARK: Registration

    func register(_ input: RegistrationInput) async throws -> User {
        var problems: [String: String] = [:]
        let phone = input.phone.trimmed
        if !PhoneNumber.isMobile(phone) {
            problems["phone"] = "手机号码应为11位数字，以1开头（例如 13812345678）"
        }
        if let message = Self.passwordProblem(input.password) { problems["password"] = message }
        let realName = input.realName.trimmed
        if realName.range(of: "^[\\p{Han}·]{2,20}$", options: .regularExpression) == nil {
            problems["realName"] = "请填写与身份证一致的中文姓名（2–20个汉字）"
        }
        var residentID: ResidentID?
        switch ResidentID.result(input.idNumber) {
        case .success(let id): residentID = id
        case .failure(let error): problems["idNumber"] = error.message
        }
        guard problems.isEmpty, let residentID else {
            throw AppError.invalid("identity.invalid_registration", problems.count == 1 ? problems.values.first! : "注册信息有误，请按提示修改", details: problems)
        }
        return try await createCitizen(realName: realName, residentID: residentID, phone: phone, passwordHash: try await passwords.hash(input.password))
    }

    /// A citizen's account, once per phone number and once per ID number. Without a password (`passwordHash` nil),
    /// for an account a community opens for a resident (`AssistedRegistration`): it signs in with an SMS code only.
    func createCitizen(realName: String, residentID: ResidentID, phone: String, passwordHash: String?,
                       alongside: (@Sendable (any Database, User) async throws -> Void)? = nil) async throws -> User {
        let phoneHash = cipher.lookupHash("phone:" + phone)
        let idHash = cipher.lookupHash("rid:" + residentID.value)
        if try await User.query(on: db).filter(\.$phoneHash == phoneHash).count() > 0 {
            throw AppError(.conflict, "identity.phone_taken", "该手机号已注册，请直接登录或找回密码", details: ["phone": "该手机号已注册"])
        }
        if try await User.query(on: db).filter(\.$idNumberHash == idHash).count() > 0 {
            throw AppError(.conflict, "identity.id_taken", "该身份证号码已注册账号，如非本人操作请联系 12345", details: ["idNumber": "该身份证号码已注册"])
        }
        let user = User()
        user.phoneHash = phoneHash
        user.phoneCipher = try cipher.seal(phone)
        user.realName = realName
        user.idNumberHash = idHash
        user.idNumberCipher = try cipher.seal(residentID.value)
        // No password anyone knows: a random one, hashed, so the password sign-in path never matches.
        if let passwordHash { user.passwordHash = passwordHash } else { user.passwordHash = try await passwords.hash(Token.random()) }
        try await db.transaction { db in
            try await user.create(on: db)
            try await UserRole(userID: user.requireID(), role: .citizen, departmentID: nil).create(on: db)
            try await alongside?(db, user)
        }
        return user
    }

    static func passwordProblem(_ password: String) -> String? {
        let hasLetter = password.contains { $0.isLetter }, hasDigit = password.contains { $0.isNumber }
        if password.count < 8 || password.count > 64 || !hasLetter || !hasDigit {
            return "密码应为8–64位，且同时包含字母和数字"
        }
        return nil
    }

    // MARK: Sign-in

    /// Checks the password, counting failures per account name and per client address so that
    /// guessing is slowed on every instance alike.
    func authenticate(_ input: LoginInput, clientAddress: String) async throws -> User {
        let login = input.login.trimmed
        let limit = GuessLimit(db: db, cipher: cipher, now: now, window: Double(settings.loginWindowSeconds))
        let subjects = ["login:" + login, "ip:" + clientAddress]
        try await limit.check([(subjects[0], settings.loginMaxFailures), (subjects[1], settings.loginMaxFailures * 4)],
                              code: "identity.login_rate_limited",
                              message: "登录失败次数过多，为保护您的账号安全，请 \(settings.loginWindowSeconds / 60) 分钟后再试")
        let user = try await findUser(login: login)
        // Verify even when there is no such user so the answer takes as long either way.
        let fallback = try await PasswordHashCache.shared.hash("no such account", with: passwords)
        let ok = try await passwords.verify(input.password, created: user?.passwordHash ?? fallback)
        guard let user, ok else {
            try await limit.fail(subjects)
            throw AppError(.unauthorized, "identity.bad_credentials", "账号或密码不正确")
        }
        try await limit.forget(subjects[0])
        return user
    }

    func findUser(login: String) async throws -> User? {
        if login.range(of: "^1[0-9]{10}$", options: .regularExpression) != nil {
            return try await User.query(on: db).filter(\.$phoneHash == cipher.lookupHash("phone:" + login)).first()
        }
        return try await User.query(on: db).filter(\.$username == login).first()
    }

    func startSession(for user: User, lifetime: TimeInterval = Self.sessionLifetime) async throws -> String {
        let token = Token.random()
        let session = WebSession()
        session.tokenHash = Token.hash(token)
        session.$user.id = try user.requireID()
        session.expiresAt = now.addingTimeInterval(lifetime)
        try await session.create(on: db)
        return token
    }

    func endSession(token: String) async throws {
        principals?.forget(tokenHash: Token.hash(token))
        try await WebSession.query(on: db).filter(\.$tokenHash == Token.hash(token)).delete()
    }

    func issueToken(for user: User) async throws -> (token: String, expiresAt: Date) {
        let token = Token.random()
        let record = APIToken()
        record.tokenHash = Token.hash(token)
        record.$user.id = try user.requireID()
        record.expiresAt = now.addingTimeInterval(Self.tokenLifetime)
        try await record.create(on: db)
        return (token, record.expiresAt)
    }

    func revokeToken(_ token: String) async throws {
        principals?.forget(tokenHash: Token.hash(token))
        try await APIToken.query(on: db).filter(\.$tokenHash == Token.hash(token)).delete()
    }

    // MARK: Who is asking

    func principal(sessionToken: String) async throws -> Principal? {
        let hash = Token.hash(sessionToken)
        if let known = principals?.principal(forTokenHash: hash, now: now) { return known }
        guard let session = try await WebSession.query(on: db)
            .filter(\.$tokenHash == hash).filter(\.$expiresAt > now).first()
        else { return nil }
        return try await remember(try await principal(userID: session.$user.id), hash: hash, expires: session.expiresAt)
    }

    /// The principal of a bearer token this instance already knows, without a query; nil when it must be looked up.
    func knownPrincipal(bearerToken: String) -> Principal? {
        principals?.principal(forTokenHash: Token.hash(bearerToken), now: now)
    }

    func principal(bearerToken: String) async throws -> Principal? {
        let hash = Token.hash(bearerToken)
        if let known = principals?.principal(forTokenHash: hash, now: now) { return known }
        guard let token = try await APIToken.query(on: db)
            .filter(\.$tokenHash == hash).filter(\.$expiresAt > now).first()
        else { return nil }
        return try await remember(try await principal(userID: token.$user.id), hash: hash, expires: token.expiresAt)
    }

    private func remember(_ principal: Principal?, hash: String, expires: Date) async throws -> Principal? {
        if let principal { principals?.remember(principal, forTokenHash: hash, now: now, tokenExpires: expires) }
        return principal
    }

    func principal(userID: UUID) async throws -> Principal? {
        guard let user = try await User.find(userID, on: db) else { return nil }
        let roles = try await UserRole.query(on: db).filter(\.$user.$id == userID).with(\.$department).all()
        let grants = roles.compactMap { row -> Principal.Grant? in
            guard let role = Role(rawValue: row.role) else { return nil }
            return Principal.Grant(role: role, departmentID: row.$department.id, departmentCode: row.department?.code, communityCode: row.communityCode)
        }
        return Principal(userID: userID, realName: user.realName, grants: grants)
    }

    // MARK: Profile and companies

    func profile(userID: UUID) async throws -> ProfileView {
        guard let user = try await User.find(userID, on: db), let principal = try await principal(userID: userID) else {
            throw AppError.notFound("用户", code: "identity.user_not_found")
        }
        let agents = try await CompanyAgent.query(on: db).filter(\.$user.$id == userID).with(\.$company).all()
        return ProfileView(
            id: userID, realName: user.realName, username: user.username,
            phone: try user.phoneCipher.map { Masking.phone(try cipher.open($0)) },
            idNumber: try user.idNumberCipher.map { Masking.residentID(try cipher.open($0)) },
            roles: principal.grants.map { .init(role: $0.role.rawValue, title: $0.role.title, department: $0.departmentCode) },
            companies: agents.map { .init(creditCode: $0.company.creditCode, name: $0.company.name) })
    }

    /// An enterprise agent acts for a company named by its 统一社会信用代码.
    func linkCompany(_ input: CompanyLinkInput, userID: UUID) async throws -> ProfileView.CompanyView {
        let code: CreditCode
        switch CreditCode.result(input.creditCode) {
        case .success(let parsed): code = parsed
        case .failure(let error): throw AppError.invalid(error.code, error.message, details: ["creditCode": error.message])
        }
        let name = input.name.trimmed
        guard (2...100).contains(name.count) else {
            throw AppError.invalid("identity.invalid_company_name", "请填写企业名称（2–100字）", details: ["name": "请填写企业名称"])
        }
        try await requireMayAct(for: code.value, userID: userID)
        let company: Company
        if let existing = try await Company.query(on: db).filter(\.$creditCode == code.value).first() {
            company = existing
        } else {
            company = Company()
            company.creditCode = code.value
            company.name = name
            try await company.create(on: db)
        }
        let companyID = try company.requireID()
        if try await CompanyAgent.query(on: db).filter(\.$company.$id == companyID).filter(\.$user.$id == userID).count() == 0 {
            let agent = CompanyAgent()
            agent.$company.id = companyID
            agent.$user.id = userID
            try await agent.create(on: db)
        }
        return .init(creditCode: company.creditCode, name: company.name)
    }

    /// Acting for a company is decided by the registry, not by knowing its public credit code: a company in 法人库 is
    /// linked online by its legal representative only; one the registry does not know, by its first claimant only.
    /// Anyone else is an agent by the company's authorisation, given at a hall — the platform has no online form for it.
    private func requireMayAct(for creditCode: String, userID: UUID) async throws {
        if let registered = try await LegalEntityRecord.query(on: db).filter(\.$creditCode == creditCode).first() {
            guard let user = try await User.find(userID, on: db), user.idNumberHash == registered.legalRepresentativeHash else {
                throw AppError(.forbidden, "identity.not_representative",
                               "法人库登记的法定代表人是\(NameMasking.mask(registered.legalRepresentativeName))，只有法定代表人本人可以在网上绑定该企业；经办人请持企业授权书到政务服务中心办理")
            }
            return
        }
        guard let company = try await Company.query(on: db).filter(\.$creditCode == creditCode).first() else { return }
        let others = try await CompanyAgent.query(on: db).filter(\.$company.$id == company.requireID()).filter(\.$user.$id != userID).count()
        guard others == 0 else {
            throw AppError(.forbidden, "identity.company_claimed", "该企业已有经办人；请由企业出具授权书到政务服务中心办理")
        }
    }
}

extension Request {
    var identity: IdentityService {
        IdentityService(db: db, cipher: application.fieldCipher, passwords: password.async, settings: application.settings,
                        now: Date(), principals: application.principalCache)
    }
}

extension IdentityService {
    /// The citizen a window clerk applies for (代办): the registered account with this ID number, or
    /// a new account made from the name (and phone) the citizen gives at the counter. Such an
    /// account has no usable password until the citizen sets one.
    func findOrRegisterAtCounter(idNumber: String, name: String?, phone: String?) async throws -> User {
        let id: ResidentID
        switch ResidentID.result(idNumber) {
        case .failure(let error): throw AppError.invalid(error.code, error.message, details: ["applicantIdNumber": error.message])
        case .success(let parsed): id = parsed
        }
        if let user = try await User.query(on: db).filter(\.$idNumberHash == cipher.lookupHash("rid:" + id.value)).first() {
            return user
        }
        let realName = (name ?? "").trimmed
        guard realName.range(of: "^[\\p{Han}·]{2,20}$", options: .regularExpression) != nil else {
            throw AppError.invalid("identity.citizen_not_found", "该身份证号码尚未注册，请填写申请人姓名以便窗口代为登记",
                                   details: ["applicantName": "请填写与身份证一致的中文姓名"])
        }
        let user = User()
        user.realName = realName
        user.idNumberHash = cipher.lookupHash("rid:" + id.value)
        user.idNumberCipher = try cipher.seal(id.value)
        if let phone = phone?.trimmed, !phone.isEmpty {
            guard PhoneNumber.isMobile(phone) else {
                throw AppError.invalid("identity.invalid_phone", "手机号码应为11位数字", details: ["applicantPhone": "手机号码应为11位数字"])
            }
            let phoneHash = cipher.lookupHash("phone:" + phone)
            if try await User.query(on: db).filter(\.$phoneHash == phoneHash).count() == 0 {
                user.phoneHash = phoneHash
                user.phoneCipher = try cipher.seal(phone)
            }
        }
        user.passwordHash = try await passwords.hash(Token.random())
        try await db.transaction { db in
            try await user.create(on: db)
            try await UserRole(userID: user.requireID(), role: .citizen, departmentID: nil).create(on: db)
        }
        return user
    }
}
