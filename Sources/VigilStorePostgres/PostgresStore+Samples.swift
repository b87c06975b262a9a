import PostgresNIO
public import VigilCore
public import VigilStore

extension PostgresStore: SampleStore {
    public func insertSamples(_ samples: [DrugSample]) async throws -> Int {
        guard !samples.isEmpty else { return 0 }
        let substances = try samples.map { try SampleCoding.substances($0.substances) }
        return try await transaction { connection in
            // Arrays carry blanks as '' and NaN, turned back into NULL as they are stored.
            let rows = try await connection.query(
                """
                WITH given AS (
                    SELECT * FROM unnest(\(samples.map(\.id.rawValue))::TEXT[], \(samples.map(\.collectedOn.description))::TEXT[],
                        \(samples.map { $0.region?.rawValue ?? "" })::TEXT[], \(samples.map { $0.location?.latitude ?? .nan })::DOUBLE PRECISION[],
                        \(samples.map { $0.location?.longitude ?? .nan })::DOUBLE PRECISION[], \(samples.map { $0.place ?? "" })::TEXT[],
                        \(samples.map(\.sourceKind.rawValue))::TEXT[], \(samples.map { $0.form?.rawValue ?? "" })::TEXT[],
                        \(samples.map { $0.soldAs ?? "" })::TEXT[], \(samples.map { $0.laboratory ?? "" })::TEXT[], \(substances)::TEXT[])
                        AS g (id, collected_on, region, latitude, longitude, place, source_kind, form, sold_as, laboratory, substances)
                ), inserted AS (
                    INSERT INTO drug_sample
                    SELECT id, collected_on, NULLIF(region, ''), NULLIF(latitude, 'NaN'::DOUBLE PRECISION), NULLIF(longitude, 'NaN'::DOUBLE PRECISION),
                        NULLIF(place, ''), source_kind, NULLIF(form, ''), NULLIF(sold_as, ''), NULLIF(laboratory, ''), substances FROM given
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                )
                SELECT COUNT(*)::BIGINT FROM inserted
                """, logger: self.logger)
            for try await added in rows.decode(Int.self) { return added }
            return 0
        }
    }

    public func fetchSamples(_ filter: SampleFilter) async throws -> [DrugSample] {
        let (from, to, kind, region) = (filter.from?.description, filter.to?.description, filter.sourceKind?.rawValue, filter.region?.rawValue)
        let (anyID, ids) = (filter.ids == nil, filter.ids?.map(\.rawValue) ?? [])
        let rows = try await client.query(
            """
            SELECT id, collected_on, region, latitude, longitude, place, source_kind, form, sold_as, laboratory, substances FROM drug_sample
            WHERE (\(from)::TEXT IS NULL OR collected_on >= \(from)) AND (\(to)::TEXT IS NULL OR collected_on <= \(to))
                AND (\(kind)::TEXT IS NULL OR source_kind = \(kind))
                AND (\(region)::TEXT IS NULL OR region = \(region) OR (length(\(region)) = 2 AND substr(region, 1, 2) = \(region)))
                AND (\(anyID) OR id = ANY(\(ids)::TEXT[]))
            ORDER BY collected_on, id
            """, logger: logger)
        var samples: [DrugSample] = []
        for try await row in rows.decode((String, String, String?, Double?, Double?, String?, String, String?, String?, String?, String).self) {
            guard samples.count < filter.limit else { break }
            let sample = try SampleCoding.sample(
                id: row.0, collectedOn: row.1, region: row.2, latitude: row.3, longitude: row.4, place: row.5, sourceKind: row.6, form: row.7,
                soldAs: row.8, laboratory: row.9, substances: row.10)
            if filter.admits(sample) { samples.append(sample) }
        }
        return samples
    }
}
