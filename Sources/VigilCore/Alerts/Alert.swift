/// The identifier of a stored alert.
public struct AlertID: TypedIdentifier {
    /// The store's number for the alert.
    public let rawValue: Int64
    /// Wraps a stored number.
    public init(rawValue: Int64) { self.rawValue = rawValue }
}

/// What a detector said about the latest period of one series, when it raised an alarm.
public struct AlertSignal: Hashable, Sendable, Codable {
    /// What kind of detection raised it: `temporal` (a count series), `space-time-cluster` or
    /// `substance` (a drug-market finding on samples).
    public var kind: String
    /// The detection method (`ears-c2`, `farrington`, …).
    public var method: String
    /// The series name: the region code, or `region:substance` / `region:outcome`.
    public var series: String
    /// The region of the series.
    public var region: RegionCode
    /// The substance or outcome of the series, when it has one.
    public var subgroup: String?
    /// `day` or `week`.
    public var interval: String
    /// The first day of the alarming period.
    public var period: CalendarDate
    /// The observed count.
    public var observed: Int
    /// The expected count, when the method has one.
    public var expected: Double?
    /// The threshold that was exceeded.
    public var upperBound: Double?
    /// The method's statistic.
    public var score: Double?
    /// The p-value, when the method gives one.
    public var pValue: Double?
    /// How serious the signal is.
    public var severity: Alert.Severity
    /// What the signal rests on besides its counts (drug-market findings, nearby samples, notes);
    /// `nil` when nothing was gathered.
    public var evidence: AlertEvidence?

    /// Creates a signal.
    public init(
        kind: String = "temporal", method: String, series: String, region: RegionCode, subgroup: String?, interval: String, period: CalendarDate,
        observed: Int, expected: Double?, upperBound: Double?, score: Double?, pValue: Double?, severity: Alert.Severity,
        evidence: AlertEvidence? = nil
    ) {
        self.kind = kind
        self.method = method
        self.series = series
        self.region = region
        self.subgroup = subgroup
        self.interval = interval
        self.period = period
        self.observed = observed
        self.expected = expected
        self.upperBound = upperBound
        self.score = score
        self.pValue = pValue
        self.severity = severity
        self.evidence = evidence
    }
}

/// A spike that a person should look at: one or more consecutive alarming periods of one series
/// and method, and what has been done about it.
public struct Alert: Hashable, Sendable, Codable, Identifiable {
    /// How serious an alert is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        /// Above the configured threshold.
        case yellow
        /// Above the stricter threshold too.
        case red

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .yellow && rhs == .red }
    }

    /// Where an alert is in its life: open → acknowledged → closed, or open → closed.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// New or ongoing, nobody has looked at it.
        case open
        /// Someone is on it; new alarms of the same spike still update it.
        case acknowledged
        /// Done. A later alarm of the same series opens a new alert.
        case closed

        /// Whether an alert may move from this status to `next`.
        public func canMove(to next: Status) -> Bool {
            switch (self, next) {
            case (.open, .acknowledged), (.open, .closed), (.acknowledged, .closed): true
            default: false
            }
        }
    }

    /// The alert's identifier.
    public var id: AlertID
    /// The latest signal (its period is the last alarming period).
    public var latest: AlertSignal
    /// The first alarming period of this spike.
    public var firstPeriod: CalendarDate
    /// The highest severity seen during the spike.
    public var severity: Severity
    /// Where the alert is in its life.
    public var status: Status
    /// The last note added when acknowledging or closing.
    public var note: String?
    /// When it was opened, seconds since 1970 (UTC).
    public var createdAt: Int64
    /// When it last changed, seconds since 1970 (UTC).
    public var updatedAt: Int64

    /// Creates an alert record.
    public init(
        id: AlertID, latest: AlertSignal, firstPeriod: CalendarDate, severity: Severity, status: Status, note: String?,
        createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.latest = latest
        self.firstPeriod = firstPeriod
        self.severity = severity
        self.status = status
        self.note = note
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
