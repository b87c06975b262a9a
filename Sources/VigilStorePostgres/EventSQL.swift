import PostgresNIO
import VigilCore
import VigilStore

/// The `WHERE` conditions of an event filter for table alias `e`, with their values as numbered
/// parameters (`$1`, `$2`, …): values are always bound, never written into the SQL.
struct EventSQL {
    /// The conditions, joined with `AND` (`TRUE` when the filter is empty).
    private(set) var conditions = "TRUE"
    private var binds = PostgresBindings()
    private var parts: [String] = []

    init(_ filter: EventFilter) {
        if let region = filter.region { parts.append("(" + regionCondition(region) + ")") }
        if let from = filter.from { parts.append("e.local_date >= \(bind(from.description))::DATE") }
        if let to = filter.to { parts.append("e.local_date <= \(bind(to.description))::DATE") }
        if let outcome = filter.outcome { parts.append("e.outcome = \(bind(outcome.rawValue))") }
        if let substance = filter.substance {
            parts.append("e.id IN (SELECT event_id FROM event_substance WHERE substance = \(bind(substance.rawValue)))")
        }
        if let jurisdictions = filter.jurisdictions, !jurisdictions.isNational {
            parts.append("(" + jurisdictions.codes.map { regionCondition($0) }.joined(separator: " OR ") + ")")
        }
        if let after = filter.after {
            let date = bind(after.localDate.description)
            let source = bind(after.sourceSystem.rawValue)
            let record = bind(after.sourceRecordID)
            parts.append("(e.local_date, e.source_system, e.source_record_id) > (\(date)::DATE, \(source), \(record))")
        }
        if !parts.isEmpty { conditions = parts.joined(separator: " AND ") }
    }

    /// A query of `sql`, which uses ``conditions``, with the filter's values bound.
    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }

    /// Events in a region: a state covers its counties.
    private mutating func regionCondition(_ region: RegionCode) -> String {
        guard region.level == .state else { return "e.region = \(bind(region.rawValue))" }
        return "e.region = \(bind(region.rawValue)) OR e.region LIKE \(bind(region.rawValue + "___"))"
    }

    /// Binds a value and returns its placeholder.
    private mutating func bind(_ value: String) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }
}
