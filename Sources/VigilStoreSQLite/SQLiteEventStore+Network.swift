import Foundation
import GRDB
public import VigilCore
public import VigilStore

extension SQLiteEventStore: NetworkStore {
    public func upsertEntities(_ entities: [Entity]) async throws -> Int {
        let rows = try entities.map { ($0, try EntityCoding.properties($0.properties)) }
        return try await writer.write { db in
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM entity WHERE id = ?")
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO entity (id, schema, name, properties, source, record) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, name = excluded.name, properties = excluded.properties,
                        source = excluded.source, record = excluded.record
                    """)
            var added = 0
            for (entity, properties) in rows {
                if try Bool.fetchOne(exists, arguments: [entity.id.rawValue]) == nil { added += 1 }
                try upsert.execute(arguments: [
                    entity.id.rawValue, entity.schema.rawValue, entity.name, properties, entity.provenance?.source, entity.provenance?.record,
                ])
            }
            return added
        }
    }

    public func upsertLinks(_ links: [Link]) async throws -> Int {
        try await writer.write { db in
            let known = try db.cachedStatement(sql: "SELECT COUNT(*) FROM entity WHERE id IN (?, ?)")
            let missing = try links.filter { link in
                try Int.fetchOne(known, arguments: [link.source.rawValue, link.target.rawValue]) != (link.source == link.target ? 1 : 2)
            }
            guard missing.isEmpty else { throw EntityCoding.unknownEntities(missing) }
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM link WHERE id = ?")
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO link (id, kind, source_id, target_id, start_date, end_date, weight, dataset, record)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, source_id = excluded.source_id, target_id = excluded.target_id,
                        start_date = excluded.start_date, end_date = excluded.end_date, weight = excluded.weight, dataset = excluded.dataset,
                        record = excluded.record
                    """)
            var added = 0
            for link in links {
                if try Bool.fetchOne(exists, arguments: [link.id.rawValue]) == nil { added += 1 }
                try upsert.execute(arguments: [
                    link.id.rawValue, link.kind.rawValue, link.source.rawValue, link.target.rawValue, link.start?.description,
                    link.end?.description, link.weight, link.provenance?.source, link.provenance?.record,
                ])
            }
            return added
        }
    }

    public func fetchEntities(schema: EntitySchema?, nameContaining text: String?, limit: Int) async throws -> [Entity] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM entity WHERE (?1 IS NULL OR schema = ?1) AND (?2 IS NULL OR instr(lower(name), lower(?2)) > 0)
                    ORDER BY id LIMIT ?3
                    """, arguments: [schema?.rawValue, text, max(0, limit)]
            ).map(Self.entity(from:))
        }
    }

    public func fetchEntities(ids: [EntityID]) async throws -> [Entity] {
        try await writer.read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM entity WHERE id = ?")
            return try Set(ids).sorted().compactMap { id in try Row.fetchOne(statement, arguments: [id.rawValue]).map(Self.entity(from:)) }
        }
    }

    public func fetchLinks(touching entity: EntityID?) async throws -> [Link] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM link WHERE ?1 IS NULL OR source_id = ?1 OR target_id = ?1 ORDER BY id", arguments: [entity?.rawValue]
            ).map(Self.link(from:))
        }
    }

    public func fetchLinks(touchingAny entities: [EntityID]) async throws -> [Link] {
        guard !entities.isEmpty else { return [] }
        let ids = String(decoding: try JSONEncoder().encode(entities.map(\.rawValue)), as: UTF8.self)
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM link WHERE source_id IN (SELECT value FROM json_each(?1)) OR target_id IN (SELECT value FROM json_each(?1))
                    ORDER BY id
                    """, arguments: [ids]
            ).map(Self.link(from:))
        }
    }

    private static func link(from row: Row) throws -> Link {
        try EntityCoding.link(
            id: row["id"], kind: row["kind"], source: row["source_id"], target: row["target_id"], start: row["start_date"],
            end: row["end_date"], weight: row["weight"], dataset: row["dataset"], record: row["record"])
    }

    private static func entity(from row: Row) throws -> Entity {
        try EntityCoding.entity(
            id: row["id"], schema: row["schema"], name: row["name"], properties: row["properties"], source: row["source"], record: row["record"])
    }
}
