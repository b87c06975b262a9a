/// A path through a graph, as node IDs from the start to the end.
public struct GraphPath: Hashable, Sendable, Codable {
    /// The nodes on the path, start and end included.
    public var nodes: [Int]
    /// The path's length: its number of edges, or the sum of its weights when weights were used.
    public var length: Double

    /// Creates a path.
    public init(nodes: [Int], length: Double) {
        self.nodes = nodes
        self.length = length
    }
}
