public import VigilCore
public import VigilStore

/// The public table of a state: events by county (every county of the state, with or without
/// events) and by year or outcome, small counts and their complements suppressed.
public struct PublicCounts: Sendable {
    /// What the columns are.
    public enum Columns: String, Sendable, CaseIterable {
        /// Calendar years that have events.
        case year
        /// Fatal, non-fatal, unknown.
        case outcome
    }

    private let store: any EventStore

    /// Creates the use case over a store.
    public init(store: any EventStore) { self.store = store }

    /// The table for a state between two dates (either may be open).
    /// - Precondition: `state` is a state code.
    public func table(state: RegionCode, by columns: Columns, from: CalendarDate?, to: CalendarDate?, threshold: Int) async throws -> SuppressedTable {
        precondition(state.level == .state, "public tables are per state")
        let filter = EventFilter(from: from, to: to, jurisdictions: try Jurisdictions([state]))
        let daily = try await store.fetchDailyCounts(columns == .year ? .region : .regionAndOutcome, filter: filter)
        let counties = RegionCatalog.standard.regions(at: .county).filter { $0.code.rawValue.hasPrefix(state.rawValue) }
            .map(\.code.rawValue).sorted()
        let labels = columns == .year ? Set(daily.map { String($0.date.year) }).sorted() : Outcome.allCases.map(\.rawValue)
        let rowIndex = Dictionary(uniqueKeysWithValues: counties.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: counties.count)
        for row in daily {
            let label = columns == .year ? String(row.date.year) : row.subgroup ?? ""
            guard let r = rowIndex[row.region.rawValue], let c = columnIndex[label] else { continue }
            counts[r][c] += row.count
        }
        return SuppressedTable(rows: counties, columns: labels, counts: counts, threshold: threshold)
    }
}
