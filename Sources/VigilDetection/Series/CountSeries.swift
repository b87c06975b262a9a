public import VigilCore

/// Counts per period for one series (a region, or a region and a substance), in time order with
/// no gaps: a period with no events holds an explicit zero.
///
/// This is what every temporal detector reads. Build it from stored events (VigilKit's
/// `SeriesBuilder`) or from a `series,date,count` file (VigilKit's `SeriesFileReader`).
public struct CountSeries: Hashable, Sendable {
    /// The length of one period.
    public enum Interval: String, Hashable, Sendable, Codable, CaseIterable {
        /// One calendar day.
        case day
        /// One ISO week (Monday to Sunday), labelled with its Monday.
        case week

        /// The number of days in one period.
        public var days: Int { self == .day ? 1 : 7 }

        /// The number of periods in a year as `surveillance` counts them: 365 days or 52 weeks.
        public var periodsPerYear: Int { self == .day ? 365 : 52 }
    }

    /// The series name, such as `09009` or `09009:fentanyl`.
    public var name: String
    /// The period length.
    public var interval: Interval
    /// The first day of each period, consecutive.
    public var dates: [CalendarDate]
    /// The count in each period, never negative.
    public var counts: [Int]
    /// The population under surveillance in each period, when the detector should use it as an
    /// offset (Farrington's `populationOffset`).
    public var population: [Double]?

    /// Creates a series after checking that dates and counts line up.
    /// - Throws: ``DetectionError`` when the lengths differ, a count is negative, or the dates do
    ///   not step by exactly one period.
    public init(name: String, interval: Interval, dates: [CalendarDate], counts: [Int], population: [Double]? = nil)
        throws(DetectionError)
    {
        guard dates.count == counts.count, population.map({ $0.count == counts.count }) ?? true else {
            throw DetectionError(
                code: .invalidSeries, message: "series '\(name)': \(dates.count) dates but \(counts.count) counts")
        }
        if let index = counts.firstIndex(where: { $0 < 0 }) {
            throw DetectionError(
                code: .invalidSeries, message: "series '\(name)': count \(counts[index]) on \(dates[index]) is negative")
        }
        for index in dates.indices.dropFirst() where dates[index].dayNumber - dates[index - 1].dayNumber != interval.days {
            throw DetectionError(
                code: .invalidSeries,
                message: "series '\(name)': \(dates[index]) does not follow \(dates[index - 1]) by one \(interval.rawValue)")
        }
        self.name = name
        self.interval = interval
        self.dates = dates
        self.counts = counts
        self.population = population
    }
}
