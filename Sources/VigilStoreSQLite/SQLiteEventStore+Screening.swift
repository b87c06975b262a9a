import Foundation
import GRDB
import VigilCore
public import VigilStore

extension SQLiteEventStore: ScreeningStore {
    public func insertScreeningRun(_ run: ScreeningRun, lines: [ScreeningLineRecord], consignees: [String]) async throws -> ScreeningRun {
        let encoded = try lines.map { try ScreeningLineCoding.reasons($0.reasons) }
        return try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO screening_run (origin, watchlist_version, parameters, started_by, started_at, lines_screened, lines_flagged)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [run.origin, run.watchlistVersion, run.parameters, run.startedBy, run.startedAt, run.linesScreened, run.linesFlagged])
            var stored = run
            stored.id = ScreeningRunID(rawValue: db.lastInsertedRowID)
            let insertLine = try db.cachedStatement(
                sql: """
                    INSERT INTO screening_line (run_id, position, file_line, shipment_id, line_number, description, consignee, risk,
                        matched_id, match_rule, confidence, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (line, reasons) in zip(lines, encoded) {
                try insertLine.execute(arguments: [
                    stored.id.rawValue, line.position, line.fileLine, line.shipmentID, line.lineNumber, line.description, line.consignee,
                    line.risk, line.matchedID, line.matchRule, line.confidence, reasons,
                ])
            }
            let insertConsignee = try db.cachedStatement(sql: "INSERT INTO screening_consignee (name) VALUES (?) ON CONFLICT DO NOTHING")
            for name in Set(consignees) { try insertConsignee.execute(arguments: [name]) }
            return stored
        }
    }

    public func fetchScreeningRuns(limit: Int) async throws -> [ScreeningRun] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM screening_run ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)]).map(Self.run(from:))
        }
    }

    public func fetchScreeningRun(_ id: ScreeningRunID) async throws -> ScreeningRun? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM screening_run WHERE id = ?", arguments: [id.rawValue]).map(Self.run(from:))
        }
    }

    public func fetchScreeningLines(_ id: ScreeningRunID) async throws -> [ScreeningLineRecord] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM screening_line WHERE run_id = ? ORDER BY risk DESC, position", arguments: [id.rawValue]
            ).map { row in
                try ScreeningLineCoding.line(
                    position: row["position"], fileLine: row["file_line"], shipmentID: row["shipment_id"], lineNumber: row["line_number"],
                    description: row["description"], consignee: row["consignee"], risk: row["risk"], matchedID: row["matched_id"],
                    matchRule: row["match_rule"], confidence: row["confidence"], reasons: row["reasons"], decision: row["decision"],
                    decidedBy: row["decided_by"], decidedAt: row["decided_at"], note: row["note"])
            }
        }
    }

    public func recordDecision(
        _ decision: ScreeningDecision, run: ScreeningRunID, position: Int, by: String?, note: String?, at time: Int64
    ) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE screening_line SET decision = ?, decided_by = ?, decided_at = ?, note = ? WHERE run_id = ? AND position = ?",
                arguments: [decision.rawValue, by, time, note, run.rawValue, position])
            guard db.changesCount == 1 else { throw ScreeningLineCoding.unknownLine(run: run, position: position) }
        }
    }

    public func fetchKnownConsignees() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM screening_consignee ORDER BY name") }
    }

    private static func run(from row: Row) -> ScreeningRun {
        ScreeningRun(
            id: ScreeningRunID(rawValue: row["id"]), origin: row["origin"], watchlistVersion: row["watchlist_version"],
            parameters: row["parameters"], startedBy: row["started_by"], startedAt: row["started_at"], linesScreened: row["lines_screened"],
            linesFlagged: row["lines_flagged"])
    }
}
