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
        router.get("/api/v1/public/counts") { request, _ in try Response.json(try await table(request)) }
        router.get("/public") { request, _ in try await page(request) }
    }

    /// The public page: choose a state, see its table.
    private func page(_ request: Request) async throws -> Response {
        let states = RegionCatalog.standard.regions(at: .state).sorted { $0.name < $1.name }
        let chosen = request.uri.queryParameters.get("state")
        let options = states.map { "<option value=\"\($0.code.rawValue)\"\($0.code.rawValue == chosen ? " selected" : "")>\(Page.escape($0.name))</option>" }.joined()
        var content = """
            <form method="get" action="/public" class="card"><label for="state">State</label>
            <select id="state" name="state">\(options)</select><button type="submit">Show</button></form>
            """
        if chosen != nil {
            let table = try await table(request)
            let names = Dictionary(uniqueKeysWithValues: RegionCatalog.standard.regions(at: .county).map { ($0.code.rawValue, $0.name) })
            func cell(_ value: Int?) -> String { value.map(String.init) ?? "<abbr title=\"suppressed\">—</abbr>" }
            let head = table.columns.map { "<th scope=\"col\">\($0)</th>" }.joined()
            let rows = table.rows.indices.map { row in
                "<tr><th scope=\"row\">\(Page.escape(names[table.rows[row]] ?? table.rows[row]))</th>"
                    + table.cells[row].map { "<td>\(cell($0))</td>" }.joined() + "<td>\(cell(table.rowTotals[row]))</td></tr>"
            }.joined()
            content += """
                <table id="public-counts"><caption>Overdose events by county; counts from 1 to \(table.threshold - 1) and cells that would reveal them are shown as —</caption>
                <thead><tr><th scope="col">County</th>\(head)<th scope="col">Total</th></tr></thead><tbody>\(rows)</tbody>
                <tfoot><tr><th scope="row">Total</th>\(table.columnTotals.map { "<td>\(cell($0))</td>" }.joined())<td>\(cell(table.total))</td></tr></tfoot></table>
                """
        }
        return Page.render("Public overdose counts", token: nil, content)
    }

    private func table(_ request: Request) async throws -> SuppressedTable {
        let query = request.uri.queryParameters
        guard let text = query.get("state"), let state = RegionCode(rawValue: text), state.level == .state else {
            throw APIError(.badRequest, "state must be a 2-digit state FIPS code, e.g. state=09")
        }
        let by = query.get("by") ?? "year"
        guard let columns = PublicCounts.Columns(rawValue: by) else { throw APIError(.badRequest, "by '\(by)' is not year or outcome") }
        return try await PublicCounts(store: store).table(
            state: state, by: columns, from: try QueryFilter.date(query, "from"), to: try QueryFilter.date(query, "to"), threshold: threshold)
    }
}
