import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// The dashboard: login, the overview (open alerts, a map and a trend of the jurisdiction), the
/// alert page that explains why an alert fired (with acknowledge and close), and the event entry
/// form. Server-rendered HTML with Vigil's own SVG; every form carries the session's CSRF token.
struct DashboardRoutes {
    let store: any ServiceStore
    let submission: EventSubmission
    let sessions: DashboardSessions
    let live: LiveDetection

    func add(to router: Router<VigilRequestContext>) {
        router.get("/login") { _, _ in loginPage(error: nil) }
        router.post("/login") { request, _ in try await login(request) }
        router.post("/logout") { request, context in
            _ = try await context.formFields(request)
            if let session = context.session { await sessions.end(session.id) }
            return Page.redirect("/login", cookie: "\(DashboardSessions.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
        }
        router.get("/") { _, context in try await overview(context) }
        router.get("/alerts/:id") { _, context in try await alertPage(context) }
        router.get("/regions/:code") { _, context in try await regionPage(context) }
        router.post("/alerts/:id/acknowledge") { request, context in try await changeAlert(request, context, to: .acknowledged) }
        router.post("/alerts/:id/close") { request, context in try await changeAlert(request, context, to: .closed) }
        router.get("/report") { _, context in try reportPage(context, result: nil) }
        router.post("/report") { request, context in try await report(request, context) }
        router.get("/static/:file") { _, context in try StaticFiles.response(context.parameters.get("file") ?? "") }
    }

    // MARK: Login

    private func loginPage(error: String?) -> Response {
        Page.render("Sign in", token: nil, """
            \(error.map { "<p class=\"error\" role=\"alert\">\(Page.escape($0))</p>" } ?? "")
            <form method="post" action="/login" class="card">
            <label for="token">Access token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            <p>Tokens come from your administrator (<code>vigil token create</code>).</p>
            """)
    }

    private func login(_ request: Request) async throws -> Response {
        var request = request
        let fields = FormBody.parse(try await request.collectBody(upTo: 16 << 10))
        guard let secret = fields["token"], let token = try await TokenIssuer(store: store).authenticate(secret) else {
            return loginPage(error: "That token is not valid or has been revoked.")
        }
        let id = await sessions.start(token)
        let home = token.role.allows(.readAlerts) ? "/" : token.role.allows(.screenPrecursors) ? "/screening" : "/report"
        return Page.redirect(home,
                             cookie: "\(DashboardSessions.cookieName)=\(id); Path=/; HttpOnly; SameSite=Strict; Max-Age=28800")
    }

    // MARK: Overview

    /// The current UTC day.
    static var today: CalendarDate { CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400) }

    private func overview(_ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readAlerts, "see the overview")
        let alerts = try await store.fetchAlerts(status: nil).filter { $0.status != .closed && token.jurisdictions.covers($0.latest.region) }
        // The charts end today, or on the last day with data when the data are older (an archive).
        let all = try await store.fetchDailyCounts(.region, filter: EventFilter(jurisdictions: token.jurisdictions))
        let today = DashboardCharts.chartEnd(all, today: Self.today)
        let lastMonth = all.filter { $0.date >= today.adding(days: -29) && $0.date <= today }
        let byCounty = Dictionary(lastMonth.map { ($0.region, $0.count) }, uniquingKeysWith: +)
        let counties = RegionCatalog.standard.regions(at: .county).filter { token.jurisdictions.covers($0.code) && !token.jurisdictions.isNational }
        let days = DashboardCharts.days(all, length: 90, endingOn: today)
        var rows = ""
        for alert in alerts.sorted(by: { ($0.severity, $0.latest.period) > ($1.severity, $1.latest.period) }) {
            let region = RegionCatalog.standard.region(alert.latest.region)?.name ?? alert.latest.region.rawValue
            rows += "<tr><td><a href=\"/alerts/\(alert.id.rawValue)\">#\(alert.id.rawValue)</a></td>"
            rows += "<td><span class=\"badge \(alert.severity.rawValue)\">\(alert.severity.rawValue)</span></td>"
            rows += "<td><a href=\"/regions/\(alert.latest.region.rawValue)\">\(Page.escape(region))</a></td>"
            rows += "<td>\(Page.escape(Self.kindLabel(alert.latest)))</td>"
            rows += "<td>\(Page.escape(alert.latest.method))</td><td>\(alert.latest.period)</td><td>\(alert.latest.observed)</td><td>\(alert.status.rawValue)</td></tr>"
        }
        let table = alerts.isEmpty ? "<p id=\"no-alerts\">No open alerts.</p>" : """
            <table id="open-alerts"><caption>Open alerts</caption>
            <thead><tr><th scope="col">Alert</th><th scope="col">Severity</th><th scope="col">Region</th><th scope="col">Kind</th><th scope="col">Method</th>
            <th scope="col">Period</th><th scope="col">Observed</th><th scope="col">Status</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let map = counties.isEmpty ? "" : """
            <section aria-labelledby="map-heading"><h2 id="map-heading">Events by county, 30 days to \(today)</h2>
            <figure class="chart" id="map">\(DashboardCharts.countyMap(byCounty.map { .init(region: $0.key, count: $0.value) }, counties: counties))</figure></section>
            """
        return Page.render("Overview: \(token.jurisdictions)", token: (token.role, token.name), csrf: context.session?.csrf, """
            <p class="live" id="live-status" data-stream="/api/v1/alerts/stream">\(alerts.count) open alert\(alerts.count == 1 ? "" : "s").</p>
            \(table)
            \(map)
            <section aria-labelledby="trend-heading"><h2 id="trend-heading">Events per day, 90 days to \(today)</h2>
            <figure class="chart" id="trend">\(DashboardCharts.trend(days))</figure></section>
            """)
    }

    /// What raised an alert, for the alert list: overdose spike, cluster, or the substance of a drug-market alert.
    static func kindLabel(_ signal: AlertSignal) -> String {
        switch signal.kind {
        case "substance": "substance: " + (signal.evidence?.finding?.substanceName ?? signal.subgroup ?? "")
        case "space-time-cluster": "cluster"
        default: signal.subgroup.map { "overdoses (\($0))" } ?? "overdoses"
        }
    }

    // MARK: Regions

    /// A county or state within the token's jurisdictions: its trend, its alerts, and its events by
    /// substance and outcome over the 90 days shown.
    private func regionPage(_ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readAlerts, "see regions")
        guard let code = context.parameters.get("code").flatMap(RegionCode.init(rawValue:)), [.state, .county].contains(code.level),
            token.jurisdictions.covers(code) || (code.level == .state && token.jurisdictions.isNational)
        else { throw APIError.notFound }
        let name = RegionCatalog.standard.region(code)?.name ?? code.rawValue
        let all = try await store.fetchDailyCounts(.region, filter: EventFilter(region: code, jurisdictions: token.jurisdictions))
        let last = DashboardCharts.chartEnd(all, today: Self.today)
        let days = DashboardCharts.days(all, length: 90, endingOn: last)
        let first = days[0].date
        let window = EventFilter(region: code, from: first, to: last, jurisdictions: token.jurisdictions)
        func tally(_ dimension: TallyDimension, _ caption: String, _ id: String) async throws -> String {
            let rows = try await store.fetchTally(dimension, filter: window).map { "<tr><td>\(Page.escape($0.key))</td><td>\($0.count)</td></tr>" }.joined()
            return "<table id=\"\(id)\"><caption>\(caption)</caption><thead><tr><th scope=\"col\">Value</th><th scope=\"col\">Events</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        let alerts = try await store.fetchAlerts(status: nil).filter {
            $0.latest.region == code || (code.level == .state && $0.latest.region.rawValue.hasPrefix(code.rawValue))
        }
        let alertList = alerts.isEmpty ? "<p>No alerts.</p>" : "<ul id=\"region-alerts\">" + alerts.map { alert in
            "<li><a href=\"/alerts/\(alert.id.rawValue)\">#\(alert.id.rawValue)</a> \(alert.severity.rawValue), \(Page.escape(alert.latest.method)), \(alert.firstPeriod) to \(alert.latest.period), \(alert.status.rawValue)</li>"
        }.joined() + "</ul>"
        return Page.render(name, token: (token.role, token.name), csrf: context.session?.csrf, """
            <section aria-labelledby="region-trend-heading"><h2 id="region-trend-heading">Events per day, 90 days to \(last)</h2>
            <figure class="chart" id="region-trend">\(DashboardCharts.trend(days))</figure></section>
            <section aria-labelledby="region-alerts-heading"><h2 id="region-alerts-heading">Alerts</h2>\(alertList)</section>
            \(try await tally(.substance, "Events by substance, 90 days to \(last)", "by-substance"))
            \(try await tally(.outcome, "Events by outcome, 90 days to \(last)", "by-outcome"))
            """)
    }

    // MARK: Alerts

    private func alertPage(_ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.readAlerts, "read alerts")
        let alert = try await AlertRoutes.visibleAlert(store, context, token)
        let signal = alert.latest
        let region = RegionCatalog.standard.region(signal.region)?.name ?? signal.region.rawValue
        let from = signal.period.adding(days: -59)
        let daily = try await store.fetchDailyCounts(.region, filter: EventFilter(region: signal.region, from: from, to: signal.period))
        let days = DashboardCharts.days(daily, length: 60, endingOn: signal.period)
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
        let why = signal.kind == "substance" ? """
            In \(Page.escape(region)), drug samples showed \(Page.escape(signal.evidence?.finding?.substanceName ?? signal.subgroup ?? "a substance")) \
            (\(Page.escape(signal.method))): \(signal.observed) sample\(signal.observed == 1 ? "" : "s") from \(signal.period).
            """ : """
            In \(Page.escape(region)) the \(Page.escape(signal.method)) detector counted \(signal.observed) event\(signal.observed == 1 ? "" : "s") \
            for \(signal.interval == "week" ? "the week ending" : "") \(signal.period) where it expected \(number(signal.expected)); \
            its threshold was \(number(signal.upperBound)).
            """
        var actions = ""
        if token.role.allows(.manageAlerts), alert.status != .closed {
            let csrf = Page.csrfField(context.session?.csrf)
            if alert.status == .open {
                actions += "<form method=\"post\" action=\"/alerts/\(alert.id.rawValue)/acknowledge\">\(csrf)<button type=\"submit\" id=\"acknowledge\">Acknowledge</button></form>"
            }
            actions += """
                <form method="post" action="/alerts/\(alert.id.rawValue)/close">\(csrf)
                <label for="note">Note</label><input id="note" name="note" type="text" maxlength="500">
                <button type="submit" id="close">Close alert</button></form>
                """
        }
        return Page.render("Alert #\(alert.id.rawValue): \(region)", token: (token.role, token.name), csrf: context.session?.csrf, """
            <p class="explanation" id="why"><span class="badge \(alert.severity.rawValue)">\(alert.severity.rawValue)</span> \(why)</p>
            <dl class="facts">
            <dt>Status</dt><dd id="status">\(alert.status.rawValue)</dd>
            <dt>Method</dt><dd>\(Page.escape(signal.method))</dd>
            <dt>Series</dt><dd>\(Page.escape(signal.series))</dd>
            <dt>Periods</dt><dd>\(alert.firstPeriod) to \(signal.period)</dd>
            <dt>Observed</dt><dd>\(signal.observed)</dd>
            <dt>Expected</dt><dd>\(number(signal.expected))</dd>
            <dt>Threshold</dt><dd>\(number(signal.upperBound))</dd>
            <dt>Score</dt><dd>\(number(signal.score))</dd>
            <dt>p-value</dt><dd>\(signal.pValue.map { String(format: "%.4g", $0) } ?? "—")</dd>
            \(alert.note.map { "<dt>Note</dt><dd>\(Page.escape($0))</dd>" } ?? "")
            </dl>
            <figure class="chart" id="alert-trend">\(DashboardCharts.trend(days, alarm: signal.period, threshold: signal.interval == "day" ? signal.upperBound : nil))
            <figcaption>Events per day in \(Page.escape(region)); the alarm day in red, the threshold dashed.</figcaption></figure>
            \(EvidencePanel.html(signal.evidence))
            <div class="actions">\(actions)</div>
            """)
    }

    private func changeAlert(_ request: Request, _ context: VigilRequestContext, to status: Alert.Status) async throws -> Response {
        let token = try context.dashboardToken(.manageAlerts, "acknowledge or close alerts")
        let fields = try await context.formFields(request).first
        let alert = try await AlertRoutes.visibleAlert(store, context, token)
        let note = fields["note"].flatMap { $0.isEmpty ? nil : $0 }
        _ = try await store.updateAlert(alert.id, to: status, note: note, at: Int64(Date().timeIntervalSince1970))
        return Page.redirect("/alerts/\(alert.id.rawValue)")
    }

    // MARK: Event entry

    static let substances = ["fentanyl", "xylazine", "heroin", "cocaine", "methamphetamine", "nitazene", "carfentanil", "benzodiazepine"]

    private func reportPage(_ context: VigilRequestContext, result: String?) throws -> Response {
        let token = try context.dashboardToken(.submitEvents, "report events")
        let counties = RegionCatalog.standard.regions(at: .county).filter { token.jurisdictions.covers($0.code) }
            .sorted { ($0.stateUSPS ?? "", $0.name) < ($1.stateUSPS ?? "", $1.name) }
        let options = counties.map { "<option value=\"\($0.code.rawValue)\">\(Page.escape($0.name))\($0.stateUSPS.map { ", \($0)" } ?? "")</option>" }.joined()
        let now = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime])
        let checkboxes = Self.substances.map { name in
            "<label class=\"check\"><input type=\"checkbox\" name=\"substance\" value=\"\(name)\"> \(name)</label>"
        }.joined()
        return Page.render("Report an overdose", token: (token.role, token.name), csrf: context.session?.csrf, """
            \(result ?? "")
            <form method="post" action="/report" id="report" class="card">
            \(Page.csrfField(context.session?.csrf))
            <label for="occurred_at">When (UTC unless your device sets it)</label>
            <input id="occurred_at" name="occurred_at" type="datetime-local" value="\(String(now.prefix(16)))" required>
            <input id="utc_offset" name="utc_offset" type="hidden" value="+00:00">
            <label for="region">County</label>
            <select id="region" name="region" required>\(options)</select>
            <button type="button" id="locate" hidden>Use my location</button>
            <input id="latitude" name="latitude" type="hidden"><input id="longitude" name="longitude" type="hidden">
            <fieldset><legend>Outcome</legend>
            <label class="check"><input type="radio" name="outcome" value="nonfatal" checked> Survived</label>
            <label class="check"><input type="radio" name="outcome" value="fatal"> Fatal</label></fieldset>
            <label for="naloxone_doses">Naloxone doses given</label>
            <input id="naloxone_doses" name="naloxone_doses" type="number" min="0" max="20" value="0" inputmode="numeric">
            <fieldset><legend>Suspected substances</legend>\(checkboxes)</fieldset>
            <button type="submit" id="submit">Submit report</button>
            </form>
            """)
    }

    private func report(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.submitEvents, "report events")
        let pairs = try await context.formFields(request)
        let fields = pairs.first
        var event: [String: Any] = [
            "id": "form-" + UUID().uuidString.lowercased(),
            "occurred_at": (fields["occurred_at"] ?? "") + ":00" + (fields["utc_offset"] ?? "+00:00"),
            "region": fields["region"] ?? "", "outcome": fields["outcome"] ?? "", "source_kind": "ems",
            "suspected_substances": pairs.filter { $0.name == "substance" }.map(\.value).joined(separator: ";"),
        ]
        if let doses = fields["naloxone_doses"], let count = Int(doses) { event["naloxone_doses"] = count }
        if let latitude = fields["latitude"].flatMap(Double.init), let longitude = fields["longitude"].flatMap(Double.init) {
            (event["latitude"], event["longitude"]) = (latitude, longitude)
        }
        let json = try JSONSerialization.data(withJSONObject: event)
        let report = try await submission.submit(Array(json), format: .json, by: token, now: Int64(Date().timeIntervalSince1970))
        if report.inserted > 0 { await live.eventsArrived(in: report.regions.compactMap(RegionCode.init(rawValue:))) }
        let result: String
        if let item = report.items.first, item.accepted {
            result = "<p class=\"success\" role=\"status\" id=\"result\">Report received (\(Page.escape(item.id ?? ""))). Thank you.</p>"
        } else {
            let issues = report.items.first?.issues.map { "<li>\(Page.escape($0.description))</li>" }.joined() ?? ""
            result = "<div class=\"error\" role=\"alert\" id=\"result\"><p>The report was not stored:</p><ul>\(issues)</ul></div>"
        }
        return try reportPage(context, result: result)
    }
}

/// Sends a browser without a session to the login page.
struct RedirectToLogin: HTTPResponseError {
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response { Page.redirect("/login") }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormBody {
    static func pairs(_ body: ByteBuffer) -> [(String, String)] {
        String(buffer: body).split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { part in
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
    }

    static func parse(_ body: ByteBuffer) -> [String: String] {
        Dictionary(pairs(body), uniquingKeysWith: { first, _ in first })
    }
}
