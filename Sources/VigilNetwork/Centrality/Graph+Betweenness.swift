extension Graph {
    /// The betweenness centrality of each node: the number of shortest paths between other pairs of nodes
    /// that pass through it, each pair's paths sharing one unit.
    ///
    /// Brandes' algorithm ("A faster algorithm for betweenness centrality", J. Math. Sociol. 25, 2001):
    /// a breadth-first search (Dijkstra's, when weighted) from every source, then dependencies accumulated
    /// back along the shortest-path DAG. Sources are split over all cores in fixed chunks whose sums are added
    /// in a fixed order, so the result is identical on every run.
    ///
    /// Values equal igraph's `betweenness()`: in an undirected graph each unordered pair counts once; in a
    /// directed graph paths follow the edges. Weights, when used, are lengths (a higher weight is a longer,
    /// weaker tie), as in igraph and NetworkX; to treat weights as strengths, pass their inverses. Ties between
    /// path lengths are exact comparisons, which is exact for integer weights.
    ///
    /// - Parameters:
    ///   - usingWeights: Use the graph's weights as lengths (default `true`; ignored when unweighted).
    ///   - isNormalized: Divide by the number of pairs not involving the node, as NetworkX's `normalized=True`:
    ///     (*n* − 1)(*n* − 2)/2 undirected, (*n* − 1)(*n* − 2) directed. Graphs of 2 nodes or fewer are not scaled.
    /// - Returns: The betweenness of each node, by node ID.
    /// - Complexity: O(*n* *m*) unweighted, O(*n* *m* log *n*) weighted, over the available cores.
    public func betweenness(usingWeights: Bool = true, isNormalized: Bool = false) -> [Double] {
        let n = nodeCount
        let forward = outgoing
        let backward = incoming
        let isWeighted = usingWeights && self.isWeighted
        var result = ParallelSum.run(sourceCount: n, length: n) { sources, centrality in
            var search = ShortestPathSearch(nodeCount: n)
            var dependency = [Double](repeating: 0, count: n)
            for source in sources {
                search.run(from: source, in: forward, isWeighted: isWeighted)
                let distance = search.distance
                let pathCount = search.pathCount
                for node in search.order { dependency[node] = 0 }
                for node in search.order.reversed() {
                    let share = (1 + dependency[node]) / pathCount[node]
                    for slot in backward.range(of: node) {
                        let predecessor = backward.neighbors[slot]
                        let length = isWeighted ? backward.weights[slot] : 1
                        if distance[predecessor] + length == distance[node] {
                            dependency[predecessor] += pathCount[predecessor] * share
                        }
                    }
                    if node != source { centrality[node] += dependency[node] }
                }
            }
        }
        let pairScale = isDirected ? 1.0 : 0.5
        let normaliser = isNormalized && n > 2 ? Double((n - 1) * (n - 2)) * (isDirected ? 1 : 0.5) : 1
        for node in 0..<n { result[node] = result[node] * pairScale / normaliser }
        return result
    }
}
