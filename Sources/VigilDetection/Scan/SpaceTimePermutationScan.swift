import Dispatch
import Foundation
public import VigilCore

/// The prospective space-time permutation scan statistic (Kulldorff, Heffernan, Hartman, Assunção
/// and Mostashari, "A space-time permutation scan statistic for disease outbreak detection", PLoS
/// Medicine 2005), with SaTScan's conventions where the paper is silent.
///
/// Case-only: the expected count of a cylinder (a circle of locations × the last w days) is
/// (cases of its locations over the study) × (cases of its days over all locations) / all cases.
/// Circles are centred on every location and grow one nearest neighbour at a time (chord distance
/// between points on a sphere of radius 6367 km; ties broken by the coordinates) while the circle's
/// cases stay within `maxSpatialFraction` of all cases and within `maxRadiusKilometres`. Windows
/// end on the last study day (a prospective analysis) and last 1 … `maxTemporalDays` days
/// (default half the study period). A cylinder counts when it has at least `minimumCases` cases and
/// more than expected; its log-likelihood ratio is n·ln(n/μ) + (C − n)·ln((C − n)/(C − μ)).
///
/// Each centre's best cylinder (ties: the smaller circle, then the shorter window) is a candidate;
/// candidates are ranked by LLR (ties as before, then by centre) and kept when they share no location with a kept one (SaTScan's
/// "no geographical overlap"); the most likely cluster is always reported, secondary ones with LLR
/// ≥ 0.001. P-values are rank/(R + 1) over R replications that permute the case days among the
/// cases; replication r uses its own generator seeded from (seed, r), so results do not depend on
/// how many threads run them. The recurrence interval of a daily prospective analysis is 1/p days.
///
/// - Complexity: O(L·K·T) per replication for L locations, K locations per circle and T window
///   lengths, with cumulative counts per location making each cylinder O(1).
public struct SpaceTimePermutationScan: Sendable {
    /// Scan parameters with SaTScan's defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The largest share of all cases a circle may hold, in (0, 0.5]; default 0.5.
        public var maxSpatialFraction: Double
        /// The largest circle radius in kilometres; `nil` for no limit.
        public var maxRadiusKilometres: Double?
        /// The longest window in days; `nil` for half the study period (rounded down).
        public var maxTemporalDays: Int?
        /// The fewest cases a cluster may have; default 2 (SaTScan 10).
        public var minimumCases: Int
        /// Monte Carlo replications, at least 9; default 999.
        public var replications: Int
        /// The seed of the Monte Carlo replications.
        public var seed: UInt64

        /// Creates parameters.
        public init(
            maxSpatialFraction: Double = 0.5, maxRadiusKilometres: Double? = nil, maxTemporalDays: Int? = nil,
            minimumCases: Int = 2, replications: Int = 999, seed: UInt64 = 1
        ) {
            self.maxSpatialFraction = maxSpatialFraction
            self.maxRadiusKilometres = maxRadiusKilometres
            self.maxTemporalDays = maxTemporalDays
            self.minimumCases = minimumCases
            self.replications = replications
            self.seed = seed
        }
    }

    /// The parameters in use.
    public let parameters: Parameters

    /// Creates a scan.
    /// - Throws: ``DetectionError`` when the spatial fraction is not in (0, 0.5], the radius is not
    ///   positive, the window is under one day, the minimum cases under 1, or fewer than 9
    ///   replications are asked for.
    public init(_ parameters: Parameters) throws(DetectionError) {
        guard parameters.maxSpatialFraction > 0, parameters.maxSpatialFraction <= 0.5 else {
            throw .parameter("the maximum spatial size \(parameters.maxSpatialFraction) must be in (0, 0.5], as SaTScan limits it")
        }
        if let radius = parameters.maxRadiusKilometres, !(radius > 0) { throw .parameter("the maximum radius must be positive") }
        if let days = parameters.maxTemporalDays, days < 1 { throw .parameter("the maximum temporal window must be at least 1 day") }
        guard parameters.minimumCases >= 1 else { throw .parameter("the minimum number of cases must be at least 1") }
        guard (9...1_000_000).contains(parameters.replications) else {
            throw .parameter("replications must be from 9 to 1,000,000, not \(parameters.replications)")
        }
        self.parameters = parameters
    }

    /// Scans an input.
    /// - Returns: The clusters, most likely first; empty when there are no cases or no cylinder
    ///   qualifies.
    public func run(_ input: ScanInput) -> ScanResult {
        let geometry = ScanGeometry(input, parameters: parameters)
        let dayCount = input.days.count
        let windowCount = min(parameters.maxTemporalDays ?? dayCount / 2, dayCount)
        let total = input.totalCases
        guard total > 0, windowCount > 0, !input.locationIDs.isEmpty else {
            return ScanResult(clusters: [], totalCases: total, replications: parameters.replications, maximumReplicatedLLRs: [])
        }
        let observed = CylinderCounts(counts: input.counts, locations: input.locationIDs.count, days: dayCount, windows: windowCount)
        var candidates = scanAllCentres(geometry, observed, total: total)
        // Strongest first; equal LLRs (a circle that only adds case-free locations) prefer the smaller
        // circle, then the shorter window, then the earlier centre.
        candidates.sort { ($0.llr, $1.size, $1.window, $1.centre) > ($1.llr, $0.size, $0.window, $0.centre) }
        var kept: [Candidate] = []
        var used = Set<Int>()
        for candidate in candidates {
            let members = geometry.neighbours[candidate.centre].prefix(candidate.size)
            guard kept.isEmpty || (candidate.llr >= 0.001 && members.allSatisfy { !used.contains($0) }) else { continue }
            kept.append(candidate)
            used.formUnion(members)
        }
        let maxima = replicate(geometry, input, windows: windowCount, total: total)
        let clusters = kept.map { candidate -> ScanCluster in
            let exceedances = maxima.filter { $0 >= candidate.llr - 1e-12 * max(1, candidate.llr) }.count
            let pValue = Double(exceedances + 1) / Double(parameters.replications + 1)
            let members = Array(geometry.neighbours[candidate.centre].prefix(candidate.size))
            return ScanCluster(
                centre: input.locationIDs[candidate.centre], locations: members.map { input.locationIDs[$0] },
                radiusKilometres: geometry.distance(candidate.centre, members.last!),
                start: input.days[dayCount - candidate.window], end: input.days[dayCount - 1], observed: candidate.observed,
                expected: candidate.expected, logLikelihoodRatio: candidate.llr, pValue: pValue, recurrenceIntervalDays: 1 / pValue)
        }
        return ScanResult(clusters: clusters, totalCases: total, replications: parameters.replications, maximumReplicatedLLRs: maxima)
    }

    // MARK: Scanning

    /// A centre's best cylinder.
    struct Candidate {
        var centre: Int
        var size: Int
        var window: Int
        var observed: Int
        var expected: Double
        var llr: Double
    }

    /// The best cylinder of every centre that has one.
    private func scanAllCentres(_ geometry: ScanGeometry, _ counts: CylinderCounts, total: Int) -> [Candidate] {
        var candidates: [Candidate] = []
        var accumulator = [Int](repeating: 0, count: counts.windows + 1)
        for centre in 0..<geometry.neighbours.count {
            var best: Candidate?
            visitCylinders(centre, geometry, counts, total: total, accumulator: &accumulator) { size, window, n, mu, llr in
                if best == nil || llr > best!.llr {
                    best = Candidate(centre: centre, size: size, window: window, observed: n, expected: mu, llr: llr)
                }
            }
            if let best { candidates.append(best) }
        }
        return candidates
    }

    /// Calls `body` for every qualifying cylinder of a centre, circles growing, windows lengthening.
    @inline(__always)
    private func visitCylinders(
        _ centre: Int, _ geometry: ScanGeometry, _ counts: CylinderCounts, total: Int, accumulator: inout [Int],
        _ body: (Int, Int, Int, Double, Double) -> Void
    ) {
        let windows = counts.windows
        for index in accumulator.indices { accumulator[index] = 0 }
        var zoneCases = 0
        let cap = parameters.maxSpatialFraction * Double(total)
        let totalDouble = Double(total)
        for (size, location) in geometry.neighbours[centre].enumerated() {
            let locationCases = counts.locationTotals[location]
            if Double(zoneCases + locationCases) > cap { break }
            if let radius = parameters.maxRadiusKilometres, geometry.distance(centre, location) > radius { break }
            zoneCases += locationCases
            let base = location * (windows + 1)
            for window in 1...windows { accumulator[window] += counts.recent[base + window] }
            for window in 1...windows {
                let n = accumulator[window]
                guard n >= parameters.minimumCases else { continue }
                let mu = Double(zoneCases) * Double(counts.dayTotals[window]) / totalDouble
                let nDouble = Double(n)
                guard nDouble > mu else { continue }
                var llr = nDouble * log(nDouble / mu)
                if n < total { llr += (totalDouble - nDouble) * log((totalDouble - nDouble) / (totalDouble - mu)) }
                body(size + 1, window, n, mu, llr)
            }
        }
    }

    // MARK: Monte Carlo

    /// The largest LLR of each replication, replications run in parallel with per-replication seeds.
    private func replicate(_ geometry: ScanGeometry, _ input: ScanInput, windows: Int, total: Int) -> [Double] {
        let dayCount = input.days.count
        let locationCount = input.locationIDs.count
        var caseLocations: [Int] = []
        var caseDays: [Int] = []
        caseLocations.reserveCapacity(total)
        caseDays.reserveCapacity(total)
        for location in 0..<locationCount {
            for day in 0..<dayCount {
                for _ in 0..<input.counts[location * dayCount + day] {
                    caseLocations.append(location)
                    caseDays.append(day)
                }
            }
        }
        // Safe: each replication writes its own slot, and the buffer is read after all workers finish.
        nonisolated(unsafe) let maxima = UnsafeMutableBufferPointer<Double>.allocate(capacity: parameters.replications)
        defer { maxima.deallocate() }
        let workers = 2
        let (locations, days) = (caseLocations, caseDays)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var shuffled = days
            var permuted = [Int](repeating: 0, count: locationCount * dayCount)
            var accumulator = [Int](repeating: 0, count: windows + 1)
            for replication in stride(from: worker, to: parameters.replications, by: workers) {
                var generator = SplitMix64(seed: parameters.seed ^ (UInt64(replication + 1) &* 0x9E37_79B9_7F4A_7C15))
                shuffled = days
                shuffled.shuffle(using: &generator)
                for index in permuted.indices { permuted[index] = 0 }
                for (location, day) in zip(locations, shuffled) { permuted[location * dayCount + day] += 1 }
                let counts = CylinderCounts(counts: permuted, locations: locationCount, days: dayCount, windows: windows)
                var best = 0.0
                for centre in 0..<geometry.neighbours.count {
                    visitCylinders(centre, geometry, counts, total: total, accumulator: &accumulator) { _, _, _, _, llr in
                        if llr > best { best = llr }
                    }
                }
                maxima[replication] = best
            }
        }
        return Array(maxima)
    }
}

/// Neighbour orders and distances, computed once per input.
struct ScanGeometry {
    /// For each centre, all locations nearest first (the centre itself first).
    let neighbours: [[Int]]
    private let points: [SIMD3<Double>]

    init(_ input: ScanInput, parameters: SpaceTimePermutationScan.Parameters) {
        points = input.coordinates.map(\.point)
        let points = self.points
        neighbours = points.indices.map { centre in
            points.indices.sorted { a, b in
                let (da, db) = (Self.squaredDistance(points[centre], points[a]), Self.squaredDistance(points[centre], points[b]))
                if da != db { return da < db }
                let (pa, pb) = (points[a], points[b])
                return (pa.x, pa.y, pa.z, a) < (pb.x, pb.y, pb.z, b)
            }
        }
    }

    /// The chord distance between two locations, in kilometres.
    func distance(_ a: Int, _ b: Int) -> Double { Self.squaredDistance(points[a], points[b]).squareRoot() }

    private static func squaredDistance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        let d = a - b
        return (d * d).sum()
    }
}

/// Case totals per location and per window of the last w days, for O(1) cylinder counts.
struct CylinderCounts {
    let windows: Int
    /// Cases of each location over the study.
    let locationTotals: [Int]
    /// Cases of all locations over the last w days, w = 0…windows.
    let dayTotals: [Int]
    /// Cases of each location over the last w days, location-major with stride windows + 1.
    let recent: [Int]

    init(counts: [Int], locations: Int, days: Int, windows: Int) {
        self.windows = windows
        var locationTotals = [Int](repeating: 0, count: locations)
        var dayTotals = [Int](repeating: 0, count: windows + 1)
        var recent = [Int](repeating: 0, count: locations * (windows + 1))
        for location in 0..<locations {
            var running = 0
            for day in 0..<days { locationTotals[location] += counts[location * days + day] }
            for window in 1...max(1, windows) where windows > 0 {
                running += counts[location * days + days - window]
                recent[location * (windows + 1) + window] = running
                dayTotals[window] += running
            }
        }
        self.locationTotals = locationTotals
        self.dayTotals = dayTotals
        self.recent = recent
    }
}
