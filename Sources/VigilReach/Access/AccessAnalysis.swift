public import VigilCore

/// Access to prevention and treatment: how far each overdose event was from the nearest facility of each kind,
/// and per region the event rate, the distribution of distances to the nearest facility of one kind, the
/// facility rate, and the share of events beyond distance thresholds.
///
/// Distances are great-circle distances on the mean Earth sphere (see ``GreatCircle``), found with one
/// ``SphericalKDTree`` per kind, never by scanning every facility for every event. They measure geographic
/// proximity only: not travel time, opening hours or capacity, and they are no better than the event locations,
/// which are often randomised or snapped to a centroid for privacy.
///
/// ```swift
/// let analysis = try AccessAnalysis(.init(summaryKind: .otp))
/// let report = try analysis.evaluate(events: events, facilities: facilities, populations: countyPopulations)
/// for region in report.regions { print(region.region, region.medianKilometres ?? .nan) }
/// ```
public struct AccessAnalysis: Sendable {
    /// Settings of an analysis.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The kind of facility the region summaries measure distances to. Default ``AccessFacility/Kind/otp``.
        public var summaryKind: AccessFacility.Kind
        /// The distances, in kilometres, beyond which the share of events is reported. Default 10, 25 and 50 km.
        public var thresholdsKilometres: [Double]

        /// Creates parameters with the documented defaults.
        public init(summaryKind: AccessFacility.Kind = .otp, thresholdsKilometres: [Double] = [10, 25, 50]) {
            self.summaryKind = summaryKind
            self.thresholdsKilometres = thresholdsKilometres
        }
    }

    /// The settings used.
    public let parameters: Parameters

    /// Checks the parameters.
    /// - Throws: ``ReachError`` `invalidParameter` for a threshold that is negative or not finite.
    public init(_ parameters: Parameters = Parameters()) throws(ReachError) {
        for threshold in parameters.thresholdsKilometres where !(threshold.isFinite && threshold >= 0) {
            throw .parameter("distance threshold \(threshold) km must be a finite number of kilometres, 0 or more")
        }
        self.parameters = parameters
    }

    /// Runs the analysis.
    ///
    /// - Parameters:
    ///   - events: The overdose events. With none, the report has empty per-event arrays and region summaries
    ///     without distance statistics.
    ///   - facilities: The facilities, of any kinds; at least one must have the summary kind.
    ///   - populations: Residents per region, where known. Regions left out get no rates.
    /// - Returns: Per kind, the nearest facility of every event; per region, a summary.
    /// - Throws: ``ReachError`` `noFacilities` when no facility has the summary kind; `invalidParameter` for a
    ///   population below 1.
    /// - Complexity: O((*m* + *n*) log *n*) for *m* events and *n* facilities, the queries on all cores, plus
    ///   O(*m* log *m*) to sort distances per region.
    public func evaluate(
        events: [AccessEvent], facilities: [AccessFacility], populations: [RegionCode: Int] = [:]
    ) throws(ReachError) -> AccessReport {
        for (region, population) in populations where population < 1 {
            throw .parameter(
                "the population of region \(region) is \(population); give populations of at least 1, "
                    + "or leave the region out to report it without rates")
        }
        var facilitiesByKind: [AccessFacility.Kind: [Int]] = [:]
        for (index, facility) in facilities.enumerated() { facilitiesByKind[facility.kind, default: []].append(index) }
        guard facilitiesByKind[parameters.summaryKind] != nil else {
            let present = facilitiesByKind.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw ReachError(
                code: .noFacilities,
                message: "no facility has the kind '\(parameters.summaryKind)' that the region summaries measure "
                    + "distances to (\(facilities.count) facilities"
                    + (present.isEmpty ? "" : " of kinds \(present)")
                    + "); add facilities of that kind or choose another summary kind")
        }
        let locations = events.map(\.location)
        let nearest = facilitiesByKind.keys.sorted().map { kind in
            let members = facilitiesByKind[kind]!
            let tree = SphericalKDTree(points: members.map { facilities[$0].location })
            var found = events.isEmpty ? NearestNeighbours(indices: [], kilometres: []) : tree.nearest(to: locations)
            for event in found.indices.indices { found.indices[event] = members[found.indices[event]] }
            return NearestFacilities(
                kind: kind, facilityCount: members.count, facilityIndices: found.indices, kilometres: found.kilometres)
        }
        let summaryDistances = nearest.first { $0.kind == parameters.summaryKind }!.kilometres
        let regions = summaries(events, summaryDistances, facilities, populations)
        return AccessReport(parameters: parameters, eventCount: events.count, nearest: nearest, regions: regions)
    }

    /// The region summaries, sorted by region code.
    private func summaries(
        _ events: [AccessEvent], _ distances: [Double], _ facilities: [AccessFacility], _ populations: [RegionCode: Int]
    ) -> [RegionAccess] {
        var codes = Set(populations.keys)
        for event in events { codes.insert(event.region) }
        for facility in facilities where facility.kind == parameters.summaryKind { codes.insert(facility.region) }
        let sortedCodes = codes.sorted()
        var ids: [RegionCode: Int] = [:]
        ids.reserveCapacity(sortedCodes.count)
        for (id, code) in sortedCodes.enumerated() { ids[code] = id }
        var facilityCounts = [Int](repeating: 0, count: sortedCodes.count)
        for facility in facilities where facility.kind == parameters.summaryKind {
            facilityCounts[ids[facility.region]!] += 1
        }

        // Gather the distances of each region's events into one contiguous slice per region (a counting sort),
        // then sort each slice.
        let eventRegions = events.map { ids[$0.region]! }
        var offsets = [Int](repeating: 0, count: sortedCodes.count + 1)
        for region in eventRegions { offsets[region + 1] += 1 }
        for region in 0..<sortedCodes.count { offsets[region + 1] += offsets[region] }
        var grouped = [Double](repeating: 0, count: events.count)
        var next = offsets
        for (event, region) in eventRegions.enumerated() {
            grouped[next[region]] = distances[event]
            next[region] += 1
        }
        grouped.withUnsafeMutableBufferPointer { grouped in
            // Safe: each region sorts only its own slice, and the buffer is read after every chunk has finished.
            nonisolated(unsafe) let grouped = grouped
            let bounds = offsets
            ParallelChunks.forEach(count: sortedCodes.count, minimumChunkSize: 16) { regions in
                for region in regions {
                    var slice = UnsafeMutableBufferPointer(rebasing: grouped[bounds[region]..<bounds[region + 1]])
                    slice.sort()
                }
            }
        }

        return sortedCodes.indices.map { region in
            let slice = grouped[offsets[region]..<offsets[region + 1]]
            let count = slice.count
            let population = populations[sortedCodes[region]]
            let perHundredThousand = { (value: Int) in population.map { Double(value) * 100_000 / Double($0) } }
            let beyond = parameters.thresholdsKilometres.map { threshold in
                // The slice is sorted: the events beyond the threshold are its tail.
                var low = slice.startIndex
                var high = slice.endIndex
                while low < high {
                    let middle = (low + high) / 2
                    if slice[middle] > threshold { high = middle } else { low = middle + 1 }
                }
                let farther = slice.endIndex - low
                return RegionAccess.ShareBeyond(
                    thresholdKilometres: threshold, eventCount: farther,
                    share: count > 0 ? Double(farther) / Double(count) : nil)
            }
            return RegionAccess(
                region: sortedCodes[region], eventCount: count, population: population,
                eventsPerHundredThousand: perHundredThousand(count), facilityCount: facilityCounts[region],
                facilitiesPerHundredThousand: perHundredThousand(facilityCounts[region]),
                medianKilometres: SampleQuantile.type7(ofSorted: slice, probability: 0.5),
                percentile90Kilometres: SampleQuantile.type7(ofSorted: slice, probability: 0.9), beyond: beyond)
        }
    }
}
