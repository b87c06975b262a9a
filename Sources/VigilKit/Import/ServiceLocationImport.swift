import Foundation
public import VigilCore
public import VigilIngest
public import VigilStore

/// Imports service locations (`vigil import --kind services`): recorded as an import batch, rejected rows
/// quarantined with their reasons, locations without a county placed in the county whose bundled outline
/// contains them, and importing the same file again adds nothing.
public struct ServiceLocationImport: Sendable {
    /// What an import did.
    public struct Report: Sendable {
        /// The import batch.
        public var batch: ImportBatchID
        /// Locations read, and how many were new.
        public var read: Int
        public var added: Int
        /// Rows rejected, with their reasons (quarantined).
        public var rejected: [QuarantinedRow]
        /// Locations placed in a county by their coordinates; of those, the ones outside every (simplified)
        /// county outline, placed in the county with the nearest centroid (a coast the 1:20,000,000 outlines cut).
        public var placedByCoordinates: Int
        public var placedByNearestCentroid: Int
        /// What the reader repaired: ZIP codes padded, a file read as Windows-1252.
        public var paddedZIPCodes: Int
        public var readAsWindows1252: Bool
        /// Columns nothing reads.
        public var unreadColumns: [String]
    }

    private let locations: any ServiceLocationStore
    private let batches: any EventStore

    /// An import into a store.
    public init(locations: any ServiceLocationStore, batches: any EventStore) {
        self.locations = locations
        self.batches = batches
    }

    /// Imports a file.
    /// - Parameters:
    ///   - layout: `vigil`, `samhsa-treatment` or `samhsa-otp`.
    ///   - source: The source system (default: the file's name without extension).
    ///   - now: The time recorded on the batch.
    /// - Throws: ``VigilIngest/IngestError`` for a file unusable as a whole; store errors.
    public func run(_ input: TableSource, layout: ServiceLocationReader.Layout, source: String?, now: Int64) async throws -> Report {
        let name = source ?? URL(fileURLWithPath: input.origin).deletingPathExtension().lastPathComponent.replacingOccurrences(of: ":", with: "-")
        guard let system = SourceSystemID(rawValue: name) else {
            throw IngestError(code: .invalidOption, origin: input.origin, message: "the source name '\(name)' is empty or has ':'; give --source NAME")
        }
        var result = try ServiceLocationReader(layout: layout, source: system).read(input)
        var (placed, outside) = (0, 0)
        if result.locations.contains(where: { $0.region == nil }) {
            let boundaries = try CountyBoundaries.bundled()
            for index in result.locations.indices where result.locations[index].region == nil {
                let point = result.locations[index].location
                if let county = boundaries.county(containing: point) {
                    result.locations[index].region = county
                } else {
                    result.locations[index].region = Self.nearestCounty(to: point)
                    outside += 1
                }
                placed += 1
            }
        }
        let added = try await locations.insertServiceLocations(result.locations)
        let (batch, _) = try await batches.recordImport(
            source: system, origin: input.origin, mapping: "services:\(layout.rawValue)", at: now, read: result.locations.count, added: added,
            rejected: result.rejected)
        return Report(
            batch: batch, read: result.locations.count, added: added, rejected: result.rejected, placedByCoordinates: placed,
            placedByNearestCentroid: outside, paddedZIPCodes: result.paddedZIPCodes, readAsWindows1252: result.readAsWindows1252,
            unreadColumns: result.unreadColumns)
    }

    /// The county (legacy Connecticut counties, not planning regions) whose centroid is nearest.
    private static func nearestCounty(to point: GeoPoint) -> RegionCode? {
        RegionCatalog.standard.regions(at: .county).filter { !$0.code.rawValue.hasPrefix("091") }.compactMap { county in
            county.centroid.map { (county.code, $0.distanceKilometres(to: point)) }
        }.min { $0.1 < $1.1 }?.0
    }
}
