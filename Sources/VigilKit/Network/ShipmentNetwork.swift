public import VigilCore
public import VigilIngest
public import VigilStore
import VigilPrecursors

/// Derives network entities and links from shipment manifests and pre-export notifications: the
/// `vigil entities derive` use case, which puts the precursor trade's parties on the investigators' graph.
///
/// Each shipment becomes a `shipment` entity (`shipment:ID`, or `shipment:FILE:LINE` when a line names no
/// shipment; lines of one shipment share it) and each notification one too (`pen:ID`). Each party becomes a
/// `company` entity keyed by its reduced name (``VigilPrecursors/PartyName``: case, punctuation and legal forms
/// set aside, so "Acme Chemical Co., Ltd." and "ACME CHEMICAL LIMITED" are one entity, `company:acme-chemical`),
/// linked to the shipment as its sender (shipper, exporter), receiver (consignee, importer) or notify party.
/// Every entity and link carries the file and line it came from. Deriving the same files again changes nothing.
public struct ShipmentNetwork: Sendable {
    /// What a derivation did.
    public struct Report: Sendable {
        /// Entities and links derived, and how many of them were new to the store.
        public var entitiesDerived: Int
        public var entitiesAdded: Int
        public var linksDerived: Int
        public var linksAdded: Int
        /// Rows of the files with problems (those rows gave what could be read).
        public var issues: [LineIssue]
    }

    private let store: any NetworkStore

    /// A derivation into a store.
    public init(store: any NetworkStore) {
        self.store = store
    }

    /// Derives the entities and links of a manifest and, optionally, a file of notifications.
    /// - Throws: ``VigilIngest/IngestError`` for a file unusable as a whole; store errors.
    public func run(manifest: TableSource?, notifications: TableSource?, mapping: ManifestMapping = .vigil) async throws -> Report {
        var graph = DerivedGraph()
        var issues: [LineIssue] = []
        if let manifest {
            let reader = try ManifestReader(manifest, mapping: mapping)
            while true {
                let chunk = try reader.next(limit: 10_000)
                issues += chunk.issues
                if chunk.lines.isEmpty && chunk.issues.isEmpty { break }
                for (line, fileLine) in zip(chunk.lines, chunk.fileLines) {
                    graph.add(line, at: RecordSource(source: manifest.origin, record: "line \(fileLine)"))
                }
            }
        }
        if let notifications {
            let (read, problems) = try NotificationReader.read(notifications, mapping: mapping)
            issues += problems
            for notification in read { graph.add(notification, origin: notifications.origin) }
        }
        let entities = graph.entities.values.sorted { $0.id.rawValue < $1.id.rawValue }
        let links = graph.links.values.sorted { $0.id.rawValue < $1.id.rawValue }
        let entitiesAdded = try await store.upsertEntities(entities)
        let linksAdded = try await store.upsertLinks(links)
        return Report(entitiesDerived: entities.count, entitiesAdded: entitiesAdded, linksDerived: links.count, linksAdded: linksAdded, issues: issues)
    }
}

/// The entities and links derived so far, by id.
private struct DerivedGraph {
    var entities: [EntityID: Entity] = [:]
    var links: [LinkID: Link] = [:]

    mutating func add(_ line: ManifestLine, at provenance: RecordSource) {
        let shipmentID = line.shipmentID.map { "shipment:\($0)" } ?? "shipment:\(provenance.source):\(provenance.record ?? "")"
        guard let shipment = EntityID(rawValue: shipmentID) else { return }
        var properties: [EntityProperty: [String]] = [.substance: [line.description]]
        if let id = line.shipmentID { properties[.number] = [id] }
        if let date = line.date { properties[.date] = [date.description] }
        let route = [line.origin, line.portOfLoading].compactMap { $0 } + line.transshipmentPorts + [line.portOfDischarge, line.destination].compactMap { $0 }
        if !route.isEmpty { properties[.location] = route }
        merge(Entity(id: shipment, schema: .shipment, name: line.shipmentID.map { "Shipment \($0)" } ?? "Shipment at \(provenance.record ?? "")",
                     properties: properties, provenance: provenance))
        for (party, kind) in [(line.shipper, LinkKind.shipmentSender), (line.consignee, .shipmentReceiver), (line.notifyParty, .shipmentNotify)] {
            connect(party, kind, shipment, date: line.date, provenance: provenance)
        }
    }

    mutating func add(_ notification: PreExportNotification, origin: String) {
        guard let shipment = EntityID(rawValue: "pen:\(notification.id)") else { return }
        let provenance = RecordSource(source: origin, record: "notification \(notification.id)")
        var properties: [EntityProperty: [String]] = [.number: [notification.id], .substance: [notification.substance], .status: [notification.status.rawValue]]
        if let date = notification.expectedDispatch { properties[.date] = [date.description] }
        if let quantity = notification.quantity { properties[.quantity] = [quantity.description] }
        let route = [notification.exportingCountry, notification.pointOfEntry, notification.importingCountry].compactMap { $0 }
        if !route.isEmpty { properties[.location] = route }
        merge(Entity(id: shipment, schema: .shipment, name: "Pre-export notification \(notification.id)", properties: properties, provenance: provenance))
        for (party, kind) in [(notification.exporter, LinkKind.shipmentSender), (notification.importer, .shipmentReceiver), (notification.consignee, .shipmentReceiver)] {
            connect(party, kind, shipment, date: notification.expectedDispatch, provenance: provenance)
        }
    }

    /// Links a party, named as in the record, to a shipment.
    private mutating func connect(_ name: String?, _ kind: LinkKind, _ shipment: EntityID, date: CalendarDate?, provenance: RecordSource) {
        guard let name, let reduced = PartyName(name), let party = EntityID(rawValue: "company:\(reduced.key)"),
            let link = LinkID(rawValue: "\(shipment.rawValue)/\(kind.rawValue)/\(reduced.key)")
        else { return }
        merge(Entity(id: party, schema: .company, name: name, properties: [:], provenance: provenance))
        links[link] = links[link] ?? Link(id: link, kind: kind, source: party, target: shipment, start: date, provenance: provenance)
    }

    /// Adds an entity, or the new values of its properties (a shipment's other lines, a party's other spellings).
    private mutating func merge(_ entity: Entity) {
        guard var known = entities[entity.id] else {
            entities[entity.id] = entity
            return
        }
        for (property, values) in entity.properties {
            for value in values where !(known.properties[property] ?? []).contains(value) { known.properties[property, default: []].append(value) }
        }
        if entity.schema == .company, entity.name != known.name, !(known.properties[.alias] ?? []).contains(entity.name) {
            known.properties[.alias, default: []].append(entity.name)
        }
        entities[entity.id] = known
    }
}
