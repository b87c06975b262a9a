import Foundation
import Hummingbird
import VigilCore
import VigilIngest
import VigilKit
import VigilStore

/// `POST /api/v1/samples` (drug samples as CSV or NDJSON in Vigil's sample format, or
/// `?layout=drugcheckingbc`) and `GET /api/v1/samples` (filters `from`, `to`, `region`, `substance`,
/// `kind`, `limit`), within the token's jurisdictions. Arriving samples start emerging-substance
/// detection.
struct SampleRoutes {
    let store: any ServiceStore
    let live: LiveDetection

    func add(to router: Router<VigilRequestContext>) {
        router.post("/api/v1/samples") { request, context in try await submit(request, context) }
        router.get("/api/v1/samples") { request, context in try await list(request, context) }
    }

    private func submit(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.submitSamples, "submit drug samples")
        let query = request.uri.queryParameters
        let layoutName = query.get("layout") ?? SampleReader.Layout.vigil.rawValue
        guard let layout = SampleReader.Layout(rawValue: layoutName) else {
            throw APIError(.badRequest, "layout '\(layoutName)' is not one of " + SampleReader.Layout.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(.contentTooLarge, "the body is larger than \(context.maxUploadSize >> 20) MiB; send smaller batches")
        }
        let type = request.headers[.contentType] ?? "text/csv"
        let now = Date().timeIntervalSince1970
        let source = query.get("source") ?? "api-\(token.id)"
        let bytes = Array(buffer: body)
        let report = try await SampleImport(samples: store, batches: store).run(
            .bytes(bytes, origin: "request body", isNDJSON: type.contains("ndjson") || type.contains("jsonl")), layout: layout,
            source: source, asOf: CalendarDate(dayNumber: Int((now / 86_400).rounded(.down))), now: Int64(now),
            jurisdictions: token.jurisdictions)
        if report.samplesAdded > 0, let day = report.earliestDay { await live.samplesArrived(collectedFrom: day) }
        struct Rejected: Encodable {
            var line: Int
            var column: String?
            var value: String?
            var reason: String
        }
        struct Answer: Encodable {
            var batch: Int64
            var read: Int
            var inserted: Int
            var alreadyStored: Int
            var rejected: [Rejected]
            var unknownSubstances: [String: Int]
        }
        let answer = Answer(
            batch: report.batch.rawValue, read: report.samplesRead, inserted: report.samplesAdded,
            alreadyStored: report.samplesRead - report.samplesAdded,
            rejected: report.rejected.lineIssues.map { Rejected(line: $0.line, column: $0.issue.column, value: $0.issue.value, reason: $0.issue.reason) },
            unknownSubstances: report.unknownSubstances)
        return try .json(
            answer, audit: "batch \(report.batch): \(report.samplesAdded) samples inserted, \(report.rejected.count) rows rejected")
    }

    private func list(_ request: Request, _ context: VigilRequestContext) async throws -> Response {
        let token = try context.require(.readSamples, "read drug samples")
        let query = request.uri.queryParameters
        var filter = SampleFilter(from: try QueryFilter.date(query, "from"), to: try QueryFilter.date(query, "to"))
        if let text = query.get("region") {
            guard let region = RegionCode(rawValue: text) else { throw APIError(.badRequest, "region '\(text)' is not a FIPS code") }
            guard token.jurisdictions.covers(region) else { throw APIError.forbidden("read samples of \(text)") }
            filter.region = region
        }
        if let text = query.get("substance") { filter.substance = SubstanceCatalog.standard.resolve(text)?.rawValue ?? text.lowercased() }
        if let text = query.get("kind") {
            guard let kind = SampleSourceKind(rawValue: text) else {
                throw APIError(.badRequest, "kind '\(text)' is not one of " + SampleSourceKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            filter.sourceKind = kind
        }
        let limit = try QueryFilter.integer(query, "limit", default: 1000, in: 1...10_000)
        var samples: [DrugSample] = []
        for sample in try await store.fetchSamples(filter) where token.jurisdictions.isNational || token.jurisdictions.covers(sample.region) {
            samples.append(sample)
            if samples.count == limit { break }
        }
        return try .json(["samples": samples], audit: "\(request.uri.query ?? ""); \(samples.count) samples")
    }
}
