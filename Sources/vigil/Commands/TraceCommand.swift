import ArgumentParser
import Foundation
import VigilCore
import VigilKit

struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "From precursor to overdose: the links from an entity to seizures, their drug samples and the overdose alerts near them.",
        discussion: """
            ENTITY is a stored entity id ('vigil entities'): a shipment, one of its parties, or a seizure. Links are followed \
            up to --hops away to every seizure; a seizure's samples are the sample ids in its 'sample' property (entities.csv \
            column sample, several separated by ';'); an alert is near a sample when its evidence lists the sample, or when it \
            is an overdose alert of the sample's county or state whose days come within --days of the sample. One row per \
            step: seizure, step (link, sample, alert), from, to, what, evidence. Exit code 2 when no seizure is reached.
            """)

    @Argument(help: "The entity id to trace from.") var entity: String
    @Option(help: "How many links away to look for seizures.") var hops = 4
    @Option(help: "Overdose alerts within this many days of a sample count as near it.") var days = 60
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard (1...10).contains(hops) else { throw ValidationError("--hops must be within 1…10") }
        guard (0...3650).contains(days) else { throw ValidationError("--days must be within 0…3650") }
    }

    func run() async throws {
        try await reportingErrors {
            guard let id = EntityID(rawValue: entity) else { throw ValidationError("'\(entity)' is not an entity id") }
            let store = try await storeOptions.openStore()
            guard let report = try await SupplyTrace(network: store, samples: store, alerts: store).trace(from: id, maxHops: hops, days: days) else {
                throw ValidationError("there is no entity '\(entity)'; 'vigil entities list --search TEXT' finds ids")
            }
            var table = OutputTable(columns: ["seizure", "step", "from", "to", "what", "evidence"])
            for chain in report.chains {
                let seizure = Cell.text(chain.seizure.id.rawValue)
                for (index, link) in chain.links.enumerated() {
                    let dates = [link.start, link.end].compactMap { $0?.description }.joined(separator: " to ")
                    let source = link.provenance.map { "\($0.source)" + ($0.record.map { " record \($0)" } ?? "") }
                    table.rows.append([
                        seizure, .text("link"), .text(Self.label(chain.entities[index])), .text(Self.label(chain.entities[index + 1])),
                        .text(link.kind.rawValue), .text([dates.isEmpty ? nil : dates, source].compactMap { $0 }.joined(separator: "; ")),
                    ])
                }
                for sample in chain.samples {
                    let place = sample.region?.rawValue ?? sample.place ?? "no place"
                    table.rows.append([
                        seizure, .text("sample"), .text(Self.label(chain.seizure)), .text(sample.id.rawValue),
                        .text(sample.substances.map(\.text).joined(separator: ";")),
                        .text("collected \(sample.collectedOn) in \(place), \(sample.sourceKind.rawValue)"),
                    ])
                }
                for missing in chain.missingSamples {
                    table.rows.append([
                        seizure, .text("sample"), .text(Self.label(chain.seizure)), .text(missing), .text("not stored"),
                        .text("import the sample with 'vigil import --kind samples'"),
                    ])
                }
                for near in chain.alerts {
                    let alert = near.alert
                    table.rows.append([
                        seizure, .text("alert"), .text(near.sample.rawValue),
                        .text("alert \(alert.id.rawValue): \(alert.latest.kind) \(alert.latest.method) \(alert.latest.series)"),
                        .text("\(alert.severity.rawValue), \(alert.firstPeriod) to \(alert.latest.period), \(alert.status.rawValue)"),
                        .text(near.reason),
                    ])
                }
            }
            print(table.render(format), terminator: "")
            if report.chains.isEmpty {
                printError("no seizure within \(hops) links of \(Self.label(report.start))")
                throw ExitCode(2)
            }
        }
    }

    private static func label(_ entity: Entity) -> String { "\(entity.schema.rawValue) \(entity.name) [\(entity.id.rawValue)]" }
}
