import GRDB
import VigilCore
import VigilStore

/// Inserts a chunk of events and their substance mentions with multi-row statements.
///
/// One `INSERT … VALUES (…), (…) … ON CONFLICT DO NOTHING RETURNING id, source_record_id` per
/// group of events tells which events were new and their row ids; their mentions then go in with
/// multi-row inserts too. Against one statement per row this halves the SQLite work of an import.
enum EventChunkWriter {
    private static let eventColumns =
        "source_system, source_record_id, batch_id, local_date, epoch_seconds, utc_offset_seconds, latitude, "
        + "longitude, region, outcome, naloxone_given, naloxone_doses, source_kind, age_band, sex"
    private static let eventParameterCount: Int32 = 15
    private static let eventsPerStatement = 50
    private static let mentionsPerStatement = 100

    /// Inserts the events that are not stored yet.
    /// - Returns: How many were inserted and how many were already stored.
    static func write(_ events: [OverdoseEvent], batch: ImportBatchID, in db: Database) throws -> (inserted: Int, alreadyStored: Int) {
        var inserted = 0
        var mentions: [(eventRowID: Int64, position: Int, mention: SubstanceMention)] = []
        let fullGroup = try DirectStatement(db, sql: fullInsertEventsSQL)
        for start in stride(from: 0, to: events.count, by: eventsPerStatement) {
            let group = events[start..<min(start + eventsPerStatement, events.count)]
            let statement =
                group.count == eventsPerStatement ? fullGroup : try DirectStatement(db, sql: insertEventsSQL(rows: group.count))
            var positionByRecord: [String: Int] = [:]
            for (offset, event) in zip(group.indices, group) {
                bind(event, batch: batch, to: statement, firstParameter: Int32(offset - start) * eventParameterCount + 1)
                // The first row with an identifier is the one the INSERT keeps.
                if positionByRecord[event.provenance.sourceRecordID] == nil { positionByRecord[event.provenance.sourceRecordID] = offset }
            }
            try statement.forEachRow(db) { row in
                inserted += 1
                guard let index = positionByRecord[row.text(at: 1)] else { return }
                for (position, mention) in events[index].substances.enumerated() {
                    mentions.append((row.int64(at: 0), position, mention))
                }
            }
            if mentions.count >= mentionsPerStatement { try writeMentions(&mentions, in: db) }
        }
        try writeMentions(&mentions, in: db)
        return (inserted, events.count - inserted)
    }

    private static func writeMentions(_ mentions: inout [(eventRowID: Int64, position: Int, mention: SubstanceMention)], in db: Database) throws {
        for start in stride(from: 0, to: mentions.count, by: mentionsPerStatement) {
            let group = mentions[start..<min(start + mentionsPerStatement, mentions.count)]
            let statement = try DirectStatement(
                db, sql: group.count == mentionsPerStatement ? fullInsertMentionsSQL : insertMentionsSQL(rows: group.count))
            var parameter: Int32 = 1
            for item in group {
                statement.bind(item.eventRowID, at: parameter)
                statement.bind(item.position, at: parameter + 1)
                statement.bind(item.mention.substance?.rawValue, at: parameter + 2)
                statement.bind(item.mention.text, at: parameter + 3)
                statement.bind(item.mention.certainty.rawValue, at: parameter + 4)
                parameter += 5
            }
            try statement.run(db)
        }
        mentions.removeAll(keepingCapacity: true)
    }

    private static let fullInsertEventsSQL = insertEventsSQL(rows: eventsPerStatement)
    private static let fullInsertMentionsSQL = insertMentionsSQL(rows: mentionsPerStatement)

    private static func insertMentionsSQL(rows: Int) -> String {
        "INSERT INTO event_substance (event_id, position, substance, mention, certainty) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    private static func insertEventsSQL(rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: Int(eventParameterCount)).joined(separator: ", ") + ")"
        return "INSERT INTO event (\(eventColumns)) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")
            + " ON CONFLICT (source_system, source_record_id) DO NOTHING RETURNING id, source_record_id"
    }

    private static func bind(_ event: OverdoseEvent, batch: ImportBatchID, to statement: DirectStatement, firstParameter p: Int32) {
        let time = event.occurredAt
        statement.bind(event.provenance.sourceSystem.rawValue, at: p)
        statement.bind(event.provenance.sourceRecordID, at: p + 1)
        statement.bind(batch.rawValue, at: p + 2)
        statement.bind(time.localDate.description, at: p + 3)
        statement.bind(time.epochSeconds, at: p + 4)
        statement.bind(time.utcOffsetSeconds, at: p + 5)
        statement.bind(event.location?.latitude, at: p + 6)
        statement.bind(event.location?.longitude, at: p + 7)
        statement.bind(event.region?.rawValue, at: p + 8)
        statement.bind(event.outcome.rawValue, at: p + 9)
        statement.bind(event.naloxone.map { $0 == .notGiven ? 0 : 1 } as Int?, at: p + 10)
        statement.bind(event.naloxone?.doses, at: p + 11)
        statement.bind(event.sourceKind.rawValue, at: p + 12)
        statement.bind(event.ageBand?.rawValue, at: p + 13)
        statement.bind(event.sex?.rawValue, at: p + 14)
    }
}
