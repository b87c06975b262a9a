import GRDB
import GRDBSQLite

/// A prepared statement whose parameters are bound straight through SQLite's C API.
///
/// Imports insert millions of rows with the same statement; binding each value directly avoids
/// building a `StatementArguments` array of existentials per row, which measured about three
/// times slower. Values are copied by SQLite (`SQLITE_TRANSIENT`), so the strings need not outlive
/// the call.
struct DirectStatement {
    private let statement: Statement
    private let sql: String

    /// Wraps a statement prepared (and cached) by GRDB.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        self.sql = sql
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    func bind(_ value: String?, at index: Int32) {
        guard let value else { return bindNull(at: index) }
        let length = Int32(value.utf8.count)
        _ = value.withCString { sqlite3_bind_text(statement.sqliteStatement, index, $0, length, Self.transient) }
    }

    func bind(_ value: Int64?, at index: Int32) {
        guard let value else { return bindNull(at: index) }
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    func bind(_ value: Int?, at index: Int32) { bind(value.map(Int64.init), at: index) }

    func bind(_ value: Double?, at index: Int32) {
        guard let value else { return bindNull(at: index) }
        sqlite3_bind_double(statement.sqliteStatement, index, value)
    }

    private func bindNull(at index: Int32) { sqlite3_bind_null(statement.sqliteStatement, index) }

    /// Runs the statement once with the bound values, then resets it for the next use.
    /// - Throws: `DatabaseError` with SQLite's message when a step fails.
    func run(_ db: Database) throws {
        try forEachRow(db) { _ in }
    }

    /// Runs the statement, calling `body` for each result row (`RETURNING` rows for an INSERT),
    /// then resets it.
    func forEachRow(_ db: Database, _ body: (ResultRow) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_ROW {
                try body(ResultRow(handle: handle))
            } else if code == SQLITE_DONE {
                return
            } else {
                let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
        }
    }

    /// The current result row of a statement.
    struct ResultRow {
        let handle: SQLiteStatement

        func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

        func text(at column: Int32) -> String {
            guard let bytes = sqlite3_column_text(handle, column) else { return "" }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }
}
