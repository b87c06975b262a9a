import ArgumentParser
import VigilCore
import VigilStore

/// The event filter options shared by `events` and `series`.
struct FilterOptions: ParsableArguments {
    @Option(help: "A county FIPS (09009), state FIPS (09, includes its counties) or ISO country code.")
    var region: String?

    @Option(help: "The first local date included (YYYY-MM-DD).")
    var from: String?

    @Option(help: "The last local date included (YYYY-MM-DD).")
    var to: String?

    @Option(help: "A substance name or identifier (fentanyl, xylazine, 'fentanyl analogue'…).")
    var substance: String?

    @Option(help: "fatal, nonfatal or unknown.")
    var outcome: String?

    func makeFilter(limit: Int? = nil) throws -> EventFilter {
        var filter = EventFilter(limit: limit)
        if let region {
            do { filter.region = try RegionCode(parsing: region) } catch { throw ValidationError(error.message) }
        }
        filter.from = try from.map { try Self.date($0, option: "--from") }
        filter.to = try to.map { try Self.date($0, option: "--to") }
        if let from = filter.from, let to = filter.to, from > to {
            throw ValidationError("--from \(from) is after --to \(to)")
        }
        if let substance {
            guard let id = SubstanceCatalog.standard.resolve(substance) else {
                throw ValidationError("'\(substance)' is not a substance in the catalogue; try a name such as fentanyl or xylazine")
            }
            filter.substance = id
        }
        if let outcome {
            do { filter.outcome = try Outcome(code: outcome) } catch { throw ValidationError(error.message) }
        }
        return filter
    }

    static func date(_ text: String, option: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw ValidationError("\(option) '\(text)' is not a date of the form YYYY-MM-DD")
        }
        return date
    }
}
