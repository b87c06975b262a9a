/// Louvain community detection: greedy modularity optimisation with graph aggregation.
///
/// Blondel, Guillaume, Lambiotte and Lefebvre, "Fast unfolding of communities in large networks", J. Stat.
/// Mech. (2008) P10008, the method of igraph's `community_multilevel`. Each level moves single nodes, in a
/// random order drawn from the caller's generator, to the neighbouring community that raises modularity
/// most, until no move helps; then each community becomes one node and the next level starts. It stops when
/// a level moves nothing. Then the whole procedure restarts from the partition found, nodes free to leave
/// their community at the first level, for as long as modularity rises (a cheap refinement that makes a
/// single run at least as good as igraph's on the networks tested). With `trials` above 1 it runs several times from the same generator and keeps the
/// partition of highest modularity (the first on ties).
///
/// A directed graph is treated as undirected (see ``Graph/modularity(of:resolution:usingWeights:)``). Louvain can
/// leave a community internally disconnected; Leiden fixes that.
public struct Louvain: Sendable {
    /// Settings of a run.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The resolution γ of modularity; above 1 gives smaller communities. Default 1.
        public var resolution: Double
        /// Independent runs whose best partition is kept. Default 10: a single Louvain run ends in a local optimum
        /// that depends on the node order (on CielNet, NetworkX's Louvain reaches modularity 0.3653 with about
        /// 40% of seeds and 0.3544 with most others), and ten runs cost little on investigative graphs. Use 1 for
        /// speed on very large graphs.
        public var trials: Int
        /// Use weights as tie strengths. Default `true` (ignored when the graph is unweighted).
        public var usingWeights: Bool

        /// Creates parameters with the documented defaults.
        public init(resolution: Double = 1, trials: Int = 10, usingWeights: Bool = true) {
            self.resolution = resolution
            self.trials = trials
            self.usingWeights = usingWeights
        }
    }

    /// The settings used.
    public let parameters: Parameters

    /// Checks the parameters.
    /// - Throws: ``NetworkError`` `invalidParameter` for a resolution that is not positive and finite, or fewer
    ///   than 1 trial.
    public init(_ parameters: Parameters = Parameters()) throws(NetworkError) {
        try CommunityPartition.check(resolution: parameters.resolution, trials: parameters.trials)
        self.parameters = parameters
    }

    /// Finds communities.
    /// - Parameters:
    ///   - graph: The graph.
    ///   - generator: The source of the random node orders; the same seed gives the same partition.
    /// - Returns: The partition with its modularity.
    /// - Complexity: About O(*m*) per pass; typically a few passes per level and a few levels.
    public func run(on graph: Graph, using generator: inout some RandomNumberGenerator) -> CommunityPartition {
        CommunityPartition.best(of: parameters.trials) { runOnce(on: graph, using: &generator) }
    }

    /// One run: Louvain from singletons, then Louvain again from the partition found (nodes may leave their
    /// community at the first level), until modularity stops rising.
    private func runOnce(on graph: Graph, using generator: inout some RandomNumberGenerator) -> CommunityPartition {
        let first = LevelGraph(graph, usingWeights: parameters.usingWeights)
        var best = CommunityPartition(membership: Array(0..<graph.nodeCount), modularity: nil, levels: 0)
        var start: [Int]? = nil
        while true {
            let candidate = levels(from: first, start: start, graph: graph, using: &generator)
            guard let q = candidate.modularity, q > (best.modularity ?? -.infinity) + 1e-12 else { break }
            best = candidate
            start = candidate.membership
        }
        if best.modularity == nil {
            best.modularity = graph.modularity(of: best.membership, resolution: parameters.resolution, usingWeights: parameters.usingWeights)
        }
        return best
    }

    /// Moves and aggregates level by level, the first level starting from `start` (singletons when `nil`).
    private func levels(
        from first: LevelGraph, start: [Int]?, graph: Graph, using generator: inout some RandomNumberGenerator
    ) -> CommunityPartition {
        var level = first
        var membership = Array(0..<graph.nodeCount)
        var initial = start
        var levels = 0
        while level.nodeCount > 0 {
            let (community, moved) = level.moveNodes(resolution: parameters.resolution, initial: initial, using: &generator)
            guard moved || initial != nil else { break }
            initial = nil
            levels += 1
            let labels = CommunityPartition.canonical(community)
            membership = membership.map { labels[$0] }
            let next = level.aggregated(by: labels)
            if next.nodeCount == level.nodeCount { break }
            level = next
        }
        let canonical = CommunityPartition.canonical(membership)
        return CommunityPartition(
            membership: canonical,
            modularity: graph.modularity(of: canonical, resolution: parameters.resolution, usingWeights: parameters.usingWeights),
            levels: levels)
    }
}

extension LevelGraph {
    /// Louvain's local moving: passes over the nodes in a random order, each moved to the neighbouring community
    /// that raises modularity most, until a pass moves nothing. Returns each node's community and whether any
    /// node moved.
    func moveNodes(resolution: Double, initial: [Int]?, using generator: inout some RandomNumberGenerator) -> ([Int], Bool) {
        let n = nodeCount
        let (strength, twiceTotal) = strengths()
        guard twiceTotal > 0 else { return (initial ?? Array(0..<n), false) }
        var community = initial ?? Array(0..<n)
        var communityStrength = [Double](repeating: 0, count: n)
        for node in 0..<n { communityStrength[community[node]] += strength[node] }
        var neighbours = NeighbourWeights(count: n)
        var order = Array(0..<n)
        order.shuffle(using: &generator)
        var movedAny = false
        var improved = true
        while improved {
            improved = false
            for node in order {
                let current = community[node]
                neighbours.gather(node, in: self, community: community)
                communityStrength[current] -= strength[node]
                let scale = resolution * strength[node] / twiceTotal
                var best = current
                var bestGain = neighbours.weight[current] - scale * communityStrength[current]
                for candidate in neighbours.communities where candidate != current {
                    let gain = neighbours.weight[candidate] - scale * communityStrength[candidate]
                    if gain > bestGain + 1e-12 * max(1, abs(bestGain)) || (gain == bestGain && candidate < best && best != current) {
                        best = candidate
                        bestGain = gain
                    }
                }
                communityStrength[best] += strength[node]
                neighbours.clear()
                if best != current {
                    community[node] = best
                    improved = true
                    movedAny = true
                }
            }
        }
        return (community, movedAny)
    }
}
