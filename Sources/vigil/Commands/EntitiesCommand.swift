import ArgumentParser
import Foundation
import VigilCore
import VigilIngest
import VigilKit
import VigilStore

struct EntitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Network entities and links: import them from files, derive them from manifests and notifications, list, show one with its links.",
        subcommands: [Import.self, Derive.self, List.self, Show.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import entities.csv and links.csv (formats in README); bad rows are reported and left out (exit status 3).")
        @Option(help: "The entities file (CSV or NDJSON).") var entities: String?
        @Option(help: "The links file (CSV or NDJSON).") var links: String?
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard entities != nil || links != nil else { throw ValidationError("give --entities FILE, --links FILE or both") }
        }

        func run() async throws {
            try await reportingErrors {
                let report = try await NetworkImport(store: try await storeOptions.openStore())
                    .run(entities: entities.map { .file($0) }, links: links.map { .file($0) })
                print("entities: \(report.entitiesRead) read, \(report.entitiesAdded) new; links: \(report.linksRead) read, \(report.linksAdded) new")
                try reportIssues(report.issues, "left out or with problems")
            }
        }
    }

    struct Derive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Derive shipments and their parties (shipper, consignee, notify party; exporter, importer) from a manifest and pre-export notifications.",
            discussion: """
                Parties become company entities keyed by their reduced names (case, punctuation and legal forms set aside), \
                linked to each shipment as sender, receiver or notify party, so that the same company across manifests and \
                notifications is one node of the network. Rows with problems are reported (exit status 3); running again \
                changes nothing.
                """)
        @Option(help: "The manifest (CSV or NDJSON, the format of 'vigil screen').") var manifest: String?
        @Option(help: "Pre-export notifications (CSV or NDJSON, the format of 'vigil screen --pen').") var pen: String?
        @Option(help: "The files' layout: 'vigil' or a manifest mapping JSON file.") var mapping: String = "vigil"
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard manifest != nil || pen != nil else { throw ValidationError("give --manifest FILE, --pen FILE or both") }
        }

        func run() async throws {
            try await reportingErrors {
                let report = try await ShipmentNetwork(store: try await storeOptions.openStore())
                    .run(manifest: manifest.map { .file($0) }, notifications: pen.map { .file($0) }, mapping: try ManifestMapping.load(mapping))
                print("entities: \(report.entitiesDerived) derived, \(report.entitiesAdded) new; links: \(report.linksDerived) derived, \(report.linksAdded) new")
                try reportIssues(report.issues, "with problems (what could be read was used)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stored entities, by id.")
        @Option(help: "Only this schema (person, company, phone…).") var schema: String?
        @Option(help: "Only names containing this text.") var search: String?
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let chosen = try schema.map { text in
                    guard let schema = EntitySchema(rawValue: text.lowercased()) else {
                        throw ValidationError("unknown schema '\(text)'; use " + EntitySchema.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    return schema
                }
                let found = try await storeOptions.openStore().fetchEntities(schema: chosen, nameContaining: search, limit: limit)
                print(entityTable(found).render(format), terminator: "")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An entity and every link that touches it.")
        @Argument(help: "The entity's id.") var id: String
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let store = try await storeOptions.openStore()
                guard let entityID = EntityID(rawValue: id), let entity = try await store.fetchEntities(ids: [entityID]).first else {
                    throw ValidationError("no entity '\(id)'; 'vigil entities list --search TEXT' finds ids")
                }
                print(entityTable([entity]).render(format), terminator: "")
                var table = OutputTable(columns: ["link", "type", "source", "target", "start", "end", "weight"])
                for link in try await store.fetchLinks(touching: entityID) {
                    table.rows.append([
                        .text(link.id.rawValue), .text(link.kind.rawValue), .text(link.source.rawValue), .text(link.target.rawValue),
                        link.start.map { .text($0.description) } ?? .null, link.end.map { .text($0.description) } ?? .null,
                        link.weight.map { .number($0) } ?? .null,
                    ])
                }
                print(table.render(format), terminator: "")
            }
        }
    }
}

private func entityTable(_ entities: [Entity]) -> OutputTable {
    var table = OutputTable(columns: ["id", "schema", "name", "properties", "source"])
    table.rows = entities.map { entity in
        [
            .text(entity.id.rawValue), .text(entity.schema.rawValue), .text(entity.name),
            .text(entity.properties.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value.joined(separator: "; "))" }
                .joined(separator: " | ")),
            entity.provenance.map { .text($0.source) } ?? .null,
        ]
    }
    return table
}

/// Prints the first 20 rows with problems on standard error and exits with status 3, when there are any.
private func reportIssues(_ issues: [LineIssue], _ what: String) throws {
    guard !issues.isEmpty else { return }
    printError("\(issues.count) row\(issues.count == 1 ? "" : "s") \(what):")
    for issue in issues.prefix(20) { printError("  \(issue)") }
    if issues.count > 20 { printError("  … and \(issues.count - 20) more") }
    throw ExitCode(3)
}
