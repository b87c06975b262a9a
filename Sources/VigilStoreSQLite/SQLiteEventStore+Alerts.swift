import GRDB
public import VigilCore
public import VigilStore

extension SQLiteEventStore: AlertStore {
    public func recordSignal(_ signal: AlertSignal, continuationDays: Int, at time: Int64) async throws
        -> (alert: Alert, isNew: Bool)
    {
        try await writer.write { db in
            let period = signal.period.description
            let covering = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM alert WHERE kind = ? AND method = ? AND series = ? AND first_period <= ? AND last_period >= ?
                    ORDER BY id DESC LIMIT 1
                    """,
                arguments: [signal.kind, signal.method, signal.series, period, period]
            ).map(Self.alert(from:))
            let ongoing = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM alert
                    WHERE kind = ? AND method = ? AND series = ? AND status != 'closed' AND last_period >= ?
                        AND first_period <= ?
                    ORDER BY last_period DESC LIMIT 1
                    """,
                arguments: [signal.kind, signal.method, signal.series, signal.period.adding(days: -continuationDays).description, period]
            ).map(Self.alert(from:))
            switch AlertRecording.decide(signal, covering: covering, ongoing: ongoing, at: time) {
            case .unchanged(let alert):
                return (alert, false)
            case .update(let alert):
                let latest = alert.latest
                try db.execute(
                    sql: """
                        UPDATE alert SET last_period = ?, observed = ?, expected = ?, upper_bound = ?, score = ?, p_value = ?,
                            latest_severity = ?, severity = ?, updated_at = ?, evidence = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        latest.period.description, latest.observed, latest.expected, latest.upperBound, latest.score, latest.pValue,
                        latest.severity.rawValue, alert.severity.rawValue, alert.updatedAt, AlertEvidenceCoding.text(latest.evidence),
                        alert.id.rawValue,
                    ])
                return (try Self.fetchAlert(db, id: alert.id.rawValue), false)
            case .insert:
                try db.execute(
                    sql: """
                        INSERT INTO alert (kind, method, series, region, subgroup, interval, first_period, last_period, observed, expected,
                            upper_bound, score, p_value, latest_severity, severity, status, created_at, updated_at, evidence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
                        """,
                    arguments: [
                        signal.kind, signal.method, signal.series, signal.region.rawValue, signal.subgroup, signal.interval,
                        period, period, signal.observed, signal.expected, signal.upperBound, signal.score, signal.pValue,
                        signal.severity.rawValue, signal.severity.rawValue, time, time, AlertEvidenceCoding.text(signal.evidence),
                    ])
                return (try Self.fetchAlert(db, id: db.lastInsertedRowID), true)
            }
        }
    }

    public func fetchAlerts(status: Alert.Status?) async throws -> [Alert] {
        try await writer.read { db in
            let rows: [Row]
            if let status {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM alert WHERE status = ? ORDER BY id DESC", arguments: [status.rawValue])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM alert ORDER BY id DESC")
            }
            return try rows.map(Self.alert(from:))
        }
    }

    public func updateAlert(_ id: AlertID, to status: Alert.Status, note: String?, at time: Int64) async throws -> Alert {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id.rawValue]) else {
                throw StoreError(code: .unknownAlert, message: "there is no alert \(id); 'vigil alerts' lists them")
            }
            let alert = try Self.alert(from: row)
            guard alert.status.canMove(to: status) else {
                throw StoreError(
                    code: .invalidTransition,
                    message: "alert \(id) is \(alert.status.rawValue) and cannot become \(status.rawValue)")
            }
            try db.execute(
                sql: "UPDATE alert SET status = ?, note = COALESCE(?, note), updated_at = ? WHERE id = ?",
                arguments: [status.rawValue, note, time, id.rawValue])
            return try Self.fetchAlert(db, id: id.rawValue)
        }
    }

    public func fetchAlert(_ id: AlertID) async throws -> Alert? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id.rawValue]).map(Self.alert(from:))
        }
    }

    private static func fetchAlert(_ db: Database, id: Int64) throws -> Alert {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM alert WHERE id = ?", arguments: [id]) else {
            throw StoreError(code: .unknownAlert, message: "there is no alert \(id)")
        }
        return try alert(from: row)
    }

    private static func alert(from row: Row) throws -> Alert {
        let id: Int64 = row["id"]
        let corrupt = StoreError(
            code: .corruptValue, message: "alert \(id) holds a value this version of Vigil cannot read; was the database edited by hand?")
        guard let region = RegionCode(rawValue: row["region"]), let first = CalendarDate(iso: row["first_period"] as String),
            let last = CalendarDate(iso: row["last_period"] as String),
            let latestSeverity = Alert.Severity(rawValue: row["latest_severity"]),
            let severity = Alert.Severity(rawValue: row["severity"]), let status = Alert.Status(rawValue: row["status"])
        else { throw corrupt }
        let signal = AlertSignal(
            kind: row["kind"], method: row["method"], series: row["series"], region: region, subgroup: row["subgroup"], interval: row["interval"],
            period: last, observed: row["observed"], expected: row["expected"], upperBound: row["upper_bound"], score: row["score"],
            pValue: row["p_value"], severity: latestSeverity, evidence: try AlertEvidenceCoding.evidence(row["evidence"], alert: id))
        return Alert(
            id: AlertID(rawValue: id), latest: signal, firstPeriod: first, severity: severity, status: status, note: row["note"],
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}
