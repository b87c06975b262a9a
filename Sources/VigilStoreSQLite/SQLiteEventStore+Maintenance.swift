import GRDB
public import VigilCore
public import VigilStore

extension SQLiteEventStore: StoreMaintenance {
    public func status() async throws -> StoreStatus {
        try await writer.read { db in
            let applied = try SQLiteSchema.migrator.appliedIdentifiers(db).count
            var rows: [String: Int] = [:]
            for table in StoreStatus.tables {
                // Table names come from the fixed list above, never from input.
                rows[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return StoreStatus(
                backend: "sqlite", location: location, version: applied, latestVersion: SQLiteSchema.migrator.migrations.count, rows: rows)
        }
    }

    public func prepare(through date: CalendarDate) async throws {}
}
