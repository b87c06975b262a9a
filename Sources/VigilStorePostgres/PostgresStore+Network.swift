import PostgresNIO
public import VigilCore
public import VigilStore

extension PostgresStore: NetworkStore {
    public func upsertEntities(_ entities: [Entity]) async throws -> Int {
        guard !entities.isEmpty else { return 0 }
        let properties = try entities.map { try EntityCoding.properties($0.properties) }
        let rows = try await client.query(
            """
            WITH input AS (
                SELECT * FROM unnest(\(entities.map(\.id.rawValue))::TEXT[], \(entities.map(\.schema.rawValue))::TEXT[],
                    \(entities.map(\.name))::TEXT[], \(properties)::TEXT[], \(entities.map { $0.provenance?.source ?? "" })::TEXT[],
                    \(entities.map { $0.provenance?.record ?? "" })::TEXT[]) WITH ORDINALITY AS e (id, schema, name, properties, source, record, n)
            ), latest AS (
                SELECT DISTINCT ON (id) * FROM input ORDER BY id, n DESC
            ), stored AS (
                INSERT INTO entity (id, schema, name, properties, source, record)
                SELECT id, schema, name, properties, NULLIF(source, ''), NULLIF(record, '') FROM latest ORDER BY id
                ON CONFLICT (id) DO UPDATE SET schema = EXCLUDED.schema, name = EXCLUDED.name, properties = EXCLUDED.properties,
                    source = EXCLUDED.source, record = EXCLUDED.record
                RETURNING (xmax = 0) AS inserted
            )
            SELECT COUNT(*) FILTER (WHERE inserted) FROM stored
            """, logger: logger)
        for try await added in rows.decode(Int.self) { return added }
        return 0
    }

    public func upsertLinks(_ links: [Link]) async throws -> Int {
        guard !links.isEmpty else { return 0 }
        let ends = Array(Set(links.flatMap { [$0.source.rawValue, $0.target.rawValue] }))
        return try await transaction { connection in
            var stored: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM entity WHERE id = ANY(\(ends)::TEXT[])", logger: self.logger)
                .decode(String.self)
            { stored.insert(id) }
            let missing = links.filter { !stored.contains($0.source.rawValue) || !stored.contains($0.target.rawValue) }
            guard missing.isEmpty else { throw EntityCoding.unknownEntities(missing) }
            let rows = try await connection.query(
                """
                WITH input AS (
                    SELECT * FROM unnest(\(links.map(\.id.rawValue))::TEXT[], \(links.map(\.kind.rawValue))::TEXT[],
                        \(links.map(\.source.rawValue))::TEXT[], \(links.map(\.target.rawValue))::TEXT[],
                        \(links.map { $0.start?.description ?? "" })::TEXT[], \(links.map { $0.end?.description ?? "" })::TEXT[],
                        \(links.map { $0.weight ?? .nan })::DOUBLE PRECISION[], \(links.map { $0.provenance?.source ?? "" })::TEXT[],
                        \(links.map { $0.provenance?.record ?? "" })::TEXT[])
                        WITH ORDINALITY AS l (id, kind, source_id, target_id, start_date, end_date, weight, dataset, record, n)
                ), latest AS (
                    SELECT DISTINCT ON (id) * FROM input ORDER BY id, n DESC
                ), stored AS (
                    INSERT INTO link (id, kind, source_id, target_id, start_date, end_date, weight, dataset, record)
                    SELECT id, kind, source_id, target_id, NULLIF(start_date, ''), NULLIF(end_date, ''), NULLIF(weight, 'NaN'::DOUBLE PRECISION),
                        NULLIF(dataset, ''), NULLIF(record, '') FROM latest ORDER BY id
                    ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, source_id = EXCLUDED.source_id, target_id = EXCLUDED.target_id,
                        start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, weight = EXCLUDED.weight, dataset = EXCLUDED.dataset,
                        record = EXCLUDED.record
                    RETURNING (xmax = 0) AS inserted
                )
                SELECT COUNT(*) FILTER (WHERE inserted) FROM stored
                """, logger: self.logger)
            for try await added in rows.decode(Int.self) { return added }
            return 0
        }
    }

    public func fetchEntities(schema: EntitySchema?, nameContaining text: String?, limit: Int) async throws -> [Entity] {
        try await entities(
            """
            SELECT id, schema, name, properties, source, record FROM entity
            WHERE (\(schema?.rawValue)::TEXT IS NULL OR schema = \(schema?.rawValue))
                AND (\(text)::TEXT IS NULL OR strpos(lower(name), lower(\(text))) > 0)
            ORDER BY id LIMIT \(max(0, limit))
            """)
    }

    public func fetchEntities(ids: [EntityID]) async throws -> [Entity] {
        try await entities(
            "SELECT id, schema, name, properties, source, record FROM entity WHERE id = ANY(\(ids.map(\.rawValue))::TEXT[]) ORDER BY id")
    }

    public func fetchLinks(touching entity: EntityID?) async throws -> [Link] {
        try await links(
            """
            SELECT id, kind, source_id, target_id, start_date, end_date, weight, dataset, record FROM link
            WHERE \(entity?.rawValue)::TEXT IS NULL OR source_id = \(entity?.rawValue) OR target_id = \(entity?.rawValue)
            ORDER BY id
            """)
    }

    public func fetchLinks(touchingAny entities: [EntityID]) async throws -> [Link] {
        guard !entities.isEmpty else { return [] }
        let ids = entities.map(\.rawValue)
        return try await links(
            """
            SELECT id, kind, source_id, target_id, start_date, end_date, weight, dataset, record FROM link
            WHERE source_id = ANY(\(ids)::TEXT[]) OR target_id = ANY(\(ids)::TEXT[])
            ORDER BY id
            """)
    }

    private func links(_ query: PostgresQuery) async throws -> [Link] {
        let rows = try await client.query(query, logger: logger)
        var links: [Link] = []
        for try await row in rows.decode((String, String, String, String, String?, String?, Double?, String?, String?).self) {
            links.append(
                try EntityCoding.link(
                    id: row.0, kind: row.1, source: row.2, target: row.3, start: row.4, end: row.5, weight: row.6, dataset: row.7, record: row.8))
        }
        return links
    }

    private func entities(_ query: PostgresQuery) async throws -> [Entity] {
        let rows = try await client.query(query, logger: logger)
        var entities: [Entity] = []
        for try await row in rows.decode((String, String, String, String, String?, String?).self) {
            entities.append(try EntityCoding.entity(id: row.0, schema: row.1, name: row.2, properties: row.3, source: row.4, record: row.5))
        }
        return entities
    }
}
