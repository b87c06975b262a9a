extension Graph {
    /// The link types a path may use, resolved to edge-type bits.
    private func typeMask(_ allowedLinkTypes: Set<String>?) throws(NetworkError) -> UInt64? {
        guard let allowedLinkTypes else { return nil }
        var mask: UInt64 = 0
        for name in allowedLinkTypes {
            guard let index = linkTypeNames.firstIndex(of: name) else {
                let known = linkTypeNames.isEmpty ? "the edges carry no link types" : "known types: " + linkTypeNames.joined(separator: ", ")
                throw .parameter("no edge has link type '\(name)'; \(known)")
            }
            mask |= UInt64(1) << UInt64(index)
        }
        return mask
    }

    /// Runs a search from `source` and returns it with the adjacency to walk back along.
    private func search(
        from source: Int, isWeighted: Bool, mask: UInt64?
    ) -> (search: ShortestPathSearch, backward: Adjacency) {
        var search = ShortestPathSearch(nodeCount: nodeCount)
        search.run(from: source, in: outgoing, isWeighted: isWeighted, allowedTypes: mask, typeMasks: edgeTypeMasks)
        return (search, incoming)
    }

    /// The predecessors of `node` on shortest paths: in-neighbours `p` with `distance(p) + length(p, node) = distance(node)`.
    private func predecessors(
        of node: Int, _ search: ShortestPathSearch, _ backward: Adjacency, isWeighted: Bool, mask: UInt64?
    ) -> [Int] {
        var result: [Int] = []
        for slot in backward.range(of: node) {
            if let mask, edgeTypeMasks[backward.edgeIDs[slot]] & mask == 0 { continue }
            let predecessor = backward.neighbors[slot]
            let length = isWeighted ? backward.weights[slot] : 1
            if search.distance[predecessor] + length == search.distance[node], !result.contains(predecessor) {
                result.append(predecessor)
            }
        }
        return result
    }

    /// A shortest path between two nodes: breadth-first when unweighted, Dijkstra with weights as lengths.
    ///
    /// Among equally short paths, each step back from `target` takes the predecessor settled first (the one a
    /// breadth-first search reaches first, as igraph's `shortest_paths` does unweighted).
    /// - Parameters:
    ///   - source: The start node's ID.
    ///   - target: The end node's ID.
    ///   - usingWeights: Use weights as lengths (default `true`; ignored when unweighted).
    ///   - allowedLinkTypes: When given, only edges carrying at least one of these link types are followed;
    ///     edges without a type are not.
    /// - Returns: The path, or `nil` when `target` cannot be reached.
    /// - Throws: ``NetworkError`` `invalidParameter` for a link type no edge carries.
    /// - Complexity: O(*n* + *m*) unweighted, O(*m* log *n*) weighted.
    public func shortestPath(
        from source: Int, to target: Int, usingWeights: Bool = true, allowedLinkTypes: Set<String>? = nil
    ) throws(NetworkError) -> GraphPath? {
        precondition(source >= 0 && source < nodeCount && target >= 0 && target < nodeCount, "node ID out of range")
        let isWeighted = usingWeights && self.isWeighted
        let mask = try typeMask(allowedLinkTypes)
        let (search, backward) = search(from: source, isWeighted: isWeighted, mask: mask)
        guard search.distance[target] < .infinity else { return nil }
        var settled = [Int](repeating: Int.max, count: nodeCount)
        for (position, node) in search.order.enumerated() { settled[node] = position }
        var nodes = [target]
        var node = target
        while node != source {
            let choices = predecessors(of: node, search, backward, isWeighted: isWeighted, mask: mask)
            node = choices.min { settled[$0] < settled[$1] }!
            nodes.append(node)
        }
        return GraphPath(nodes: nodes.reversed(), length: search.distance[target])
    }

    /// Every shortest path between two nodes, sorted by their node IDs lexicographically.
    ///
    /// The number of shortest paths can grow exponentially with the graph; at most `limit` are listed.
    /// - Parameters:
    ///   - source: The start node's ID.
    ///   - target: The end node's ID.
    ///   - usingWeights: Use weights as lengths (default `true`; ignored when unweighted).
    ///   - allowedLinkTypes: When given, only edges carrying one of these link types are followed.
    ///   - limit: The most paths to list (default 10,000).
    /// - Returns: The paths (empty when `target` cannot be reached) and the total number of shortest paths.
    /// - Throws: ``NetworkError`` `invalidParameter` for a link type no edge carries or a `limit` below 1.
    public func allShortestPaths(
        from source: Int, to target: Int, usingWeights: Bool = true, allowedLinkTypes: Set<String>? = nil,
        limit: Int = 10_000
    ) throws(NetworkError) -> (paths: [GraphPath], totalCount: Double) {
        precondition(source >= 0 && source < nodeCount && target >= 0 && target < nodeCount, "node ID out of range")
        guard limit >= 1 else { throw .parameter("limit \(limit) must be at least 1") }
        let isWeighted = usingWeights && self.isWeighted
        let mask = try typeMask(allowedLinkTypes)
        let (search, backward) = search(from: source, isWeighted: isWeighted, mask: mask)
        guard search.distance[target] < .infinity else { return ([], 0) }
        var paths: [GraphPath] = []
        var stack: [Int] = [target]
        func walk(_ node: Int) {
            guard paths.count < limit else { return }
            if node == source {
                paths.append(GraphPath(nodes: stack.reversed(), length: search.distance[target]))
                return
            }
            for predecessor in predecessors(of: node, search, backward, isWeighted: isWeighted, mask: mask) {
                stack.append(predecessor)
                walk(predecessor)
                stack.removeLast()
            }
        }
        walk(target)
        paths.sort { $0.nodes.lexicographicallyPrecedes($1.nodes) }
        return (paths, search.pathCount[target])
    }
}
