extension Graph {
    /// The most link types a graph can hold: each edge keeps its types as bits of a 64-bit mask.
    public static let maximumLinkTypes = 64

    /// Builds a graph from an edge list.
    ///
    /// Node IDs follow first appearance: each record's source, then its target, then `isolatedNodes` not yet
    /// seen. Self-loops are dropped and duplicates merged by `duplicates`; ``report`` counts both. A merged
    /// edge carries the union of its records' link types. An empty edge list gives an empty graph.
    ///
    /// - Parameters:
    ///   - edges: The records, in input order.
    ///   - isDirected: Whether `source → target` differs from `target → source`.
    ///   - duplicates: How repeated edges are merged (default ``DuplicatePolicy/sum``).
    ///   - isolatedNodes: Names of nodes to include even if no edge touches them (a node list).
    /// - Throws: ``NetworkError`` `invalidWeight` for a weight that is not positive and finite,
    ///   `missingWeight` when only some records have weights, `tooManyLinkTypes` past ``maximumLinkTypes``.
    /// - Complexity: O(*m* log *d*) for *m* records and largest degree *d*.
    public init(
        edges records: [EdgeRecord], isDirected: Bool, duplicates: DuplicatePolicy = .sum, isolatedNodes: [String] = []
    ) throws(NetworkError) {
        let weightedCount = records.reduce(0) { $0 + ($1.weight == nil ? 0 : 1) }
        let isWeighted = weightedCount > 0
        if isWeighted, weightedCount < records.count, let first = records.first(where: { $0.weight == nil }) {
            throw NetworkError(
                code: .missingWeight,
                message: "this edge has no weight but \(weightedCount) of \(records.count) edges have one; "
                    + "give every edge a weight or none", line: first.line)
        }
        let typeNames = Set(records.compactMap(\.linkType)).sorted()
        guard typeNames.count <= Self.maximumLinkTypes else {
            throw NetworkError(
                code: .tooManyLinkTypes,
                message: "the edges have \(typeNames.count) distinct link types; at most \(Self.maximumLinkTypes) "
                    + "are supported, so group rare types together")
        }
        let typeBit = Dictionary(uniqueKeysWithValues: typeNames.enumerated().map { ($1, UInt64(1) << UInt64($0)) })

        var names: [String] = []
        var index: [String: Int] = [:]
        func id(_ name: String) -> Int {
            if let known = index[name] { return known }
            index[name] = names.count
            names.append(name)
            return names.count - 1
        }
        var sources: [Int] = []
        var targets: [Int] = []
        var weights: [Double] = []
        var masks: [UInt64] = []
        var edgeOfPair: [PairKey: Int] = [:]
        var report = BuildReport(selfLoopsDropped: 0, duplicateEdgesMerged: 0)
        for record in records {
            if let weight = record.weight { try EdgeRecord.checkWeight(weight, line: record.line, column: nil) }
            let source = id(record.source)
            let target = id(record.target)
            guard source != target else {
                report.selfLoopsDropped += 1
                continue
            }
            let key = isDirected ? PairKey(source, target) : PairKey(min(source, target), max(source, target))
            let weight = record.weight ?? 1
            let mask = record.linkType.map { typeBit[$0]! } ?? 0
            if let edge = edgeOfPair[key] {
                report.duplicateEdgesMerged += 1
                weights[edge] = duplicates == .sum ? weights[edge] + weight : weight
                masks[edge] |= mask
            } else {
                edgeOfPair[key] = sources.count
                sources.append(source)
                targets.append(target)
                weights.append(weight)
                masks.append(mask)
            }
        }
        for name in isolatedNodes { _ = id(name) }
        // An unweighted graph keeps weight 1 on merged edges: duplicates are reported, not turned into weights.
        if !isWeighted { weights = [Double](repeating: 1, count: sources.count) }
        self.init(
            isDirected: isDirected, isWeighted: isWeighted, nodeNames: names, nodeIndex: index, report: report,
            linkTypeNames: typeNames, sources: sources, targets: targets, weights: weights, masks: masks)
    }

    /// Assembles a graph from distinct, loop-free edges.
    init(
        isDirected: Bool, isWeighted: Bool, nodeNames: [String], nodeIndex: [String: Int], report: BuildReport,
        linkTypeNames: [String], sources: [Int], targets: [Int], weights: [Double], masks: [UInt64]
    ) {
        self.isDirected = isDirected
        self.isWeighted = isWeighted
        self.nodeNames = nodeNames
        self.nodeIndex = nodeIndex
        self.report = report
        self.linkTypeNames = linkTypeNames
        edgeSources = sources
        edgeTargets = targets
        edgeWeights = weights
        edgeTypeMasks = masks
        let count = nodeNames.count
        var out: [(from: Int, to: Int, edge: Int)] = []
        out.reserveCapacity(isDirected ? sources.count : 2 * sources.count)
        for edge in sources.indices {
            out.append((sources[edge], targets[edge], edge))
            if !isDirected { out.append((targets[edge], sources[edge], edge)) }
        }
        outgoing = Adjacency(nodeCount: count, entries: out, weights: weights)
        if isDirected {
            incoming = Adjacency(
                nodeCount: count, entries: sources.indices.map { (targets[$0], sources[$0], $0) }, weights: weights)
        } else {
            incoming = outgoing
        }
    }

    /// The subgraph without some nodes. The remaining nodes keep their relative order and get new dense IDs.
    /// - Parameter removed: Node IDs to drop; IDs outside the graph are ignored.
    /// - Returns: The subgraph, and for each of its node IDs the ID the node had in this graph.
    public func removing(_ removed: some Sequence<Int>) -> (graph: Graph, originalIDs: [Int]) {
        var isRemoved = [Bool](repeating: false, count: nodeCount)
        for node in removed where node >= 0 && node < nodeCount { isRemoved[node] = true }
        var newID = [Int](repeating: -1, count: nodeCount)
        var originalIDs: [Int] = []
        for node in 0..<nodeCount where !isRemoved[node] {
            newID[node] = originalIDs.count
            originalIDs.append(node)
        }
        var sources: [Int] = []
        var targets: [Int] = []
        var weights: [Double] = []
        var masks: [UInt64] = []
        for edge in 0..<edgeCount where newID[edgeSources[edge]] >= 0 && newID[edgeTargets[edge]] >= 0 {
            sources.append(newID[edgeSources[edge]])
            targets.append(newID[edgeTargets[edge]])
            weights.append(edgeWeights[edge])
            masks.append(edgeTypeMasks[edge])
        }
        let names = originalIDs.map { nodeNames[$0] }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let graph = Graph(
            isDirected: isDirected, isWeighted: isWeighted, nodeNames: names, nodeIndex: index, report: report,
            linkTypeNames: linkTypeNames, sources: sources, targets: targets, weights: weights, masks: masks)
        return (graph, originalIDs)
    }
}

/// An ordered pair of node IDs, as a dictionary key.
struct PairKey: Hashable {
    var first: Int
    var second: Int
    init(_ first: Int, _ second: Int) {
        self.first = first
        self.second = second
    }
}
