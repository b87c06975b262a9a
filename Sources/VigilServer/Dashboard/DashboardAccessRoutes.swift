import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilReach
import VigilStore

/// The dashboard's access page for a jurisdiction: per county, how far overdoses happen from the nearest facility
/// of a kind (a map shaded by median distance, and the table), and a placement tool that chooses k new sites
/// covering the most recent overdoses within a radius, drawn over the counties with their reach.
struct DashboardAccessRoutes {
    let store: any ServiceStore

    func add(to router: Router<VigilRequestContext>) {
        router.get("/access") { request, context in try await accessPage(request, context) }
        router.get("/access/place") { request, context in try await placementPage(request, context) }
    }

    /// The region asked for, within the token's jurisdictions (default its first).
    private func region(_ query: Parameters, _ token: APIToken) throws -> RegionCode? {
        guard let text = query.get("region"), !text.isEmpty else { return token.jurisdictions.isNational ? nil : token.jurisdictions.codes.first }
        guard let code = RegionCode(rawValue: text), code.level != .country, token.jurisdictions.covers(code) else { throw APIError.notFound }
        return code
    }

    private func accessPage(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readEvents, "see access to care")
        let query = request.uri.queryParameters
        let code = try region(query, token)
        let kindText = query.get("kind") ?? ServiceKind.otp.rawValue
        guard let kind = ServiceKind(rawValue: kindText) else {
            throw APIError(.badRequest, "kind '\(kindText)' is not one of " + ServiceKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let filter = EventFilter(region: code, from: try QueryFilter.date(query, "from"), to: try QueryFilter.date(query, "to"), jurisdictions: token.jurisdictions)
        let name = code.map { RegionCatalog.standard.region($0)?.name ?? $0.rawValue } ?? "All regions"
        let body: String
        do {
            let outcome = try await TreatmentAccess(events: store, locations: store).run(kind: kind, filter: filter)
            let rows = outcome.report.regions.filter { $0.eventCount > 0 && $0.region.level == .county }
            let map = try ReachMaps.access(outcome, kind: kind)
            func km(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
            let tableRows = rows.map { row in
                let county = RegionCatalog.standard.region(row.region)?.name ?? row.region.rawValue
                return "<tr><td>\(Page.escape(county))</td><td>\(row.eventCount)</td><td>\(km(row.medianKilometres))</td><td>\(km(row.percentile90Kilometres))</td>"
                    + "<td>\(row.facilityCount)</td>" + row.beyond.map { "<td>\($0.share.map { String(format: "%.0f %%", 100 * $0) } ?? "—")</td>" }.joined() + "</tr>"
            }.joined()
            body = """
                <figure class="chart" id="access-map">\(map)<figcaption>Counties with overdoses in the period, shaded by the median distance to the nearest \(kind.rawValue).</figcaption></figure>
                <table id="access"><caption>\(outcome.events) overdoses (\(outcome.eventsAtCentroid) placed at their county's centroid)</caption>
                <thead><tr><th scope="col">County</th><th scope="col">Overdoses</th><th scope="col">Median km</th><th scope="col">90th percentile km</th>
                <th scope="col">Facilities</th><th scope="col">Over 10 km</th><th scope="col">Over 25 km</th><th scope="col">Over 50 km</th></tr></thead>
                <tbody>\(tableRows)</tbody></table>
                """
        } catch let error as ReachError {
            body = "<p id=\"access-error\">\(Page.escape(error.message)). Import locations with <code>vigil import --kind services</code>.</p>"
        }
        let options = ServiceKind.allCases.map { "<option value=\"\($0.rawValue)\"\($0 == kind ? " selected" : "")>\($0.rawValue)</option>" }.joined()
        return Page.render("Access to care: \(name)", token: (token.role, token.name), csrf: context.session?.csrf, """
            <form method="get" action="/access" class="card">
            <label for="access-region">Region (FIPS)</label><input id="access-region" name="region" value="\(code?.rawValue ?? "")">
            <label for="access-kind">Facilities</label><select id="access-kind" name="kind">\(options)</select>
            <label for="access-from">From</label><input id="access-from" name="from" type="date" value="\(query.get("from") ?? "")">
            <label for="access-to">To</label><input id="access-to" name="to" type="date" value="\(query.get("to") ?? "")">
            <button type="submit">Show</button></form>
            \(body)
            <h2>Where to put new sites</h2>
            \(Self.placementForm(region: code, budget: 5, radius: 10, grid: 5, since: query.get("from") ?? ""))
            """)
    }

    static func placementForm(region: RegionCode?, budget: Int, radius: Double, grid: Double, since: String) -> String {
        """
        <form method="get" action="/access/place" class="card" id="placement-form">
        <input type="hidden" name="region" value="\(region?.rawValue ?? "")">
        <label for="place-budget">Sites</label><input id="place-budget" name="budget" type="number" min="1" max="200" value="\(budget)">
        <label for="place-radius">Reach (km)</label><input id="place-radius" name="radius" type="number" min="0.1" step="0.1" value="\(radius)">
        <label for="place-grid">Candidate grid (km)</label><input id="place-grid" name="grid" type="number" min="0.5" step="0.5" value="\(grid)">
        <label for="place-since">Overdoses since</label><input id="place-since" name="since" type="date" value="\(since)">
        <button type="submit">Choose sites</button></form>
        """
    }

    private func placementPage(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readEvents, "plan new sites")
        let query = request.uri.queryParameters
        let code = try region(query, token)
        let budget = try QueryFilter.integer(query, "budget", default: 5, in: 1...200)
        guard let radius = Double(query.get("radius") ?? "10"), radius > 0, radius <= 500 else {
            throw APIError(.badRequest, "radius must be a number of kilometres above 0 and at most 500")
        }
        guard let grid = Double(query.get("grid") ?? "5"), grid >= 0.5 else { throw APIError(.badRequest, "grid must be at least 0.5 km") }
        let filter = EventFilter(region: code, from: try QueryFilter.date(query, "since"), jurisdictions: token.jurisdictions)
        let demand = try await ServicePlacement.storedEvents(store, filter: filter, weighting: .init())
        guard !demand.isEmpty else { throw APIError(.badRequest, "there are no overdoses with a place in this region and period; widen the period") }
        let candidates: [ServicePlacement.Site]
        do { candidates = try ServicePlacement.grid(kilometres: grid, over: demand) } catch let error as ServicePlacement.InputError {
            throw APIError(.badRequest, error.message)
        }
        guard budget <= candidates.count else { throw APIError(.badRequest, "\(budget) sites is more than the \(candidates.count) candidates; choose fewer") }
        let plan = try ServicePlacement().plan(candidates: candidates, demand: demand, radiusKilometres: radius, budget: budget, exact: false)
        var total = 0
        let rows = plan.solution.sites.enumerated().map { number, site in
            let candidate = candidates[site.candidate]
            total += site.newlyCoveredCount
            return "<tr><td>\(number + 1)</td><td>\(String(format: "%.4f, %.4f", candidate.location.latitude, candidate.location.longitude))</td>"
                + "<td>\(site.newlyCoveredCount)</td><td>\(total)</td></tr>"
        }.joined()
        let map = try ReachMaps.placement(plan)
        let solution = plan.solution
        return Page.render("New sites", token: (token.role, token.name), csrf: context.session?.csrf, """
            <p id="placement-summary">\(solution.sites.count) site\(solution.sites.count == 1 ? "" : "s") within \(String(format: "%g", radius)) km of \(solution.coveredCount) of \(solution.demandCount) overdoses \
            (\(String(format: "%.0f", 100 * (solution.coveredShare ?? 0))) %); no \(budget) site\(budget == 1 ? "" : "s") could reach more than \(String(format: "%.0f", solution.upperBoundWeight)).</p>
            <figure class="chart" id="placement-map">\(map)</figure>
            <table id="placement"><thead><tr><th scope="col">Site</th><th scope="col">Latitude, longitude</th><th scope="col">Newly covered</th>
            <th scope="col">Covered in all</th></tr></thead><tbody>\(rows)</tbody></table>
            \(Self.placementForm(region: code, budget: budget, radius: radius, grid: grid, since: query.get("since") ?? ""))
            """)
    }
}
