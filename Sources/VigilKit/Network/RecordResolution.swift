public import VigilIngest
public import VigilNetwork

/// Resolves a file of records into entities: the `vigil resolve` use case. Reads the records,
/// takes the settings given or chooses them from the columns, resolves, names the entities (keeping
/// the names of an earlier run) and, with a truth column, measures the result.
public struct RecordResolution: Sendable {
    /// What a resolution produced.
    public struct Outcome: Sendable {
        /// The records read (with `link`, those of both files, the first file's first).
        public var table: RecordTableReader.Table
        /// With `link`, each record's file: `records` or `link`.
        public var sources: [String]?
        /// The settings used, and the choices made when Vigil chose them.
        public var settings: RecordResolver.Settings
        public var choices: [String]
        /// The model, scored pairs and clusters.
        public var result: RecordResolver.Result
        /// Each record's entity name.
        public var names: [String]

        /// The key of each record in ``names`` and in an earlier run's names: its id, prefixed by its source and
        /// a colon when two files are linked (ids need only be unique within a file).
        public var keys: [String] {
            guard let sources else { return table.ids }
            return zip(sources, table.ids).map { "\($0):\($1)" }
        }
        /// Precision and recall against the truth column, when one was given.
        public var quality: ResolutionQuality?
    }

    /// A resolution use case.
    public init() {}

    /// Resolves the records of a CSV file, or links them to those of a second.
    /// - Parameters:
    ///   - link: A second file whose records are linked to the first's: records are compared across the files
    ///     only (see ``RecordResolver/resolve(columns:count:sources:)``). A column missing from one file is
    ///     blank in its records.
    ///   - settings: The settings; `nil` to choose them from the columns (the truth column excluded).
    ///   - threshold: Replaces the settings' threshold.
    ///   - truthColumn: A column holding each record's true entity.
    ///   - previous: Entity names of an earlier run, by record id.
    public func run(
        path: String, link: String? = nil, idColumn: String, settings: RecordResolver.Settings?, threshold: Double? = nil,
        truthColumn: String? = nil, previous: [String: String] = [:]
    ) throws -> Outcome {
        var table = try RecordTableReader.read(path: path, idColumn: idColumn)
        var sources: [String]?
        if let link {
            let linked = try RecordTableReader.read(path: link, idColumn: idColumn)
            sources = Array(repeating: "records", count: table.ids.count) + Array(repeating: "link", count: linked.ids.count)
            table = table.appending(linked)
        }
        var chosen: RecordResolver.Settings
        var choices: [String] = []
        if let settings {
            chosen = settings
        } else {
            (chosen, choices) = try RecordResolver.Settings.guess(columns: table.columns.filter { $0 != truthColumn }, values: table.values)
        }
        if let threshold { chosen.threshold = threshold }
        let result = try RecordResolver(settings: chosen).resolve(
            columns: table.values, count: table.ids.count, sources: sources?.map { $0 == "link" ? 1 : 0 })
        var outcome = Outcome(table: table, sources: sources, settings: chosen, choices: choices, result: result, names: [], quality: nil)
        outcome.names = StableClusterNames.assign(clusters: result.clusters, ids: outcome.keys, previous: previous)
        outcome.quality = truthColumn.flatMap { table.values[$0] }.map { ResolutionQuality(clusters: outcome.names, truth: $0) }
        return outcome
    }
}
