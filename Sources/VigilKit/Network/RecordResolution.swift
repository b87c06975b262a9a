public import VigilIngest
public import VigilNetwork

/// Resolves a file of records into entities: the `vigil resolve` use case. Reads the records,
/// takes the settings given or chooses them from the columns, resolves, names the entities (keeping
/// the names of an earlier run) and, with a truth column, measures the result.
public struct RecordResolution: Sendable {
    /// What a resolution produced.
    public struct Outcome: Sendable {
        /// The records read.
        public var table: RecordTableReader.Table
        /// The settings used, and the choices made when Vigil chose them.
        public var settings: RecordResolver.Settings
        public var choices: [String]
        /// The model, scored pairs and clusters.
        public var result: RecordResolver.Result
        /// Each record's entity name.
        public var names: [String]
        /// Precision and recall against the truth column, when one was given.
        public var quality: ResolutionQuality?
    }

    /// A resolution use case.
    public init() {}

    /// Resolves the records of a CSV file.
    /// - Parameters:
    ///   - settings: The settings; `nil` to choose them from the columns (the truth column excluded).
    ///   - threshold: Replaces the settings' threshold.
    ///   - truthColumn: A column holding each record's true entity.
    ///   - previous: Entity names of an earlier run, by record id.
    public func run(
        path: String, idColumn: String, settings: RecordResolver.Settings?, threshold: Double? = nil, truthColumn: String? = nil,
        previous: [String: String] = [:]
    ) throws -> Outcome {
        let table = try RecordTableReader.read(path: path, idColumn: idColumn)
        var chosen: RecordResolver.Settings
        var choices: [String] = []
        if let settings {
            chosen = settings
        } else {
            (chosen, choices) = try RecordResolver.Settings.guess(columns: table.columns.filter { $0 != truthColumn }, values: table.values)
        }
        if let threshold { chosen.threshold = threshold }
        let result = try RecordResolver(settings: chosen).resolve(columns: table.values, count: table.ids.count)
        let names = StableClusterNames.assign(clusters: result.clusters, ids: table.ids, previous: previous)
        let quality = truthColumn.flatMap { table.values[$0] }.map { ResolutionQuality(clusters: names, truth: $0) }
        return Outcome(table: table, settings: chosen, choices: choices, result: result, names: names, quality: quality)
    }
}
