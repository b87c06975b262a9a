import Foundation
import PostgresNIO
import VigilCore
public import VigilStore

extension PostgresStore: StoreTransfer {
    public func exportRows(of table: TransferTable, _ receive: ([[String?]]) async throws -> Void) async throws {
        // Dates come out as text; text keys sort bytewise, as SQLite sorts them. Names come from
        // TransferTable.all, never from input.
        let select = table.columns.map { $0.kind == .date ? "\($0.name)::TEXT" : $0.name }.joined(separator: ", ")
        let order = table.columns.prefix(table.keyLength).map { $0.kind == .text ? "\($0.name) COLLATE \"C\"" : $0.name }
            .joined(separator: ", ")
        let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT \(select) FROM \(table.name) ORDER BY \(order)"), logger: logger)
        var page: [[String?]] = []
        for try await row in rows {
            let cells = row.makeRandomAccess()
            page.append(try table.columns.indices.map { index in
                switch table.columns[index].kind {
                case .integer: try cells[index].decode(Int64?.self).map { String($0) }
                case .real: try cells[index].decode(Double?.self).map { String($0) }
                case .boolean: try cells[index].decode(Bool?.self).map { $0 ? "1" : "0" }
                case .text, .date: try cells[index].decode(String?.self)
                }
            })
            if page.count == 5000 {
                try await receive(page)
                page.removeAll(keepingCapacity: true)
            }
        }
        if !page.isEmpty { try await receive(page) }
    }

    public func importRows(_ rows: [[String?]], into table: TransferTable) async throws {
        guard !rows.isEmpty else { return }
        if table.name == "event", let day = table.columns.firstIndex(where: { $0.name == "local_date" }) {
            try await ensurePartitions(for: rows.compactMap { $0[day].flatMap(CalendarDate.init(iso:)) })
        }
        var text = CopyText()
        var keys = CopyText()
        for row in rows {
            for value in row { text.field(value) }
            text.endRow()
            if table.name == "event" {
                // The identity table PostgreSQL keeps beside the partitions: id, source, record id.
                for value in row.prefix(3) { keys.field(value) }
                keys.endRow()
            }
        }
        try await transaction { connection in
            if table.name == "event" {
                try await connection.copy(keys.buffer, into: "event_key", columns: ["id", "source_system", "source_record_id"], logger: self.logger)
            }
            try await connection.copy(text.buffer, into: table.name, columns: table.columns.map(\.name), logger: self.logger)
        }
    }

    /// Rebuilds the daily counts and moves every id sequence past the ids copied in.
    public func finishImport() async throws {
        try await transaction { connection in
            try await connection.query("DELETE FROM event_daily", logger: self.logger)
            try await connection.query(PostgresSchema.dailyCountsRebuild, logger: self.logger)
            for (table, column) in [
                ("import_batch", "id"), ("event_key", "id"), ("quarantine", "id"), ("alert", "id"), ("audit_log", "sequence"),
                ("webhook_subscription", "id"), ("webhook_delivery", "id"), ("screening_run", "id"),
            ] {
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE(MAX(\(column)), 0) + 1, false) FROM \(table)
                            """), logger: self.logger)
            }
        }
    }
}
