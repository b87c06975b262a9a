import PostgresNIO
import VigilCore
public import VigilStore

extension PostgresStore: ScreeningStore {
    public func insertScreeningRun(_ run: ScreeningRun, lines: [ScreeningLineRecord], consignees: [String]) async throws -> ScreeningRun {
        let encoded = try lines.map { try ScreeningLineCoding.reasons($0.reasons) }
        return try await transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO screening_run (origin, watchlist_version, parameters, started_by, started_at, lines_screened, lines_flagged)
                VALUES (\(run.origin), \(run.watchlistVersion), \(run.parameters), \(run.startedBy), \(run.startedAt),
                    \(Int64(run.linesScreened)), \(Int64(run.linesFlagged))) RETURNING id
                """, logger: self.logger)
            var stored = run
            for try await id in rows.decode(Int64.self) { stored.id = ScreeningRunID(rawValue: id) }
            if !lines.isEmpty {
                var text = CopyText()
                for (line, reasons) in zip(lines, encoded) {
                    text.field(stored.id.rawValue)
                    text.field(line.position)
                    text.field(line.fileLine)
                    text.field(line.shipmentID)
                    text.field(line.lineNumber)
                    text.field(line.description)
                    text.field(line.consignee)
                    text.field(line.risk)
                    text.field(line.matchedID)
                    text.field(line.matchRule)
                    text.field(line.confidence)
                    text.field(reasons)
                    text.endRow()
                }
                try await connection.copy(
                    text.buffer, into: "screening_line",
                    columns: [
                        "run_id", "position", "file_line", "shipment_id", "line_number", "description", "consignee", "risk", "matched_id",
                        "match_rule", "confidence", "reasons",
                    ], logger: self.logger)
            }
            let names = Array(Set(consignees))
            if !names.isEmpty {
                try await connection.query(
                    "INSERT INTO screening_consignee (name) SELECT unnest(\(names)::TEXT[]) ON CONFLICT DO NOTHING", logger: self.logger)
            }
            return stored
        }
    }

    public func fetchScreeningRuns(limit: Int) async throws -> [ScreeningRun] {
        try await runs(
            """
            SELECT id, origin, watchlist_version, parameters, started_by, started_at, lines_screened, lines_flagged
            FROM screening_run ORDER BY id DESC LIMIT \(max(0, limit))
            """)
    }

    public func fetchScreeningRun(_ id: ScreeningRunID) async throws -> ScreeningRun? {
        try await runs(
            """
            SELECT id, origin, watchlist_version, parameters, started_by, started_at, lines_screened, lines_flagged
            FROM screening_run WHERE id = \(id.rawValue)
            """
        ).first
    }

    public func fetchScreeningLines(_ id: ScreeningRunID) async throws -> [ScreeningLineRecord] {
        let rows = try await client.query(
            """
            SELECT position, file_line, shipment_id, line_number, description, consignee, risk, matched_id, match_rule, confidence,
                reasons, decision, decided_by, decided_at, note
            FROM screening_line WHERE run_id = \(id.rawValue) ORDER BY risk DESC, position
            """, logger: logger)
        var lines: [ScreeningLineRecord] = []
        for try await row in rows.decode(
            (Int, Int, String?, Int?, String, String?, Double, String?, String?, Double?, String, String?, String?, Int64?, String?).self)
        {
            lines.append(
                try ScreeningLineCoding.line(
                    position: row.0, fileLine: row.1, shipmentID: row.2, lineNumber: row.3, description: row.4, consignee: row.5, risk: row.6,
                    matchedID: row.7, matchRule: row.8, confidence: row.9, reasons: row.10, decision: row.11, decidedBy: row.12,
                    decidedAt: row.13, note: row.14))
        }
        return lines
    }

    public func recordDecision(
        _ decision: ScreeningDecision, run: ScreeningRunID, position: Int, by: String?, note: String?, at time: Int64
    ) async throws {
        let rows = try await client.query(
            """
            UPDATE screening_line SET decision = \(decision.rawValue), decided_by = \(by), decided_at = \(time), note = \(note)
            WHERE run_id = \(run.rawValue) AND position = \(Int64(position)) RETURNING position
            """, logger: logger)
        for try await _ in rows { return }
        throw ScreeningLineCoding.unknownLine(run: run, position: position)
    }

    public func fetchKnownConsignees() async throws -> [String] {
        let rows = try await client.query("SELECT name FROM screening_consignee ORDER BY name", logger: logger)
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    private func runs(_ query: PostgresQuery) async throws -> [ScreeningRun] {
        let rows = try await client.query(query, logger: logger)
        var runs: [ScreeningRun] = []
        for try await row in rows.decode((Int64, String, String, String, String?, Int64, Int, Int).self) {
            runs.append(
                ScreeningRun(
                    id: ScreeningRunID(rawValue: row.0), origin: row.1, watchlistVersion: row.2, parameters: row.3, startedBy: row.4,
                    startedAt: row.5, linesScreened: row.6, linesFlagged: row.7))
        }
        return runs
    }
}
