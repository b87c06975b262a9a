extension Graph {
    /// The core number of each node: the largest *k* such that the node belongs to a subgraph in which every
    /// node has degree at least *k* (the *k*-core).
    ///
    /// Uses the bucket algorithm of Batagelj and Zaveršnik, "An O(m) algorithm for cores decomposition of
    /// networks" (2003, arXiv:cs/0310049), as igraph's `coreness` does. Weights are ignored.
    /// - Parameter direction: In a directed graph, which degree to peel by (default `.all`: in plus out,
    ///   igraph's default).
    /// - Returns: The core number of each node, by node ID.
    /// - Complexity: O(*n* + *m*).
    public func coreness(_ direction: Direction = .all) -> [Int] {
        let n = nodeCount
        guard n > 0 else { return [] }
        var degree = degrees(direction)
        // The neighbours whose degree drops when a node is peeled: those it counts towards.
        let lists: [Adjacency] =
            !isDirected ? [outgoing] : direction == .all ? [outgoing, incoming] : direction == .outgoing ? [incoming] : [outgoing]
        let maxDegree = degree.max() ?? 0
        var binStart = [Int](repeating: 0, count: maxDegree + 2)
        for d in degree { binStart[d + 1] += 1 }
        for d in 0...maxDegree { binStart[d + 1] += binStart[d] }
        var position = [Int](repeating: 0, count: n)
        var order = [Int](repeating: 0, count: n)
        var next = binStart
        for node in 0..<n {
            position[node] = next[degree[node]]
            order[position[node]] = node
            next[degree[node]] += 1
        }
        for index in 0..<n {
            let node = order[index]
            for adjacency in lists {
                for slot in adjacency.range(of: node) {
                    let neighbor = adjacency.neighbors[slot]
                    let d = degree[neighbor]
                    guard d > degree[node] else { continue }
                    // Swap the neighbour to the front of its bin, then shrink the bin by one.
                    let front = binStart[d]
                    let other = order[front]
                    if other != neighbor {
                        order[position[neighbor]] = other
                        position[other] = position[neighbor]
                        order[front] = neighbor
                        position[neighbor] = front
                    }
                    binStart[d] += 1
                    degree[neighbor] = d - 1
                }
            }
        }
        return degree
    }
}
