import Foundation
import VigilCore
import VigilIngest
import VigilKit
import VigilPrecursors
import VigilStore

/// A screening as the API answers `POST /api/v1/screen`: the run it was stored as (or `null`), the
/// counts, what the manifest could not tell, its problems line by line, and the reported lines
/// ranked by risk with every reason.
struct ScreeningReportRepresentation: Encodable {
    /// A problem in the manifest: the file line, column, value and what to change.
    struct Issue: Encodable {
        var line: Int
        var column: String?
        var value: String?
        var reason: String
    }

    var run: Int64?
    var watchlistVersion: String
    var linesScreened: Int
    var linesFlagged: Int
    var absentFields: [String]
    var issues: [Issue]
    var lines: [ScreeningLineRepresentation]

    init(_ report: PrecursorScreening.Report, run: ScreeningRun?, watchlist: Watchlist) {
        self.run = run?.id.rawValue
        watchlistVersion = report.watchlistVersion
        linesScreened = report.linesScreened
        linesFlagged = report.linesFlagged
        absentFields = report.absentFields
        issues = report.issues.map { Issue(line: $0.line, column: $0.issue.column, value: $0.issue.value, reason: $0.issue.reason) }
        lines = report.rows.map { ScreeningLineRepresentation(ScreeningArchive.record($0), watchlist: watchlist) }
    }

    private enum CodingKeys: String, CodingKey {
        case run, watchlistVersion, linesScreened, linesFlagged, absentFields, issues, lines
    }

    /// Writes `run` as `null` when the screening was not stored, so the key is always there.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encode(watchlistVersion, forKey: .watchlistVersion)
        try container.encode(linesScreened, forKey: .linesScreened)
        try container.encode(linesFlagged, forKey: .linesFlagged)
        try container.encode(absentFields, forKey: .absentFields)
        try container.encode(issues, forKey: .issues)
        try container.encode(lines, forKey: .lines)
    }
}

/// A reported line, fresh from a screening or stored with its decision, in the columns of
/// `vigil screen` (`shipment_id, line, risk, matched_id, matched_name, control, match_rule,
/// confidence, reasons`) plus its position (the key for decisions), file line, description and
/// consignee.
struct ScreeningLineRepresentation: Encodable {
    struct Reason: Encodable {
        var factor: String
        var points: Double
        var detail: String
    }

    var position: Int
    var shipmentID: String?
    /// The line number within the shipment, else the file line (as `vigil screen` writes it).
    var line: Int
    var fileLine: Int
    var description: String
    var consignee: String?
    var risk: Double
    var matchedID: String?
    var matchedName: String?
    var control: String?
    var matchRule: String?
    var confidence: Double?
    var reasons: [Reason]
    var decision: String?
    var decidedBy: String?
    var decidedAt: Int64?
    var note: String?

    /// The line, with the matched chemical's name and controls looked up in `watchlist`.
    init(_ record: ScreeningLineRecord, watchlist: Watchlist) {
        let entry = record.matchedID.flatMap(ChemicalID.init(rawValue:)).flatMap { watchlist[$0] }
        position = record.position
        shipmentID = record.shipmentID
        line = record.lineNumber ?? record.fileLine
        fileLine = record.fileLine
        description = record.description
        consignee = record.consignee
        risk = Self.hundredths(record.risk)
        matchedID = record.matchedID
        matchedName = entry?.name
        control = entry?.controlSummary
        matchRule = record.matchRule
        confidence = record.confidence.map(Self.hundredths)
        reasons = record.reasons.map { Reason(factor: $0.factor, points: Self.hundredths($0.points), detail: $0.detail) }
        decision = record.decision?.rawValue
        decidedBy = record.decidedBy
        decidedAt = record.decidedAt
        note = record.note
    }

    /// A score rounded to two decimals, so that answers do not carry binary noise.
    static func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// A stored screening run: what was screened, by whom, when, against which watchlist and with
/// which settings (JSON text in the layout of a `--weights` file).
struct ScreeningRunRepresentation: Encodable {
    var id: Int64
    var origin: String
    var watchlistVersion: String
    var parameters: String
    var startedBy: String?
    var startedAt: Int64
    var linesScreened: Int
    var linesFlagged: Int

    init(_ run: ScreeningRun) {
        (id, origin, watchlistVersion, parameters) = (run.id.rawValue, run.origin, run.watchlistVersion, run.parameters)
        (startedBy, startedAt, linesScreened, linesFlagged) = (run.startedBy, run.startedAt, run.linesScreened, run.linesFlagged)
    }
}
