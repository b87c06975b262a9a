import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// The dashboard's drug-market page: for a region within the token's jurisdictions, the share of samples
/// containing each main substance month by month (first sightings ringed), the substances new to the
/// region, its substance alerts, and a printable public drug alert for any substance.
struct DashboardDrugMarketRoutes {
    let store: any ServiceStore
    let suppressBelow: Int

    func add(to router: Router<VigilRequestContext>) {
        router.get("/drug-market") { request, context in try await page(request, context) }
        router.get("/drug-market/notice") { request, context in try await notice(request, context) }
    }

    private func region(_ request: Request, _ token: APIToken) throws -> RegionCode? {
        guard let text = request.uri.queryParameters.get("region"), !text.isEmpty else {
            return token.jurisdictions.isNational ? nil : token.jurisdictions.codes.first
        }
        guard let code = RegionCode(rawValue: text), code.level != .country, token.jurisdictions.covers(code) else { throw APIError.notFound }
        return code
    }

    private func page(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readSamples, "see the drug market")
        let code = try region(request, token)
        let months = try QueryFilter.integer(request.uri.queryParameters, "months", default: 12, in: 2...60)
        let summary = try await DrugMarketSummary.load(store, region: code, months: months)
        let latest = summary.latest ?? DashboardRoutes.today
        let name = code.map { RegionCatalog.standard.region($0)?.name ?? $0.rawValue } ?? "All regions"
        let newRows = summary.newSubstances.map { line in
            "<tr><td>\(Page.escape(line.name))\(line.isDangerous ? " <span class=\"badge yellow\">dangerous</span>" : "")</td>"
                + "<td>\(line.firstSeen)</td><td>\(line.counts.reduce(0, +))</td>"
                + "<td><a href=\"/drug-market/notice?region=\(code?.rawValue ?? "")&amp;substance=\(Page.escape(line.key))&amp;since=\(line.firstSeen)\">public notice</a></td></tr>"
        }.joined()
        let alerts = try await store.fetchAlerts(status: nil).filter { alert in
            alert.latest.kind == "substance" && token.jurisdictions.covers(alert.latest.region)
                && (code.map { alert.latest.region == $0 || alert.latest.region.stateCode == $0 } ?? true)
        }
        let alertRows = alerts.prefix(50).map { alert in
            "<li><a href=\"/alerts/\(alert.id.rawValue)\">#\(alert.id.rawValue)</a> <span class=\"badge \(alert.severity.rawValue)\">\(alert.severity.rawValue)</span> "
                + "\(Page.escape(alert.latest.evidence?.finding?.substanceName ?? alert.latest.subgroup ?? "")), \(Page.escape(alert.latest.method)), "
                + "\(alert.latest.region.rawValue), \(alert.firstPeriod), \(alert.status.rawValue)</li>"
        }.joined()
        return Page.render("Drug market: \(name)", token: (token.role, token.name), csrf: context.session?.csrf, """
            <form method="get" action="/drug-market" class="card">
            <label for="market-region">Region (FIPS)</label><input id="market-region" name="region" value="\(code?.rawValue ?? "")">
            <label for="market-months">Months</label><input id="market-months" name="months" type="number" min="2" max="60" value="\(months)">
            <button type="submit">Show</button></form>
            <p>\(summary.samples.reduce(0, +)) samples in the \(months) months to \(latest).</p>
            <figure class="chart" id="substance-chart">\(SubstanceChart.svg(summary))
            <figcaption>Share of samples containing each of the main substances, by month; a ring marks the month a substance was first seen in \(Page.escape(name)).</figcaption></figure>
            <section aria-labelledby="new-heading"><h2 id="new-heading">Substances new to \(Page.escape(name))</h2>
            \(newRows.isEmpty ? "<p id=\"no-new\">None in these months.</p>" : """
            <table id="new-substances"><thead><tr><th scope="col">Substance</th><th scope="col">First seen</th><th scope="col">Samples</th><th scope="col"></th></tr></thead>
            <tbody>\(newRows)</tbody></table>
            """)</section>
            <section aria-labelledby="substance-alerts-heading"><h2 id="substance-alerts-heading">Substance alerts</h2>
            \(alertRows.isEmpty ? "<p>No substance alerts.</p>" : "<ul id=\"substance-alerts\">\(alertRows)</ul>")</section>
            """)
    }

    private func notice(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readSamples, "write drug alerts")
        let query = request.uri.queryParameters
        guard let substance = query.get("substance"), !substance.isEmpty else { throw APIError(.badRequest, "name a substance") }
        let since = try QueryFilter.date(query, "since") ?? DashboardRoutes.today.adding(days: -90)
        let notice = try await DrugAlertNotice.make(
            store, substance: substance, region: try region(request, token), since: since, through: DashboardRoutes.today,
            advice: .init(advice: query.get("advice").map { $0.split(separator: "\n").map(String.init) } ?? []), threshold: suppressBelow)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: notice.html)))
    }
}
