/// Disruption analysis: which removals of nodes fragment a network most.
///
/// Nodes are removed in blocks of ``Parameters/blockSize`` (1 = one at a time), highest score first, by degree
/// or betweenness, either recomputed on what remains after each block or ranked once on the whole network.
/// After each block the analysis reports the size of the largest connected component (weak, when directed)
/// and the global efficiency of what remains. This is the design of Cavallaro et al., "Disrupting resilient
/// criminal networks through data analysis: the case of Sicilian Mafia", PLOS ONE 15(8): e0236476 (2020),
/// whose published results the tests reproduce ("sequential" = block size 1, recomputed; "block" = block size
/// 5, recomputed).
public struct Disruption: Sendable {
    /// How nodes are ranked for removal.
    public enum Strategy: String, Hashable, Sendable, Codable, CaseIterable {
        /// By degree (by strength, the sum of weights, when weights are used).
        case degree
        /// By betweenness (weights as lengths, when used).
        case betweenness
    }

    /// Which of several nodes with the same score goes first.
    public enum TieBreak: String, Hashable, Sendable, Codable, CaseIterable {
        /// The node seen first in the edge list (lowest node ID). The default.
        case firstSeen
        /// The node seen last (highest node ID): what Cavallaro et al.'s NetworkX scripts do, since they take
        /// the top of a stable ascending sort from its end.
        case lastSeen
    }

    /// Settings of an analysis.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The ranking. Default `.degree`.
        public var strategy: Strategy
        /// Use weights (strength; betweenness with weights as lengths). Default `false`.
        public var usingWeights: Bool
        /// Nodes removed per step. Default 1.
        public var blockSize: Int
        /// Re-rank what remains after each step (`true`, the default) or rank once on the whole network.
        public var isRecomputed: Bool
        /// The number of steps; fewer are reported when the network runs out of nodes.
        public var steps: Int
        /// Which of several equally scored nodes goes first. Default `.firstSeen`.
        public var tieBreak: TieBreak

        /// Creates parameters with the documented defaults.
        public init(
            strategy: Strategy = .degree, usingWeights: Bool = false, blockSize: Int = 1, isRecomputed: Bool = true,
            steps: Int, tieBreak: TieBreak = .firstSeen
        ) {
            self.strategy = strategy
            self.usingWeights = usingWeights
            self.blockSize = blockSize
            self.isRecomputed = isRecomputed
            self.steps = steps
            self.tieBreak = tieBreak
        }
    }

    /// The state of the network after one step.
    public struct Step: Hashable, Sendable, Codable {
        /// The step number; 0 is the intact network.
        public var index: Int
        /// The node IDs (in the original graph) removed at this step, in removal order.
        public var removed: [Int]
        /// Nodes removed so far, this step included.
        public var removedCount: Int
        /// The size of the largest connected component of what remains.
        public var largestComponentSize: Int
        /// ``largestComponentSize`` over the intact network's; `nil` when the intact network is empty.
        public var largestComponentFraction: Double?
        /// The global efficiency of what remains (see ``Graph/globalEfficiency()``).
        public var globalEfficiency: Double
    }

    /// The settings used.
    public let parameters: Parameters

    /// Checks the parameters.
    /// - Throws: ``NetworkError`` `invalidParameter` for a block size below 1 or a negative number of steps.
    public init(_ parameters: Parameters) throws(NetworkError) {
        guard parameters.blockSize >= 1 else { throw .parameter("block size \(parameters.blockSize) must be at least 1") }
        guard parameters.steps >= 0 else { throw .parameter("steps \(parameters.steps) must not be negative") }
        self.parameters = parameters
    }

    /// Runs the analysis.
    /// - Parameter graph: The intact network.
    /// - Returns: Step 0 (the intact network) and then one step per block removed.
    /// - Complexity: One centrality computation per step when recomputed (O(*n* *m*) for betweenness), plus
    ///   the components and the efficiency (O(*n* *m*)) after each step.
    public func run(on graph: Graph) -> [Step] {
        let initialSize = graph.components().largestSize
        func step(_ index: Int, _ removed: [Int], _ removedCount: Int, _ remaining: Graph) -> Step {
            let size = remaining.components().largestSize
            return Step(
                index: index, removed: removed, removedCount: removedCount, largestComponentSize: size,
                largestComponentFraction: initialSize > 0 ? Double(size) / Double(initialSize) : nil,
                globalEfficiency: remaining.globalEfficiency())
        }
        var steps = [step(0, [], 0, graph)]
        var removedSoFar: [Int] = []
        let ranking = parameters.isRecomputed ? [] : rank(graph)
        var remaining = graph
        var originalIDs = Array(0..<graph.nodeCount)
        var index = 1
        while index <= parameters.steps, remaining.nodeCount > 0 {
            let chosen: [Int]
            if parameters.isRecomputed {
                chosen = rank(remaining).prefix(parameters.blockSize).map { originalIDs[$0] }
            } else {
                chosen = Array(ranking.dropFirst(removedSoFar.count).prefix(parameters.blockSize))
            }
            removedSoFar += chosen
            (remaining, originalIDs) = graph.removing(removedSoFar)
            steps.append(step(index, chosen, removedSoFar.count, remaining))
            index += 1
        }
        return steps
    }

    /// Node IDs of `graph` from the highest score to the lowest, ties broken by ``Parameters/tieBreak``.
    func rank(_ graph: Graph) -> [Int] {
        let scores: [Double]
        switch parameters.strategy {
        case .degree:
            scores = parameters.usingWeights ? graph.strengths() : graph.degrees().map(Double.init)
        case .betweenness:
            scores = graph.betweenness(usingWeights: parameters.usingWeights)
        }
        let lastSeen = parameters.tieBreak == .lastSeen
        return Array(0..<graph.nodeCount).sorted { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : (lastSeen ? a > b : a < b)
        }
    }
}
