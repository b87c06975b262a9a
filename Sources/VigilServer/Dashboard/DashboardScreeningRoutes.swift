import Foundation
import Hummingbird
import VigilCore
import VigilIngest
import VigilKit
import VigilPrecursors
import VigilStore

/// The dashboard's screening pages, for investigators and admins: upload a manifest and see its
/// flagged lines ranked by risk with every reason (the reasons of `vigil screen`), the stored runs,
/// and a run's lines with a form per line to record a decision (cleared or referred, with a note).
struct DashboardScreeningRoutes {
    let store: any ScreeningStore
    let screener: ManifestScreener

    func add(to router: Router<VigilRequestContext>) {
        router.get("/screening") { _, context in try await screeningPage(context, result: nil) }
        router.post("/screening") { request, context in try await upload(request, context) }
        router.get("/screening/runs/:run") { _, context in
            _ = try context.dashboardScreeningToken("read screening runs")
            return try await runPage(context, run: try await ScreeningRoutes.storedRun(store, context), result: nil)
        }
        router.post("/screening/runs/:run/lines/:position/decision") { request, context in try await decide(request, context) }
    }

    // MARK: Upload and runs

    private func screeningPage(_ context: VigilRequestContext, result: String?) async throws -> Response {
        let token = try context.dashboardScreeningToken("screen manifests")
        let runs = try await store.fetchScreeningRuns(limit: 50)
        let rows = runs.map { run in
            "<tr><td><a href=\"/screening/runs/\(run.id)\">#\(run.id)</a></td><td>\(Self.time(run.startedAt))</td>"
                + "<td>\(Page.escape(run.startedBy ?? "—"))</td><td>\(Page.escape(run.origin))</td><td>\(Page.escape(run.watchlistVersion))</td>"
                + "<td>\(run.linesScreened)</td><td>\(run.linesFlagged)</td></tr>"
        }.joined()
        let list = runs.isEmpty ? "<p id=\"no-runs\">No stored runs yet.</p>" : """
            <table id="runs"><thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">By</th>
            <th scope="col">Origin</th><th scope="col">Watchlist</th><th scope="col">Screened</th><th scope="col">Flagged</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Page.render("Precursor screening", token: (token.role, token.name), csrf: context.session?.csrf, """
            \(result ?? "")
            <form method="post" action="/screening" enctype="multipart/form-data" class="card" id="screen">
            \(Page.csrfField(context.session?.csrf))
            <label for="manifest">Manifest (CSV or NDJSON)</label>
            <input id="manifest" name="manifest" type="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson" required>
            <label class="check"><input type="checkbox" name="all" value="true"> Show every line, not only the flagged ones</label>
            <button type="submit">Screen</button>
            </form>
            <p>The manifest needs a <code>description</code> column; Vigil also reads <code>\(ManifestReader.fields.filter { $0 != "description" }.joined(separator: ", "))</code>.
            Lines are matched against the controlled-precursor watchlist and ranked by risk; the run is kept so that decisions can be recorded.</p>
            <section aria-labelledby="runs-heading"><h2 id="runs-heading">Stored runs (latest 50)</h2>\(list)</section>
            """)
    }

    private func upload(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardScreeningToken("screen manifests")
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard let parts = MultipartForm.parts(body, contentType: request.headers[.contentType] ?? ""),
            parts["csrf"].map({ String(decoding: $0, as: UTF8.self) }) == context.session?.csrf
        else { throw VigilRequestContext.staleForm }
        guard let manifest = parts["manifest"], !manifest.isEmpty else {
            return try await screeningPage(context, result: "<p class=\"error\" role=\"alert\" id=\"result\">Choose a manifest file.</p>")
        }
        // A multipart part carries no reliable type: an NDJSON file starts with an object.
        let isNDJSON = manifest.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
        let includeAll = parts["all"].map { String(decoding: $0, as: UTF8.self) } == "true"
        let report: PrecursorScreening.Report
        let stored: ScreeningRun?
        do {
            (report, stored) = try await screener.screen(
                manifest, isNDJSON: isNDJSON, origin: "dashboard", includeAll: includeAll, keep: true, by: token, logger: context.logger)
        } catch let error as APIError where error.status == .unprocessableContent {
            return try await screeningPage(context, result: "<p class=\"error\" role=\"alert\" id=\"result\">\(Page.escape(error.message))</p>")
        }
        guard let run = stored else { throw APIError(.internalServerError, "the screening was not stored") }
        var result = """
            <p role="status" id="result">Screened \(report.linesScreened) line\(report.linesScreened == 1 ? "" : "s"), \
            flagged \(report.linesFlagged) (watchlist \(Page.escape(report.watchlistVersion))); stored as run #\(run.id).</p>
            """
        if !report.absentFields.isEmpty {
            result += "<p id=\"absent\">Not in the manifest, so not checked: \(Page.escape(report.absentFields.joined(separator: ", "))).</p>"
        }
        result += "<p>Pre-export notifications are not checked here; use <code>vigil screen --pen</code> or <code>vigil reconcile</code>.</p>"
        if !report.issues.isEmpty {
            let rows = report.issues.map { issue in
                "<tr><td>\(issue.line)</td><td>\(Page.escape(issue.issue.column ?? ""))</td><td>\(Page.escape(issue.issue.value ?? ""))</td>"
                    + "<td>\(Page.escape(issue.issue.reason))</td></tr>"
            }.joined()
            result += """
                <table id="issues"><caption>Problems in the manifest (those lines were screened with what could be read)</caption>
                <thead><tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Reason</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """
        }
        return try await runPage(context, run: run, result: result)
    }

    /// A run: what was screened, then its lines highest risk first, each with its match, every
    /// reason, and the decision form.
    private func runPage(_ context: VigilRequestContext, run: ScreeningRun, result: String?) async throws -> Response {
        let token = try context.dashboardScreeningToken("read screening runs")
        let watchlist = try screener.watchlist(logger: context.logger)
        let threshold = (try? JSONDecoder().decode(RiskSettings.self, from: Data(run.parameters.utf8)))?.flagThreshold ?? RiskSettings.standard.flagThreshold
        let csrf = Page.csrfField(context.session?.csrf)
        let lines = try await store.fetchScreeningLines(run.id)
        var rows = ""
        for record in lines {
            let line = ScreeningLineRepresentation(record, watchlist: watchlist)
            let risk = Int(record.risk.rounded())
            let place = [line.shipmentID.map { "shipment \(Page.escape($0))" }, "line \(line.line)"].compactMap { $0 }.joined(separator: ", ")
            var match = "—"
            if let id = line.matchedID {
                match = "<strong>\(Page.escape(line.matchedName ?? id))</strong> (\(Page.escape(id)))"
                if let control = line.control { match += "<br>\(Page.escape(control))" }
                match += "<br>rule \(Page.escape(line.matchRule ?? "—"))"
                if let confidence = line.confidence { match += ", confidence \(String(format: "%.2f", confidence))" }
            }
            let reasons = record.reasons.map { reason in
                "<li>\(Page.escape("\(reason.factor) (+\(Int(reason.points.rounded()))): \(reason.detail)"))</li>"
            }.joined()
            var decision = ""
            if let chosen = record.decision {
                decision = "<p class=\"decision\"><strong>\(chosen.rawValue)</strong>"
                if let by = record.decidedBy { decision += " by \(Page.escape(by))" }
                if let at = record.decidedAt { decision += ", \(Self.time(at))" }
                if let note = record.note { decision += ": \(Page.escape(note))" }
                decision += "</p>"
            }
            // Undecided lines start on an empty choice, so that a stray click records nothing.
            let options = (record.decision == nil ? "<option value=\"\">choose…</option>" : "") + ScreeningDecision.allCases.map { option in
                "<option value=\"\(option.rawValue)\"\(record.decision == option ? " selected" : "")>\(option.rawValue)</option>"
            }.joined()
            let field = "line-\(record.position)"
            decision += """
                <form method="post" action="/screening/runs/\(run.id)/lines/\(record.position)/decision" class="decision">\(csrf)
                <label for="\(field)-decision">Decision</label><select id="\(field)-decision" name="decision" required>\(options)</select>
                <label for="\(field)-note">Note</label><input id="\(field)-note" name="note" type="text" maxlength="500">
                <button type="submit">Record</button></form>
                """
            rows += """
                <tr id="\(field)"><td>\(record.risk >= threshold ? "<span class=\"badge red\">\(risk)</span>" : "\(risk)")</td><td>\(place)</td>
                <td>\(Page.escape(record.description))</td><td>\(Page.escape(record.consignee ?? "—"))</td><td>\(match)</td>
                <td><ul class="reasons">\(reasons)</ul></td><td>\(decision)</td></tr>
                """
        }
        let table = lines.isEmpty ? "<p id=\"no-lines\">No line reached the flag threshold (\(Int(threshold.rounded())) points).</p>" : """
            <div class="scroll"><table id="lines"><caption>Reported lines, highest risk first (flagged from \(Int(threshold.rounded())) points)</caption>
            <thead><tr><th scope="col">Risk</th><th scope="col">Shipment</th><th scope="col">Description</th><th scope="col">Consignee</th>
            <th scope="col">Watchlist match</th><th scope="col">Reasons</th><th scope="col">Decision</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return Page.render("Screening run #\(run.id)", token: (token.role, token.name), csrf: context.session?.csrf, """
            \(result ?? "")
            <dl class="facts" id="run">
            <dt>Started</dt><dd>\(Self.time(run.startedAt))</dd>
            <dt>By</dt><dd>\(Page.escape(run.startedBy ?? "—"))</dd>
            <dt>Origin</dt><dd>\(Page.escape(run.origin))</dd>
            <dt>Watchlist</dt><dd>\(Page.escape(run.watchlistVersion))</dd>
            <dt>Lines screened</dt><dd>\(run.linesScreened)</dd>
            <dt>Lines flagged</dt><dd>\(run.linesFlagged)</dd>
            </dl>
            \(table)
            <p><a href="/screening">Screen another manifest or open another run</a></p>
            """)
    }

    private func decide(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardScreeningToken("record screening decisions")
        let fields = try await context.formFields(request).first
        let run = try await ScreeningRoutes.storedRun(store, context)
        guard let position = context.parameters.get("position").flatMap(Int.init) else { throw APIError.notFound }
        guard let decision = ScreeningDecision(rawValue: fields["decision"] ?? "") else {
            throw APIError(.unprocessableContent, "choose cleared or referred")
        }
        let note = fields["note"].flatMap { $0.isEmpty ? nil : $0 }
        try await store.recordDecision(decision, run: run.id, position: position, by: token.id, note: note, at: Int64(Date().timeIntervalSince1970))
        return Page.redirect("/screening/runs/\(run.id)#line-\(position)")
    }

    /// A time as the dashboard writes it.
    static func time(_ seconds: Int64) -> String { Date(timeIntervalSince1970: TimeInterval(seconds)).ISO8601Format() }
}

extension VigilRequestContext {
    /// The session's token, whose role must work with precursor data (investigator or admin);
    /// without a session the browser is sent to the login page.
    func dashboardScreeningToken(_ what: String) throws -> APIToken {
        guard let token, session != nil else { throw RedirectToLogin() }
        guard token.role.allows(.screenPrecursors) else { throw APIError.forbidden(what) }
        return token
    }
}
