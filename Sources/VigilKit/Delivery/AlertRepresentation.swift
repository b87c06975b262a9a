public import VigilCore

/// An alert as the API, the event stream and webhooks show it (snake_case keys when encoded
/// with `.convertToSnakeCase`).
public struct AlertRepresentation: Encodable, Sendable {
    /// The alert's number.
    public var id: Int64
    /// open, acknowledged or closed.
    public var status: String
    /// yellow or red (the highest reached).
    public var severity: String
    /// What raised it: `temporal` (a detector on a count series), `space-time-cluster` or `substance`
    /// (a drug-market finding).
    public var kind: String
    /// The detector.
    public var method: String
    /// The count series.
    public var series: String
    /// The region of the series.
    public var region: String
    /// The first period the alert covers.
    public var firstPeriod: String
    /// The latest period judged.
    public var lastPeriod: String
    /// Cases observed in the latest period.
    public var observed: Int
    /// Cases expected.
    public var expected: Double?
    /// The threshold.
    public var upperBound: Double?
    /// The detector's statistic.
    public var score: Double?
    /// The p-value, where the method has one.
    public var pValue: Double?
    /// The note left when it was acknowledged or closed.
    public var note: String?
    /// The drug-market evidence: the finding of a substance alert; the samples near an overdose alert,
    /// the substances on its events, and notes on raised severity or lowered thresholds.
    public var evidence: AlertEvidence?

    /// The representation of an alert.
    public init(_ alert: Alert) {
        let signal = alert.latest
        id = alert.id.rawValue
        status = alert.status.rawValue
        severity = alert.severity.rawValue
        (kind, method, series, region) = (signal.kind, signal.method, signal.series, signal.region.rawValue)
        firstPeriod = alert.firstPeriod.description
        lastPeriod = signal.period.description
        (observed, expected, upperBound, score, pValue) = (signal.observed, signal.expected, signal.upperBound, signal.score, signal.pValue)
        note = alert.note
        evidence = signal.evidence
    }
}
