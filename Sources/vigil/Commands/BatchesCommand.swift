import ArgumentParser
import VigilCore
import VigilStore

struct BatchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batches", abstract: "List import runs, newest first.")

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let batches = try await storeOptions.openStore().fetchImportBatches()
            var table = OutputTable(columns: [
                "batch", "source", "file", "mapping", "status", "rows_read", "inserted", "already_stored", "quarantined",
            ])
            for batch in batches {
                table.rows.append([
                    .integer(Int(batch.id.rawValue)), .text(batch.start.sourceSystem.rawValue), .text(batch.start.origin),
                    .text(batch.start.mapping), .text(batch.status.rawValue), .integer(batch.totals.rowsRead),
                    .integer(batch.totals.inserted), .integer(batch.totals.alreadyStored), .integer(batch.totals.rejected),
                ])
            }
            print(table.render(format), terminator: "")
        }
    }
}
