/// The connected components of a graph (weak components, when directed).
public struct Components: Hashable, Sendable {
    /// The component of each node, by node ID. Components are numbered from 0 in the order of their
    /// lowest node ID, as igraph's `components()$membership` numbers them.
    public var membership: [Int]
    /// The number of nodes in each component, by component number.
    public var sizes: [Int]

    /// The number of components.
    public var count: Int { sizes.count }
    /// The size of the largest component; 0 for an empty graph.
    public var largestSize: Int { sizes.max() ?? 0 }
}

extension Graph {
    /// Finds the connected components, ignoring edge directions.
    /// - Returns: The membership and size of each component.
    /// - Complexity: O(*n* + *m*).
    public func components() -> Components {
        var membership = [Int](repeating: -1, count: nodeCount)
        var sizes: [Int] = []
        var queue: [Int] = []
        queue.reserveCapacity(nodeCount)
        for start in 0..<nodeCount where membership[start] < 0 {
            let component = sizes.count
            membership[start] = component
            queue.removeAll(keepingCapacity: true)
            queue.append(start)
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for adjacency in isDirected ? [outgoing, incoming] : [outgoing] {
                    for slot in adjacency.range(of: node) {
                        let neighbor = adjacency.neighbors[slot]
                        if membership[neighbor] < 0 {
                            membership[neighbor] = component
                            queue.append(neighbor)
                        }
                    }
                }
            }
            sizes.append(queue.count)
        }
        return Components(membership: membership, sizes: sizes)
    }
}
