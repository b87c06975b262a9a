import GRDB
import VigilCore
public import VigilStore

extension SQLiteEventStore: StoreTransfer {
    public func exportRows(of table: TransferTable, _ receive: ([[String?]]) async throws -> Void) async throws {
        // Pages in key order, each starting after the last key of the one before, keep reads short.
        // Table and column names come from TransferTable.all, never from input.
        let key = table.columns.prefix(table.keyLength)
        let keyPlaceholders = key.map { _ in "?" }.joined(separator: ", ")
        var last: [(any DatabaseValueConvertible)?]?
        while true {
            let after = last.map { StatementArguments($0) }
            let page = try await writer.read { db in
                let condition = after == nil ? "" : "WHERE (\(table.keyList)) > (\(keyPlaceholders))"
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT \(table.columnList) FROM \(table.name) \(condition) ORDER BY \(table.keyList) LIMIT 5000",
                    arguments: after ?? StatementArguments())
                var rows: [[String?]] = []
                while let row = try cursor.next() { rows.append(table.columns.enumerated().map { Self.text(row[$0.offset], $0.element.kind) }) }
                return rows
            }
            guard let final = page.last else { return }
            last = zip(final, key).map { Self.value($0, $1.kind) }
            try await receive(page)
        }
    }

    public func importRows(_ rows: [[String?]], into table: TransferTable) async throws {
        try await writer.write { db in
            let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
            let insert = try db.cachedStatement(sql: "INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(placeholders))")
            for row in rows {
                let values: [(any DatabaseValueConvertible)?] = zip(row, table.columns).map { Self.value($0, $1.kind) }
                try insert.execute(arguments: StatementArguments(values))
            }
        }
    }

    public func finishImport() async throws {}

    /// The value to store for canonical text.
    private static func value(_ text: String?, _ kind: TransferTable.Kind) -> (any DatabaseValueConvertible)? {
        guard let text else { return nil }
        switch kind {
        case .integer: return Int64(text)
        case .real: return Double(text)
        case .boolean: return text == "1" ? 1 : 0
        case .text, .date: return text
        }
    }

    /// A stored value in the canonical text of its kind.
    private static func text(_ value: DatabaseValue, _ kind: TransferTable.Kind) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return kind == .real ? String(Double(number)) : String(number)
        case .double(let number): return kind == .integer ? String(Int64(number)) : String(number)
        case .string(let text): return text
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }
}
