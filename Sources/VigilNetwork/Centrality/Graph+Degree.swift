extension Graph {
    /// The number of edges at each node.
    ///
    /// In a directed graph, `.outgoing` counts edges leaving the node, `.incoming` edges entering it, and
    /// `.all` both (so a reciprocated tie counts twice, as in igraph's `degree(mode = "all")`).
    /// - Parameter direction: Which edges to count in a directed graph (default `.all`).
    /// - Returns: The degree of each node, by node ID.
    /// - Complexity: O(*n*).
    public func degrees(_ direction: Direction = .all) -> [Int] {
        guard isDirected else { return (0..<nodeCount).map { outgoing.count(of: $0) } }
        switch direction {
        case .outgoing: return (0..<nodeCount).map { outgoing.count(of: $0) }
        case .incoming: return (0..<nodeCount).map { incoming.count(of: $0) }
        case .all: return (0..<nodeCount).map { outgoing.count(of: $0) + incoming.count(of: $0) }
        }
    }

    /// The sum of the weights of the edges at each node (igraph's `strength`); the degree when unweighted.
    /// - Parameter direction: Which edges to count in a directed graph (default `.all`).
    /// - Returns: The strength of each node, by node ID, summed in neighbour order.
    public func strengths(_ direction: Direction = .all) -> [Double] {
        func sum(_ adjacency: Adjacency, _ node: Int) -> Double {
            adjacency.range(of: node).reduce(0) { $0 + adjacency.weights[$1] }
        }
        guard isDirected else { return (0..<nodeCount).map { sum(outgoing, $0) } }
        switch direction {
        case .outgoing: return (0..<nodeCount).map { sum(outgoing, $0) }
        case .incoming: return (0..<nodeCount).map { sum(incoming, $0) }
        case .all: return (0..<nodeCount).map { sum(outgoing, $0) + sum(incoming, $0) }
        }
    }
}
