import ArgumentParser
import Foundation
import VigilCore
import VigilIngest
import VigilKit
import VigilPrecursors
import VigilStore

/// Options shared by `vigil screen` and `vigil reconcile`.
struct ScreeningOptions: ParsableArguments {
    @Option(help: "The manifest file (CSV or NDJSON).") var manifest: String
    @Option(help: "A pre-export notification file (CSV or NDJSON).") var pen: String?
    @Option(help: "The files' layout: 'vigil' or a manifest mapping JSON file.") var mapping: String = "vigil"
    @Option(help: "Risk weights and rules, a JSON file (see README).") var weights: String?
    @Option(help: "A file of consignees already known, one per line.") var knownConsignees: String?
    @OptionGroup var watchlist: WatchlistOptions

    /// The risk settings: the weights file's, else the defaults.
    func settings() throws -> RiskSettings {
        var settings = RiskSettings.standard
        if let weights {
            guard let data = FileManager.default.contents(atPath: weights) else { throw ValidationError("cannot read the weights file \(weights)") }
            do {
                settings = try JSONDecoder().decode(RiskSettings.self, from: data)
            } catch let error as DecodingError {
                throw ValidationError("the weights file \(weights) is not valid: \(error.readableDescription)")
            }
        }
        return settings
    }

    /// Screens with the watchlist loaded once, and returns it with the report (for the names it prints).
    func run(includeAll: Bool, storedConsignees: [String] = []) throws -> (report: PrecursorScreening.Report, watchlist: Watchlist) {
        var known = storedConsignees
        if let knownConsignees {
            guard let text = try? String(contentsOfFile: knownConsignees, encoding: .utf8) else {
                throw ValidationError("cannot read \(knownConsignees) as UTF-8 text")
            }
            known += text.split(whereSeparator: \.isNewline).map(String.init)
        }
        let options = PrecursorScreening.Options(
            manifest: .file(manifest), notifications: pen.map { .file($0) }, mapping: mapping, settings: try settings(), includeAll: includeAll, knownConsignees: known)
        let list = try watchlist.load()
        return (try PrecursorScreening(watchlist: list).run(options), list)
    }
}

struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen a shipment manifest against the controlled-precursor watchlist, ranked by risk.",
        discussion: """
            Writes one row per flagged line (every line with --all), highest risk first, with the columns \
            shipment_id, line, risk, matched_id, matched_name, control, match_rule, confidence, reasons. Problems in \
            the files are reported on standard error with their line, column and value; those lines are still screened \
            with what could be read. Exit status 3 when some lines had problems.
            """)

    @OptionGroup var screening: ScreeningOptions
    @Flag(help: "Report every line, not only the flagged ones.") var all = false
    @Flag(help: "Keep the run and its reported lines in the database, for decisions ('vigil screenings'); consignees of stored runs count as known.")
    var store = false
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let database = store ? try await storeOptions.openStore() : nil
            let (report, list) = try screening.run(includeAll: all, storedConsignees: try await database?.fetchKnownConsignees() ?? [])
            if let database {
                let run = try await ScreeningArchive.store(
                    report, settings: try screening.settings(), origin: screening.manifest, startedBy: nil,
                    at: Int64(Date().timeIntervalSince1970), in: database)
                printError("stored as screening run \(run.id) in \(storeOptions.location)")
            }
            var table = OutputTable(columns: [
                "shipment_id", "line", "risk", "matched_id", "matched_name", "control", "match_rule", "confidence", "reasons",
            ])
            // Each matched entry's cells, made once for the many lines that name it.
            let entries = Dictionary(uniqueKeysWithValues: list.entries.map { ($0.id, [Cell.text($0.id.rawValue), .text($0.name), .text($0.controlSummary)]) })
            let unmatched: [Cell] = [.null, .null, .null]
            table.rows = report.rows.parallelMap { row in
                let line = row.screened
                let entry = line.match.flatMap { entries[$0.chemical] } ?? unmatched
                return [
                    line.shipmentID.map { .text($0) } ?? .null, .integer(line.lineNumber ?? row.fileLine),
                    .integer(Int(line.risk.rounded())), entry[0], entry[1], entry[2], line.match.map { .text($0.rule.description) } ?? .null,
                    line.match.map { .number(($0.confidence * 100).rounded() / 100) } ?? .null,
                    .text(line.reasons.map(\.description).joined(separator: " | ")),
                ]
            }
            FileHandle.standardOutput.write(Data(table.render(format).utf8))
            printSummary(report)
            let status: Int32 = report.issues.isEmpty ? 0 : 3
            // Freeing a report of a million lines takes a noticeable time, and ending the process frees it anyway
            // (a database, when there is one, is closed the usual way).
            if database == nil { Foundation.exit(status) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// The screening's summary and file problems, on standard error.
func printSummary(_ report: PrecursorScreening.Report) {
    var text = "screened \(report.linesScreened) lines, flagged \(report.linesFlagged) (watchlist \(report.watchlistVersion))"
    if !report.absentFields.isEmpty { text += "\nnot in the manifest, so not checked: " + report.absentFields.joined(separator: ", ") }
    if !report.checkedNotifications { text += "\nno --pen file: pre-export notifications not checked" }
    if !report.issues.isEmpty {
        text += "\n\(report.issues.count) problem\(report.issues.count == 1 ? "" : "s") in the files:"
        for issue in report.issues.prefix(20) { text += "\n  \(issue)" }
        if report.issues.count > 20 { text += "\n  … and \(report.issues.count - 20) more" }
    }
    printError(text)
}

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile shipments of listed chemicals with pre-export notifications.",
        discussion: """
            Writes shipments of listed chemicals that no notification covers, notifications no shipment used, and \
            notifications whose substance is not on the watchlist (columns kind, shipment_id, line, pen_id, substance, detail).
            """)

    @OptionGroup var screening: ScreeningOptions
    @Option(help: "table, csv or json.") var format: OutputFormat = .table

    func run() async throws {
        try await reportingErrors {
            guard screening.pen != nil else { throw ValidationError("give the notifications to reconcile with: --pen FILE") }
            let (report, list) = try screening.run(includeAll: false)
            var table = OutputTable(columns: ["kind", "shipment_id", "line", "pen_id", "substance", "detail"])
            for row in report.linesWithoutNotification.sorted(by: { $0.fileLine < $1.fileLine }) {
                let name = row.screened.match.flatMap { list[$0.chemical]?.name }
                table.rows.append([
                    .text("shipment-without-pen"), row.screened.shipmentID.map { .text($0) } ?? .null,
                    .integer(row.screened.lineNumber ?? row.fileLine), .null, name.map { .text($0) } ?? .null,
                    .text(row.screened.reasons.first { $0.factor == .noPEN }?.detail ?? ""),
                ])
            }
            for (kind, notifications) in [("pen-without-shipment", report.unusedNotifications), ("pen-unrecognised", report.unrecognisedNotifications)] {
                for notification in notifications {
                    table.rows.append([
                        .text(kind), .null, .null, .text(notification.id), .text(notification.substance),
                        .text(kind == "pen-unrecognised" ? "the substance is not on the watchlist" : "no manifest line matched it"),
                    ])
                }
            }
            FileHandle.standardOutput.write(Data(table.render(format).utf8))
            printSummary(report)
        }
    }
}
