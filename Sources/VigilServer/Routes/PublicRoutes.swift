import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// Aggregates anyone may read, without a token: counts by county and year (or outcome) for a
/// state, with counts from 1 to `threshold` − 1 suppressed and complementary cells suppressed so
/// that none can be recovered from the totals.
struct PublicRoutes {
    let store: any EventStore
    let threshold: Int

    func add(to router: Router<VigilRequestContext>) {
        router.get("/api/v1/public/counts") { request, _ in try await counts(request) }
    }

    private func counts(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let text = query.get("state"), let state = RegionCode(rawValue: text), state.level == .state else {
            throw APIError(.badRequest, "state must be a 2-digit state FIPS code, e.g. state=09")
        }
        let by = query.get("by") ?? "year"
        guard by == "year" || by == "outcome" else { throw APIError(.badRequest, "by '\(by)' is not year or outcome") }
        var filter = EventFilter(jurisdictions: try Jurisdictions([state]))
        filter.from = try QueryFilter.date(query, "from")
        filter.to = try QueryFilter.date(query, "to")
        let daily = try await store.fetchDailyCounts(by == "year" ? .region : .regionAndOutcome, filter: filter)
        let counties = RegionCatalog.standard.regions(at: .county).filter { $0.code.rawValue.hasPrefix(state.rawValue) }
            .map(\.code.rawValue).sorted()
        let columns = by == "year"
            ? Set(daily.map { String($0.date.year) }).sorted()
            : Outcome.allCases.map(\.rawValue)
        let rowIndex = Dictionary(uniqueKeysWithValues: counties.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: counties.count)
        for row in daily {
            guard let r = rowIndex[row.region.rawValue], let c = columnIndex[by == "year" ? String(row.date.year) : row.subgroup ?? ""] else { continue }
            counts[r][c] += row.count
        }
        let table = SuppressedTable(rows: counties, columns: columns, counts: counts, threshold: threshold)
        return try .json(table)
    }
}
