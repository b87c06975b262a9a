import Foundation
import GRDB
public import VigilCore
public import VigilStore

extension SQLiteEventStore: SampleStore {
    public func insertSamples(_ samples: [DrugSample]) async throws -> Int {
        let rows = try samples.map { ($0, try SampleCoding.substances($0.substances)) }
        return try await writer.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO drug_sample (id, collected_on, region, latitude, longitude, place, source_kind, form, sold_as, laboratory, substances)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                    """)
            var added = 0
            for (sample, substances) in rows {
                try insert.execute(arguments: [
                    sample.id.rawValue, sample.collectedOn.description, sample.region?.rawValue, sample.location?.latitude,
                    sample.location?.longitude, sample.place, sample.sourceKind.rawValue, sample.form?.rawValue, sample.soldAs,
                    sample.laboratory, substances,
                ])
                added += db.changesCount
            }
            return added
        }
    }

    public func fetchSamples(_ filter: SampleFilter) async throws -> [DrugSample] {
        try await writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT * FROM drug_sample
                    WHERE (?1 IS NULL OR collected_on >= ?1) AND (?2 IS NULL OR collected_on <= ?2) AND (?3 IS NULL OR source_kind = ?3)
                        AND (?4 IS NULL OR region = ?4 OR (length(?4) = 2 AND substr(region, 1, 2) = ?4))
                        AND (?5 IS NULL OR id IN (SELECT value FROM json_each(?5)))
                    ORDER BY collected_on, id
                    """,
                arguments: [
                    filter.from?.description, filter.to?.description, filter.sourceKind?.rawValue, filter.region?.rawValue,
                    try filter.ids.map { String(decoding: try JSONEncoder().encode($0.map(\.rawValue)), as: UTF8.self) },
                ])
            var samples: [DrugSample] = []
            while samples.count < filter.limit, let row = try rows.next() {
                let sample = try SampleCoding.sample(
                    id: row["id"], collectedOn: row["collected_on"], region: row["region"], latitude: row["latitude"],
                    longitude: row["longitude"], place: row["place"], sourceKind: row["source_kind"], form: row["form"],
                    soldAs: row["sold_as"], laboratory: row["laboratory"], substances: row["substances"])
                if filter.admits(sample) { samples.append(sample) }
            }
            return samples
        }
    }
}
