import GRDB
public import VigilCore
public import VigilStore

extension SQLiteEventStore: ServiceLocationStore {
    public func insertServiceLocations(_ locations: [ServiceLocation]) async throws -> Int {
        try await writer.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO service_location (id, kind, name, latitude, longitude, region, address, capacity, hours)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                    """)
            var added = 0
            for location in locations {
                try insert.execute(arguments: [
                    location.id.rawValue, location.kind.rawValue, location.name, location.location.latitude, location.location.longitude,
                    location.region?.rawValue, location.address, location.capacity, location.hours,
                ])
                added += db.changesCount
            }
            return added
        }
    }

    public func fetchServiceLocations(kind: ServiceKind?, region: RegionCode?) async throws -> [ServiceLocation] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM service_location
                    WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR region = ?2 OR (length(?2) = 2 AND substr(region, 1, 2) = ?2))
                    ORDER BY id
                    """,
                arguments: [kind?.rawValue, region?.rawValue]
            ).map { row in
                try ServiceLocationCoding.location(
                    id: row["id"], kind: row["kind"], name: row["name"], latitude: row["latitude"], longitude: row["longitude"],
                    region: row["region"], address: row["address"], capacity: row["capacity"], hours: row["hours"])
            }
        }
    }
}
