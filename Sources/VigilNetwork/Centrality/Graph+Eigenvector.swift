/// Eigenvector centrality, scaled so that the largest value is 1.
public struct EigenvectorCentrality: Hashable, Sendable {
    /// The centrality of each node, by node ID, in [0, 1].
    public var values: [Double]
    /// The leading eigenvalue of the adjacency matrix (0 for a graph without edges).
    public var eigenvalue: Double
    /// Whether the iteration met its tolerance. When `false`, the values are the last iterate.
    public var didConverge: Bool
}

extension Graph {
    /// The eigenvector centrality of each node: the leading eigenvector of the (weighted) adjacency matrix,
    /// scaled to a maximum of 1, as igraph's `eigen_centrality` returns it.
    ///
    /// In a directed graph a node's centrality is proportional to the sum over the nodes pointing to it (the
    /// left eigenvector, as in igraph). Weights are tie strengths here. The power iteration runs on *A* + *I*,
    /// which has the same eigenvectors but no eigenvalue of the same modulus as the leading one, so it also
    /// converges on bipartite graphs; it starts from the degrees, as igraph does.
    ///
    /// Eigenvector centrality is meaningful only for a connected graph: in a disconnected one the values
    /// concentrate on the component with the largest eigenvalue and the others tend to 0 (igraph warns and
    /// does the same). Compute it per component (``removing(_:)``) when that matters. A directed acyclic graph
    /// has no positive eigenvalue; as igraph 1.0 does, its nodes without out-edges get 1 and the others 0.
    /// - Parameters:
    ///   - usingWeights: Use weights as strengths (default `true`; ignored when unweighted).
    ///   - tolerance: Stop when no value changes by more than this between iterations (default 1e-14).
    ///   - maximumIterations: Give up after this many iterations (default 100,000).
    /// - Returns: The centralities, the eigenvalue and whether the iteration converged.
    /// - Complexity: O(*m*) per iteration.
    public func eigenvectorCentrality(
        usingWeights: Bool = true, tolerance: Double = 1e-14, maximumIterations: Int = 100_000
    ) -> EigenvectorCentrality {
        let n = nodeCount
        guard edgeCount > 0 else { return EigenvectorCentrality(values: .init(repeating: n == 0 ? 0 : 1, count: n), eigenvalue: 0, didConverge: true) }
        if isDirected, isAcyclic() {
            // Every eigenvalue of an acyclic graph is 0. igraph 1.0 then gives 1 to the nodes without out-edges
            // and 0 to the others; so does Vigil.
            return EigenvectorCentrality(
                values: degrees(.outgoing).map { $0 == 0 ? 1 : 0 }, eigenvalue: 0, didConverge: true)
        }
        let adjacency = incoming
        let isWeighted = usingWeights && self.isWeighted
        var current = degrees(isDirected ? .incoming : .all).map { Double($0) + (isDirected ? 1 : 0) }
        scaleToMaximumOne(&current)
        var next = [Double](repeating: 0, count: n)
        var didConverge = false
        var shiftedEigenvalue = 0.0
        for _ in 0..<maximumIterations {
            for node in 0..<n {
                var sum = current[node]
                for slot in adjacency.range(of: node) {
                    sum += (isWeighted ? adjacency.weights[slot] : 1) * current[adjacency.neighbors[slot]]
                }
                next[node] = sum
            }
            shiftedEigenvalue = scaleToMaximumOne(&next)
            var change = 0.0
            for node in 0..<n { change = max(change, abs(next[node] - current[node])) }
            swap(&current, &next)
            if change <= tolerance {
                didConverge = true
                break
            }
        }
        return EigenvectorCentrality(values: current, eigenvalue: shiftedEigenvalue - 1, didConverge: didConverge)
    }

    /// Whether a directed graph has no cycle (Kahn's algorithm).
    private func isAcyclic() -> Bool {
        var remainingIn = degrees(.incoming)
        var ready = (0..<nodeCount).filter { remainingIn[$0] == 0 }
        var removed = 0
        while let node = ready.popLast() {
            removed += 1
            for slot in outgoing.range(of: node) {
                let next = outgoing.neighbors[slot]
                remainingIn[next] -= 1
                if remainingIn[next] == 0 { ready.append(next) }
            }
        }
        return removed == nodeCount
    }

    /// Divides by the largest value; returns that value.
    @discardableResult private func scaleToMaximumOne(_ values: inout [Double]) -> Double {
        let largest = values.max() ?? 0
        guard largest > 0 else { return 0 }
        for index in values.indices { values[index] /= largest }
        return largest
    }
}
