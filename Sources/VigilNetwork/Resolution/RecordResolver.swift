import VigilCore

/// Entity resolution of a table of records, end to end: normalise the fields, select candidate
/// pairs by blocking, estimate a Fellegi–Sunter model (u from random pairs; m by EM in one
/// training session per blocking rule; λ, the chance that two random records match, from the
/// sessions' expected matches), score every candidate pair and cluster the pairs above the threshold.
public struct RecordResolver: Sendable {
    /// How a column's values are normalised before comparison.
    public enum Normalisation: String, Hashable, Sendable, Codable {
        /// Names: case, accents and punctuation set aside.
        case name
        /// Names with their words sorted.
        case nameWordsSorted = "name_words_sorted"
        /// Phone numbers to E.164 (numbers without a country code are dropped).
        case phone
        /// E-mail addresses.
        case email
        /// Trimmed, nothing else.
        case none
    }

    /// The settings of a resolution.
    public struct Settings: Hashable, Sendable, Codable {
        /// How each column is normalised (columns not named: trimmed).
        public var normalisation: [String: Normalisation]
        /// The comparisons.
        public var comparisons: [Comparison]
        /// The blocking rules.
        public var blocking: [BlockingRule]
        /// Pairs at or above this probability join a cluster.
        public var threshold: Double
        /// Random pairs for estimating u.
        public var uSamplePairs: Int
        /// The seed of the random pairs.
        public var seed: UInt64
        /// Columns whose exact agreements are weighted by how rare the value is.
        public var termFrequencyColumns: [String]

        /// Creates settings.
        public init(
            normalisation: [String: Normalisation], comparisons: [Comparison], blocking: [BlockingRule], threshold: Double = 0.9,
            uSamplePairs: Int = 100_000, seed: UInt64 = 42, termFrequencyColumns: [String] = []
        ) {
            self.termFrequencyColumns = termFrequencyColumns
            self.normalisation = normalisation
            self.comparisons = comparisons
            self.blocking = blocking
            self.threshold = threshold
            self.uSamplePairs = uSamplePairs
            self.seed = seed
        }

        private enum CodingKeys: String, CodingKey {
            case normalisation, comparisons, blocking, threshold, uSamplePairs, seed, termFrequencyColumns
        }

        /// Reads settings; only `comparisons` and `blocking` are required.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                normalisation: try container.decodeIfPresent([String: Normalisation].self, forKey: .normalisation) ?? [:],
                comparisons: try container.decode([Comparison].self, forKey: .comparisons),
                blocking: try container.decode([BlockingRule].self, forKey: .blocking),
                threshold: try container.decodeIfPresent(Double.self, forKey: .threshold) ?? 0.9,
                uSamplePairs: try container.decodeIfPresent(Int.self, forKey: .uSamplePairs) ?? 100_000,
                seed: try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 42,
                termFrequencyColumns: try container.decodeIfPresent([String].self, forKey: .termFrequencyColumns) ?? [])
        }
    }

    /// A scored candidate pair.
    public struct Pair: Hashable, Sendable {
        /// The records' positions.
        public var first: Int
        public var second: Int
        /// The comparison levels (`nil` for null).
        public var levels: [Int?]
        /// The match probability.
        public var probability: Double
        /// The term-frequency adjustment included in it (log₂ units).
        public var adjustment: Double
    }

    /// The outcome: the model, the scored pairs and each record's cluster.
    public struct Result: Sendable {
        public var model: FellegiSunterModel
        public var pairs: [Pair]
        public var clusters: [Int]
    }

    /// The settings.
    public let settings: Settings

    /// A resolver.
    /// - Throws: ``NetworkError`` `invalidParameter` when a threshold is outside (0, 1) or there is no
    ///   comparison or blocking rule.
    public init(settings: Settings) throws(NetworkError) {
        guard !settings.comparisons.isEmpty, !settings.blocking.isEmpty else {
            throw NetworkError(code: .invalidParameter, message: "a resolution needs at least one comparison and one blocking rule")
        }
        guard settings.threshold > 0, settings.threshold < 1 else {
            throw NetworkError(code: .invalidParameter, message: "the threshold \(settings.threshold) must be a probability between 0 and 1")
        }
        self.settings = settings
    }

    /// Resolves records given column by column (`values[column][record]`).
    ///
    /// With `sources`, records are linked across sources only (Splink's `link_only`): two records of the same
    /// source are never compared, though they may share an entity through records of another source. u is
    /// still estimated from random pairs of all records, and λ is relative to the pairs across sources.
    /// - Parameter sources: Each record's source, for linkage; `nil` to deduplicate the records.
    /// - Throws: ``NetworkError`` `invalidParameter` when a comparison or blocking rule names a
    ///   column that is not given.
    public func resolve(columns values: [String: [String?]], count: Int, sources: [Int]? = nil) throws(NetworkError) -> Result {
        let needed = Set(settings.comparisons.flatMap { [$0.column] + ($0.swappedWith.map { [$0] } ?? []) } + settings.blocking.flatMap(\.columns))
        if let missing = needed.subtracting(values.keys).sorted().first {
            throw NetworkError(code: .invalidParameter, message: "the settings use column '\(missing)', which the records do not have")
        }
        var normalised: [String: [String?]] = [:]
        for (column, list) in values {
            let method = settings.normalisation[column] ?? .none
            normalised[column] = list.map { $0.flatMap { Self.normalise($0, method) } }
        }
        let comparisonValues = settings.comparisons.map { normalised[$0.column]! }
        let swappedValues = settings.comparisons.map { $0.swappedWith.flatMap { normalised[$0] } }
        func levels(_ a: Int, _ b: Int) -> [Int?] {
            settings.comparisons.indices.map { index in
                settings.comparisons[index].level(
                    comparisonValues[index][a], comparisonValues[index][b], swapped: swappedValues[index].map { ($0[a], $0[b]) })
            }
        }
        var model = FellegiSunterModel(comparisons: settings.comparisons)
        var generator = SplitMix64(seed: settings.seed)
        model.estimateU(records: count, pairs: settings.uSamplePairs, levelsOf: levels, using: &generator)
        // m is trained as Splink trains it: one session per blocking rule on that rule's pairs, with
        // the comparisons of the rule's own columns set aside (they agree by construction), each
        // comparison's m averaged over the sessions that estimated it.
        var estimates = settings.comparisons.map { _ in [[Double]]() }
        var expectedMatches = 0.0
        for rule in settings.blocking {
            let sessionPairs = BlockingRule.candidatePairs([rule], values: normalised, count: count, sources: sources)
            guard !sessionPairs.isEmpty else { continue }
            let setAside = Set(settings.comparisons.indices.filter { rule.columns.contains(settings.comparisons[$0].column) })
            var session = model
            session.lambda = 0.5
            let vectors = sessionPairs.map { pair in
                levels(pair.0, pair.1).enumerated().map { setAside.contains($0.offset) ? nil : $0.element }
            }
            session.expectationMaximisation(vectors)
            for comparison in settings.comparisons.indices where !setAside.contains(comparison) { estimates[comparison].append(session.m[comparison]) }
            expectedMatches = max(expectedMatches, session.lambda * Double(sessionPairs.count))
        }
        for (comparison, list) in estimates.enumerated() where !list.isEmpty {
            model.m[comparison] = list[0].indices.map { level in list.map { $0[level] }.reduce(0, +) / Double(list.count) }
        }
        // λ: the probability that two records drawn at random match.
        var allPairs = Double(count) * Double(count - 1) / 2
        if let sources {
            var perSource: [Int: Double] = [:]
            for source in sources { perSource[source, default: 0] += 1 }
            allPairs -= perSource.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        model.lambda = min(max(expectedMatches / max(allPairs, 1), 1e-9), 0.5)
        let candidates = BlockingRule.candidatePairs(settings.blocking, values: normalised, count: count, sources: sources)
        let vectors = candidates.map { levels($0.0, $0.1) }
        // Term frequencies: each value's share of the records, for the columns that ask for it.
        let adjusted: [(comparison: Int, frequencies: [String: Double])] = settings.comparisons.indices.compactMap { index in
            let column = settings.comparisons[index].column
            guard settings.termFrequencyColumns.contains(column) else { return nil }
            var counts: [String: Double] = [:]
            for value in comparisonValues[index] { if let value { counts[value, default: 0] += 1 } }
            return (index, counts.mapValues { $0 / Double(count) })
        }
        let pairs = zip(candidates, vectors).map { candidate, vector in
            var adjustment = 0.0
            for (index, frequencies) in adjusted where vector[index] == 0 {
                adjustment += model.termFrequencyAdjustment(comparison: index, frequency: frequencies[comparisonValues[index][candidate.0]!] ?? 0)
            }
            return Pair(
                first: candidate.0, second: candidate.1, levels: vector, probability: model.probability(vector, adjustment: adjustment),
                adjustment: adjustment)
        }
        let clusters = RecordClustering.clusters(
            count: count, pairs: pairs.map { ($0.first, $0.second, $0.probability) }, threshold: settings.threshold)
        return Result(model: model, pairs: pairs, clusters: clusters)
    }

    private static func normalise(_ text: String, _ method: Normalisation) -> String? {
        let value: String? =
            switch method {
            case .name: FieldNormalization.name(text)
            case .nameWordsSorted: FieldNormalization.nameWordsSorted(text)
            case .phone: FieldNormalization.phone(text)
            case .email: FieldNormalization.email(text)
            case .none: String(text.trimmingWhitespace())
            }
        return value?.isEmpty == true ? nil : value
    }
}
