import ArgumentParser
import VigilCore
import VigilStore

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "List stored overdose events.")

    @OptionGroup var filterOptions: FilterOptions

    @Option(help: "At most this many events.")
    var limit: Int?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    func run() async throws {
        try await reportingErrors {
            let events = try await storeOptions.openStore().fetchEvents(filterOptions.makeFilter(limit: limit))
            var table = OutputTable(columns: [
                "id", "occurred_at", "region", "latitude", "longitude", "outcome", "naloxone_doses", "substances",
                "source_kind", "age_band", "sex",
            ])
            for event in events {
                let naloxone: Cell
                switch event.naloxone {
                case nil: naloxone = .null
                case .notGiven?: naloxone = .integer(0)
                case .given(let doses)?: naloxone = doses.map(Cell.integer) ?? .text("given")
                }
                let substances = event.substances.map { mention in
                    (mention.substance?.rawValue ?? "unknown:" + mention.text)
                        + (mention.certainty == .confirmed ? "(confirmed)" : "")
                }
                table.rows.append([
                    .text(event.id.rawValue), .text(event.occurredAt.description), event.region.map { .text($0.rawValue) } ?? .null,
                    event.location.map { .number($0.latitude) } ?? .null, event.location.map { .number($0.longitude) } ?? .null,
                    .text(event.outcome.rawValue), naloxone, .text(substances.joined(separator: ";")),
                    .text(event.sourceKind.rawValue), event.ageBand.map { .text($0.rawValue) } ?? .null,
                    event.sex.map { .text($0.rawValue) } ?? .null,
                ])
            }
            print(table.render(format), terminator: "")
        }
    }
}
