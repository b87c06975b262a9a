import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// The dashboard's CSV upload (with its quarantine report) and the admin page (tokens,
/// subscriptions and the latest audit entries).
struct DashboardAdminRoutes {
    let store: any ServiceStore
    let submission: EventSubmission
    let live: LiveDetection

    func add(to router: Router<VigilRequestContext>) {
        router.get("/upload") { _, context in try uploadPage(context, result: nil) }
        router.post("/upload") { request, context in try await upload(request, context) }
        router.get("/admin") { _, context in try await adminPage(context, created: nil) }
        router.post("/admin/tokens") { request, context in try await createToken(request, context) }
        router.post("/admin/tokens/:id/revoke") { request, context in
            _ = try context.dashboardToken(.administer, "manage tokens")
            _ = try await context.formFields(request)
            try await TokenIssuer(store: store).revoke(context.parameters.get("id") ?? "", now: Int64(Date().timeIntervalSince1970))
            return Page.redirect("/admin")
        }
    }

    // MARK: Upload

    private func uploadPage(_ context: VigilRequestContext, result: String?) throws -> Response {
        let token = try context.dashboardToken(.submitEvents, "use this page")
        let options = EventSubmission.mappingNames.map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        return Page.render("Upload events", token: (token.role, token.name), csrf: context.session?.csrf, """
            \(result ?? "")
            <form method="post" action="/upload" enctype="multipart/form-data" class="card" id="upload">
            \(Page.csrfField(context.session?.csrf))
            <label for="file">CSV file</label><input id="file" name="file" type="file" accept=".csv,text/csv" required>
            <label for="mapping">Format</label><select id="mapping" name="mapping">\(options)</select>
            <button type="submit">Upload</button>
            </form>
            <p>Rows that cannot be stored are kept in the quarantine with their reasons; uploading the same file again changes nothing.</p>
            """)
    }

    private func upload(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.dashboardToken(.submitEvents, "use this page")
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard let parts = MultipartForm.parts(body, contentType: request.headers[.contentType] ?? ""),
            parts["csrf"].map({ String(decoding: $0, as: UTF8.self) }) == context.session?.csrf
        else { throw VigilRequestContext.staleForm }
        guard let file = parts["file"], !file.isEmpty else { return try uploadPage(context, result: "<p class=\"error\" role=\"alert\" id=\"result\">Choose a CSV file.</p>") }
        let mapping = parts["mapping"].map { String(decoding: $0, as: UTF8.self) } ?? "vigil"
        let report = try await submission.submit(file, format: .csv, mapping: mapping, by: token, now: Int64(Date().timeIntervalSince1970))
        if report.inserted > 0 { await live.eventsArrived(in: report.regions.compactMap(RegionCode.init(rawValue:))) }
        var rows = ""
        for item in report.items where !item.accepted {
            for issue in item.issues {
                rows += "<tr><td>\(item.index + 2)</td><td>\(Page.escape(issue.column ?? ""))</td><td>\(Page.escape(issue.value ?? ""))</td><td>\(Page.escape(issue.reason))</td></tr>"
            }
        }
        let quarantine = rows.isEmpty ? "" : """
            <table id="quarantine"><caption>Quarantined rows</caption><thead><tr><th scope="col">Line</th><th scope="col">Column</th>
            <th scope="col">Value</th><th scope="col">Reason</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return try uploadPage(context, result: """
            <p role="status" id="result">\(report.inserted) new events, \(report.alreadyStored) already stored, \(report.rejected) rows quarantined.</p>
            \(quarantine)
            """)
    }

    // MARK: Admin

    private func adminPage(_ context: VigilRequestContext, created: String?) async throws -> Response {
        let token = try context.dashboardToken(.administer, "use this page")
        let csrf = Page.csrfField(context.session?.csrf)
        let tokens = try await store.fetchTokens().map { one in
            let revoke = one.revokedAt == nil
                ? "<form method=\"post\" action=\"/admin/tokens/\(one.id)/revoke\">\(csrf)<button type=\"submit\">Revoke</button></form>" : "revoked"
            return "<tr><td>\(one.id)</td><td>\(Page.escape(one.name))</td><td>\(one.role.rawValue)</td><td>\(one.jurisdictions)</td><td>\(revoke)</td></tr>"
        }.joined()
        let subscriptions = try await store.fetchSubscriptions().map {
            "<tr><td>\($0.id)</td><td>\(Page.escape($0.url))</td><td>\($0.jurisdictions)</td><td>\($0.minimumSeverity.rawValue)</td></tr>"
        }.joined()
        let audit = try await store.fetchAudit(before: nil, limit: 50).map { entry in
            let at = Date(timeIntervalSince1970: TimeInterval(entry.at)).ISO8601Format()
            return "<tr><td>\(at)</td><td>\(entry.tokenID ?? "—")</td><td>\(Page.escape(entry.action))</td><td>\(entry.status)</td><td>\(Page.escape(String(entry.detail.prefix(120))))</td></tr>"
        }.joined()
        let roles = Role.allCases.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }.joined()
        return Page.render("Administration", token: (token.role, token.name), csrf: context.session?.csrf, """
            \(created ?? "")
            <section aria-labelledby="tokens-heading"><h2 id="tokens-heading">Tokens</h2>
            <table id="tokens"><thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Jurisdictions</th><th scope="col"></th></tr></thead>
            <tbody>\(tokens)</tbody></table>
            <form method="post" action="/admin/tokens" class="card">\(csrf)
            <label for="name">Holder</label><input id="name" name="name" required>
            <label for="role">Role</label><select id="role" name="role">\(roles)</select>
            <label for="jurisdiction">Jurisdictions (US, state or county FIPS codes)</label><input id="jurisdiction" name="jurisdiction" required>
            <button type="submit">Create token</button></form></section>
            <section aria-labelledby="subscriptions-heading"><h2 id="subscriptions-heading">Webhook subscriptions</h2>
            <table id="subscriptions"><thead><tr><th scope="col">Id</th><th scope="col">URL</th><th scope="col">Jurisdictions</th><th scope="col">Minimum severity</th></tr></thead>
            <tbody>\(subscriptions)</tbody></table><p>Add them with <code>POST /api/v1/subscriptions</code>.</p></section>
            <section aria-labelledby="audit-heading"><h2 id="audit-heading">Audit log (latest 50)</h2>
            <table id="audit"><thead><tr><th scope="col">When</th><th scope="col">Token</th><th scope="col">Action</th><th scope="col">Status</th><th scope="col">Detail</th></tr></thead>
            <tbody>\(audit)</tbody></table></section>
            """)
    }

    private func createToken(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        _ = try context.dashboardToken(.administer, "manage tokens")
        let fields = try await context.formFields(request).first
        guard let role = Role(rawValue: fields["role"] ?? "") else { throw APIError(.badRequest, "choose a role") }
        let jurisdictions = try Jurisdictions(parsing: fields["jurisdiction"] ?? "")
        let (created, secret) = try await TokenIssuer(store: store).create(
            name: fields["name"] ?? "", role: role, jurisdictions: jurisdictions, now: Int64(Date().timeIntervalSince1970))
        return try await adminPage(context, created: """
            <p role="status" id="created">Token \(created.id) for \(Page.escape(created.name)). Copy the secret now; it is not shown again:
            <code id="secret">\(secret)</code></p>
            """)
    }
}
