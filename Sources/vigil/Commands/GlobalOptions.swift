import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilStore
import VigilStoreSQLite

/// Options every command that touches the database shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (created when missing).")
    var database: String = "vigil.sqlite"

    @Flag(name: .long, help: "Log progress details to standard error.")
    var verbose = false

    /// Opens the embedded store: events, alerts, tokens, the audit log and the webhook outbox.
    func openStore() throws -> any EventStore & AlertStore & AccessStore & DeliveryStore { try SQLiteEventStore(path: database) }

    /// A logger writing to standard error, at `info` with `--verbose` and `warning` otherwise.
    func makeLogger() -> Logger {
        var logger = Logger(label: "vigil") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}

/// Runs a command body, turning Vigil's own errors into a message on standard error and exit code 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// The `--as-of` day: the date given, else yesterday in UTC (the last day with complete data).
func lastCompleteDay(_ text: String?, now: Date) -> CalendarDate {
    text.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(dayNumber: Int(now.timeIntervalSince1970) / 86_400 - 1)
}

/// Writes text to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
