/// Walks a batch's lineage one generation at a time: what it was made from (upstream) or what was
/// made from it (downstream). `next` answers a whole generation at once, so a store does one
/// query per generation rather than one per batch. Cycles (a mistaken import that links a batch
/// back into its own past) end the walk instead of looping.
public enum LineageWalk {
    public struct Result: Sendable, Equatable {
        /// Batches found, nearest generation first, without the starting batch.
        public var keys: [String]
        /// The walk stopped at `limit` batches or `maxGenerations`; more exist.
        public var truncated: Bool
    }

    public static func walk(from start: String, limit: Int, maxGenerations: Int = 50,
                            next: ([String]) async throws -> [String]) async rethrows -> Result {
        var seen: Set<String> = [start]
        var frontier = [start]
        var keys: [String] = []
        for _ in 0..<maxGenerations {
            guard !frontier.isEmpty else { return Result(keys: keys, truncated: false) }
            var generation: [String] = []
            for key in try await next(frontier) where seen.insert(key).inserted {
                guard keys.count < limit else { return Result(keys: keys, truncated: true) }
                keys.append(key)
                generation.append(key)
            }
            frontier = generation.sorted()
        }
        return Result(keys: keys, truncated: !frontier.isEmpty)
    }
}
