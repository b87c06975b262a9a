import ArgumentParser
import VigilCore
import VigilStore

struct SamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples", abstract: "List stored drug samples (seizures, lab and drug-checking results), oldest first.")

    @Option(help: "A county FIPS (09009) or state FIPS (09, includes its counties).") var region: String?
    @Option(help: "The first collection date included (YYYY-MM-DD).") var from: String?
    @Option(help: "The last collection date included (YYYY-MM-DD).") var to: String?
    @Option(help: "A substance (catalogue name or identifier, or a name the catalogue does not know).") var substance: String?
    @Option(help: "seizure, forensic_lab, drug_checking or toxicology.") var kind: String?
    @Option(help: "At most this many samples.") var limit: Int?
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
        if let kind, SampleSourceKind(rawValue: kind) == nil {
            throw ValidationError("--kind '\(kind)' is not one of " + SampleSourceKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() async throws {
        try await reportingErrors {
            var filter = SampleFilter(limit: limit ?? .max)
            if let region {
                do { filter.region = try RegionCode(parsing: region) } catch { throw ValidationError("\(error)") }
            }
            filter.from = try from.map { try FilterOptions.date($0, option: "--from") }
            filter.to = try to.map { try FilterOptions.date($0, option: "--to") }
            filter.substance = substance.map { SubstanceCatalog.standard.resolve($0)?.rawValue ?? $0.lowercased() }
            filter.sourceKind = kind.flatMap(SampleSourceKind.init(rawValue:))
            var table = OutputTable(columns: ["id", "collected_on", "region", "place", "source_kind", "form", "sold_as", "substances", "laboratory"])
            for sample in try await storeOptions.openStore().fetchSamples(filter) {
                let substances = sample.substances.map { found in
                    (found.substance?.rawValue ?? "unknown:" + found.text) + (found.purityPercent.map { "=\($0)%" } ?? "")
                }
                table.rows.append([
                    .text(sample.id.rawValue), .text(sample.collectedOn.description), sample.region.map { .text($0.rawValue) } ?? .null,
                    sample.place.map(Cell.text) ?? .null, .text(sample.sourceKind.rawValue), sample.form.map { .text($0.rawValue) } ?? .null,
                    sample.soldAs.map(Cell.text) ?? .null, .text(substances.joined(separator: ";")), sample.laboratory.map(Cell.text) ?? .null,
                ])
            }
            print(table.render(format), terminator: "")
        }
    }
}
