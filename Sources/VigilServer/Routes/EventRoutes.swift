import Foundation
import Hummingbird
import VigilCore
import VigilKit
import VigilStore

/// `POST /api/v1/events` (submit) and `GET /api/v1/events` (list with filters and cursor
/// pagination), and `GET /api/v1/series` (daily counts), all within the token's jurisdictions.
struct EventRoutes {
    let store: any EventStore
    let submission: EventSubmission
    let metrics: ServerMetrics
    let live: LiveDetection

    func add(to router: Router<VigilRequestContext>) {
        router.post("/api/v1/events") { request, context in try await submit(request, context) }
        router.get("/api/v1/events") { request, context in try await list(request, context) }
        router.get("/api/v1/series") { request, context in try await series(request, context) }
    }

    private func submit(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.submitEvents, "submit events")
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(.contentTooLarge, "the body is larger than \(context.maxUploadSize >> 20) MiB; send smaller batches")
        }
        let type = request.headers[.contentType] ?? "application/json"
        let format: EventSubmission.BodyFormat = type.contains("ndjson") || type.contains("jsonl") ? .ndjson : .json
        let report = try await submission.submit(
            Array(buffer: body), format: format, by: token, now: Int64(Date().timeIntervalSince1970))
        metrics.eventsIngested(report.inserted)
        if report.inserted > 0 { await live.eventsArrived(in: report.regions.compactMap(RegionCode.init(rawValue:))) }
        let audit = "batch \(report.batch): \(report.inserted) inserted, \(report.alreadyStored) already stored, \(report.rejected) rejected"
        var output = JSONOutput()
        report.write(to: &output)
        return .json(output, audit: audit)
    }

    private func list(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.readEvents, "read events")
        let query = request.uri.queryParameters
        var filter = try QueryFilter.events(query, within: token.jurisdictions)
        let limit = try QueryFilter.integer(query, "limit", default: 100, in: 1...1000)
        filter.limit = limit + 1
        if let cursor = query.get("cursor") { filter.after = try EventCursorCoding.decode(cursor) }
        var events = try await store.fetchEvents(filter)
        let more = events.count > limit
        if more { events.removeLast() }
        var output = JSONOutput()
        output.object { json in
            json.field("events") { $0.array(events) { EventRepresentation($1).write(to: &$0) } }
            json.field("next_cursor", more ? events.last.map(EventCursorCoding.encode) : nil)
        }
        return .json(output, audit: "\(request.uri.query ?? ""); \(events.count) events: \(events.map(\.id.rawValue).joined(separator: ","))")
    }

    private func series(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.readEvents, "read count series")
        let query = request.uri.queryParameters
        let filter = try QueryFilter.events(query, within: token.jurisdictions)
        let grouping = try query.get("grouping").map { text in
            guard let grouping = SeriesGrouping(rawValue: text) else {
                throw APIError(.badRequest, "grouping '\(text)' is not one of region, region,substance, region,outcome")
            }
            return grouping
        } ?? .region
        let counts = try await store.fetchDailyCounts(grouping, filter: filter)
        struct Row: Encodable {
            var region: String
            var subgroup: String?
            var date: String
            var count: Int
        }
        let rows = counts.map { Row(region: $0.region.rawValue, subgroup: $0.subgroup, date: $0.date.description, count: $0.count) }
        return try .json(["series": rows], audit: "\(request.uri.query ?? ""); \(rows.count) daily counts")
    }
}

/// Filters from query parameters, each checked with a message that names the parameter.
enum QueryFilter {
    /// `region`, `from`, `to`, `outcome` and `substance`, limited to `jurisdictions`.
    static func events(_ query: Parameters, within jurisdictions: Jurisdictions) throws -> EventFilter {
        var filter = EventFilter(jurisdictions: jurisdictions)
        if let text = query.get("region") {
            do { filter.region = try RegionCode(parsing: text) } catch { throw APIError(.badRequest, "region: \(error.message)") }
        }
        filter.from = try date(query, "from")
        filter.to = try date(query, "to")
        if let text = query.get("outcome") {
            guard let outcome = Outcome(rawValue: text) else { throw APIError(.badRequest, "outcome '\(text)' is not fatal, nonfatal or unknown") }
            filter.outcome = outcome
        }
        if let text = query.get("substance") {
            guard let substance = SubstanceCatalog.standard.resolve(text) else {
                throw APIError(.badRequest, "substance '\(text)' is not in the substance catalogue")
            }
            filter.substance = substance
        }
        return filter
    }

    /// A `YYYY-MM-DD` date parameter.
    static func date(_ query: Parameters, _ name: String) throws -> CalendarDate? {
        guard let text = query.get(name) else { return nil }
        guard let date = CalendarDate(iso: text) else { throw APIError(.badRequest, "\(name) '\(text)' is not a date of the form YYYY-MM-DD") }
        return date
    }

    /// A whole-number parameter within a range.
    static func integer(_ query: Parameters, _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = query.get(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(.badRequest, "\(name) '\(text)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

/// Opaque cursors: the position of the last event of a page, base64url-encoded.
enum EventCursorCoding {
    static func encode(_ event: OverdoseEvent) -> String {
        let cursor = EventCursor(after: event)
        let text = [cursor.localDate.description, cursor.sourceSystem.rawValue, cursor.sourceRecordID].joined(separator: "\n")
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) throws -> EventCursor {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
            throw APIError(.badRequest, "cursor '\(text)' is not a cursor this server gave out")
        }
        let parts = decoded.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let date = CalendarDate(iso: parts[0]), let source = SourceSystemID(rawValue: parts[1]) else {
            throw APIError(.badRequest, "cursor '\(text)' is not a cursor this server gave out")
        }
        return EventCursor(localDate: date, sourceSystem: source, sourceRecordID: parts[2])
    }
}
