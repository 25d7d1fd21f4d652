import Fluent
import Foundation
import SQLKit

/// Lu'an's streets and communities as shipped in `Resources/seed/communities.json`, and each resident of 人口库 placed
/// in one: the demo citizens where their addresses are, everyone else in a community of their district, a household
/// together. Residents already placed are left alone, so this also fills in a registry loaded before communities existed.
enum CommunitySeed {
    struct File: Decodable {
        struct Street: Decodable {
            var code: String
            var name: String
            var district: String
            var communities: [Entry]
        }
        struct Entry: Decodable {
            var code: String
            var name: String
            var kind: String
        }
        var streets: [Street]
    }

    /// Where the demo citizens live (their 人口库 households).
    static let demoHouseholds = ["HHDEMO1": "341502001001", "HHDEMO2": "341503001001", "HHDEMO3": "341524001001"]

    static func file() throws -> File {
        guard let url = Bundle.module.url(forResource: "communities", withExtension: "json", subdirectory: "Resources/seed") else {
            throw AppError(.internalServerError, "seed.missing", "缺少社区数据 communities.json")
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static func load(on db: any Database) async throws -> Bool {
        var loaded = false
        if try await Community.query(on: db).count() == 0 {
            for street in try file().streets {
                for entry in street.communities {
                    let community = Community()
                    (community.code, community.name, community.kind) = (entry.code, entry.name, entry.kind)
                    (community.streetCode, community.streetName, community.districtCode) = (street.code, street.name, street.district)
                    try await community.create(on: db)
                }
            }
            loaded = true
        }
        return try await place(on: db) || loaded
    }

    /// Residents without a community get one; returns whether any did.
    static func place(on db: any Database) async throws -> Bool {
        let communities = Dictionary(grouping: try await Community.query(on: db).sort(\.$code).all(), by: \.districtCode)
        let unplaced = try await PopulationRecord.query(on: db).filter(\.$communityCode == nil).all()
        guard !unplaced.isEmpty else { return false }
        // Grouped by community and building: one UPDATE for each, not one per person.
        struct Place: Hashable { var community: String; var building: String? }
        var places: [Place: [UUID]] = [:]
        for person in unplaced {
            guard let id = person.id else { continue }
            let code = demoHouseholds[person.householdNumber]
                ?? communities[person.districtCode].map { $0[stableIndex(person.householdNumber, count: $0.count)].code }
            guard let code else { continue }
            places[Place(community: code, building: building(person.address)), default: []].append(id)
        }
        let grouped = places
        try await db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for (place, ids) in grouped {
                for chunk in ids.chunked(500) {
                    try await sql.update(PopulationRecord.schema).set("community_code", to: SQLBind(place.community))
                        .set("building", to: SQLBind(place.building)).where("id", .in, SQLBind.group(Array(chunk))).run()
                }
            }
        }
        return !grouped.isEmpty
    }

    /// The building part of an address (…号3栋), for notices to one building.
    static func building(_ address: String) -> String? {
        guard let range = address.range(of: "栋") else { return nil }
        let head = address[..<range.upperBound]
        let start = head.range(of: "六安市").map(\.upperBound) ?? head.startIndex
        return String(head[start...])
    }

    /// The same household always lands in the same community (FNV-1a, not Swift's per-process seeded hash).
    static func stableIndex(_ key: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return Int(hash % UInt64(max(count, 1)))
    }
}
