import ArgumentParser
import Foundation
import VigilCore
import VigilIngest
import VigilKit
import VigilStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import overdose events (or drug samples, or service locations) from a CSV or NDJSON file.",
        discussion: """
            Valid rows are stored; invalid event rows go to the quarantine with their reasons ('vigil quarantine'). \
            Importing the same file again adds nothing new. Exit code 3 means some rows were quarantined or rejected. \
            With --kind samples, the mapping is 'vigil' (Vigil's sample format) or 'drugcheckingbc' (Drug Checking BC's \
            results); rejected sample rows are listed with their reasons, and substance names the catalogue does not \
            know are kept and listed for review. With --kind services (treatment facilities, opioid treatment programmes, \
            naloxone points, outreach sites), the mapping is 'vigil', 'samhsa-treatment' or 'samhsa-otp' (the SAMHSA-derived \
            OEPS files); ZIP codes that lost their leading zeros are padded, a file that is not UTF-8 is read as Windows-1252, \
            locations without a county are placed by the bundled county outlines, and rows with missing or impossible \
            coordinates are quarantined.
            """)

    @Argument(help: "The file to import.")
    var file: String

    @Option(help: "csv or ndjson (default: from the file extension; .ndjson and .jsonl are NDJSON).")
    var format: String?

    @Option(help: "events, samples or services.")
    var kind: ImportKind = .events

    @Option(help: "A built-in mapping (vigil, ct-ocme, allegheny-me, tempe-ems; for samples vigil or drugcheckingbc; for services vigil, samhsa-treatment or samhsa-otp) or a mapping JSON file.")
    var mapping: String = "vigil"

    @Option(help: "The source system name (default: the mapping's, else the file name).")
    var source: String?

    @OptionGroup var storeOptions: StoreOptions

    /// What a file holds.
    enum ImportKind: String, ExpressibleByArgument, CaseIterable {
        case events, samples, services
    }

    func validate() throws {
        if kind == .samples, SampleReader.Layout(rawValue: mapping) == nil {
            throw ValidationError("--mapping '\(mapping)' is not a sample layout; use " + SampleReader.Layout.allCases.map(\.rawValue).joined(separator: " or "))
        }
        if kind == .services, ServiceLocationReader.Layout(rawValue: mapping) == nil {
            throw ValidationError(
                "--mapping '\(mapping)' is not a service location layout; use " + ServiceLocationReader.Layout.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() async throws {
        if kind == .samples { return try await importSamples() }
        if kind == .services { return try await importServices() }
        try await reportingErrors {
            let store = try await storeOptions.openStore()
            let showProgress = isatty(STDERR_FILENO) == 1
            let report = try await EventImporter(store: store).run(
                EventImporter.Options(path: file, format: format, mapping: mapping, source: source),
                asOf: Int64(Date().timeIntervalSince1970),
                progress: { totals in
                    if showProgress { FileHandle.standardError.write(Data("\rread \(totals.rowsRead) rows…".utf8)) }
                },
                logger: storeOptions.makeLogger())
            if showProgress { FileHandle.standardError.write(Data("\r".utf8)) }
            print(ImportSummaryText.render(report, file: file), terminator: "")
            if report.totals.rejected > 0 { throw ExitCode(3) }
        }
    }
}

extension ImportCommand {
    private func importSamples() async throws {
        try await reportingErrors {
            let store = try await storeOptions.openStore()
            let now = Date().timeIntervalSince1970
            let report = try await SampleImport(samples: store, batches: store).run(
                .file(file), layout: SampleReader.Layout(rawValue: mapping)!, source: source,
                asOf: CalendarDate(dayNumber: Int((now / 86_400).rounded(.down))), now: Int64(now))
            print(
                "Imported \(file) (batch \(report.batch))\n  samples read: \(report.samplesRead)\n  new samples:  \(report.samplesAdded)\n"
                    + "  rejected:     \(report.rejected.count) rows (newly quarantined \(report.rejected.count - report.alreadyQuarantined); "
                    + "'vigil quarantine --batch \(report.batch)' lists them)")
            if !report.unknownSubstances.isEmpty {
                let names = report.unknownSubstances.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                print("Substances not in the catalogue (kept as written; \(names.count) names): "
                    + names.prefix(15).map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + (names.count > 15 ? ", …" : ""))
            }
            if !report.unreadColumns.isEmpty { print("Columns not read: \(report.unreadColumns.joined(separator: ", "))") }
            guard !report.rejected.isEmpty else { return }
            let issues = report.rejected.lineIssues
            printError("Rejected rows (\(issues.count) problems\(issues.count > 20 ? ", first 20" : "")):")
            for issue in issues.prefix(20) { printError("  \(issue)") }
            throw ExitCode(3)
        }
    }
}

extension ImportCommand {
    private func importServices() async throws {
        try await reportingErrors {
            let store = try await storeOptions.openStore()
            let report = try await ServiceLocationImport(locations: store, batches: store).run(
                .file(file), layout: ServiceLocationReader.Layout(rawValue: mapping)!, source: source, now: Int64(Date().timeIntervalSince1970))
            var text = "Imported \(file) (batch \(report.batch))\n  locations read: \(report.read)\n  new locations:  \(report.added)\n"
            text += "  rejected:       \(report.rejected.count) rows (quarantined; 'vigil quarantine --batch \(report.batch)' lists them)\n"
            if report.readAsWindows1252 { text += "Note: the file is not valid UTF-8; it was read as Windows-1252 (ISO-8859-1).\n" }
            if report.paddedZIPCodes > 0 { text += "Note: \(report.paddedZIPCodes) ZIP codes had lost their leading zeros and were padded to 5 digits.\n" }
            if report.placedByCoordinates > 0 { text += "Note: \(report.placedByCoordinates) locations were placed in a county by their coordinates.\n" }
            if report.placedByNearestCentroid > 0 {
                text += "Note: \(report.placedByNearestCentroid) of them lie outside the simplified county outlines (a coast) and were placed in the county with the nearest centroid.\n"
            }
            if !report.unreadColumns.isEmpty { text += "Columns not read: \(report.unreadColumns.joined(separator: ", "))\n" }
            print(text, terminator: "")
            guard !report.rejected.isEmpty else { return }
            let issues = report.rejected.lineIssues
            printError("Rejected rows (\(issues.count) problems\(issues.count > 20 ? ", first 20" : "")):")
            for issue in issues.prefix(20) { printError("  \(issue)") }
            throw ExitCode(3)
        }
    }
}

/// The text `vigil import` and `vigil demo` print after an import.
enum ImportSummaryText {
    static func render(_ report: ImportReport, file: String) -> String {
        let totals = report.totals
        var text = "Imported \(file)\n"
        text += "  mapping '\(report.mapping)', source '\(report.sourceSystem)', batch \(report.batch)\n"
        text += "  rows read:        \(totals.rowsRead)\n"
        text += "  new events:       \(totals.inserted)\n"
        text += "  already stored:   \(totals.alreadyStored)\n"
        text += "  rejected:         \(totals.rejected) (newly quarantined \(totals.quarantined), "
        text += "already in quarantine \(totals.alreadyQuarantined))\n"
        if !report.rejectedExamples.isEmpty {
            text += "Rejected rows\(totals.rejected > report.rejectedExamples.count ? " (first \(report.rejectedExamples.count))" : ""):\n"
            for row in report.rejectedExamples {
                for issue in row.issues {
                    let value = issue.value.map { " [value: \($0)]" } ?? ""
                    text += "  \(file):\(row.line): \(issue)\(value)\n"
                }
            }
            text += "  (all rejected rows: vigil quarantine --batch \(report.batch))\n"
        }
        if !report.unknownMentions.isEmpty {
            let shown = report.unknownMentions.prefix(10).map { "\($0.text) (\($0.count))" }.joined(separator: ", ")
            let more = report.unknownMentions.count > 10 ? ", and \(report.unknownMentions.count - 10) more" : ""
            text += "Substance mentions not in the catalogue, kept verbatim: \(shown)\(more)\n"
        }
        if !report.absentColumns.isEmpty {
            text += "Columns the mapping reads that the file lacks (left empty): \(report.absentColumns.joined(separator: ", "))\n"
        }
        return text
    }
}
