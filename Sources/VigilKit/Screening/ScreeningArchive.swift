import Foundation
import VigilCore
public import VigilPrecursors
public import VigilStore

/// Keeps screenings in a store: the run with its watchlist version and settings, its reported
/// lines (so officers can record decisions on them) and its consignees (so later screenings know
/// which are new).
public enum ScreeningArchive {
    /// Stores a screening's report.
    /// - Parameters:
    ///   - origin: What was screened (a file path, or `api`).
    ///   - startedBy: Who ran it (a token id), if known.
    public static func store(
        _ report: PrecursorScreening.Report, settings: RiskSettings, origin: String, startedBy: String?, at time: Int64,
        in store: some ScreeningStore
    ) async throws -> ScreeningRun {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let run = ScreeningRun(
            origin: origin, watchlistVersion: report.watchlistVersion, parameters: String(decoding: try encoder.encode(settings), as: UTF8.self),
            startedBy: startedBy, startedAt: time, linesScreened: report.linesScreened, linesFlagged: report.linesFlagged)
        return try await store.insertScreeningRun(run, lines: report.rows.map(record), consignees: report.consignees)
    }

    /// A reported row as the store keeps it.
    public static func record(_ row: PrecursorScreening.Row) -> ScreeningLineRecord {
        let line = row.screened
        return ScreeningLineRecord(
            position: line.position, fileLine: row.fileLine, shipmentID: line.shipmentID, lineNumber: line.lineNumber,
            description: row.description, consignee: row.consignee, risk: line.risk, matchedID: line.match?.chemical.rawValue,
            matchRule: line.match?.rule.description, confidence: line.match?.confidence,
            reasons: line.reasons.map { .init(factor: $0.factor.rawValue, points: $0.points, detail: $0.detail) })
    }
}
