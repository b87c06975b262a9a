public import VigilCore

/// Where alerts are kept. The SQLite store implements it beside ``EventStore``.
public protocol AlertStore: Sendable {
    /// Records an alarm. When the same method and series has an alert that is not closed and
    /// whose last period is at most `continuationDays` days before the signal's period, that alert
    /// is updated (same spike, seen again); otherwise a new alert opens. Recording the same signal
    /// twice changes nothing.
    /// - Returns: The alert and whether it is new.
    func recordSignal(_ signal: AlertSignal, continuationDays: Int, at time: Int64) async throws -> (alert: Alert, isNew: Bool)

    /// The alerts, newest first, optionally only those with one status.
    func fetchAlerts(status: Alert.Status?) async throws -> [Alert]

    /// One alert; `nil` when there is no such alert.
    func fetchAlert(_ id: AlertID) async throws -> Alert?

    /// Moves an alert to a new status with a note.
    /// - Throws: ``StoreError`` `unknownAlert` when there is no such alert, `invalidTransition` when
    ///   the status change is not allowed (a closed alert stays closed).
    func updateAlert(_ id: AlertID, to status: Alert.Status, note: String?, at time: Int64) async throws -> Alert
}
