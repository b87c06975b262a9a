import ArgumentParser
import VigilCore
import VigilKit
import VigilPrecursors

/// Which watchlist a command uses: the bundled one, another file, plus additions.
struct WatchlistOptions: ParsableArguments {
    @Option(name: .customLong("watchlist"), help: "A watchlist file to use instead of the bundled list (same CSV layout).")
    var replacement: String?

    @Option(name: .customLong("add"), help: "A file of a jurisdiction's own entries to add (repeatable).")
    var additions: [String] = []

    func load() throws -> Watchlist { try WatchlistCatalog.load(replacement: replacement, additions: additions) }
}

struct WatchlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchlist", abstract: "The controlled-precursor watchlist: list, search, show an entry, check a CAS number.",
        subcommands: [List.self, Search.self, Show.self, CheckCAS.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every entry, with its identifiers and controls.")
        @OptionGroup var watchlist: WatchlistOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                let list = try watchlist.load()
                print(entriesTable(list.entries).render(format), terminator: "")
                if format == .table { printError("\(list.entries.count) entries, watchlist version \(list.version)") }
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Entries whose id, name, synonyms or CAS numbers contain TEXT, and what a description naming TEXT matches.")
        @Argument(help: "A name, abbreviation, part of one, or CAS number.") var text: String
        @OptionGroup var watchlist: WatchlistOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                let list = try watchlist.load()
                var found = list.search(text)
                let matcher = PrecursorMatcher(index: WatchlistIndex(list))
                for match in matcher.matches(description: text, declaredCAS: try? CASNumber(parsing: text))
                where !found.contains(where: { $0.id == match.chemical }) {
                    if let entry = list[match.chemical] { found.append(entry) }
                }
                print(entriesTable(found).render(format), terminator: "")
                if found.isEmpty { throw ExitCode(2) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything the watchlist holds on one entry.")
        @Argument(help: "The entry's id (see 'vigil watchlist list').") var id: String
        @OptionGroup var watchlist: WatchlistOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            try await reportingErrors {
                let list = try watchlist.load()
                guard let chemicalID = ChemicalID(rawValue: id.lowercased()), let entry = list[chemicalID] else {
                    throw ValidationError("no watchlist entry '\(id)'; 'vigil watchlist search TEXT' finds ids")
                }
                var table = OutputTable(columns: ["field", "value"])
                let fields: [(String, String?)] = [
                    ("id", entry.id.rawValue), ("name", entry.name), ("synonyms", entry.synonyms.joined(separator: "; ")),
                    ("cas", entry.casNumbers.map(\.rawValue).joined(separator: "; ")), ("hs_heading", entry.hsSubheading?.dotted),
                    ("hs_national", entry.nationalCodes.map { "\($0.code.rawValue) (\($0.system))" }.joined(separator: "; ")),
                    ("un_table", entry.unTable?.rawValue), ("us_control", entry.usControl), ("us_code", entry.usCode),
                    ("coverage", entry.coverage.map(\.rawValue).sorted().joined(separator: "; ")), ("family", entry.family),
                    ("since", entry.since), ("citation", entry.citation), ("sources", entry.sources.joined(separator: "; ")),
                ]
                table.rows = fields.map { [.text($0.0), $0.1.map { .text($0) } ?? .null] }
                print(table.render(format), terminator: "")
            }
        }
    }

    struct CheckCAS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-cas", abstract: "Check a CAS number's shape and check digit, and whether the watchlist lists it.",
            discussion: "Exit status: 0 valid and listed, 2 valid and not listed, 1 malformed or wrong check digit.")
        @Argument(help: "The CAS number, such as 39742-60-4.") var cas: String
        @OptionGroup var watchlist: WatchlistOptions

        func run() async throws {
            try await reportingErrors {
                let number = try CASNumber(parsing: cas)
                guard number.hasValidCheckDigit else {
                    print("\(number.rawValue): check digit \(number.rawValue.last!) is wrong; the digits call for \(number.expectedCheckDigit)")
                    throw ExitCode.failure
                }
                guard let entry = try watchlist.load().entry(cas: number) else {
                    print("\(number.rawValue): valid CAS number, not on the watchlist")
                    throw ExitCode(2)
                }
                print("\(number.rawValue): valid, listed as \(entry.id) (\(entry.name), \(entry.controlSummary))")
            }
        }
    }
}

private func entriesTable(_ entries: [ControlledChemical]) -> OutputTable {
    var table = OutputTable(columns: ["id", "name", "cas", "hs", "control", "synonyms"])
    table.rows = entries.map { entry in
        [
            .text(entry.id.rawValue), .text(entry.name), .text(entry.casNumbers.map(\.rawValue).joined(separator: "; ")),
            entry.hsSubheading.map { .text($0.dotted) } ?? .null, .text(entry.controlSummary),
            .text(entry.synonyms.joined(separator: "; ")),
        ]
    }
    return table
}
