import ArgumentParser
import VigilCore
import VigilDetection
import VigilKit
import VigilStore

struct SamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples", abstract: "Stored drug samples: list them, find emerging substances, or write a public drug alert.",
        subcommands: [SamplesList.self, SamplesEmerging.self, SamplesNotice.self], defaultSubcommand: SamplesList.self)
}

struct SamplesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List stored drug samples (seizures, lab and drug-checking results), oldest first.")

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

struct SamplesEmerging: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emerging",
        abstract: "Substances new to a region, newly found with an anchor such as fentanyl, or in a rising share of samples.",
        discussion: """
            Every stored sample collected up to --to is read; findings are reported for --from to --to, the history before \
            being the baseline. A substance is new to a region the first time a sample contains it, or the first time after \
            --quiet-days without one; a new co-occurrence is the same for a substance found together with an anchor; a \
            rising share is a binomial CUSUM alarm on the share of samples (all, and those with each anchor) containing it, \
            per period, against the baseline share. Samples without a region are grouped by their place.
            """)

    @Option(help: "The first day findings are reported for (YYYY-MM-DD).") var from: String
    @Option(help: "The last day (YYYY-MM-DD).") var to: String
    @OptionGroup var detection: SubstanceDetectionOptions
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let (start, end) = (try FilterOptions.date(from, option: "--from"), try FilterOptions.date(to, option: "--to"))
            guard start <= end else { throw ValidationError("--from \(start) is after --to \(end)") }
            let (report, samplesRead) = try await EmergingSubstances(store: try await storeOptions.openStore()).run(
                from: start, to: end, parameters: try detection.parameters())
            var table = OutputTable(columns: [
                "kind", "region", "substance", "anchor", "day", "last_day", "previous_day", "samples", "with_substance", "baseline_share",
                "recent_share", "cusum",
            ])
            for finding in report.findings {
                table.rows.append([
                    .text(finding.kind.rawValue), .text(finding.region), .text(finding.substance.rawValue),
                    finding.anchor.map { .text($0.rawValue) } ?? .null, .text(finding.day.description), .text(finding.lastDay.description),
                    finding.previousDay.map { .text($0.description) } ?? .null, .integer(finding.samples), .integer(finding.samplesWithSubstance),
                    finding.share.map { .number($0.baselineShare) } ?? .null, finding.share.map { .number($0.recentShare) } ?? .null,
                    finding.share.map { .number($0.cusum) } ?? .null,
                ])
            }
            print(table.render(format), terminator: "")
            printError("\(report.findings.count) findings from \(samplesRead) samples; \(report.insufficientBaselines.count) region baselines too small for share monitoring")
        }
    }
}
