import ArgumentParser
import Foundation
import VigilCore
import VigilKit
import VigilStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token; its secret is printed once, only a hash is stored.",
            discussion: "Roles: admin, analyst, investigator, reporter, public. Jurisdictions: US, or state (09) and county (42003) FIPS codes.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "admin, analyst, investigator, reporter or public.")
        var role: String

        @Option(help: "Comma-separated: US, 2-digit state or 5-digit county FIPS codes.")
        var jurisdiction: String

        @Option(help: "Who holds the token.")
        var name: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role '\(role)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do { _ = try Jurisdictions(parsing: jurisdiction) } catch { throw ValidationError("--jurisdiction: \(error.message)") }
        }

        func run() async throws {
            try await reportingErrors {
                let (token, secret) = try await TokenIssuer(store: storeOptions.openStore()).create(
                    name: name, role: Role(rawValue: role)!, jurisdictions: try Jurisdictions(parsing: jurisdiction),
                    now: Int64(Date().timeIntervalSince1970))
                printError("Created \(token.id) (\(token.role.rawValue), \(token.jurisdictions)) for \(token.name). The secret is shown only now:")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "table, csv or json.")
        var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                var table = OutputTable(columns: ["id", "name", "role", "jurisdictions", "created_at", "revoked_at"])
                for token in try await TokenIssuer(store: storeOptions.openStore()).list() {
                    let created = Date(timeIntervalSince1970: TimeInterval(token.createdAt)).ISO8601Format()
                    let revoked = token.revokedAt.map { Cell.text(Date(timeIntervalSince1970: TimeInterval($0)).ISO8601Format()) } ?? .null
                    table.rows.append([.text(token.id), .text(token.name), .text(token.role.rawValue), .text(token.jurisdictions.description),
                                       .text(created), revoked])
                }
                print(table.render(format), terminator: "")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; it stops working at once.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The token id (tok_…).")
        var id: String

        func run() async throws {
            try await reportingErrors {
                try await TokenIssuer(store: storeOptions.openStore()).revoke(id, now: Int64(Date().timeIntervalSince1970))
                printError("Revoked \(id).")
            }
        }
    }
}
