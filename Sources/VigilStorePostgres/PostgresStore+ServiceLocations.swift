import PostgresNIO
public import VigilCore
public import VigilStore

extension PostgresStore: ServiceLocationStore {
    public func insertServiceLocations(_ locations: [ServiceLocation]) async throws -> Int {
        guard !locations.isEmpty else { return 0 }
        return try await transaction { connection in
            // Arrays carry blanks as '' and -1, turned back into NULL as they are stored.
            let rows = try await connection.query(
                """
                WITH given AS (
                    SELECT * FROM unnest(\(locations.map(\.id.rawValue))::TEXT[], \(locations.map(\.kind.rawValue))::TEXT[],
                        \(locations.map(\.name))::TEXT[], \(locations.map(\.location.latitude))::DOUBLE PRECISION[],
                        \(locations.map(\.location.longitude))::DOUBLE PRECISION[], \(locations.map { $0.region?.rawValue ?? "" })::TEXT[],
                        \(locations.map { $0.address ?? "" })::TEXT[], \(locations.map { $0.capacity ?? -1 })::BIGINT[],
                        \(locations.map { $0.hours ?? "" })::TEXT[])
                        AS g (id, kind, name, latitude, longitude, region, address, capacity, hours)
                ), inserted AS (
                    INSERT INTO service_location
                    SELECT id, kind, name, latitude, longitude, NULLIF(region, ''), NULLIF(address, ''), NULLIF(capacity, -1), NULLIF(hours, '')
                    FROM given ON CONFLICT (id) DO NOTHING RETURNING 1
                )
                SELECT COUNT(*)::BIGINT FROM inserted
                """, logger: self.logger)
            for try await added in rows.decode(Int.self) { return added }
            return 0
        }
    }

    public func fetchServiceLocations(kind: ServiceKind?, region: RegionCode?) async throws -> [ServiceLocation] {
        let (kindText, regionText) = (kind?.rawValue, region?.rawValue)
        let rows = try await client.query(
            """
            SELECT id, kind, name, latitude, longitude, region, address, capacity, hours FROM service_location
            WHERE (\(kindText)::TEXT IS NULL OR kind = \(kindText))
                AND (\(regionText)::TEXT IS NULL OR region = \(regionText) OR (length(\(regionText)) = 2 AND substr(region, 1, 2) = \(regionText)))
            ORDER BY id
            """, logger: logger)
        var locations: [ServiceLocation] = []
        for try await row in rows.decode((String, String, String, Double, Double, String?, String?, Int?, String?).self) {
            locations.append(
                try ServiceLocationCoding.location(
                    id: row.0, kind: row.1, name: row.2, latitude: row.3, longitude: row.4, region: row.5, address: row.6, capacity: row.7,
                    hours: row.8))
        }
        return locations
    }
}
