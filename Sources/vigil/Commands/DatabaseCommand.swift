import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilStore

/// `vigil migrate`: brings a store's schema up to date and prepares it for the coming months.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema migrations a store lacks, and create the event partitions of the coming months (PostgreSQL).",
        discussion: "Every command migrates the store it opens; run this one to do it ahead of time, e.g. before starting several servers.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Create event partitions this many months ahead (PostgreSQL).")
    var monthsAhead = 3

    func validate() throws {
        guard (0...120).contains(monthsAhead) else { throw ValidationError("--months-ahead must be from 0 to 120") }
    }

    func run() async throws {
        try await reportingErrors {
            let store = try await storeOptions.openStore()
            let today = CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
            try await store.prepare(through: today.adding(days: 31 * monthsAhead))
            let status = try await store.status()
            print("\(status.backend) \(status.location): schema version \(status.version) of \(status.latestVersion)")
        }
    }
}

/// `vigil db`: the store itself.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Inspect the store, or copy it to another.", subcommands: [Status.self, Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole store into an empty one (SQLite to PostgreSQL or back), checked by row counts and checksums.",
            discussion: "Exit code 1 when the target is not empty (nothing is written) or a table of the copy does not match.")

        @Option(help: "The store to copy: a SQLite file, sqlite:PATH or a postgres:// URL.")
        var from: String

        @Option(help: "The empty store to copy into (created and migrated when missing).")
        var to: String

        @Option(help: "table, csv or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                let tables = try await StoreCopy(from: StoreOptions.open(from), to: StoreOptions.open(to)).run()
                var table = OutputTable(columns: ["table", "rows", "sha256", "copy_matches"])
                for one in tables { table.rows.append([.text(one.name), .integer(one.rows), .text(one.checksum), .text(one.matches ? "yes" : "NO")]) }
                print(table.render(format), terminator: "")
                if tables.contains(where: { !$0.matches }) {
                    printError("error: the copy differs from the original in the tables marked NO")
                    throw ExitCode.failure
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report the schema version and the rows in each table.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "table, csv or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                let status = try await storeOptions.openStore().status()
                var table = OutputTable(columns: ["item", "value"])
                table.rows.append([.text("backend"), .text(status.backend)])
                table.rows.append([.text("location"), .text(status.location)])
                table.rows.append([.text("schema_version"), .integer(status.version)])
                table.rows.append([.text("latest_schema_version"), .integer(status.latestVersion)])
                for name in StoreStatus.tables { table.rows.append([.text("rows." + name), .integer(status.rows[name] ?? 0)]) }
                print(table.render(format), terminator: "")
            }
        }
    }
}
