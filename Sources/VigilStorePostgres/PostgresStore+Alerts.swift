import Logging
import PostgresNIO
public import VigilCore
public import VigilStore

extension PostgresStore: AlertStore {
    private static let alertColumns = """
        id, kind, method, series, region, subgroup, interval, first_period, last_period, observed, expected, upper_bound, score,
        p_value, latest_severity, severity, status, note, created_at, updated_at, evidence
        """

    public func recordSignal(_ signal: AlertSignal, continuationDays: Int, at time: Int64) async throws -> (alert: Alert, isNew: Bool) {
        try await transaction { connection in
            // Servers sharing the database record one series' signals one at a time, so that two of
            // them never raise the same alert twice.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(\(signal.kind + "\u{1F}" + signal.method + "\u{1F}" + signal.series), 0))",
                logger: self.logger)
            let period = signal.period.description
            let covering = try await self.alerts(
                """
                SELECT \(unescaped: Self.alertColumns) FROM alert
                WHERE kind = \(signal.kind) AND method = \(signal.method) AND series = \(signal.series)
                    AND first_period <= \(period) AND last_period >= \(period)
                ORDER BY id DESC LIMIT 1
                """, on: connection
            ).first
            let earliest = signal.period.adding(days: -continuationDays).description
            let ongoing = try await self.alerts(
                """
                SELECT \(unescaped: Self.alertColumns) FROM alert
                WHERE kind = \(signal.kind) AND method = \(signal.method) AND series = \(signal.series) AND status <> 'closed'
                    AND last_period >= \(earliest) AND first_period <= \(period)
                ORDER BY last_period DESC LIMIT 1
                """, on: connection
            ).first
            switch AlertRecording.decide(signal, covering: covering, ongoing: ongoing, at: time) {
            case .unchanged(let alert):
                return (alert, false)
            case .update(let alert):
                let latest = alert.latest
                let updated = try await self.alerts(
                    """
                    UPDATE alert SET last_period = \(latest.period.description), observed = \(latest.observed),
                        expected = \(latest.expected), upper_bound = \(latest.upperBound), score = \(latest.score),
                        p_value = \(latest.pValue), latest_severity = \(latest.severity.rawValue), severity = \(alert.severity.rawValue),
                        updated_at = \(alert.updatedAt), evidence = \(AlertEvidenceCoding.text(latest.evidence))
                    WHERE id = \(alert.id.rawValue) RETURNING \(unescaped: Self.alertColumns)
                    """, on: connection)
                return (updated[0], false)
            case .insert:
                let inserted = try await self.alerts(
                    """
                    INSERT INTO alert (kind, method, series, region, subgroup, interval, first_period, last_period, observed, expected,
                        upper_bound, score, p_value, latest_severity, severity, status, created_at, updated_at, evidence)
                    VALUES (\(signal.kind), \(signal.method), \(signal.series), \(signal.region.rawValue), \(signal.subgroup),
                        \(signal.interval), \(period), \(period), \(signal.observed), \(signal.expected), \(signal.upperBound),
                        \(signal.score), \(signal.pValue), \(signal.severity.rawValue), \(signal.severity.rawValue), 'open', \(time), \(time),
                        \(AlertEvidenceCoding.text(signal.evidence)))
                    RETURNING \(unescaped: Self.alertColumns)
                    """, on: connection)
                return (inserted[0], true)
            }
        }
    }

    public func fetchAlerts(status: Alert.Status?) async throws -> [Alert] {
        try await client.withConnection { connection in
            try await self.alerts(
                """
                SELECT \(unescaped: Self.alertColumns) FROM alert WHERE \(status?.rawValue)::TEXT IS NULL OR status = \(status?.rawValue)
                ORDER BY id DESC
                """, on: connection)
        }
    }

    public func fetchAlert(_ id: AlertID) async throws -> Alert? {
        try await client.withConnection { connection in
            try await self.alerts("SELECT \(unescaped: Self.alertColumns) FROM alert WHERE id = \(id.rawValue)", on: connection).first
        }
    }

    public func updateAlert(_ id: AlertID, to status: Alert.Status, note: String?, at time: Int64) async throws -> Alert {
        try await transaction { connection in
            guard
                let alert = try await self.alerts(
                    "SELECT \(unescaped: Self.alertColumns) FROM alert WHERE id = \(id.rawValue) FOR UPDATE", on: connection
                ).first
            else { throw StoreError(code: .unknownAlert, message: "there is no alert \(id); 'vigil alerts' lists them") }
            guard alert.status.canMove(to: status) else {
                throw StoreError(code: .invalidTransition, message: "alert \(id) is \(alert.status.rawValue) and cannot become \(status.rawValue)")
            }
            return try await self.alerts(
                """
                UPDATE alert SET status = \(status.rawValue), note = COALESCE(\(note), note), updated_at = \(time)
                WHERE id = \(id.rawValue) RETURNING \(unescaped: Self.alertColumns)
                """, on: connection)[0]
        }
    }

    /// Runs a query that returns alert rows in the order of `alertColumns`.
    private func alerts(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [Alert] {
        var alerts: [Alert] = []
        let rows = try await connection.query(query, logger: logger)
        for try await row in rows.decode(
            (Int64, String, String, String, String, String?, String, String, String, Int, Double?, Double?, Double?, Double?, String, String,
                String, String?, Int64, Int64, String?).self)
        {
            guard let region = RegionCode(rawValue: row.4), let first = CalendarDate(iso: row.7), let last = CalendarDate(iso: row.8),
                let latestSeverity = Alert.Severity(rawValue: row.14), let severity = Alert.Severity(rawValue: row.15),
                let status = Alert.Status(rawValue: row.16)
            else { throw Self.corrupt("alert", row.0) }
            let signal = AlertSignal(
                kind: row.1, method: row.2, series: row.3, region: region, subgroup: row.5, interval: row.6, period: last, observed: row.9,
                expected: row.10, upperBound: row.11, score: row.12, pValue: row.13, severity: latestSeverity,
                evidence: try AlertEvidenceCoding.evidence(row.20, alert: row.0))
            alerts.append(
                Alert(
                    id: AlertID(rawValue: row.0), latest: signal, firstPeriod: first, severity: severity, status: status, note: row.17,
                    createdAt: row.18, updatedAt: row.19))
        }
        return alerts
    }
}
