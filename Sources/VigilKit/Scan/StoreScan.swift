import Foundation
public import VigilCore
public import VigilDetection
public import VigilStore

/// The space-time scan on stored events: events are counted per county per day (each county at
/// its bundled centroid) or, with a grid, per grid cell of their own coordinates, the scan runs as
/// of a day, and clusters with a small enough p-value are
/// recorded as alerts of kind `space-time-cluster`, updated rather than duplicated while a cluster
/// with the same centre persists (`vigil scan --from-store`). With a sample store, each cluster's alert
/// carries the drug samples collected in its counties or within ``DrugMarketSettings/radiusKm`` of its
/// circle, from ``DrugMarketSettings/daysBefore`` days before it began (``AlertFusion``).
public struct StoreScan: Sendable {
    /// The outcome of a run.
    public struct Outcome: Sendable {
        /// The scan's clusters, most likely first.
        public var result: ScanResult
        /// The alerts recorded for clusters with p ≤ the alert level.
        public var alerts: [Alert]
        /// Events in the study period without a county with a centroid (or, with a grid, without
        /// coordinates): not scanned.
        public var eventsWithoutCounty: Int
        /// The study days.
        public var days: [CalendarDate]
    }

    private let events: any EventStore
    private let alerts: any AlertStore
    private let samples: (any SampleStore)?

    /// Creates the use case over a store; clusters are fused with drug samples when `samples` is given.
    public init(events: any EventStore, alerts: any AlertStore, samples: (any SampleStore)? = nil) {
        self.events = events
        self.alerts = alerts
        self.samples = samples
    }

    /// Scans the `studyDays` days that end on `asOf`.
    /// - Parameters:
    ///   - scan: The scan (model, limits, replications, seed).
    ///   - populations: County populations, which the Poisson model needs (Vigil does not bundle
    ///     them; see ``ScanFileReader/readCountyPopulation(_:regions:)``). Every county in it is a
    ///     scan location, with or without events.
    ///   - alertLevel: Clusters with a p-value at most this become alerts (red below a tenth of it).
    ///   - now: The time recorded on alerts.
    /// - Throws: ``VigilDetection/DetectionError`` for the Poisson model without populations, on a
    ///   grid, or with events in a county that has no population; a study shorter than 2 days;
    ///   store errors as they come.
    ///   - drugMarket: How samples near a cluster are found.
    ///   - gridKilometres: Aggregate events to square cells of this size by their own coordinates
    ///     instead of to counties; a cluster's alert names the county most of its centre cell's
    ///     events belong to.
    public func run(
        _ scan: SpaceTimeScan, asOf: CalendarDate, studyDays: Int, alertLevel: Double, now: Int64,
        gridKilometres: Double? = nil, populations: [RegionCode: Double]? = nil, regions: RegionCatalog = .standard,
        drugMarket: DrugMarketSettings = .standard
    ) async throws -> Outcome {
        let poisson = scan.parameters.model == .poisson
        guard !poisson || (populations != nil && gridKilometres == nil) else {
            throw DetectionError(
                code: .invalidParameter,
                message: gridKilometres == nil
                    ? "the Poisson model needs county populations, which Vigil does not bundle: pass --population FILE (location_id,population)"
                    : "the Poisson model needs a population per location, which grid cells do not have; scan counties instead")
        }
        guard studyDays >= 2 else { throw DetectionError(code: .invalidParameter, message: "the study needs at least 2 days") }
        let first = asOf.adding(days: 1 - studyDays)
        if let gridKilometres {
            guard gridKilometres > 0 else {
                throw DetectionError(code: .invalidParameter, message: "the grid cell size must be positive")
            }
            return try await runOnGrid(scan, first: first, asOf: asOf, studyDays: studyDays, alertLevel: alertLevel, now: now,
                                       cell: gridKilometres, drugMarket: drugMarket)
        }
        let daily = try await events.fetchDailyCounts(.region, filter: EventFilter(from: first, to: asOf))
        var index: [RegionCode: Int] = [:]
        var ids: [String] = []
        var coordinates: [ScanCoordinate] = []
        var entries: [(Int, Int, Int)] = []
        var skipped = 0
        func locate(_ code: RegionCode, _ centroid: GeoPoint) -> Int {
            index[code] ?? {
                index[code] = ids.count
                ids.append(code.rawValue)
                coordinates.append(.geographic(latitude: centroid.latitude, longitude: centroid.longitude))
                return ids.count - 1
            }()
        }
        // Under the Poisson model a county without events still holds population at risk.
        for (code, _) in (populations ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let centroid = regions.region(code)?.centroid { _ = locate(code, centroid) }
        }
        for row in daily {
            guard row.region.level == .county, let centroid = regions.region(row.region)?.centroid else {
                skipped += row.count
                continue
            }
            if poisson, index[row.region] == nil {
                throw DetectionError(
                    code: .invalidInput, message: "county \(row.region.rawValue) has events but no population in the population file")
            }
            entries.append((locate(row.region, centroid), row.date.dayNumber - first.dayNumber, row.count))
        }
        var counts = [Int](repeating: 0, count: ids.count * studyDays)
        for (location, day, count) in entries { counts[location * studyDays + day] += count }
        let days = (0..<studyDays).map { first.adding(days: $0) }
        let population = populations.map { table in ids.map { table[RegionCode(rawValue: $0)!]! } }
        let result = scan.run(ScanInput(locationIDs: ids, coordinates: coordinates, days: days, counts: counts, population: population))
        let recorded = try await record(result, scan: scan, asOf: asOf, alertLevel: alertLevel, now: now, drugMarket: drugMarket) { cluster in
            let centre = RegionCode(rawValue: cluster.centre)!
            return (centre, "counties", cluster.locations.compactMap(RegionCode.init(rawValue:)), regions.region(centre)?.centroid)
        }
        return Outcome(result: result, alerts: recorded, eventsWithoutCounty: skipped, days: days)
    }

    /// The scan on grid cells of the events' own coordinates.
    private func runOnGrid(
        _ scan: SpaceTimeScan, first: CalendarDate, asOf: CalendarDate, studyDays: Int, alertLevel: Double, now: Int64,
        cell: Double, drugMarket: DrugMarketSettings
    ) async throws -> Outcome {
        let stored = try await events.fetchEvents(EventFilter(from: first, to: asOf))
        let degreesLatitude = cell / 111.2
        var index: [String: Int] = [:]
        var ids: [String] = []
        var coordinates: [ScanCoordinate] = []
        var regionVotes: [String: [RegionCode: Int]] = [:]
        var entries: [(Int, Int)] = []
        var skipped = 0
        for event in stored {
            guard let point = event.location else {
                skipped += 1
                continue
            }
            let row = Int((point.latitude / degreesLatitude).rounded(.down))
            let centreLatitude = (Double(row) + 0.5) * degreesLatitude
            let degreesLongitude = cell / (111.2 * max(0.01, cos(centreLatitude * .pi / 180)))
            let column = Int((point.longitude / degreesLongitude).rounded(.down))
            let id = "grid:\(row):\(column)"
            let location = index[id] ?? {
                index[id] = ids.count
                ids.append(id)
                coordinates.append(
                    .geographic(latitude: centreLatitude, longitude: min(180, (Double(column) + 0.5) * degreesLongitude)))
                return ids.count - 1
            }()
            if let region = event.region { regionVotes[id, default: [:]][region, default: 0] += 1 }
            entries.append((location, event.occurredAt.localDate.dayNumber - first.dayNumber))
        }
        var counts = [Int](repeating: 0, count: ids.count * studyDays)
        for (location, day) in entries { counts[location * studyDays + day] += 1 }
        let days = (0..<studyDays).map { first.adding(days: $0) }
        let result = scan.run(ScanInput(locationIDs: ids, coordinates: coordinates, days: days, counts: counts))
        let recorded = try await record(result, scan: scan, asOf: asOf, alertLevel: alertLevel, now: now, drugMarket: drugMarket) { cluster in
            let region = regionVotes[cluster.centre]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? RegionCode(rawValue: "US")!
            guard case .geographic(let latitude, let longitude) = coordinates[index[cluster.centre]!] else { return (region, "grid cells", [], nil) }
            return (region, "grid cells", [], try? GeoPoint(latitude: latitude, longitude: longitude))
        }
        return Outcome(result: result, alerts: recorded, eventsWithoutCounty: skipped, days: days)
    }

    /// Records the clusters with p ≤ the alert level as alerts, fused with the samples around them.
    /// `place` gives a cluster's region, the name of its locations, the regions it covers and its centre.
    private func record(
        _ result: ScanResult, scan: SpaceTimeScan, asOf: CalendarDate, alertLevel: Double, now: Int64, drugMarket: DrugMarketSettings,
        place: (ScanCluster) -> (RegionCode, String, [RegionCode], GeoPoint?)
    ) async throws -> [Alert] {
        var recorded: [Alert] = []
        let fusion = samples.map { AlertFusion(samples: $0, events: events, settings: drugMarket) }
        for cluster in result.clusters where cluster.pValue <= alertLevel {
            let (region, unit, covered, centre) = place(cluster)
            var signal = AlertSignal(
                kind: "space-time-cluster", method: scan.parameters.model.rawValue, series: cluster.centre,
                region: region, subgroup: "\(cluster.locations.count) \(unit)", interval: "day",
                period: asOf, observed: cluster.observed, expected: cluster.expected, upperBound: nil,
                score: cluster.logLikelihoodRatio, pValue: cluster.pValue,
                severity: cluster.pValue <= alertLevel / 10 ? .red : .yellow)
            if let fusion {
                signal = try await fusion.fuse(
                    signal,
                    area: AlertFusion.Area(
                        regions: covered, centre: centre, radiusKilometres: cluster.radiusKilometres + drugMarket.radiusKm,
                        from: cluster.start.adding(days: -drugMarket.daysBefore), to: cluster.end))
            }
            recorded.append(try await alerts.recordSignal(signal, continuationDays: 7, at: now).alert)
        }
        return recorded
    }
}
