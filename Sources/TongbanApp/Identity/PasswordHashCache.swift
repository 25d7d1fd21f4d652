import Vapor

/// bcrypt is slow on purpose; hashing the same known password (the demo accounts', the stand-in
/// used when an account does not exist) once per process keeps seeding and tests quick.
actor PasswordHashCache {
    static let shared = PasswordHashCache()
    private var hashes: [String: String] = [:]

    func hash(_ password: String, with hasher: AsyncPasswordHasher) async throws -> String {
        if let hash = hashes[password] { return hash }
        let hash = try await hasher.hash(password)
        hashes[password] = hash
        return hash
    }
}
