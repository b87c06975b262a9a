import Foundation
public import VigilCore
public import VigilStore

/// What the drug samples of one area show month by month: how many samples, which substances in how
/// many of them, and when each substance was first seen in the area (the dashboard's drug-market page).
public struct DrugMarketSummary: Hashable, Sendable {
    /// One substance's monthly counts.
    public struct Line: Hashable, Sendable {
        /// The catalogue id, or the unknown name in lower case.
        public var key: String
        /// The name to show.
        public var name: String
        /// Samples containing it, per month of ``DrugMarketSummary/months``.
        public var counts: [Int]
        /// The first day any sample of the area contained it (over all the area's samples).
        public var firstSeen: CalendarDate
        /// Whether the class is configured as dangerous.
        public var isDangerous: Bool
    }

    /// The first day of each month shown.
    public var months: [CalendarDate]
    /// Samples per month.
    public var samples: [Int]
    /// The substances, most frequent over the months shown first.
    public var lines: [Line]
    /// The collection day of the area's latest sample, if it has any.
    public var latest: CalendarDate?

    /// The summary of a region's samples (a state includes its counties; `nil` for every sample) for the
    /// `months` calendar months ending with the month of `last`, or, when `last` is `nil`, with the month of the
    /// area's latest sample (this month when it has none). The samples are read once.
    public static func load(
        _ store: any SampleStore, region: RegionCode?, months count: Int, endingIn last: CalendarDate? = nil,
        settings: DrugMarketSettings = .standard, catalog: SubstanceCatalog = .standard
    ) async throws -> DrugMarketSummary {
        let endOfMonth = last.map { CalendarDate(year: $0.year, month: $0.month, day: CalendarDate.daysIn(month: $0.month, year: $0.year))! }
        let stored = try await store.fetchSamples(SampleFilter(to: endOfMonth, region: region))
        let latest = stored.last?.collectedOn
        let last = last ?? latest ?? CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
        var start = CalendarDate(year: last.year, month: last.month, day: 1)!
        var months = [start]
        for _ in 1..<max(1, count) {
            start = CalendarDate(year: start.month == 1 ? start.year - 1 : start.year, month: start.month == 1 ? 12 : start.month - 1, day: 1)!
            months.insert(start, at: 0)
        }
        var firstSeen: [String: CalendarDate] = [:]
        var names: [String: String] = [:]
        var counts: [String: [Int]] = [:]
        var samples = [Int](repeating: 0, count: months.count)
        for sample in stored {
            let month = months.lastIndex { $0 <= sample.collectedOn }
            if let month { samples[month] += 1 }
            for substance in sample.substances {
                if firstSeen[substance.key] == nil {
                    firstSeen[substance.key] = sample.collectedOn
                    names[substance.key] = substance.substance.flatMap { catalog.substance($0)?.name } ?? substance.text
                }
                if let month { counts[substance.key, default: [Int](repeating: 0, count: months.count)][month] += 1 }
            }
        }
        let lines = counts.map { key, counts in
            Line(key: key, name: names[key] ?? key, counts: counts, firstSeen: firstSeen[key]!, isDangerous: settings.isDangerous(key, catalog: catalog))
        }.sorted { ($1.counts.reduce(0, +), $0.key) < ($0.counts.reduce(0, +), $1.key) }
        return DrugMarketSummary(months: months, samples: samples, lines: lines, latest: latest)
    }

    /// The substances first seen in the area within the months shown, earliest first.
    public var newSubstances: [Line] { lines.filter { $0.firstSeen >= months[0] }.sorted { ($0.firstSeen, $0.key) < ($1.firstSeen, $1.key) } }
}
