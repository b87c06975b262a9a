import ArgumentParser
import Foundation
import VigilIngest
import VigilKit
import VigilNetwork

struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve records that describe the same person or company into entities (Fellegi-Sunter, EM-trained).",
        discussion: """
            Writes each record's cluster (id, cluster). Without --settings, Vigil chooses comparisons and blocking \
            rules from the column names and contents and prints its choices on standard error. With --truth COLUMN \
            (the true entity of each record), precision, recall and F1 of the pairs put together are printed. With \
            --clusters-in an earlier output, entities keep their ids (incremental resolution). With --link FILE, the \
            records of FILE are linked to those of --records: pairs are compared across the two files only (to \
            deduplicate as well, put all records in one file), and the output gains a source column (records or link).
            """)

    @Option(help: "The records (CSV with a header).") var records: String
    @Option(help: "Records to link to those of --records (CSV with a header).") var link: String?
    @Option(help: "The column identifying records (else line numbers).") var idColumn: String = "id"
    @Option(help: "Settings as JSON (normalisation, comparisons, blocking, threshold); see README.") var settings: String?
    @Option(help: "Pairs at or above this match probability join an entity.") var threshold: Double?
    @Option(help: "Write the scored pairs (id_l,id_r,probability and each comparison's level and log2 Bayes factor) here.") var pairsOut: String?
    @Option(help: "A column holding each record's true entity, to measure precision and recall.") var truth: String?
    @Option(help: "An earlier run's output (id,cluster): entities keep their ids as new records arrive.") var clustersIn: String?
    @Option(help: "table, csv or json.") var format: OutputFormat = .csv

    func run() async throws {
        try await reportingErrors {
            var given: RecordResolver.Settings?
            if let settings {
                guard let data = FileManager.default.contents(atPath: settings) else { throw ValidationError("cannot read \(settings)") }
                do {
                    given = try JSONDecoder().decode(RecordResolver.Settings.self, from: data)
                } catch let error as DecodingError {
                    throw ValidationError("the settings file \(settings) is not valid: \(error.readableDescription)")
                }
            }
            var previous: [String: String] = [:]
            if let clustersIn {
                let earlier = try RecordTableReader.read(path: clustersIn, idColumn: "id")
                guard let names = earlier.values["cluster"] else { throw ValidationError("\(clustersIn) has no cluster column; give an earlier output of vigil resolve") }
                guard (earlier.values["source"] != nil) == (link != nil) else {
                    throw ValidationError("\(clustersIn) comes from a run \(link == nil ? "with" : "without") --link; give an output of the same kind of run")
                }
                let keys = earlier.values["source"].map { zip($0, earlier.ids).map { "\($0 ?? ""):\($1)" } } ?? earlier.ids
                for (key, name) in zip(keys, names) { if let name { previous[key] = name } }
            }
            let outcome = try RecordResolution().run(
                path: records, link: link, idColumn: idColumn, settings: given, threshold: threshold, truthColumn: truth, previous: previous)
            let (table, result, chosen) = (outcome.table, outcome.result, outcome.settings)
            for issue in table.issues.prefix(20) { printError("  \(issue)") }
            if !outcome.choices.isEmpty { printError("settings chosen from the columns:\n  " + outcome.choices.joined(separator: "\n  ")) }
            if let pairsOut {
                var text = "id_l,id_r,probability,explanation\n"
                for pair in result.pairs {
                    var parts = result.model.explanation(pair.levels).map { "\($0.column) \($0.level) \(String(format: "%+.2f", $0.log2BayesFactor))" }
                    if pair.adjustment != 0 { parts.append("term frequency \(String(format: "%+.2f", pair.adjustment))") }
                    text += "\(table.ids[pair.first]),\(table.ids[pair.second]),\(pair.probability),\"\(parts.joined(separator: "; "))\"\n"
                }
                try text.write(toFile: pairsOut, atomically: true, encoding: .utf8)
            }
            var output = OutputTable(columns: (outcome.sources == nil ? [] : ["source"]) + ["id", "cluster"])
            output.rows = table.ids.indices.map { record in
                (outcome.sources.map { [.text($0[record])] } ?? []) + [.text(table.ids[record]), .text(outcome.names[record])]
            }
            FileHandle.standardOutput.write(Data(output.render(format).utf8))
            let entities = Set(result.clusters).count
            printError("\(table.ids.count) records, \(result.pairs.count) pairs compared, \(entities) entities (threshold \(chosen.threshold), λ \(result.model.lambda))")
            if let truth, let quality = outcome.quality {
                printError(String(format: "against '%@': precision %.4f, recall %.4f, F1 %.4f", truth, quality.precision, quality.recall, quality.f1))
            }
        }
    }
}
