import Foundation
public import VigilCore

/// Which stored drug samples to read.
public struct SampleFilter: Hashable, Sendable {
    /// Collected on or after this day.
    public var from: CalendarDate?
    /// Collected on or before this day.
    public var to: CalendarDate?
    /// Only samples of this region (a state includes its counties).
    public var region: RegionCode?
    /// Only samples containing this substance (a catalogue id, or an unknown name in lower case).
    public var substance: String?
    /// Only samples from this kind of source.
    public var sourceKind: SampleSourceKind?
    /// Only these samples, when given.
    public var ids: [SampleID]?
    /// At most this many, oldest first.
    public var limit: Int

    /// A filter; by default every sample.
    public init(
        from: CalendarDate? = nil, to: CalendarDate? = nil, region: RegionCode? = nil, substance: String? = nil,
        sourceKind: SampleSourceKind? = nil, ids: [SampleID]? = nil, limit: Int = .max
    ) {
        self.from = from
        self.to = to
        self.region = region
        self.substance = substance
        self.sourceKind = sourceKind
        self.ids = ids
        self.limit = limit
    }

    /// Whether a sample passes the filter's substance and region conditions (the backends select by date,
    /// kind, ids and region prefix in SQL, and check these on the rows they read).
    public func admits(_ sample: DrugSample) -> Bool {
        if let substance, !sample.substances.contains(where: { $0.key == substance }) { return false }
        if let region {
            guard let sampleRegion = sample.region, sampleRegion == region || sampleRegion.stateCode == region else { return false }
        }
        return true
    }
}

/// Stores drug samples: seizures, forensic lab results and drug-checking results. Samples are keyed by
/// their ids, so importing a file again adds nothing.
public protocol SampleStore: Sendable {
    /// Stores samples whose ids are new, in one transaction; samples already stored are left as they are.
    /// - Returns: How many were new.
    func insertSamples(_ samples: [DrugSample]) async throws -> Int
    /// Samples passing the filter, oldest first (ties by id).
    func fetchSamples(_ filter: SampleFilter) async throws -> [DrugSample]
}

/// How both backends write a sample's substances (JSON) and read a sample back.
public enum SampleCoding {
    /// The substances as stored.
    public static func substances(_ substances: [SampleSubstance]) throws -> String {
        String(decoding: try JSONEncoder().encode(substances), as: UTF8.self)
    }

    /// A sample from its stored columns.
    /// - Throws: ``StoreError`` `corruptValue` for a value that does not decode.
    public static func sample(
        id: String, collectedOn: String, region: String?, latitude: Double?, longitude: Double?, place: String?, sourceKind: String,
        form: String?, soldAs: String?, laboratory: String?, substances: String
    ) throws -> DrugSample {
        guard let day = CalendarDate(iso: collectedOn), let kind = SampleSourceKind(rawValue: sourceKind),
            let found = try? JSONDecoder().decode([SampleSubstance].self, from: Data(substances.utf8))
        else { throw StoreError(code: .corruptValue, message: "stored sample \(id) does not decode") }
        var location: GeoPoint?
        if let latitude, let longitude { location = try? GeoPoint(latitude: latitude, longitude: longitude) }
        return DrugSample(
            id: SampleID(rawValue: id), collectedOn: day, region: region.flatMap(RegionCode.init(rawValue:)), location: location, place: place,
            sourceKind: kind, form: form.flatMap(SampleForm.init(rawValue:)), soldAs: soldAs, substances: found, laboratory: laboratory)
    }
}
