import ArgumentParser
import Foundation
import VigilCore
import VigilStore

struct ScreeningsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screenings", abstract: "Stored screening runs ('vigil screen --store'): list them, show one, record decisions.",
        subcommands: [List.self, Show.self, Decide.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stored runs, newest first.")
        @Option(help: "At most this many runs.") var limit = 50
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await reportingErrors {
                var table = OutputTable(columns: ["run", "origin", "watchlist", "started_at", "screened", "flagged"])
                for run in try await storeOptions.openStore().fetchScreeningRuns(limit: limit) {
                    table.rows.append([
                        .integer(Int(run.id.rawValue)), .text(run.origin), .text(run.watchlistVersion),
                        .text(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(run.startedAt)))),
                        .integer(run.linesScreened), .integer(run.linesFlagged),
                    ])
                }
                print(table.render(format), terminator: "")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A run's reported lines, highest risk first, with their decisions.")
        @Argument(help: "The run.") var run: Int64
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let store = try await storeOptions.openStore()
                guard try await store.fetchScreeningRun(ScreeningRunID(rawValue: run)) != nil else {
                    throw ValidationError("no screening run \(run); 'vigil screenings list' shows the stored runs")
                }
                var table = OutputTable(columns: [
                    "position", "shipment_id", "line", "risk", "matched_id", "match_rule", "decision", "note", "reasons",
                ])
                for line in try await store.fetchScreeningLines(ScreeningRunID(rawValue: run)) {
                    table.rows.append([
                        .integer(line.position), line.shipmentID.map { .text($0) } ?? .null, .integer(line.lineNumber ?? line.fileLine),
                        .integer(Int(line.risk.rounded())), line.matchedID.map { .text($0) } ?? .null, line.matchRule.map { .text($0) } ?? .null,
                        line.decision.map { .text($0.rawValue) } ?? .null, line.note.map { .text($0) } ?? .null,
                        .text(line.reasons.map { "\($0.factor) (+\(Int($0.points.rounded()))): \($0.detail)" }.joined(separator: " | ")),
                    ])
                }
                print(table.render(format), terminator: "")
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an officer's decision on a reported line (replacing an earlier one).")
        @Argument(help: "The run.") var run: Int64
        @Argument(help: "The line's position ('vigil screenings show RUN').") var position: Int
        @Argument(help: "cleared or referred.") var decision: String
        @Option(help: "Who decides.") var by: String?
        @Option(help: "A note for the record.") var note: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await reportingErrors {
                guard let chosen = ScreeningDecision(rawValue: decision.lowercased()) else {
                    throw ValidationError("unknown decision '\(decision)'; use cleared or referred")
                }
                try await storeOptions.openStore().recordDecision(
                    chosen, run: ScreeningRunID(rawValue: run), position: position, by: by, note: note, at: Int64(Date().timeIntervalSince1970))
                print("run \(run) position \(position): \(chosen.rawValue)")
            }
        }
    }
}
