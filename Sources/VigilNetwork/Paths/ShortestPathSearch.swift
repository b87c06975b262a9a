/// A reusable single-source shortest-path search: breadth-first when unweighted, Dijkstra when weighted.
///
/// It records, for the last source searched, each reached node's distance and number of shortest paths, and
/// the reached nodes in order of non-decreasing distance: what Brandes' betweenness, closeness and the path
/// queries need. Buffers are reused between sources; only the nodes touched are reset.
struct ShortestPathSearch {
    /// Distance from the source; `.infinity` when unreached.
    private(set) var distance: [Double]
    /// Number of shortest paths from the source (a `Double`, since counts grow exponentially).
    private(set) var pathCount: [Double]
    /// Reached nodes, the source first, in order of non-decreasing distance.
    private(set) var order: [Int] = []
    private var heap = DistanceHeap()

    init(nodeCount: Int) {
        distance = [Double](repeating: .infinity, count: nodeCount)
        pathCount = [Double](repeating: 0, count: nodeCount)
        order.reserveCapacity(nodeCount)
    }

    /// Searches from `source` along `adjacency`.
    /// - Parameters:
    ///   - isWeighted: Use edge weights as lengths (Dijkstra); otherwise every edge has length 1.
    ///   - allowedTypes: When given, only edges whose link-type bits meet this mask are followed.
    ///   - typeMasks: The link-type bits of each edge, indexed by edge ID (used with `allowedTypes`).
    mutating func run(
        from source: Int, in adjacency: Adjacency, isWeighted: Bool, allowedTypes: UInt64? = nil, typeMasks: [UInt64] = []
    ) {
        for node in order {
            distance[node] = .infinity
            pathCount[node] = 0
        }
        order.removeAll(keepingCapacity: true)
        distance[source] = 0
        pathCount[source] = 1
        if isWeighted {
            runDijkstra(from: source, adjacency, allowedTypes, typeMasks)
        } else {
            runBreadthFirst(from: source, adjacency, allowedTypes, typeMasks)
        }
    }

    private mutating func runBreadthFirst(from source: Int, _ adjacency: Adjacency, _ allowed: UInt64?, _ masks: [UInt64]) {
        order.append(source)
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            let next = distance[node] + 1
            for slot in adjacency.range(of: node) {
                if let allowed, masks[adjacency.edgeIDs[slot]] & allowed == 0 { continue }
                let neighbor = adjacency.neighbors[slot]
                if distance[neighbor] == .infinity {
                    distance[neighbor] = next
                    order.append(neighbor)
                }
                if distance[neighbor] == next { pathCount[neighbor] += pathCount[node] }
            }
        }
    }

    private mutating func runDijkstra(from source: Int, _ adjacency: Adjacency, _ allowed: UInt64?, _ masks: [UInt64]) {
        heap.removeAll()
        heap.push(node: source, distance: 0)
        while let (node, nodeDistance) = heap.pop() {
            // A node is pushed again only at a strictly shorter distance, so exactly one entry per node carries
            // its final distance; the others are stale.
            guard nodeDistance == distance[node] else { continue }
            order.append(node)
            for slot in adjacency.range(of: node) {
                if let allowed, masks[adjacency.edgeIDs[slot]] & allowed == 0 { continue }
                let neighbor = adjacency.neighbors[slot]
                let candidate = nodeDistance + adjacency.weights[slot]
                if candidate < distance[neighbor] {
                    distance[neighbor] = candidate
                    pathCount[neighbor] = pathCount[node]
                    heap.push(node: neighbor, distance: candidate)
                } else if candidate == distance[neighbor] {
                    pathCount[neighbor] += pathCount[node]
                }
            }
        }
    }
}
