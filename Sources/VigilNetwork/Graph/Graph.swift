/// A link graph in compressed sparse row form: people, companies, phones or addresses joined by edges.
///
/// Build one from an edge list with ``init(edges:isDirected:duplicates:isolatedNodes:)``. Nodes get dense
/// IDs `0..<nodeCount` in first-seen order, and every analysis returns arrays indexed by those IDs; use
/// ``nodeNames`` to label them. A graph is immutable; ``removing(_:)`` makes the subgraph without some nodes.
///
/// Inputs are normalised, never silently: self-loops are dropped and repeated edges merged, and ``report``
/// counts both (see ``BuildReport``).
public struct Graph: Sendable {
    /// What to do when the same pair of nodes (the same ordered pair, in a directed graph) appears twice.
    public enum DuplicatePolicy: String, Hashable, Sendable, Codable, CaseIterable {
        /// Keep one edge whose weight is the sum of the repeated edges' weights, as igraph's
        /// `simplify(combine_edges = "sum")` does. The default. In an unweighted graph the edge keeps weight 1.
        case sum
        /// Keep one edge with the last weight seen, as NetworkX's `Graph.add_edge` does. Use it to reproduce
        /// results computed with NetworkX.
        case keepLast
    }

    /// How the edge list was normalised.
    public struct BuildReport: Hashable, Sendable, Codable {
        /// Edges from a node to itself, which were dropped: they change no path, component or core, and the
        /// measures here are defined on simple graphs.
        public var selfLoopsDropped: Int
        /// Records merged into an earlier edge between the same nodes (see ``DuplicatePolicy``). In an
        /// undirected graph `a,b` and `b,a` are the same edge.
        public var duplicateEdgesMerged: Int
    }

    /// Whether edges have a direction.
    public let isDirected: Bool
    /// Whether edges carry weights. Unweighted graphs give every edge weight 1.
    public let isWeighted: Bool
    /// Node names, indexed by node ID.
    public let nodeNames: [String]
    /// How many self-loops and duplicates the edge list had.
    public let report: BuildReport
    /// The distinct link types, sorted; empty when the edges carry none.
    public let linkTypeNames: [String]

    /// Endpoints, weight and link-type bits of each edge, indexed by edge ID.
    let edgeSources: [Int]
    let edgeTargets: [Int]
    let edgeWeights: [Double]
    let edgeTypeMasks: [UInt64]
    /// Out-neighbours (all neighbours, when undirected).
    let outgoing: Adjacency
    /// In-neighbours (the same as ``outgoing`` when undirected).
    let incoming: Adjacency
    let nodeIndex: [String: Int]

    /// The number of nodes.
    public var nodeCount: Int { nodeNames.count }
    /// The number of distinct edges after merging.
    public var edgeCount: Int { edgeSources.count }

    /// The ID of a node, or `nil` when the graph has no node of that name.
    public func nodeID(named name: String) -> Int? { nodeIndex[name] }

    /// The ID of a node named by the caller.
    /// - Throws: ``NetworkError`` `unknownNode` when there is no such node.
    public func requireNode(named name: String) throws(NetworkError) -> Int {
        guard let id = nodeIndex[name] else {
            throw NetworkError(
                code: .unknownNode,
                message: "no node is named '\(name)'; node names are matched exactly (case and spaces count) against "
                    + "the source and target columns")
        }
        return id
    }

    /// The edges as `(source, target, weight)` triples, in edge-ID order (the order of first appearance).
    public var edges: [(source: Int, target: Int, weight: Double)] {
        edgeSources.indices.map { (edgeSources[$0], edgeTargets[$0], edgeWeights[$0]) }
    }

    /// The link types of an edge, sorted.
    public func linkTypes(ofEdge edge: Int) -> [String] {
        linkTypeNames.indices.filter { edgeTypeMasks[edge] & (1 << UInt64($0)) != 0 }.map { linkTypeNames[$0] }
    }

    /// The adjacency followed in a direction.
    func adjacency(_ direction: Direction) -> Adjacency {
        guard isDirected else { return outgoing }
        switch direction {
        case .outgoing: return outgoing
        case .incoming: return incoming
        case .all: return bothWays()
        }
    }

    /// Out- and in-neighbours together: a directed graph seen as undirected. Reciprocal edges appear twice.
    func bothWays() -> Adjacency {
        guard isDirected else { return outgoing }
        var entries: [(from: Int, to: Int, edge: Int)] = []
        entries.reserveCapacity(2 * edgeCount)
        for edge in 0..<edgeCount {
            entries.append((edgeSources[edge], edgeTargets[edge], edge))
            entries.append((edgeTargets[edge], edgeSources[edge], edge))
        }
        return Adjacency(nodeCount: nodeCount, entries: entries, weights: edgeWeights)
    }
}
