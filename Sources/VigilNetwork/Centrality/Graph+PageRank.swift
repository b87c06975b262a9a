/// PageRank scores and how they were obtained.
public struct PageRank: Hashable, Sendable {
    /// The score of each node, by node ID; the scores sum to 1.
    public var values: [Double]
    /// Whether the iteration met its tolerance.
    public var didConverge: Bool
}

extension Graph {
    /// The PageRank of each node (Brin and Page 1998), as igraph's default PRPACK solver defines it.
    ///
    /// A random walker follows an out-edge (chosen in proportion to its weight) with probability `damping` and
    /// otherwise jumps to a node chosen uniformly. A node without out-edges (dangling) jumps uniformly to any
    /// node, itself included, as PRPACK does. Undirected edges are followed both ways. Solved by power
    /// iteration until the L1 change is below `tolerance`.
    /// - Parameters:
    ///   - damping: The probability of following an edge, in (0, 1) (default 0.85).
    ///   - usingWeights: Use weights as strengths (default `true`; ignored when unweighted).
    ///   - tolerance: The L1 change at which to stop (default 1e-13).
    ///   - maximumIterations: Give up after this many iterations (default 10,000).
    /// - Returns: The scores and whether the iteration converged.
    /// - Throws: ``NetworkError`` `invalidParameter` when `damping` is not in (0, 1).
    /// - Complexity: O(*n* + *m*) per iteration.
    public func pageRank(
        damping: Double = 0.85, usingWeights: Bool = true, tolerance: Double = 1e-13, maximumIterations: Int = 10_000
    ) throws(NetworkError) -> PageRank {
        guard damping > 0, damping < 1 else {
            throw .parameter("damping \(damping) must be above 0 and below 1 (0.85 is usual)")
        }
        let n = nodeCount
        guard n > 0 else { return PageRank(values: [], didConverge: true) }
        let isWeighted = usingWeights && self.isWeighted
        let outStrength = isWeighted ? strengths(.outgoing) : degrees(.outgoing).map(Double.init)
        let adjacency = incoming
        var rank = [Double](repeating: 1 / Double(n), count: n)
        var next = rank
        var didConverge = false
        for _ in 0..<maximumIterations {
            var danglingMass = 0.0
            for node in 0..<n where outStrength[node] == 0 { danglingMass += rank[node] }
            let base = (1 - damping) / Double(n) + damping * danglingMass / Double(n)
            var change = 0.0
            var total = 0.0
            for node in 0..<n {
                var sum = 0.0
                for slot in adjacency.range(of: node) {
                    let from = adjacency.neighbors[slot]
                    sum += rank[from] * (isWeighted ? adjacency.weights[slot] : 1) / outStrength[from]
                }
                next[node] = base + damping * sum
                total += next[node]
            }
            for node in 0..<n {
                next[node] /= total
                change += abs(next[node] - rank[node])
            }
            swap(&rank, &next)
            if change <= tolerance {
                didConverge = true
                break
            }
        }
        return PageRank(values: rank, didConverge: didConverge)
    }
}
