extension Graph {
    /// The global efficiency: the mean inverse shortest-path distance over ordered pairs of distinct nodes,
    /// unreachable pairs counting 0 (Latora and Marchiori, "Efficient behavior of small-world networks",
    /// Phys. Rev. Lett. 87, 2001).
    ///
    /// Distances are hop counts, as in NetworkX's `global_efficiency`; in a directed graph they follow the
    /// edges. 1 for a complete graph, 0 for a graph without edges or with fewer than two nodes.
    /// - Returns: The efficiency, in [0, 1].
    /// - Complexity: O(*n* *m*), over the available cores.
    public func globalEfficiency() -> Double {
        let n = nodeCount
        guard n > 1 else { return 0 }
        let adjacency = outgoing
        let sums = ParallelSum.run(sourceCount: n, length: n) { sources, sums in
            var search = ShortestPathSearch(nodeCount: n)
            for source in sources {
                search.run(from: source, in: adjacency, isWeighted: false)
                var total = 0.0
                for node in search.order.dropFirst() { total += 1 / search.distance[node] }
                sums[source] = total
            }
        }
        return sums.reduce(0, +) / Double(n * (n - 1))
    }
}
