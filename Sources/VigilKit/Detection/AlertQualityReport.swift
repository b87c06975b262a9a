import Foundation
public import VigilCore
public import VigilDetection
public import VigilStore

/// How well each detection method would have done on a stored history with known outbreaks:
/// the `vigil alerts evaluate` use case, for choosing a jurisdiction's method and threshold.
///
/// Every period from `from` to `to` is judged as the daily or weekly job would have judged it then
/// (all detectors are causal: a period's result depends only on earlier data, so evaluating the
/// history at once equals replaying it day by day). Consecutive alarms of one series, no more than
/// `continuationDays` apart, form one alert, as in the alert store.
public struct AlertQualityReport: Sendable {
    /// A known outbreak: a series and the first and last day of the outbreak.
    public struct Outbreak: Hashable, Sendable {
        /// The series name, as `vigil series` prints it.
        public var series: String
        /// The first day of the outbreak.
        public var start: CalendarDate
        /// The last day of the outbreak.
        public var end: CalendarDate

        /// Creates an outbreak.
        public init(series: String, start: CalendarDate, end: CalendarDate) {
            self.series = series
            self.start = start
            self.end = end
        }
    }

    /// The figures of one method.
    public struct Row: Hashable, Sendable {
        /// The method.
        public var method: String
        /// Alarming periods per week, over all series.
        public var alarmsPerWeek: Double
        /// Alerts (runs of alarms) per week, over all series.
        public var alertsPerWeek: Double
        /// Outbreaks with at least one alarm of their series between their first and last day.
        public var detectedOutbreaks: Int
        /// All outbreaks in the range.
        public var outbreaks: Int
        /// detectedOutbreaks / outbreaks; `nil` without outbreaks.
        public var sensitivity: Double?
        /// The share of alerts that overlap an outbreak of their series; `nil` without alerts.
        public var positivePredictiveValue: Double?
        /// The median number of days from an outbreak's first day to its first alarm; `nil` when
        /// none was detected.
        public var medianDaysToDetection: Double?
    }

    private let events: any EventStore

    /// Creates the report over a store.
    public init(events: any EventStore) { self.events = events }

    /// Evaluates methods over a period.
    /// - Throws: ``VigilDetection/DetectionError`` for an unknown method or a range with no data.
    public func evaluate(
        methods: [String], outbreaks: [Outbreak], grouping: SeriesGrouping, interval: CountSeries.Interval,
        from: CalendarDate, to: CalendarDate, continuationDays: Int = 7
    ) async throws -> [Row] {
        let series = try await SeriesBuilder(store: events).build(grouping, interval: interval, filter: EventFilter(to: to))
        guard let dates = series.first?.dates, let firstIndex = dates.firstIndex(where: { $0 >= from }) else {
            throw DetectionError(code: .invalidInput, message: "no stored events up to \(to); import data or change --to")
        }
        let judged = dates.count - firstIndex
        let weeks = Double(to.dayNumber - dates[firstIndex].dayNumber + 1) / 7
        let names = Set(series.map(\.name))
        let unknown = Set(outbreaks.map(\.series)).subtracting(names).sorted()
        guard unknown.isEmpty else {
            throw DetectionError(
                code: .invalidInput,
                message: "the outbreaks name series with no stored events: \(unknown.joined(separator: ", ")); series are named "
                    + "as 'vigil series' prints them (a region code, or region:substance)")
        }
        let inRange = outbreaks.filter { $0.end >= from && $0.start <= to }
        // A period covers `reach` days after its first: a weekly alarm counts when its week overlaps.
        let reach = interval.days - 1
        var rows: [Row] = []
        for method in methods {
            let results = try DetectorCatalog.run(method: method, options: .init(), on: series, lastPeriods: judged)
            var alarmCount = 0
            var alerts: [(series: String, first: CalendarDate, last: CalendarDate)] = []
            var alarmDates: [String: [CalendarDate]] = [:]
            for result in results {
                let alarms = result.periods.filter { $0.isAlarm && $0.date <= to }.map(\.date)
                alarmCount += alarms.count
                alarmDates[result.series] = alarms
                for date in alarms {
                    if let last = alerts.last, last.series == result.series, date.dayNumber - last.last.dayNumber <= continuationDays {
                        alerts[alerts.count - 1].last = date
                    } else {
                        alerts.append((result.series, date, date))
                    }
                }
            }
            var delays: [Int] = []
            for outbreak in inRange {
                if let first = alarmDates[outbreak.series]?.first(where: { $0.adding(days: reach) >= outbreak.start && $0 <= outbreak.end }) {
                    delays.append(max(0, first.dayNumber - outbreak.start.dayNumber))
                }
            }
            let truePositives = alerts.filter { alert in
                inRange.contains { $0.series == alert.series && alert.last.adding(days: reach) >= $0.start && alert.first <= $0.end }
            }.count
            rows.append(
                Row(
                    method: method, alarmsPerWeek: Double(alarmCount) / weeks, alertsPerWeek: Double(alerts.count) / weeks,
                    detectedOutbreaks: delays.count, outbreaks: inRange.count,
                    sensitivity: inRange.isEmpty ? nil : Double(delays.count) / Double(inRange.count),
                    positivePredictiveValue: alerts.isEmpty ? nil : Double(truePositives) / Double(alerts.count),
                    medianDaysToDetection: Self.median(delays)))
        }
        return rows
    }

    /// Reads known outbreaks from a CSV file with columns `series,start,end` (dates YYYY-MM-DD).
    /// - Throws: ``VigilDetection/DetectionError`` naming the line for a bad date or an end before
    ///   the start.
    public static func readOutbreaks(path: String) throws -> [Outbreak] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw DetectionError(code: .invalidInput, message: "cannot read '\(path)': \(error.localizedDescription)")
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }),
            header == ["series", "start", "end"]
        else {
            throw DetectionError(code: .invalidInput, message: "\(path):1: the header must be series,start,end")
        }
        lines.removeFirst()
        var outbreaks: [Outbreak] = []
        for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let number = offset + 2
            guard fields.count == 3 else { throw DetectionError(code: .invalidInput, message: "\(path):\(number): expected 3 fields") }
            guard let start = CalendarDate(iso: fields[1]), let end = CalendarDate(iso: fields[2]) else {
                throw DetectionError(code: .invalidInput, message: "\(path):\(number): dates must be YYYY-MM-DD")
            }
            guard start <= end else {
                throw DetectionError(code: .invalidInput, message: "\(path):\(number): the outbreak ends (\(end)) before it starts (\(start))")
            }
            outbreaks.append(Outbreak(series: fields[0], start: start, end: end))
        }
        return outbreaks
    }

    private static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}
