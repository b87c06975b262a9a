public import VigilCore
public import VigilIngest
public import VigilStore

/// Imports the entities and links of a network from files into a store: the `vigil entities
/// import` use case. Entities are stored first; links may join entities of the file or entities
/// stored before. Bad rows are reported and left out; importing the same files again changes nothing.
public struct NetworkImport: Sendable {
    /// What an import did.
    public struct Report: Sendable {
        /// Entities read from the file, and how many of them were new.
        public var entitiesRead: Int
        public var entitiesAdded: Int
        /// Links read from the file, and how many of them were new.
        public var linksRead: Int
        public var linksAdded: Int
        /// Rows left out, with their reasons.
        public var issues: [LineIssue]
    }

    private let store: any NetworkStore

    /// An import into a store.
    public init(store: any NetworkStore) {
        self.store = store
    }

    /// Imports an entity file and, optionally, a link file.
    /// - Throws: ``VigilIngest/IngestError`` for a file unusable as a whole; store errors.
    public func run(entities entityFile: TableSource?, links linkFile: TableSource?) async throws -> Report {
        var report = Report(entitiesRead: 0, entitiesAdded: 0, linksRead: 0, linksAdded: 0, issues: [])
        var known: [Entity] = []
        if let entityFile {
            let (entities, issues) = try NetworkReader.readEntities(entityFile)
            report.entitiesRead = entities.count
            report.entitiesAdded = try await store.upsertEntities(entities)
            report.issues += issues
        }
        if let linkFile {
            known = try await store.fetchEntities(schema: nil, nameContaining: nil, limit: .max)
            let (links, issues) = try NetworkReader.readLinks(linkFile, between: known)
            report.linksRead = links.count
            report.linksAdded = try await store.upsertLinks(links)
            report.issues += issues
        }
        return report
    }
}
