/// Closeness and harmonic centrality of every node, from one shortest-path search per node.
public struct ClosenessCentrality: Hashable, Sendable {
    /// igraph's closeness: the inverse of the mean distance to the nodes the node can reach (times the number
    /// reached minus one when normalised, else the inverse of the sum). `nil` for a node that reaches no other
    /// node, where igraph gives NaN. In a disconnected graph only reachable nodes count, as igraph 0.10 and
    /// later compute it.
    public var closeness: [Double?]
    /// igraph's harmonic centrality: the sum of inverse distances to all other nodes (unreachable ones add 0),
    /// divided by *n* − 1 when normalised.
    public var harmonic: [Double]
}

extension Graph {
    /// Computes closeness and harmonic centrality with igraph's definitions.
    ///
    /// - Parameters:
    ///   - direction: In a directed graph, follow edges outwards (default, igraph's `mode = "out"`), inwards,
    ///     or both ways. Note that python-igraph's own default is `"all"`.
    ///   - usingWeights: Use weights as lengths (default `true`; ignored when unweighted).
    ///   - isNormalized: igraph's `normalized`: closeness × (reached − 1) and harmonic ÷ (*n* − 1).
    /// - Returns: Both measures, by node ID.
    /// - Complexity: O(*n* *m*) unweighted, O(*n* *m* log *n*) weighted, over the available cores.
    public func closenessCentrality(
        direction: Direction = .outgoing, usingWeights: Bool = true, isNormalized: Bool = true
    ) -> ClosenessCentrality {
        let n = nodeCount
        let adjacency = adjacency(direction)
        let isWeighted = usingWeights && self.isWeighted
        // Per source: [sum of distances, nodes reached besides the source, sum of inverse distances].
        let sums = ParallelSum.run(sourceCount: n, length: 3 * n) { sources, sums in
            var search = ShortestPathSearch(nodeCount: n)
            for source in sources {
                search.run(from: source, in: adjacency, isWeighted: isWeighted)
                var total = 0.0
                var inverse = 0.0
                for node in search.order.dropFirst() {
                    total += search.distance[node]
                    inverse += 1 / search.distance[node]
                }
                sums[3 * source] = total
                sums[3 * source + 1] = Double(search.order.count - 1)
                sums[3 * source + 2] = inverse
            }
        }
        var closeness: [Double?] = []
        var harmonic: [Double] = []
        for node in 0..<n {
            let reached = sums[3 * node + 1]
            closeness.append(reached == 0 ? nil : (isNormalized ? reached : 1) / sums[3 * node])
            harmonic.append(isNormalized ? (n > 1 ? sums[3 * node + 2] / Double(n - 1) : 0) : sums[3 * node + 2])
        }
        return ClosenessCentrality(closeness: closeness, harmonic: harmonic)
    }
}
