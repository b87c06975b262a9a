import Foundation
import Logging
import PostgresNIO
import Synchronization
public import VigilCore
public import VigilStore

extension PostgresStore: EventStore {
    // MARK: Imports

    public func beginImport(_ start: ImportBatchStart) async throws -> ImportBatchID {
        try await client.withConnection { try await Self.begin(start, on: $0, logger: self.logger) }
    }

    public func importAtOnce(_ imports: [(start: ImportBatchStart, chunk: ImportChunk)]) async throws
        -> [(batch: ImportBatchID, result: ImportChunkResult)]
    {
        try await ensurePartitions(for: imports.flatMap { $0.chunk.events })
        return try await transaction { connection in
            var results: [(batch: ImportBatchID, result: ImportChunkResult)] = []
            for (start, chunk) in imports {
                let batch = try await Self.begin(start, on: connection, logger: self.logger)
                let result = try await self.write(chunk, to: batch, on: connection)
                let totals = ImportTotals(
                    rowsRead: chunk.rowsRead, inserted: result.inserted, alreadyStored: result.alreadyStored,
                    quarantined: result.quarantined, alreadyQuarantined: result.alreadyQuarantined)
                try await Self.finish(batch, status: .completed, totals: totals, on: connection, logger: self.logger)
                results.append((batch, result))
            }
            return results
        }
    }

    public func write(_ chunk: ImportChunk, to batch: ImportBatchID) async throws -> ImportChunkResult {
        try await ensurePartitions(for: chunk.events)
        return try await transaction { connection in try await self.write(chunk, to: batch, on: connection) }
    }

    /// PostgreSQL keeps its indexes during bulk loads: the events go through `COPY` into a staging
    /// table and then into the month partitions in one set-based statement per chunk.
    public func beginBulkLoad() async throws {}

    public func endBulkLoad() async throws {}

    public func finishImport(_ batch: ImportBatchID, status: ImportBatch.Status, totals: ImportTotals) async throws {
        try await client.withConnection { try await Self.finish(batch, status: status, totals: totals, on: $0, logger: self.logger) }
    }

    public func fetchImportBatches() async throws -> [ImportBatch] {
        let rows = try await client.query(
            """
            SELECT id, source_system, origin, mapping, started_at, finished_at, status, rows_read, inserted, already_stored,
                quarantined, already_quarantined
            FROM import_batch ORDER BY id DESC
            """, logger: logger)
        var batches: [ImportBatch] = []
        for try await row in rows.decode((Int64, String, String, String, Int64, Int64?, String, Int, Int, Int, Int, Int).self) {
            guard let source = SourceSystemID(rawValue: row.1), let status = ImportBatch.Status(rawValue: row.6) else {
                throw Self.corrupt("import_batch", row.0)
            }
            batches.append(
                ImportBatch(
                    id: ImportBatchID(rawValue: row.0),
                    start: ImportBatchStart(sourceSystem: source, origin: row.2, mapping: row.3, startedAt: row.4), status: status,
                    finishedAt: row.5,
                    totals: ImportTotals(rowsRead: row.7, inserted: row.8, alreadyStored: row.9, quarantined: row.10, alreadyQuarantined: row.11)))
        }
        return batches
    }

    private static func begin(_ start: ImportBatchStart, on connection: PostgresConnection, logger: Logger) async throws -> ImportBatchID {
        let rows = try await connection.query(
            """
            INSERT INTO import_batch (source_system, origin, mapping, started_at, status)
            VALUES (\(start.sourceSystem.rawValue), \(start.origin), \(start.mapping), \(start.startedAt), 'running') RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return ImportBatchID(rawValue: id) }
        throw StoreError(code: .cannotOpen, message: "the database returned no id for a new import batch")
    }

    private static func finish(
        _ batch: ImportBatchID, status: ImportBatch.Status, totals: ImportTotals, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            UPDATE import_batch SET status = \(status.rawValue), finished_at = EXTRACT(EPOCH FROM now())::BIGINT,
                rows_read = \(totals.rowsRead), inserted = \(totals.inserted), already_stored = \(totals.alreadyStored),
                quarantined = \(totals.quarantined), already_quarantined = \(totals.alreadyQuarantined)
            WHERE id = \(batch.rawValue) RETURNING id
            """, logger: logger)
        for try await _ in rows { return }
        throw StoreError(code: .unknownBatch, message: "import batch \(batch) does not exist in this database")
    }

    /// Stores a chunk on a connection inside a transaction: events and their substance mentions
    /// through `COPY` into per-connection staging tables, then into the store in set-based statements
    /// that skip identities already stored (and repeats within the chunk, keeping the first).
    private func write(_ chunk: ImportChunk, to batch: ImportBatchID, on connection: PostgresConnection) async throws -> ImportChunkResult {
        try await Self.prepareStagingTables(on: connection, logger: logger)
        var events = CopyText()
        var mentions = CopyText()
        for (ordinal, event) in chunk.events.enumerated() {
            let time = event.occurredAt
            events.field(ordinal)
            events.field(event.provenance.sourceSystem.rawValue)
            events.field(event.provenance.sourceRecordID)
            events.field(time.localDate.description)
            events.field(time.epochSeconds)
            events.field(time.utcOffsetSeconds)
            events.field(event.location?.latitude)
            events.field(event.location?.longitude)
            events.field(event.region?.rawValue)
            events.field(event.outcome.rawValue)
            events.field(event.naloxone.map { $0 != .notGiven })
            events.field(event.naloxone?.doses)
            events.field(event.sourceKind.rawValue)
            events.field(event.ageBand?.rawValue)
            events.field(event.sex?.rawValue)
            events.endRow()
            for (position, mention) in event.substances.enumerated() {
                mentions.field(ordinal)
                mentions.field(position)
                mentions.field(mention.substance?.rawValue)
                mentions.field(mention.text)
                mentions.field(mention.certainty.rawValue)
                mentions.endRow()
            }
        }
        var result = ImportChunkResult(inserted: 0, alreadyStored: 0, quarantined: 0, alreadyQuarantined: 0)
        if !chunk.events.isEmpty {
            try await connection.copy(events.buffer, into: "vigil_event_input", logger: logger)
            if mentions.buffer.readableBytes > 0 {
                try await connection.copy(mentions.buffer, into: "vigil_mention_input", logger: logger)
            }
            let rows = try await connection.query(
                """
                WITH input AS (
                    SELECT DISTINCT ON (source_system, source_record_id) * FROM vigil_event_input
                    ORDER BY source_system, source_record_id, ordinal
                ), fresh AS (
                    INSERT INTO event_key (source_system, source_record_id)
                    SELECT source_system, source_record_id FROM input ORDER BY ordinal
                    ON CONFLICT (source_system, source_record_id) DO NOTHING
                    RETURNING id, source_system, source_record_id
                ), stored AS (
                    INSERT INTO event (id, source_system, source_record_id, batch_id, local_date, epoch_seconds, utc_offset_seconds,
                        latitude, longitude, region, outcome, naloxone_given, naloxone_doses, source_kind, age_band, sex)
                    SELECT f.id, i.source_system, i.source_record_id, \(batch.rawValue), i.local_date, i.epoch_seconds,
                        i.utc_offset_seconds, i.latitude, i.longitude, i.region, i.outcome, i.naloxone_given, i.naloxone_doses,
                        i.source_kind, i.age_band, i.sex
                    FROM fresh f JOIN input i USING (source_system, source_record_id)
                    ORDER BY i.local_date
                    RETURNING id
                ), counted AS (
                    INSERT INTO event_daily (region, local_date, fatal, nonfatal, unknown)
                    SELECT i.region, i.local_date, COUNT(*) FILTER (WHERE i.outcome = 'fatal'),
                        COUNT(*) FILTER (WHERE i.outcome = 'nonfatal'), COUNT(*) FILTER (WHERE i.outcome = 'unknown')
                    FROM fresh f JOIN input i USING (source_system, source_record_id) WHERE i.region IS NOT NULL
                    GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (region, local_date) DO UPDATE SET fatal = event_daily.fatal + EXCLUDED.fatal,
                        nonfatal = event_daily.nonfatal + EXCLUDED.nonfatal, unknown = event_daily.unknown + EXCLUDED.unknown
                    RETURNING 1
                ), mentions AS (
                    INSERT INTO event_substance (event_id, position, substance, mention, certainty)
                    SELECT f.id, m.position, m.substance, m.mention, m.certainty
                    FROM fresh f JOIN input i USING (source_system, source_record_id) JOIN vigil_mention_input m ON m.ordinal = i.ordinal
                    RETURNING 1
                )
                SELECT (SELECT COUNT(*) FROM stored), (SELECT COUNT(*) FROM mentions) + (SELECT COUNT(*) FROM counted)
                """, logger: logger)
            for try await (inserted, _) in rows.decode((Int, Int).self) { result.inserted = inserted }
            result.alreadyStored = chunk.events.count - result.inserted
        }
        if !chunk.rejected.isEmpty {
            var rejected = CopyText()
            for row in chunk.rejected {
                rejected.field(row.sourceSystem.rawValue)
                rejected.field(row.rowKey)
                rejected.field(row.origin)
                rejected.field(row.line)
                rejected.field(row.rawText)
                rejected.field(String(decoding: try JSONEncoder().encode(row.issues), as: UTF8.self))
                rejected.endRow()
            }
            try await connection.copy(rejected.buffer, into: "vigil_quarantine_input", logger: logger)
            let rows = try await connection.query(
                """
                WITH added AS (
                    INSERT INTO quarantine (batch_id, source_system, row_key, origin, line, raw_text, issues)
                    SELECT \(batch.rawValue), source_system, row_key, origin, line, raw_text, issues FROM vigil_quarantine_input
                    ON CONFLICT (source_system, row_key) DO NOTHING RETURNING 1
                )
                SELECT COUNT(*) FROM added
                """, logger: logger)
            for try await added in rows.decode(Int.self) { result.quarantined = added }
            result.alreadyQuarantined = chunk.rejected.count - result.quarantined
        }
        let updated = try await connection.query(
            """
            UPDATE import_batch SET rows_read = rows_read + \(chunk.rowsRead), inserted = inserted + \(result.inserted),
                already_stored = already_stored + \(result.alreadyStored), quarantined = quarantined + \(result.quarantined),
                already_quarantined = already_quarantined + \(result.alreadyQuarantined)
            WHERE id = \(batch.rawValue) RETURNING id
            """, logger: logger)
        for try await _ in updated { return result }
        throw StoreError(code: .unknownBatch, message: "import batch \(batch) does not exist in this database")
    }

    /// The staging tables `COPY` fills: temporary, one set per connection, created when missing and
    /// emptied before each chunk (several imports can share one transaction).
    private static func prepareStagingTables(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS vigil_event_input (
                ordinal INTEGER, source_system TEXT COLLATE "C", source_record_id TEXT COLLATE "C", local_date DATE, epoch_seconds BIGINT,
                utc_offset_seconds INTEGER, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, region TEXT COLLATE "C",
                outcome TEXT COLLATE "C",
                naloxone_given BOOLEAN, naloxone_doses INTEGER, source_kind TEXT, age_band TEXT, sex TEXT
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS vigil_mention_input (
                ordinal INTEGER, position INTEGER, substance TEXT COLLATE "C", mention TEXT COLLATE "C", certainty TEXT
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        try await connection.query(
            """
            CREATE TEMP TABLE IF NOT EXISTS vigil_quarantine_input (
                source_system TEXT COLLATE "C", row_key TEXT COLLATE "C", origin TEXT, line BIGINT, raw_text TEXT, issues TEXT
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        try await connection.query("TRUNCATE vigil_event_input, vigil_mention_input, vigil_quarantine_input", logger: logger)
    }

    // MARK: Queries

    public func fetchEvents(_ filter: EventFilter) async throws -> [OverdoseEvent] {
        let sql = EventSQL(filter)
        let limit = filter.limit.map { " LIMIT \(max(0, $0))" } ?? ""
        let query = sql.query(
            """
            SELECT e.id, e.source_system, e.source_record_id, e.batch_id, e.local_date::TEXT, e.epoch_seconds, e.utc_offset_seconds,
                e.latitude, e.longitude, e.region, e.outcome, e.naloxone_given, e.naloxone_doses, e.source_kind, e.age_band, e.sex
            FROM event e WHERE \(sql.conditions) ORDER BY e.local_date, e.source_system, e.source_record_id\(limit)
            """)
        var events: [OverdoseEvent] = []
        var ids: [Int64] = []
        let rows = try await client.query(query, logger: logger)
        for try await row in rows.decode(
            (Int64, String, String, Int64, String, Int64?, Int?, Double?, Double?, String?, String, Bool?, Int?, String, String?, String?).self)
        {
            guard let source = SourceSystemID(rawValue: row.1), let date = CalendarDate(iso: row.4), let outcome = Outcome(rawValue: row.10),
                let sourceKind = SourceKind(rawValue: row.13)
            else { throw Self.corrupt("event", row.0) }
            let location = row.7.flatMap { latitude in row.8.flatMap { try? GeoPoint(latitude: latitude, longitude: $0) } }
            let region = row.9.flatMap(RegionCode.init(rawValue:))
            guard location != nil || region != nil else { throw Self.corrupt("event", row.0) }
            events.append(
                OverdoseEvent(
                    occurredAt: row.5.map { .instant(epochSeconds: $0, utcOffsetSeconds: row.6 ?? 0) } ?? .day(date), location: location,
                    region: region, outcome: outcome, naloxone: row.11.map { $0 ? .given(doses: row.12) : .notGiven }, substances: [],
                    sourceKind: sourceKind, ageBand: row.14.flatMap(AgeBand.init(rawValue:)), sex: row.15.flatMap(Sex.init(rawValue:)),
                    provenance: Provenance(sourceSystem: source, sourceRecordID: row.2, importBatch: ImportBatchID(rawValue: row.3))))
            ids.append(row.0)
        }
        guard !ids.isEmpty else { return events }
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let mentions = try await client.query(
            "SELECT event_id, substance, mention, certainty FROM event_substance WHERE event_id = ANY(\(ids)) ORDER BY event_id, position",
            logger: logger)
        for try await (id, substance, text, certaintyText) in mentions.decode((Int64, String?, String, String).self) {
            guard let index = position[id], let certainty = SubstanceMention.Certainty(rawValue: certaintyText) else {
                throw Self.corrupt("event_substance", id)
            }
            events[index].substances.append(SubstanceMention(substance: substance.map(SubstanceID.init(rawValue:)), text: text, certainty: certainty))
        }
        return events
    }

    public func fetchTally(_ dimension: TallyDimension, filter: EventFilter) async throws -> [Tally] {
        let sql = EventSQL(filter)
        let select: String
        switch dimension {
        case .year: select = "SELECT to_char(e.local_date, 'YYYY') AS key, COUNT(*) AS n FROM event e WHERE \(sql.conditions) GROUP BY key"
        case .region: select = "SELECT COALESCE(e.region, '') AS key, COUNT(*) AS n FROM event e WHERE \(sql.conditions) GROUP BY key"
        case .outcome: select = "SELECT e.outcome AS key, COUNT(*) AS n FROM event e WHERE \(sql.conditions) GROUP BY key"
        case .sourceSystem: select = "SELECT e.source_system AS key, COUNT(*) AS n FROM event e WHERE \(sql.conditions) GROUP BY key"
        case .substance:
            select = """
                SELECT COALESCE(s.substance, 'unknown:' || s.mention) AS key, COUNT(DISTINCT e.id) AS n
                FROM event e JOIN event_substance s ON s.event_id = e.id WHERE \(sql.conditions) GROUP BY key
                """
        }
        let rows = try await client.query(sql.query(select + " ORDER BY key"), logger: logger)
        var tallies: [Tally] = []
        for try await (key, count) in rows.decode((String, Int).self) { tallies.append(Tally(key: key, count: count)) }
        return tallies
    }

    public func fetchDailyCounts(_ grouping: SeriesGrouping, filter: EventFilter) async throws -> [DailyCount] {
        if grouping != .regionAndSubstance, filter.substance == nil, filter.after == nil { return try await dailyCounts(grouping, filter) }
        let sql = EventSQL(filter)
        let conditions = sql.conditions + " AND e.region IS NOT NULL"
        let select: String
        switch grouping {
        case .region:
            select = """
                SELECT e.region, NULL::TEXT AS subgroup, e.local_date - DATE '1970-01-01' AS day, COUNT(*) AS n FROM event e WHERE \(conditions)
                GROUP BY e.region, e.local_date
                """
        case .regionAndOutcome:
            select = """
                SELECT e.region, e.outcome AS subgroup, e.local_date - DATE '1970-01-01' AS day, COUNT(*) AS n FROM event e WHERE \(conditions)
                GROUP BY e.region, e.outcome, e.local_date
                """
        case .regionAndSubstance:
            select = """
                SELECT e.region, s.substance AS subgroup, e.local_date - DATE '1970-01-01' AS day, COUNT(DISTINCT e.id) AS n
                FROM event e JOIN event_substance s ON s.event_id = e.id
                WHERE \(conditions) AND s.substance IS NOT NULL GROUP BY e.region, s.substance, e.local_date
                """
        }
        return try await dailyCounts(sql.query(
            """
            SELECT region, subgroup, array_agg(day), array_agg(n) FROM (\(select)) AS g
            GROUP BY region, subgroup ORDER BY region, subgroup COLLATE "C"
            """))
    }

    /// Daily counts by region (and outcome) from the daily counts table, without reading the events:
    /// its region and date columns bear the events' names, and each outcome has a column. Each
    /// series comes as one row holding its days and counts as two arrays, which streams several
    /// times faster than a row per region-day.
    private func dailyCounts(_ grouping: SeriesGrouping, _ filter: EventFilter) async throws -> [DailyCount] {
        var byPlaceAndTime = filter
        byPlaceAndTime.outcome = nil
        let sql = EventSQL(byPlaceAndTime)
        let outcomes = filter.outcome.map { [$0] } ?? Outcome.allCases
        let query: String
        if grouping == .region {
            let total = outcomes.map { "e.\($0.rawValue)" }.joined(separator: " + ")
            query = """
                SELECT e.region, NULL::TEXT, array_agg(e.local_date - DATE '1970-01-01'), array_agg(\(total))
                FROM event_daily e WHERE \(sql.conditions) AND \(total) > 0 GROUP BY e.region ORDER BY e.region
                """
        } else {
            let values = outcomes.map { "('\($0.rawValue)', e.\($0.rawValue))" }.joined(separator: ", ")
            query = """
                SELECT e.region, o.outcome, array_agg(e.local_date - DATE '1970-01-01'), array_agg(o.events)
                FROM event_daily e CROSS JOIN LATERAL (VALUES \(values)) AS o (outcome, events)
                WHERE \(sql.conditions) AND o.events > 0 GROUP BY e.region, o.outcome ORDER BY e.region, o.outcome COLLATE "C"
                """
        }
        return try await dailyCounts(sql.query(query))
    }

    /// Daily counts from rows of region, subgroup, and the series' days (since 1970-01-01) and
    /// counts as two arrays in the same order.
    private func dailyCounts(_ query: PostgresQuery) async throws -> [DailyCount] {
        let rows = try await client.query(query, logger: logger)
        var counts: [DailyCount] = []
        for try await (regionText, subgroup, days, totals) in rows.decode((String, String?, [Int32], [Int64]).self) {
            guard let region = RegionCode(rawValue: regionText), days.count == totals.count else { throw Self.corrupt("event_daily", regionText) }
            // The arrays are aggregated in whatever order the rows came (both in the same order); a
            // series is put in date order here, which costs less than ordering inside the aggregate.
            var series = Array(zip(days, totals))
            if !zip(series, series.dropFirst()).allSatisfy({ $0.0 < $1.0 }) { series.sort { $0.0 < $1.0 } }
            for (day, total) in series {
                guard CalendarDate.dayNumbers.contains(Int(day)) else { throw Self.corrupt("event_daily", regionText) }
                counts.append(DailyCount(region: region, subgroup: subgroup, date: CalendarDate(dayNumber: Int(day)), count: Int(total)))
            }
        }
        return counts
    }

    public func fetchQuarantine(batch: ImportBatchID?) async throws -> [QuarantinedRow] {
        let rows = try await client.query(
            """
            SELECT id, batch_id, source_system, row_key, origin, line, raw_text, issues FROM quarantine
            WHERE \(batch?.rawValue)::BIGINT IS NULL OR batch_id = \(batch?.rawValue) ORDER BY batch_id, line
            """, logger: logger)
        var quarantined: [QuarantinedRow] = []
        for try await row in rows.decode((Int64, Int64, String, String, String, Int, String, String).self) {
            guard let source = SourceSystemID(rawValue: row.2), let issues = try? JSONDecoder().decode([RowIssue].self, from: Data(row.7.utf8))
            else { throw Self.corrupt("quarantine", row.0) }
            quarantined.append(
                QuarantinedRow(
                    batch: ImportBatchID(rawValue: row.1), sourceSystem: source, rowKey: row.3, origin: row.4, line: row.5, rawText: row.6,
                    issues: issues))
        }
        return quarantined
    }

    // MARK: Partitions

    /// Creates the month partitions the events need that are not known to exist, each in its own
    /// short transaction (creating a partition locks the parent table), serialised between servers
    /// by an advisory lock.
    func ensurePartitions(for events: [OverdoseEvent]) async throws {
        try await ensurePartitions(for: events.map(\.occurredAt.localDate))
    }

    /// Creates the month partitions these days need that are not known to exist.
    func ensurePartitions(for days: some Sequence<CalendarDate>) async throws {
        let known = partitions.withLock { $0 }
        let months = Set(days.map { MonthPartition(containing: $0).index }).subtracting(known)
        for month in months.sorted() { try await createPartition(MonthPartition(index: month)) }
    }

    /// Creates one month's partition if it does not exist.
    func createPartition(_ month: MonthPartition) async throws {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))", logger: self.logger)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE IF NOT EXISTS \(month.tableName) PARTITION OF event
                        FOR VALUES FROM ('\(month.first)') TO ('\(month.next)')
                        """), logger: self.logger)
        }
        _ = partitions.withLock { $0.insert(month.index) }
    }

    static func corrupt(_ table: String, _ id: some CustomStringConvertible) -> StoreError {
        StoreError(
            code: .corruptValue,
            message: "a row of table '\(table)' (id \(id)) holds a value this version of Vigil cannot read; was the database edited by hand?")
    }
}

/// One month of the event table: the partition's name and bounds, built from numbers only.
struct MonthPartition: Hashable {
    /// Months since year 0 (year × 12 + month − 1).
    var index: Int

    init(containing date: CalendarDate) { index = date.year * 12 + date.month - 1 }

    init(index: Int) { self.index = index }

    var year: Int { index / 12 }
    var month: Int { index % 12 + 1 }
    /// `event_yYYYYmMM`.
    var tableName: String { "event_y" + Self.digits(year, 4) + "m" + Self.digits(month, 2) }
    /// The first day, `YYYY-MM-01`.
    var first: String { Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-01" }
    /// The first day of the next month.
    var next: String { MonthPartition(index: index + 1).first }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
