/// Moving a whole store between backends (`vigil db copy`): every table of the logical schema
/// read out and written in, row by row, as canonical text.
///
/// Values are text in one canonical form whatever the backend: integers in decimal, reals as
/// Swift prints a `Double` (the shortest text that reads back to the same value), booleans `1`
/// or `0`, dates `YYYY-MM-DD`, `nil` for NULL. Rows come out in primary-key order, so that two
/// stores with the same content give the same rows and the same checksums.
public protocol StoreTransfer: Sendable {
    /// Calls `receive` with the rows of a table, in primary-key order, a few thousand at a time.
    func exportRows(of table: TransferTable, _ receive: ([[String?]]) async throws -> Void) async throws

    /// Writes rows into a table as they are (identifiers included), in one transaction per call.
    func importRows(_ rows: [[String?]], into table: TransferTable) async throws

    /// After every table is written: rebuilds what the backend derives from the rows (PostgreSQL's
    /// identity table, daily counts and id sequences).
    func finishImport() async throws
}

/// A table of the logical schema and its columns, in the order rows carry them.
public struct TransferTable: Hashable, Sendable {
    /// How a column's values are written.
    public enum Kind: Hashable, Sendable {
        case integer, real, text, boolean, date
    }

    /// The table's name (the same in every backend).
    public var name: String
    /// The columns, primary key first.
    public var columns: [(name: String, kind: Kind)]
    /// How many leading columns form the primary key.
    public var keyLength: Int

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The column names joined with `, ` for SQL.
    public var columnList: String { columns.map(\.name).joined(separator: ", ") }

    /// The primary-key columns joined with `, ` for `ORDER BY`.
    public var keyList: String { columns.prefix(keyLength).map(\.name).joined(separator: ", ") }

    /// Every table, in an order that satisfies the references between them.
    public static let all: [TransferTable] = [
        TransferTable(name: "import_batch", columns: [
            ("id", .integer), ("source_system", .text), ("origin", .text), ("mapping", .text), ("started_at", .integer),
            ("finished_at", .integer), ("status", .text), ("rows_read", .integer), ("inserted", .integer), ("already_stored", .integer),
            ("quarantined", .integer), ("already_quarantined", .integer),
        ], keyLength: 1),
        TransferTable(name: "event", columns: [
            ("id", .integer), ("source_system", .text), ("source_record_id", .text), ("batch_id", .integer), ("local_date", .date),
            ("epoch_seconds", .integer), ("utc_offset_seconds", .integer), ("latitude", .real), ("longitude", .real), ("region", .text),
            ("outcome", .text), ("naloxone_given", .boolean), ("naloxone_doses", .integer), ("source_kind", .text), ("age_band", .text),
            ("sex", .text),
        ], keyLength: 1),
        TransferTable(name: "event_substance", columns: [
            ("event_id", .integer), ("position", .integer), ("substance", .text), ("mention", .text), ("certainty", .text),
        ], keyLength: 2),
        TransferTable(name: "quarantine", columns: [
            ("id", .integer), ("batch_id", .integer), ("source_system", .text), ("row_key", .text), ("origin", .text), ("line", .integer),
            ("raw_text", .text), ("issues", .text),
        ], keyLength: 1),
        TransferTable(name: "alert", columns: [
            ("id", .integer), ("kind", .text), ("method", .text), ("series", .text), ("region", .text), ("subgroup", .text),
            ("interval", .text), ("first_period", .text), ("last_period", .text), ("observed", .integer), ("expected", .real),
            ("upper_bound", .real), ("score", .real), ("p_value", .real), ("latest_severity", .text), ("severity", .text),
            ("status", .text), ("note", .text), ("created_at", .integer), ("updated_at", .integer), ("evidence", .text),
        ], keyLength: 1),
        TransferTable(name: "api_token", columns: [
            ("id", .text), ("name", .text), ("role", .text), ("jurisdictions", .text), ("secret_hash", .text), ("created_at", .integer),
            ("revoked_at", .integer),
        ], keyLength: 1),
        TransferTable(name: "audit_log", columns: [
            ("sequence", .integer), ("at", .integer), ("token_id", .text), ("role", .text), ("action", .text), ("detail", .text),
            ("status", .integer),
        ], keyLength: 1),
        TransferTable(name: "webhook_subscription", columns: [
            ("id", .integer), ("url", .text), ("secret", .text), ("jurisdictions", .text), ("minimum_severity", .text),
            ("created_at", .integer),
        ], keyLength: 1),
        TransferTable(name: "webhook_delivery", columns: [
            ("id", .integer), ("subscription_id", .integer), ("alert_id", .integer), ("idempotency_key", .text), ("payload", .text),
            ("attempts", .integer), ("next_attempt_at", .integer), ("state", .text), ("last_error", .text),
        ], keyLength: 1),
        TransferTable(name: "screening_run", columns: [
            ("id", .integer), ("origin", .text), ("watchlist_version", .text), ("parameters", .text), ("started_by", .text),
            ("started_at", .integer), ("lines_screened", .integer), ("lines_flagged", .integer),
        ], keyLength: 1),
        TransferTable(name: "screening_line", columns: [
            ("run_id", .integer), ("position", .integer), ("file_line", .integer), ("shipment_id", .text), ("line_number", .integer),
            ("description", .text), ("consignee", .text), ("risk", .real), ("matched_id", .text), ("match_rule", .text),
            ("confidence", .real), ("reasons", .text), ("decision", .text), ("decided_by", .text), ("decided_at", .integer), ("note", .text),
        ], keyLength: 2),
        TransferTable(name: "screening_consignee", columns: [("name", .text)], keyLength: 1),
        TransferTable(name: "entity", columns: [
            ("id", .text), ("schema", .text), ("name", .text), ("properties", .text), ("source", .text), ("record", .text),
        ], keyLength: 1),
        TransferTable(name: "link", columns: [
            ("id", .text), ("kind", .text), ("source_id", .text), ("target_id", .text), ("start_date", .text), ("end_date", .text),
            ("weight", .real), ("dataset", .text), ("record", .text),
        ], keyLength: 1),
        TransferTable(name: "drug_sample", columns: [
            ("id", .text), ("collected_on", .text), ("region", .text), ("latitude", .real), ("longitude", .real), ("place", .text),
            ("source_kind", .text), ("form", .text), ("sold_as", .text), ("laboratory", .text), ("substances", .text),
        ], keyLength: 1),
        TransferTable(name: "service_location", columns: [
            ("id", .text), ("kind", .text), ("name", .text), ("latitude", .real), ("longitude", .real), ("region", .text), ("address", .text),
            ("capacity", .integer), ("hours", .text),
        ], keyLength: 1),
    ]
}
