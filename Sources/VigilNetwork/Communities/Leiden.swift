/// Leiden community detection: Louvain with a refinement step that guarantees connected communities.
///
/// Traag, Waltman and van Eck, "From Louvain to Leiden: guaranteeing well-connected communities", Sci. Rep. 9,
/// 5233 (2019), optimising modularity (igraph's `community_leiden(objective_function = "modularity")`). Each
/// iteration moves nodes with the fast queue-based local moving, then refines every community by merging
/// its nodes, from singletons, only into well-connected sub-communities (chosen at random with probability
/// ∝ exp(ΔQ / θ), θ = ``Parameters/randomness``), aggregates by the refined partition while keeping the
/// unrefined one as the starting point, and repeats until a level changes nothing. Iterations continue
/// from the partition found while modularity rises. Randomness comes only from the caller's generator.
///
/// A directed graph is treated as undirected (see ``Graph/modularity(of:resolution:usingWeights:)``).
public struct Leiden: Sendable {
    /// Settings of a run.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The resolution γ of modularity; above 1 gives smaller communities. Default 1.
        public var resolution: Double
        /// θ, the randomness of the refinement: in modularity units, a merge whose gain is θ lower is *e* times
        /// less likely. Default 0.01, as in the paper and igraph (`beta`).
        public var randomness: Double
        /// Independent runs whose best partition is kept. Default 10 (see ``Louvain/Parameters/trials``).
        public var trials: Int
        /// Use weights as tie strengths. Default `true` (ignored when the graph is unweighted).
        public var usingWeights: Bool

        /// Creates parameters with the documented defaults.
        public init(resolution: Double = 1, randomness: Double = 0.01, trials: Int = 10, usingWeights: Bool = true) {
            self.resolution = resolution
            self.randomness = randomness
            self.trials = trials
            self.usingWeights = usingWeights
        }
    }

    /// The settings used.
    public let parameters: Parameters

    /// Checks the parameters.
    /// - Throws: ``NetworkError`` `invalidParameter` for a resolution or randomness that is not positive and
    ///   finite, or fewer than 1 trial.
    public init(_ parameters: Parameters = Parameters()) throws(NetworkError) {
        try CommunityPartition.check(resolution: parameters.resolution, trials: parameters.trials)
        guard parameters.randomness.isFinite, parameters.randomness > 0 else {
            throw .parameter("randomness \(parameters.randomness) must be a positive number (0.01 is usual)")
        }
        self.parameters = parameters
    }

    /// Finds communities.
    /// - Parameters:
    ///   - graph: The graph.
    ///   - generator: The source of node orders and refinement choices; the same seed gives the same partition.
    /// - Returns: The partition with its modularity. Every community is connected.
    public func run(on graph: Graph, using generator: inout some RandomNumberGenerator) -> CommunityPartition {
        CommunityPartition.best(of: parameters.trials) { runOnce(on: graph, using: &generator) }
    }

    private func runOnce(on graph: Graph, using generator: inout some RandomNumberGenerator) -> CommunityPartition {
        let first = LevelGraph(graph, usingWeights: parameters.usingWeights)
        var membership = Array(0..<graph.nodeCount)
        var best = CommunityPartition(
            membership: membership,
            modularity: graph.modularity(of: membership, resolution: parameters.resolution, usingWeights: parameters.usingWeights),
            levels: 0)
        for _ in 0..<100 {
            let (found, levels) = iterate(first, start: membership, using: &generator)
            membership = CommunityPartition.canonical(found)
            let q = graph.modularity(of: membership, resolution: parameters.resolution, usingWeights: parameters.usingWeights)
            guard let q, q > (best.modularity ?? -.infinity) + 1e-12 else { break }
            best = CommunityPartition(membership: membership, modularity: q, levels: levels)
        }
        return best
    }

    /// One Leiden iteration from a partition of the first level; returns the membership of the original nodes.
    private func iterate(
        _ first: LevelGraph, start: [Int], using generator: inout some RandomNumberGenerator
    ) -> ([Int], Int) {
        var level = first
        var partition = start
        var nodeOfOriginal = Array(0..<first.nodeCount)
        var levels = 0
        while true {
            partition = level.moveNodesFast(partition, resolution: parameters.resolution, using: &generator)
            if Set(partition).count == level.nodeCount { break }
            let refined = CommunityPartition.canonical(
                level.refine(partition, resolution: parameters.resolution, randomness: parameters.randomness, using: &generator))
            let aggregated = level.aggregated(by: refined)
            var next = [Int](repeating: 0, count: aggregated.nodeCount)
            for node in 0..<level.nodeCount { next[refined[node]] = partition[node] }
            nodeOfOriginal = nodeOfOriginal.map { refined[$0] }
            levels += 1
            // Unrefined labels come from the previous level's label space; renumber them for this level.
            partition = CommunityPartition.canonical(next)
            level = aggregated
            if aggregated.nodeCount == refined.count { break }
        }
        return (nodeOfOriginal.map { partition[$0] }, levels)
    }
}
