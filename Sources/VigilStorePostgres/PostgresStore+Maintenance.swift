import Foundation
import PostgresNIO
public import VigilCore
public import VigilStore

extension PostgresStore: StoreMaintenance {
    public func status() async throws -> StoreStatus {
        var rows: [String: Int] = [:]
        for table in StoreStatus.tables {
            // Table names come from the fixed list, never from input.
            for try await count in try await client.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: logger).decode(Int.self) {
                rows[table] = count
            }
        }
        return StoreStatus(
            backend: "postgresql", location: location, version: try await PostgresSchema.version(self),
            latestVersion: PostgresSchema.latestVersion, rows: rows)
    }

    /// Creates the event partitions from the current month through `date`'s.
    public func prepare(through date: CalendarDate) async throws {
        let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
        for index in MonthPartition(containing: today).index...max(MonthPartition(containing: today).index, MonthPartition(containing: date).index) {
            try await createPartition(MonthPartition(index: index))
        }
    }
}
