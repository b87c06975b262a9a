import ArgumentParser
import VigilCore
import VigilStore

struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "List rows that imports rejected, with file, line and reasons.")

    @Option(help: "Only rows of this import batch ('vigil batches' lists them).")
    var batch: Int64?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let rows = try await storeOptions.openStore().fetchQuarantine(batch: batch.map(ImportBatchID.init(rawValue:)))
            var table = OutputTable(columns: ["batch", "source", "file", "line", "column", "value", "reason", "raw"])
            for row in rows {
                for issue in row.issues {
                    table.rows.append([
                        row.batch.map { .integer(Int($0.rawValue)) } ?? .null, .text(row.sourceSystem.rawValue),
                        .text(row.origin), .integer(row.line), issue.column.map(Cell.text) ?? .null,
                        issue.value.map(Cell.text) ?? .null, .text(issue.reason), .text(row.rawText),
                    ])
                }
            }
            print(table.render(format), terminator: "")
        }
    }
}
