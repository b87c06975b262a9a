import Foundation
public import VigilCore

/// Stores the entities and links of trafficking networks. Entities and links are keyed by the ids
/// their sources give them: storing a record again replaces it, so re-importing a file changes
/// nothing and an updated file updates its records.
public protocol NetworkStore: Sendable {
    /// Stores entities, replacing those with the same ids, in one transaction.
    /// - Returns: How many were new.
    func upsertEntities(_ entities: [Entity]) async throws -> Int
    /// Stores links, replacing those with the same ids, in one transaction.
    /// - Returns: How many were new.
    /// - Throws: ``StoreError`` `unknownEntity` when a link's end is not stored; nothing is stored then.
    func upsertLinks(_ links: [Link]) async throws -> Int
    /// Entities of a schema (all when `nil`) whose name contains `text` (case aside; all when `nil`),
    /// ordered by id, at most `limit`.
    func fetchEntities(schema: EntitySchema?, nameContaining text: String?, limit: Int) async throws -> [Entity]
    /// The entities with these ids that are stored, in id order.
    func fetchEntities(ids: [EntityID]) async throws -> [Entity]
    /// Links touching an entity (all when `nil`), ordered by id.
    func fetchLinks(touching entity: EntityID?) async throws -> [Link]
    /// Links touching any of the entities, each once, ordered by id: one step of a search through the network.
    func fetchLinks(touchingAny entities: [EntityID]) async throws -> [Link]
}

/// How both backends write an entity's properties (a JSON object of arrays, keys sorted) and read
/// them back.
public enum EntityCoding {
    /// The properties as stored.
    public static func properties(_ properties: [EntityProperty: [String]]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let object = Dictionary(uniqueKeysWithValues: properties.map { ($0.key.rawValue, $0.value) })
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    /// An entity from its stored columns.
    /// - Throws: ``StoreError`` `corruptValue` when the schema or the properties do not decode.
    public static func entity(
        id: String, schema: String, name: String, properties: String, source: String?, record: String?
    ) throws -> Entity {
        guard let entityID = EntityID(rawValue: id), let decodedSchema = EntitySchema(rawValue: schema),
            let object = try? JSONDecoder().decode([String: [String]].self, from: Data(properties.utf8))
        else { throw StoreError(code: .corruptValue, message: "entity \(id) cannot be read by this version of Vigil") }
        var values: [EntityProperty: [String]] = [:]
        for (key, list) in object {
            guard let property = EntityProperty(rawValue: key) else {
                throw StoreError(code: .corruptValue, message: "entity \(id) has property '\(key)' this version of Vigil does not know")
            }
            values[property] = list
        }
        return Entity(id: entityID, schema: decodedSchema, name: name, properties: values, provenance: source.map { RecordSource(source: $0, record: record) })
    }

    /// A link from its stored columns.
    /// - Throws: ``StoreError`` `corruptValue` when a value does not decode.
    public static func link(
        id: String, kind: String, source: String, target: String, start: String?, end: String?, weight: Double?, dataset: String?,
        record: String?
    ) throws -> Link {
        guard let linkID = LinkID(rawValue: id), let decodedKind = LinkKind(rawValue: kind), let from = EntityID(rawValue: source),
            let to = EntityID(rawValue: target)
        else { throw StoreError(code: .corruptValue, message: "link \(id) cannot be read by this version of Vigil") }
        return Link(
            id: linkID, kind: decodedKind, source: from, target: to, start: start.flatMap(CalendarDate.init(iso:)),
            end: end.flatMap(CalendarDate.init(iso:)), weight: weight, provenance: dataset.map { RecordSource(source: $0, record: record) })
    }

    /// The error for links whose ends are not stored.
    public static func unknownEntities(_ links: [Link]) -> StoreError {
        StoreError(
            code: .unknownEntity,
            message: "a link refers to an entity that is not stored (\(links.prefix(3).map { "\($0.id): \($0.source) → \($0.target)" }.joined(separator: "; "))); "
                + "import the entities first")
    }
}
