/// The weighted undirected graph of one Louvain or Leiden level: nodes are the previous level's communities, and each
/// node's self-loop holds the weight inside it.
struct LevelGraph {
    var offsets: [Int]
    var neighbors: [Int]
    var weights: [Double]
    /// Weight of the edges inside each node (each counted once).
    var selfLoops: [Double]

    var nodeCount: Int { selfLoops.count }

    init(offsets: [Int], neighbors: [Int], weights: [Double], selfLoops: [Double]) {
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.selfLoops = selfLoops
    }

    /// The first level: the graph itself, undirected (see ``Graph/undirectedTies(usingWeights:)``).
    init(_ graph: Graph, usingWeights: Bool) {
        var entries: [(Int, Int, Double)] = []
        for tie in graph.undirectedTies(usingWeights: usingWeights) {
            entries.append((tie.first, tie.second, tie.weight))
            entries.append((tie.second, tie.first, tie.weight))
        }
        self = LevelGraph.make(nodeCount: graph.nodeCount, entries: entries, selfLoops: .init(repeating: 0, count: graph.nodeCount))
    }

    /// Builds the CSR form from directed entries (each undirected edge given both ways).
    static func make(nodeCount: Int, entries: [(Int, Int, Double)], selfLoops: [Double]) -> LevelGraph {
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        for entry in entries { offsets[entry.0 + 1] += 1 }
        for index in 0..<nodeCount { offsets[index + 1] += offsets[index] }
        var cursor = offsets
        var neighbors = [Int](repeating: 0, count: entries.count)
        var weights = [Double](repeating: 0, count: entries.count)
        for entry in entries {
            neighbors[cursor[entry.0]] = entry.1
            weights[cursor[entry.0]] = entry.2
            cursor[entry.0] += 1
        }
        return LevelGraph(offsets: offsets, neighbors: neighbors, weights: weights, selfLoops: selfLoops)
    }

    /// The next level: one node per community (labels `0..<k`), self-loops holding the weight inside.
    func aggregated(by labels: [Int]) -> LevelGraph {
        let count = (labels.max() ?? -1) + 1
        var selfLoops = [Double](repeating: 0, count: count)
        var merged: [PairKey: Double] = [:]
        var pairs: [PairKey] = []
        for node in 0..<nodeCount {
            selfLoops[labels[node]] += self.selfLoops[node]
            for slot in offsets[node]..<offsets[node + 1] where node < neighbors[slot] {
                let a = labels[node]
                let b = labels[neighbors[slot]]
                if a == b {
                    selfLoops[a] += weights[slot]
                } else {
                    let key = PairKey(min(a, b), max(a, b))
                    if merged[key] == nil { pairs.append(key) }
                    merged[key, default: 0] += weights[slot]
                }
            }
        }
        var entries: [(Int, Int, Double)] = []
        for key in pairs {
            entries.append((key.first, key.second, merged[key]!))
            entries.append((key.second, key.first, merged[key]!))
        }
        return LevelGraph.make(nodeCount: count, entries: entries, selfLoops: selfLoops)
    }

    /// Node strengths (self-loops counted twice) and their total, 2*m*.
    func strengths() -> (strength: [Double], twiceTotal: Double) {
        var strength = [Double](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            strength[node] = 2 * selfLoops[node]
            for slot in offsets[node]..<offsets[node + 1] { strength[node] += weights[slot] }
        }
        return (strength, strength.reduce(0, +))
    }
}
