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
        let adjacencies = isDirected ? [outgoing, incoming] : [outgoing]
        // Breadth-first from each node not yet reached; the queue of a component is the slice of `queue`
        // after the previous components' nodes, so every node is queued once.
        var queue = [Int](repeating: 0, count: nodeCount)
        membership.withUnsafeMutableBufferPointer { membership in
            queue.withUnsafeMutableBufferPointer { queue in
                var tail = 0
                for start in 0..<nodeCount where membership[start] < 0 {
                    let component = sizes.count
                    let first = tail
                    membership[start] = component
                    queue[tail] = start
                    tail += 1
                    var head = first
                    while head < tail {
                        let node = queue[head]
                        head += 1
                        for adjacency in adjacencies {
                            adjacency.neighbors.withUnsafeBufferPointer { neighbors in
                                for slot in adjacency.range(of: node) where membership[neighbors[slot]] < 0 {
                                    membership[neighbors[slot]] = component
                                    queue[tail] = neighbors[slot]
                                    tail += 1
                                }
                            }
                        }
                    }
                    sizes.append(tail - first)
                }
            }
        }
        return Components(membership: membership, sizes: sizes)
    }
}
