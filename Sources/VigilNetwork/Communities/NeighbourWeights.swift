/// The weight from one node to each community among its neighbours — the node's own community
/// listed first — gathered in scratch arrays that local moving (Louvain's and Leiden's) reuses
/// from node to node.
struct NeighbourWeights {
    /// The communities gathered, the node's own first.
    private(set) var communities: [Int] = []
    /// The weight from the node to each community (0 for those not gathered).
    private(set) var weight: [Double]
    private var isListed: [Bool]

    init(count: Int) {
        weight = [Double](repeating: 0, count: count)
        isListed = [Bool](repeating: false, count: count)
    }

    /// Gathers a node's weights to its neighbours' communities (call ``clear()`` before the next node).
    mutating func gather(_ node: Int, in graph: LevelGraph, community: [Int]) {
        communities.append(community[node])
        isListed[community[node]] = true
        for slot in graph.offsets[node]..<graph.offsets[node + 1] {
            let other = community[graph.neighbors[slot]]
            if !isListed[other] {
                isListed[other] = true
                communities.append(other)
            }
            weight[other] += graph.weights[slot]
        }
    }

    /// Forgets the gathered weights.
    mutating func clear() {
        for other in communities {
            weight[other] = 0
            isListed[other] = false
        }
        communities.removeAll(keepingCapacity: true)
    }
}
