public import VigilCore

/// What a detector found in one period.
public struct PeriodResult: Hashable, Sendable, Codable {
    /// Whether the period could be judged, and if not, why.
    public enum Status: String, Hashable, Sendable, Codable {
        /// The detector computed an upper bound and decided.
        case evaluated
        /// There is not enough history before this period.
        case notEnoughHistory
        /// Too few recent cases to judge (Farrington's "at least 5 in the last 4 periods").
        case notEnoughCases
        /// The model did not converge.
        case modelDidNotConverge
        /// The statistic is undefined here (a 0/0 that the reference reports as NA).
        case undefined
    }

    /// The first day of the period.
    public var date: CalendarDate
    /// The observed count.
    public var observed: Int
    /// The expected count under the baseline, when the method has one.
    public var expected: Double?
    /// The threshold: an alarm means `observed` above it (for CUSUM, at or above it).
    public var upperBound: Double?
    /// The method's statistic (EARS's C value, the CUSUM sum…).
    public var score: Double?
    /// A p-value, for methods that give one.
    public var pValue: Double?
    /// Whether the period raises an alarm.
    public var isAlarm: Bool
    /// Whether the period was judged.
    public var status: Status

    /// Creates a period result.
    public init(
        date: CalendarDate, observed: Int, expected: Double?, upperBound: Double?, score: Double?, pValue: Double? = nil,
        isAlarm: Bool, status: Status
    ) {
        self.date = date
        self.observed = observed
        self.expected = expected
        self.upperBound = upperBound
        self.score = score
        self.pValue = pValue
        self.isAlarm = isAlarm
        self.status = status
    }

    /// A period the detector could not judge.
    static func unjudged(_ date: CalendarDate, _ observed: Int, _ status: Status) -> PeriodResult {
        PeriodResult(date: date, observed: observed, expected: nil, upperBound: nil, score: nil, isAlarm: false, status: status)
    }
}

/// The outcome of running one detector on one series: one ``PeriodResult`` per period.
public struct DetectionResult: Hashable, Sendable {
    /// The series name.
    public var series: String
    /// The method, as `vigil detect --method` names it.
    public var method: String
    /// One result per period of the series, in order.
    public var periods: [PeriodResult]

    /// Creates a result.
    public init(series: String, method: String, periods: [PeriodResult]) {
        self.series = series
        self.method = method
        self.periods = periods
    }
}

/// A temporal outbreak detector: validated parameters in, one result per period out.
public protocol Detector: Sendable {
    /// The detector's parameters, with the reference's defaults.
    associatedtype Parameters: Hashable, Sendable, Codable
    /// The parameters in use.
    var parameters: Parameters { get }
    /// The name `vigil detect --method` uses.
    var method: String { get }
    /// How many periods must precede the first period this detector can judge.
    var minimumHistory: Int { get }
    /// Evaluates the last `count` periods of a series (every period when `count` is at least its
    /// length); the result holds only those periods. Judging only the latest period is what live
    /// detection does, and for model-based methods it is much cheaper.
    func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult
}

extension Detector {
    /// Evaluates every period of a series.
    public func evaluate(_ series: CountSeries) -> DetectionResult { evaluate(series, lastPeriods: series.counts.count) }
}

extension DetectionResult {
    /// The same result restricted to its last `count` periods.
    func suffix(_ count: Int) -> DetectionResult {
        DetectionResult(series: series, method: method, periods: Array(periods.suffix(max(0, count))))
    }
}
