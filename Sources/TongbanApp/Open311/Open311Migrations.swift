import Fluent
struct CreateOpen311: AsyncMigration {
    func prepare(on database: any Database) async throws {}
    func revert(on database: any Database) async throws {}
}
