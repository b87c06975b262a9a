public import VigilCore

/// What recording a signal does to the alerts of its series (``AlertStore/recordSignal(_:continuationDays:at:)``):
/// the rule every backend applies inside its own transaction, after looking up the two alerts it
/// depends on.
public enum AlertRecording: Hashable, Sendable {
    /// Nothing changes; the alert that already accounts for the signal.
    case unchanged(Alert)
    /// The ongoing alert takes the signal as its latest (stored under the same id).
    case update(Alert)
    /// A new alert opens.
    case insert

    /// Decides.
    /// - Parameters:
    ///   - covering: The newest alert of the series whose periods include the signal's period.
    ///   - ongoing: The not-closed alert of the series that the signal continues (last period within
    ///     the continuation days before the signal's period, first period not after it).
    public static func decide(_ signal: AlertSignal, covering: Alert?, ongoing: Alert?, at time: Int64) -> AlertRecording {
        // An alert that already covers this period has seen this signal: leave it as it is, unless it
        // is still open at this very period (then new data for the period refreshes its figures).
        if let covering, covering.status == .closed || covering.latest.period != signal.period { return .unchanged(covering) }
        guard var alert = ongoing else { return .insert }
        // A signal older than the alert's last period (a re-run on earlier data) changes nothing.
        guard signal.period >= alert.latest.period else { return .unchanged(alert) }
        alert.severity = max(alert.severity, signal.severity)
        if alert.latest != signal { alert.updatedAt = time }
        alert.latest = signal
        return .update(alert)
    }
}
