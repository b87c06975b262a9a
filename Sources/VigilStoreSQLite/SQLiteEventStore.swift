import Foundation
import GRDB
public import VigilCore
public import VigilStore

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Open it with ``init(path:)`` for a file (created and migrated when missing) or ``inMemory()``
/// for tests. It is safe to share across tasks: GRDB serialises writes and runs reads
/// concurrently with them.
public struct SQLiteEventStore: EventStore {
    let writer: any DatabaseWriter
    /// The file's path, or `:memory:`.
    public let location: String

    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    /// - Throws: ``StoreError`` `cannotOpen` when the file cannot be opened or is not a Vigil
    ///   database, `schemaTooNew` when a newer Vigil wrote it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // A 32 MiB page cache keeps the indexes an import updates in memory (SQLite's default is 2 MiB).
        // In WAL mode, synchronous=NORMAL cannot corrupt the database; a power cut may lose the last
        // transactions, which a re-run of the import restores.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(
                code: .cannotOpen,
                message: "cannot open the database '\(path)': \(Self.reason(error)). Check the path and its permissions.")
        }
        try self.init(writer: pool, name: path)
    }

    /// A fresh, empty database in memory.
    public static func inMemory() throws -> SQLiteEventStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try SQLiteEventStore(writer: DatabaseQueue(configuration: configuration), name: ":memory:")
    }

    private init(writer: any DatabaseWriter, name: String) throws {
        self.writer = writer
        self.location = name
        let migrator = SQLiteSchema.migrator
        do {
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(
                    code: .schemaTooNew,
                    message: "the database '\(name)' was written by a newer version of Vigil; upgrade Vigil to open it")
            }
            try migrator.migrate(writer)
            try writer.write { try Self.createSecondaryIndexes($0) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(
                code: .cannotOpen, message: "cannot use '\(name)' as a Vigil database: \(Self.reason(error))")
        }
    }

    private static func reason(_ error: any Error) -> String {
        (error as? DatabaseError)?.message ?? String(describing: error)
    }

    // MARK: Imports

    public func beginBulkLoad() async throws {
        try await writer.write { db in
            for index in SQLiteSchema.secondaryIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        }
    }

    public func endBulkLoad() async throws {
        try await writer.write { try Self.createSecondaryIndexes($0) }
    }

    private static func createSecondaryIndexes(_ db: Database) throws {
        for index in SQLiteSchema.secondaryIndexes {
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.definition)")
        }
    }

    public func beginImport(_ start: ImportBatchStart) async throws -> ImportBatchID {
        try await writer.write { db in try Self.begin(start, db) }
    }

    public func importAtOnce(_ imports: [(start: ImportBatchStart, chunk: ImportChunk)]) async throws
        -> [(batch: ImportBatchID, result: ImportChunkResult)]
    {
        try await writer.write { db in
            try imports.map { start, chunk in
                let batch = try Self.begin(start, db)
                let result = try Self.write(chunk, to: batch, db)
                let totals = ImportTotals(
                    rowsRead: chunk.rowsRead, inserted: result.inserted, alreadyStored: result.alreadyStored, quarantined: result.quarantined,
                    alreadyQuarantined: result.alreadyQuarantined)
                try Self.finish(batch, status: .completed, totals: totals, db)
                return (batch, result)
            }
        }
    }

    private static func begin(_ start: ImportBatchStart, _ db: Database) throws -> ImportBatchID {
        try db.cachedStatement(
            sql: """
                INSERT INTO import_batch (source_system, origin, mapping, started_at, status)
                VALUES (?, ?, ?, ?, 'running')
                """
        ).execute(
            arguments: [start.sourceSystem.rawValue, start.origin, start.mapping, start.startedAt])
        return ImportBatchID(rawValue: db.lastInsertedRowID)
    }

    public func write(_ chunk: ImportChunk, to batch: ImportBatchID) async throws -> ImportChunkResult {
        try await writer.write { db in try Self.write(chunk, to: batch, db) }
    }

    private static func write(_ chunk: ImportChunk, to batch: ImportBatchID, _ db: Database) throws -> ImportChunkResult {
        var result = ImportChunkResult(inserted: 0, alreadyStored: 0, quarantined: 0, alreadyQuarantined: 0)
        (result.inserted, result.alreadyStored) = try EventChunkWriter.write(chunk.events, batch: batch, in: db)
        let insertRejected = try db.cachedStatement(
            sql: """
                INSERT INTO quarantine (batch_id, source_system, row_key, origin, line, raw_text, issues)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_system, row_key) DO NOTHING
                """)
        for row in chunk.rejected {
            let issues = String(decoding: try JSONEncoder().encode(row.issues), as: UTF8.self)
            try insertRejected.execute(arguments: [
                batch.rawValue, row.sourceSystem.rawValue, row.rowKey, row.origin, row.line, row.rawText, issues,
            ])
            if db.changesCount == 1 { result.quarantined += 1 } else { result.alreadyQuarantined += 1 }
        }
        try db.cachedStatement(
            sql: """
                UPDATE import_batch SET rows_read = rows_read + ?, inserted = inserted + ?,
                    already_stored = already_stored + ?, quarantined = quarantined + ?,
                    already_quarantined = already_quarantined + ?
                WHERE id = ?
                """
        ).execute(
            arguments: [
                chunk.rowsRead, result.inserted, result.alreadyStored, result.quarantined, result.alreadyQuarantined,
                batch.rawValue,
            ])
        guard db.changesCount == 1 else {
            throw StoreError(code: .unknownBatch, message: "import batch \(batch) does not exist in this database")
        }
        return result
    }

    public func finishImport(_ batch: ImportBatchID, status: ImportBatch.Status, totals: ImportTotals) async throws {
        try await writer.write { db in try Self.finish(batch, status: status, totals: totals, db) }
    }

    private static func finish(_ batch: ImportBatchID, status: ImportBatch.Status, totals: ImportTotals, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE import_batch SET status = ?, finished_at = CAST(strftime('%s', 'now') AS INTEGER),
                    rows_read = ?, inserted = ?, already_stored = ?, quarantined = ?, already_quarantined = ?
                WHERE id = ?
                """
        ).execute(
            arguments: [
                status.rawValue, totals.rowsRead, totals.inserted, totals.alreadyStored, totals.quarantined,
                totals.alreadyQuarantined, batch.rawValue,
            ])
        guard db.changesCount == 1 else {
            throw StoreError(code: .unknownBatch, message: "import batch \(batch) does not exist in this database")
        }
    }

    public func fetchImportBatches() async throws -> [ImportBatch] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM import_batch ORDER BY id DESC").map { row in
                guard let source = SourceSystemID(rawValue: row["source_system"]),
                    let status = ImportBatch.Status(rawValue: row["status"])
                else { throw Self.corrupt("import_batch", row["id"]) }
                return ImportBatch(
                    id: ImportBatchID(rawValue: row["id"]),
                    start: ImportBatchStart(
                        sourceSystem: source, origin: row["origin"], mapping: row["mapping"], startedAt: row["started_at"]),
                    status: status, finishedAt: row["finished_at"],
                    totals: ImportTotals(
                        rowsRead: row["rows_read"], inserted: row["inserted"], alreadyStored: row["already_stored"],
                        quarantined: row["quarantined"], alreadyQuarantined: row["already_quarantined"]))
            }
        }
    }

    // MARK: Queries

    public func fetchEvents(_ filter: EventFilter) async throws -> [OverdoseEvent] {
        let (conditions, arguments) = Self.whereClause(filter)
        let limitClause = filter.limit.map { " LIMIT \(max(0, $0))" } ?? ""
        let sql = "SELECT * FROM event e WHERE \(conditions) ORDER BY e.local_date, e.source_system, e.source_record_id"
            + limitClause
        return try await writer.read { db in
            var events: [OverdoseEvent] = []
            var rowIDs: [Int64] = []
            // Cached statements: preparing one runs GRDB's authorizer over every column, which cost
            // more than the query for a page of events.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() {
                events.append(try Self.event(from: row))
                rowIDs.append(row["id"])
            }
            let position = Dictionary(uniqueKeysWithValues: rowIDs.enumerated().map { ($1, $0) })
            for start in stride(from: 0, to: rowIDs.count, by: 500) {
                let ids = rowIDs[start..<min(start + 500, rowIDs.count)]
                let mentions = try Row.fetchCursor(
                    db.cachedStatement(
                        sql: """
                            SELECT event_id, substance, mention, certainty FROM event_substance
                            WHERE event_id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY event_id, position
                            """),
                    arguments: StatementArguments(Array(ids)))
                while let row = try mentions.next() {
                    guard let index = position[row["event_id"]],
                        let certainty = SubstanceMention.Certainty(rawValue: row["certainty"])
                    else { throw Self.corrupt("event_substance", row["event_id"]) }
                    let substance: String? = row["substance"]
                    events[index].substances.append(
                        SubstanceMention(substance: substance.map(SubstanceID.init(rawValue:)), text: row["mention"], certainty: certainty))
                }
            }
            return events
        }
    }

    public func fetchTally(_ dimension: TallyDimension, filter: EventFilter) async throws -> [Tally] {
        let (conditions, arguments) = Self.whereClause(filter)
        let sql: String
        switch dimension {
        case .year:
            sql = "SELECT substr(e.local_date, 1, 4) AS key, COUNT(*) AS n FROM event e WHERE \(conditions) GROUP BY key"
        case .region:
            sql = "SELECT COALESCE(e.region, '') AS key, COUNT(*) AS n FROM event e WHERE \(conditions) GROUP BY key"
        case .outcome:
            sql = "SELECT e.outcome AS key, COUNT(*) AS n FROM event e WHERE \(conditions) GROUP BY key"
        case .sourceSystem:
            sql = "SELECT e.source_system AS key, COUNT(*) AS n FROM event e WHERE \(conditions) GROUP BY key"
        case .substance:
            sql = """
                SELECT COALESCE(s.substance, 'unknown:' || s.mention) AS key, COUNT(DISTINCT e.id) AS n
                FROM event e JOIN event_substance s ON s.event_id = e.id WHERE \(conditions) GROUP BY key
                """
        }
        return try await writer.read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY key", arguments: arguments).map { Tally(key: $0["key"], count: $0["n"]) }
        }
    }

    public func fetchDailyCounts(_ grouping: SeriesGrouping, filter: EventFilter) async throws -> [DailyCount] {
        let (filterConditions, arguments) = Self.whereClause(filter)
        let conditions = filterConditions + " AND e.region IS NOT NULL"
        let sql: String
        switch grouping {
        case .region:
            sql = """
                SELECT e.region AS region, NULL AS subgroup, e.local_date AS day, COUNT(*) AS n
                FROM event e WHERE \(conditions) GROUP BY e.region, e.local_date
                """
        case .regionAndOutcome:
            sql = """
                SELECT e.region AS region, e.outcome AS subgroup, e.local_date AS day, COUNT(*) AS n
                FROM event e WHERE \(conditions) GROUP BY e.region, e.outcome, e.local_date
                """
        case .regionAndSubstance:
            sql = """
                SELECT e.region AS region, s.substance AS subgroup, e.local_date AS day, COUNT(DISTINCT e.id) AS n
                FROM event e JOIN event_substance s ON s.event_id = e.id
                WHERE \(conditions) AND s.substance IS NOT NULL GROUP BY e.region, s.substance, e.local_date
                """
        }
        return try await writer.read { db in
            try Row.fetchAll(db, sql: sql + " ORDER BY region, subgroup, day", arguments: arguments).map { row in
                guard let region = RegionCode(rawValue: row["region"]), let date = CalendarDate(iso: row["day"] as String)
                else { throw Self.corrupt("event", row["region"]) }
                return DailyCount(region: region, subgroup: row["subgroup"], date: date, count: row["n"])
            }
        }
    }

    public func fetchQuarantine(batch: ImportBatchID?) async throws -> [QuarantinedRow] {
        try await writer.read { db in
            let rows: [Row]
            if let batch {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM quarantine WHERE batch_id = ? ORDER BY batch_id, line", arguments: [batch.rawValue])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY batch_id, line")
            }
            return try rows.map { row in
                guard let source = SourceSystemID(rawValue: row["source_system"]),
                    let issues = try? JSONDecoder().decode([RowIssue].self, from: Data((row["issues"] as String).utf8))
                else { throw Self.corrupt("quarantine", row["id"]) }
                return QuarantinedRow(
                    batch: ImportBatchID(rawValue: row["batch_id"]), sourceSystem: source, rowKey: row["row_key"],
                    origin: row["origin"], line: row["line"], rawText: row["raw_text"], issues: issues)
            }
        }
    }

    // MARK: Row mapping

    private static func event(from row: Row) throws -> OverdoseEvent {
        let id: Int64 = row["id"]
        guard let source = SourceSystemID(rawValue: row["source_system"]),
            let date = CalendarDate(iso: row["local_date"] as String),
            let outcome = Outcome(rawValue: row["outcome"]),
            let sourceKind = SourceKind(rawValue: row["source_kind"])
        else { throw corrupt("event", id) }
        let occurredAt: OccurrenceTime
        if let seconds: Int64 = row["epoch_seconds"] {
            occurredAt = .instant(epochSeconds: seconds, utcOffsetSeconds: row["utc_offset_seconds"] ?? 0)
        } else {
            occurredAt = .day(date)
        }
        var location: GeoPoint?
        if let latitude: Double = row["latitude"], let longitude: Double = row["longitude"] {
            location = try? GeoPoint(latitude: latitude, longitude: longitude)
        }
        let regionText: String? = row["region"]
        let region = regionText.flatMap(RegionCode.init(rawValue:))
        guard location != nil || region != nil else { throw corrupt("event", id) }
        var naloxone: Naloxone?
        if let given: Int = row["naloxone_given"] {
            naloxone = given == 0 ? .notGiven : .given(doses: row["naloxone_doses"])
        }
        let ageBand: String? = row["age_band"]
        let sex: String? = row["sex"]
        return OverdoseEvent(
            occurredAt: occurredAt, location: location, region: region, outcome: outcome, naloxone: naloxone,
            substances: [], sourceKind: sourceKind, ageBand: ageBand.flatMap(AgeBand.init(rawValue:)),
            sex: sex.flatMap(Sex.init(rawValue:)),
            provenance: Provenance(
                sourceSystem: source, sourceRecordID: row["source_record_id"],
                importBatch: ImportBatchID(rawValue: row["batch_id"])))
    }

    private static func whereClause(_ filter: EventFilter) -> (String, StatementArguments) {
        var conditions = ["1"]
        var arguments = StatementArguments()
        if let region = filter.region { conditions.append("(" + regionCondition(region, &arguments) + ")") }
        if let from = filter.from {
            conditions.append("e.local_date >= ?")
            arguments += [from.description]
        }
        if let to = filter.to {
            conditions.append("e.local_date <= ?")
            arguments += [to.description]
        }
        if let outcome = filter.outcome {
            conditions.append("e.outcome = ?")
            arguments += [outcome.rawValue]
        }
        if let substance = filter.substance {
            conditions.append("e.id IN (SELECT event_id FROM event_substance WHERE substance = ?)")
            arguments += [substance.rawValue]
        }
        if let jurisdictions = filter.jurisdictions, !jurisdictions.isNational {
            conditions.append("(" + jurisdictions.codes.map { regionCondition($0, &arguments) }.joined(separator: " OR ") + ")")
        }
        if let after = filter.after {
            conditions.append("(e.local_date, e.source_system, e.source_record_id) > (?, ?, ?)")
            arguments += [after.localDate.description, after.sourceSystem.rawValue, after.sourceRecordID]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// Events in a region: a state covers its counties.
    private static func regionCondition(_ region: RegionCode, _ arguments: inout StatementArguments) -> String {
        if region.level == .state {
            arguments += [region.rawValue, region.rawValue]
            return "e.region = ? OR e.region LIKE ? || '___'"
        }
        arguments += [region.rawValue]
        return "e.region = ?"
    }

    private static func corrupt(_ table: String, _ id: (any DatabaseValueConvertible)?) -> StoreError {
        StoreError(
            code: .corruptValue,
            message: "a row of table '\(table)' (id \(id.map { String(describing: $0) } ?? "?")) holds a value this "
                + "version of Vigil cannot read; was the database edited by hand?")
    }
}
