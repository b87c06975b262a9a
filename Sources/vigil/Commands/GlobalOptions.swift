import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilStore
import VigilStorePostgres
import VigilStoreSQLite

/// What the commands need of a store: everything the service stores, and its maintenance.
typealias CommandStore = AccessStore & AlertStore & DeliveryStore & EventStore & NetworkStore & SampleStore & ScreeningStore & ServiceLocationStore & StoreMaintenance & StoreTransfer

/// Options every command that touches the database shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: a SQLite file (created when missing; also 'sqlite:PATH') or a PostgreSQL URL "
                + "(postgres://user:password@host:5432/database). Default: $VIGIL_DATABASE_URL, else vigil.sqlite.",
            valueName: "path-or-url"))
    var database: String?

    @Flag(name: .long, help: "Log progress details to standard error.")
    var verbose = false

    /// Where the store is: `--database`, else `VIGIL_DATABASE_URL`, else `vigil.sqlite`.
    var location: String { database ?? ProcessInfo.processInfo.environment["VIGIL_DATABASE_URL"] ?? "vigil.sqlite" }

    /// Opens the store (migrating its schema): events, alerts, tokens, the audit log and the webhook outbox.
    func openStore() async throws -> any CommandStore {
        try await Self.open(location)
    }

    /// Opens the store at a location: a `postgres://` URL, `sqlite:PATH` or a SQLite file path.
    static func open(_ location: String) async throws -> any CommandStore {
        if PostgresStore.names(location) { return try await PostgresStore.connect(url: location) }
        return try SQLiteEventStore(path: location.hasPrefix("sqlite:") ? String(location.dropFirst(7)) : location)
    }

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
