extension Graph {
    /// The modularity of a partition (Newman and Girvan 2004; with a resolution, Reichardt and Bornholdt 2006).
    ///
    /// *Q* = Σ_c [ *L_c* / *m* − γ (*K_c* / 2*m*)² ], where *m* is the total edge weight, *L_c* the weight of
    /// the edges inside community *c* and *K_c* the total strength of its nodes: igraph's `modularity()` for
    /// an undirected graph. A directed graph is measured as undirected, as ``Louvain`` sees it: `a → b` and
    /// `b → a` become one tie whose weight is their sum (weight 1 when unweighted), as igraph's
    /// `as_undirected(mode = "collapse", combine_edges = "sum")` makes it.
    /// - Parameters:
    ///   - membership: The community of each node, by node ID (any integers).
    ///   - resolution: γ; above 1 favours smaller communities (default 1).
    ///   - usingWeights: Use weights as tie strengths (default `true`; ignored when unweighted).
    /// - Returns: The modularity, or `nil` when the graph has no edges.
    /// - Complexity: O(*n* + *m*).
    public func modularity(of membership: [Int], resolution: Double = 1, usingWeights: Bool = true) -> Double? {
        precondition(membership.count == nodeCount, "membership needs one community per node")
        var total = 0.0
        var inside: [Int: Double] = [:]
        var strength: [Int: Double] = [:]
        for (first, second, weight) in undirectedTies(usingWeights: usingWeights) {
            let a = membership[first]
            let b = membership[second]
            total += weight
            if a == b { inside[a, default: 0] += weight }
            strength[a, default: 0] += weight
            strength[b, default: 0] += weight
        }
        guard total > 0 else { return nil }
        var q = 0.0
        for community in Set(membership).sorted() {
            let share = (strength[community] ?? 0) / (2 * total)
            q += (inside[community] ?? 0) / total - resolution * share * share
        }
        return q
    }
}

extension Graph {
    /// The ties of the graph seen as undirected, in edge order: in a directed graph `a → b` and `b → a` become one
    /// tie weighing their sum, or 1 when weights are not used.
    func undirectedTies(usingWeights: Bool) -> [(first: Int, second: Int, weight: Double)] {
        let isWeighted = usingWeights && self.isWeighted
        guard isDirected else {
            return (0..<edgeCount).map { (edgeSources[$0], edgeTargets[$0], isWeighted ? edgeWeights[$0] : 1) }
        }
        var position: [PairKey: Int] = [:]
        var ties: [(first: Int, second: Int, weight: Double)] = []
        for edge in 0..<edgeCount {
            let key = PairKey(min(edgeSources[edge], edgeTargets[edge]), max(edgeSources[edge], edgeTargets[edge]))
            if let index = position[key] {
                if isWeighted { ties[index].weight += edgeWeights[edge] }
            } else {
                position[key] = ties.count
                ties.append((key.first, key.second, isWeighted ? edgeWeights[edge] : 1))
            }
        }
        return ties
    }
}
