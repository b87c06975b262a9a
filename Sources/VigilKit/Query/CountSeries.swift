public import VigilCore
public import VigilStore

/// The width of a count period.
public enum SeriesInterval: String, Hashable, Sendable, CaseIterable {
    /// One local calendar day.
    case day
    /// One ISO week, Monday to Sunday, labelled with its Monday.
    case week
}

/// Event counts per period for one series (a region, or a region and a substance or outcome), with
/// every period in the range present, zero where nothing happened.
public struct EventCountSeries: Hashable, Sendable {
    /// The series name: the region code, or `region:substance` / `region:outcome`.
    public var name: String
    /// The first day of each period, in order.
    public var dates: [CalendarDate]
    /// The count in each period.
    public var counts: [Int]
}

/// Builds count series from stored events: the `vigil series` use case, and the input of detection.
public struct SeriesBuilder: Sendable {
    private let store: any EventStore

    /// Creates a builder reading from `store`.
    public init(store: any EventStore) { self.store = store }

    /// The series for every region (and subgroup) that has at least one event in the range.
    ///
    /// The range is `filter.from`…`filter.to`, or the first and last event dates when not given;
    /// weekly periods start on the Monday on or before the start. Events without a region are in
    /// no series.
    public func build(_ grouping: SeriesGrouping, interval: SeriesInterval, filter: EventFilter) async throws
        -> [EventCountSeries]
    {
        let daily = try await store.fetchDailyCounts(grouping, filter: filter)
        guard let firstEvent = daily.map(\.date).min(), let lastEvent = daily.map(\.date).max() else { return [] }
        var start = filter.from ?? firstEvent
        let end = filter.to ?? lastEvent
        if interval == .week { start = start.startOfISOWeek }
        let periodDays = interval == .week ? 7 : 1
        let periodCount = max(0, (end.dayNumber - start.dayNumber) / periodDays + 1)
        let dates = (0..<periodCount).map { start.adding(days: $0 * periodDays) }

        var countsByName: [String: [Int]] = [:]
        for row in daily {
            let name = row.subgroup.map { row.region.rawValue + ":" + $0 } ?? row.region.rawValue
            let period = (row.date.dayNumber - start.dayNumber) / periodDays
            guard period >= 0, period < periodCount else { continue }
            countsByName[name, default: Array(repeating: 0, count: periodCount)][period] += row.count
        }
        return countsByName.keys.sorted().map { EventCountSeries(name: $0, dates: dates, counts: countsByName[$0]!) }
    }
}
