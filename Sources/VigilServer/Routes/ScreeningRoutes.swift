import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// Precursor screening for investigators and admins: `POST /api/v1/screen` screens a manifest (CSV
/// or NDJSON) against the watchlist and stores the run; `GET /api/v1/screenings` lists stored runs,
/// `GET /api/v1/screenings/:run` shows one with its lines and decisions, and `POST
/// /api/v1/screenings/:run/lines/:position/decision` records an officer's decision on a line.
///
/// Screening runs carry no region, so they are not limited by the token's jurisdictions.
struct ScreeningRoutes {
    let store: any ScreeningStore
    let screener: ManifestScreener

    func add(to router: Router<VigilRequestContext>) {
        router.post("/api/v1/screen") { request, context in try await screen(request, context) }
        router.get("/api/v1/screenings") { request, context in
            _ = try context.requireScreening("read screening runs")
            let limit = try QueryFilter.integer(request.uri.queryParameters, "limit", default: 50, in: 1...1000)
            let runs = try await store.fetchScreeningRuns(limit: limit).map(ScreeningRunRepresentation.init)
            return try Response.json(["runs": runs], audit: "\(runs.count) screening runs")
        }
        router.get("/api/v1/screenings/:run") { _, context in
            _ = try context.requireScreening("read screening runs")
            let run = try await Self.storedRun(store, context)
            let watchlist = try screener.watchlist(logger: context.logger)
            let lines = try await store.fetchScreeningLines(run.id).map { ScreeningLineRepresentation($0, watchlist: watchlist) }
            return try Response.json(Detail(run: ScreeningRunRepresentation(run), lines: lines), audit: "screening run \(run.id): \(lines.count) lines")
        }
        router.post("/api/v1/screenings/:run/lines/:position/decision") { request, context in try await decide(request, context) }
    }

    /// A run with its reported lines, highest risk first.
    struct Detail: Encodable {
        var run: ScreeningRunRepresentation
        var lines: [ScreeningLineRepresentation]
    }

    /// The media types a manifest may be sent as, and whether each is NDJSON.
    static let manifestTypes = ["text/csv": false, "application/x-ndjson": true, "application/ndjson": true]

    private func screen(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.requireScreening("screen manifests")
        let type = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let isNDJSON = Self.manifestTypes[type] else {
            throw APIError(
                .unsupportedMediaType,
                "send the manifest as text/csv or application/x-ndjson (Content-Type \(type.isEmpty ? "missing" : "'\(type)'") is not one of them)")
        }
        let query = request.uri.queryParameters
        let includeAll = try Self.flag(query, "all", default: false)
        let keep = try Self.flag(query, "store", default: true)
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(.contentTooLarge, "the manifest is larger than \(context.maxUploadSize >> 20) MiB; split it and send the parts")
        }
        let (report, run) = try await screener.screen(
            Array(buffer: body), isNDJSON: isNDJSON, origin: "api", includeAll: includeAll, keep: keep, by: token, logger: context.logger)
        let answer = ScreeningReportRepresentation(report, run: run, watchlist: try screener.watchlist(logger: context.logger))
        let audit = (run.map { "screening run \($0.id): " } ?? "screening not stored: ")
            + "\(report.linesScreened) lines screened, \(report.linesFlagged) flagged, \(report.issues.count) issues"
        return try .json(answer, audit: audit)
    }

    private func decide(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.requireScreening("record screening decisions")
        let run = try await Self.storedRun(store, context)
        guard let position = context.parameters.get("position").flatMap(Int.init) else {
            throw APIError(.notFound, "the line position must be a whole number; GET /api/v1/screenings/\(run.id) lists the lines")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 << 10)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw APIError(.badRequest, "the body must be a JSON object such as {\"decision\": \"referred\", \"note\": \"…\"}")
        }
        let text = object["decision"] as? String ?? ""
        guard let decision = ScreeningDecision(rawValue: text) else {
            throw APIError(.unprocessableContent, "decision must be cleared or referred" + (text.isEmpty ? "" : ", not '\(text)'"))
        }
        guard object["note"] == nil || object["note"] is String else { throw APIError(.unprocessableContent, "note must be a string") }
        let note = (object["note"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        try await store.recordDecision(decision, run: run.id, position: position, by: token.id, note: note, at: Int64(Date().timeIntervalSince1970))
        guard let line = try await store.fetchScreeningLines(run.id).first(where: { $0.position == position }) else { throw APIError.notFound }
        return try .json(
            ScreeningLineRepresentation(line, watchlist: try screener.watchlist(logger: context.logger)),
            audit: "screening run \(run.id) position \(position) → \(decision.rawValue)")
    }

    /// The run named by the path; 404 when there is none.
    static func storedRun(_ store: any ScreeningStore, _ context: VigilRequestContext) async throws -> ScreeningRun {
        guard let raw = context.parameters.get("run").flatMap(Int64.init), let run = try await store.fetchScreeningRun(ScreeningRunID(rawValue: raw)) else {
            throw APIError(.notFound, "no such screening run; GET /api/v1/screenings lists the stored runs")
        }
        return run
    }

    /// A `true`/`false` query parameter.
    static func flag(_ query: Parameters, _ name: String, default value: Bool) throws -> Bool {
        guard let text = query.get(name) else { return value }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError(.badRequest, "\(name) '\(text)' must be true or false")
        }
    }
}

extension VigilRequestContext {
    /// The authenticated token, whose role must work with precursor data (investigator or admin).
    /// - Throws: ``APIError`` 401 without a token, 403 for other roles.
    func requireScreening(_ what: String) throws -> APIToken {
        guard let token else { throw APIError.unauthenticated }
        guard token.role.allows(.screenPrecursors) else { throw APIError.forbidden(what) }
        return token
    }
}
