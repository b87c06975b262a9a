/// A division of a graph's nodes into communities.
public struct CommunityPartition: Hashable, Sendable, Codable {
    /// The community of each node, by node ID. Communities are numbered from 0 in the order of their lowest
    /// node ID.
    public var membership: [Int]
    /// The partition's modularity (see ``Graph/modularity(of:resolution:usingWeights:)``); `nil` for a graph
    /// without edges, where modularity is undefined.
    public var modularity: Double?
    /// How many times the graph was aggregated before no move improved modularity.
    public var levels: Int

    /// The number of communities.
    public var count: Int { (membership.max() ?? -1) + 1 }

    /// Renumbers communities in the order of their lowest node ID.
    static func canonical(_ membership: [Int]) -> [Int] {
        var label: [Int: Int] = [:]
        return membership.map { community in
            if let known = label[community] { return known }
            label[community] = label.count
            return label.count - 1
        }
    }

    /// The partition with the highest modularity of `trials` runs (the first on a tie).
    static func best(of trials: Int, _ run: () -> CommunityPartition) -> CommunityPartition {
        var best = run()
        for _ in 1..<max(1, trials) {
            let candidate = run()
            if (candidate.modularity ?? 0) > (best.modularity ?? 0) { best = candidate }
        }
        return best
    }

    /// Checks the parameters community detection methods share.
    /// - Throws: ``NetworkError`` `invalidParameter` for a resolution that is not positive and finite,
    ///   or fewer than 1 trial.
    static func check(resolution: Double, trials: Int) throws(NetworkError) {
        guard resolution.isFinite, resolution > 0 else {
            throw .parameter("resolution \(resolution) must be a positive number (1 is standard modularity)")
        }
        guard trials >= 1 else { throw .parameter("trials \(trials) must be at least 1") }
    }
}
