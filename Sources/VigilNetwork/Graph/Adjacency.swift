/// Compressed sparse row adjacency: the neighbours of node `v` are `neighbors[offsets[v]..<offsets[v + 1]]`,
/// sorted by node ID, with the weight and edge ID of each entry at the same index.
struct Adjacency: Sendable {
    var offsets: [Int]
    var neighbors: [Int]
    var weights: [Double]
    var edgeIDs: [Int]

    var nodeCount: Int { offsets.count - 1 }

    /// Builds the adjacency of `nodeCount` nodes from `(from, to, edgeID)` entries with their weights.
    init(nodeCount: Int, entries: [(from: Int, to: Int, edge: Int)], weights edgeWeights: [Double]) {
        var counts = [Int](repeating: 0, count: nodeCount + 1)
        for entry in entries { counts[entry.from + 1] += 1 }
        for index in 0..<nodeCount { counts[index + 1] += counts[index] }
        offsets = counts
        var cursor = counts
        var slots = [(to: Int, edge: Int)](repeating: (0, 0), count: entries.count)
        for entry in entries {
            slots[cursor[entry.from]] = (entry.to, entry.edge)
            cursor[entry.from] += 1
        }
        for node in 0..<nodeCount {
            slots[counts[node]..<counts[node + 1]].sort { ($0.to, $0.edge) < ($1.to, $1.edge) }
        }
        neighbors = slots.map(\.to)
        edgeIDs = slots.map(\.edge)
        weights = slots.map { edgeWeights[$0.edge] }
    }

    /// The index range of a node's entries.
    @inline(__always) func range(of node: Int) -> Range<Int> { offsets[node]..<offsets[node + 1] }

    /// The number of entries of a node.
    @inline(__always) func count(of node: Int) -> Int { offsets[node + 1] - offsets[node] }
}
