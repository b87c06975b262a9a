import VigilCore
public import VigilDetection
public import VigilStore

/// Builds count series from stored events: the `vigil series` use case, and the input of detection.
public struct SeriesBuilder: Sendable {
    private let store: any EventStore

    /// Creates a builder reading from `store`.
    public init(store: any EventStore) { self.store = store }

    /// The series for every region (and subgroup) that has at least one event in the range, with
    /// every period present, zero where nothing happened.
    ///
    /// The range is `filter.from`…`filter.to`, or the first and last event dates when not given;
    /// weekly periods are whole ISO weeks labelled with their Monday, from the week that holds the
    /// start to the week that holds the end. Series are named by region code, or `region:substance` /
    /// `region:outcome`. Events without a region are in no series.
    public func build(_ grouping: SeriesGrouping, interval: CountSeries.Interval, filter: EventFilter) async throws
        -> [CountSeries]
    {
        // Weekly series count whole ISO weeks: widen the range to the Monday before and the Sunday after.
        var filter = filter
        if interval == .week {
            filter.from = filter.from?.startOfISOWeek
            filter.to = filter.to.map { $0.startOfISOWeek.adding(days: 6) }
        }
        let daily = try await store.fetchDailyCounts(grouping, filter: filter)
        guard let firstEvent = daily.map(\.date).min(), let lastEvent = daily.map(\.date).max() else { return [] }
        var start = filter.from ?? firstEvent
        let end = filter.to ?? lastEvent
        if interval == .week { start = start.startOfISOWeek }
        let periodCount = max(0, (end.dayNumber - start.dayNumber) / interval.days + 1)
        let dates = (0..<periodCount).map { start.adding(days: $0 * interval.days) }

        var countsByName: [String: [Int]] = [:]
        for row in daily {
            let name = row.subgroup.map { row.region.rawValue + ":" + $0 } ?? row.region.rawValue
            let period = (row.date.dayNumber - start.dayNumber) / interval.days
            guard period >= 0, period < periodCount else { continue }
            countsByName[name, default: Array(repeating: 0, count: periodCount)][period] += row.count
        }
        // Safe: the dates step by one period and counts are sums of stored events.
        return countsByName.keys.sorted().map {
            try! CountSeries(name: $0, interval: interval, dates: dates, counts: countsByName[$0]!)
        }
    }
}
