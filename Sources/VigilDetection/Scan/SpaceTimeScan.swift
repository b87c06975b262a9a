import Dispatch
import Foundation
public import VigilCore

/// Prospective space-time scan statistics, with SaTScan's conventions where the papers are silent:
/// the space-time permutation model (Kulldorff, Heffernan, Hartman, Assunção and Mostashari, "A
/// space-time permutation scan statistic for disease outbreak detection", PLoS Medicine 2005) and
/// the space-time Poisson model (Kulldorff 2001, "Prospective time periodic geographical disease
/// surveillance using a scan statistic", J R Stat Soc A 164:61–72).
///
/// Permutation (case-only): the expected count of a cylinder (a circle of locations × the last w
/// days) is (cases of its locations over the study) × (cases of its days over all locations) / all
/// cases, and replications permute the case days among the cases. Poisson: the expected count is
/// all cases × (the circle's share of the population) × (w / study days), and replications place
/// the same number of cases at random, in proportion to population, on uniformly random days.
/// Circles are centred on every location and grow one nearest neighbour at a time (chord distance
/// between points on a sphere of radius 6367 km; ties broken by the coordinates) while the circle's
/// cases (permutation) or population (Poisson) stay within `maxSpatialFraction` of the total and
/// within `maxRadiusKilometres`. Windows
/// end on the last study day (a prospective analysis) and last 1 … `maxTemporalDays` days
/// (default half the study period). A cylinder counts when it has at least `minimumCases` cases and
/// more than expected; its log-likelihood ratio is n·ln(n/μ) + (C − n)·ln((C − n)/(C − μ)).
///
/// Each centre's best cylinder (ties: the smaller circle, then the shorter window) is a candidate;
/// candidates are ranked by LLR (ties as before, then by centre) and kept when they share no location with a kept one (SaTScan's
/// "no geographical overlap"); the most likely cluster is always reported, secondary ones with LLR
/// ≥ 0.001. P-values are rank/(R + 1) over R replications; replication r uses its own generator seeded from (seed, r), so results do not depend on
/// how many threads run them. The recurrence interval of a daily prospective analysis is 1/p days.
///
/// - Complexity: O(L·K·T) per replication for L locations, K locations per circle and T window
///   lengths, with cumulative counts per location making each cylinder O(1).
public struct SpaceTimeScan: Sendable {
    /// Scan parameters with SaTScan's defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The probability model.
        public var model: Model
        /// The largest share of all cases (permutation) or of the population (Poisson) a circle may
        /// hold, in (0, 0.5]; default 0.5.
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
            model: Model = .permutation, maxSpatialFraction: Double = 0.5, maxRadiusKilometres: Double? = nil, maxTemporalDays: Int? = nil,
            minimumCases: Int = 2, replications: Int = 999, seed: UInt64 = 1
        ) {
            self.model = model
            self.maxSpatialFraction = maxSpatialFraction
            self.maxRadiusKilometres = maxRadiusKilometres
            self.maxTemporalDays = maxTemporalDays
            self.minimumCases = minimumCases
            self.replications = replications
            self.seed = seed
        }
    }

    /// The probability model of a scan.
    public enum Model: String, Hashable, Sendable, Codable {
        /// Space-time permutation: cases only.
        case permutation = "space-time-permutation"
        /// Space-time Poisson: cases against the population at risk.
        case poisson
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
    /// - Precondition: a Poisson scan's input has a positive population for every location.
    public func run(_ input: ScanInput) -> ScanResult {
        precondition(parameters.model == .permutation || input.population?.allSatisfy { $0 > 0 } == true,
                     "a Poisson scan needs a positive population for every location")
        let geometry = ScanGeometry(input)
        let dayCount = input.days.count
        let windowCount = min(parameters.maxTemporalDays ?? dayCount / 2, dayCount)
        let total = input.totalCases
        guard total > 0, windowCount > 0, !input.locationIDs.isEmpty else {
            return ScanResult(clusters: [], totalCases: total, replications: parameters.replications, maximumReplicatedLLRs: [])
        }
        let observed = CylinderCounts(counts: input.counts, locations: input.locationIDs.count, days: dayCount, windows: windowCount)
        let measure = Measure(parameters.model, input, total: total, days: dayCount, windows: windowCount)
        var candidates = scanAllCentres(geometry, observed, measure, total: total)
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
        let maxima = replicate(geometry, input, measure, windows: windowCount, total: total)
        let gumbel = Gumbel(fittedTo: maxima)
        let clusters = kept.map { candidate -> ScanCluster in
            let exceedances = maxima.filter { $0 >= candidate.llr - 1e-12 * max(1, candidate.llr) }.count
            let pValue = Double(exceedances + 1) / Double(parameters.replications + 1)
            let members = Array(geometry.neighbours[candidate.centre].prefix(candidate.size))
            return ScanCluster(
                centre: input.locationIDs[candidate.centre], locations: members.map { input.locationIDs[$0] },
                radiusKilometres: geometry.distance(candidate.centre, members.last!),
                start: input.days[dayCount - candidate.window], end: input.days[dayCount - 1], observed: candidate.observed,
                expected: candidate.expected, logLikelihoodRatio: candidate.llr, pValue: pValue,
                gumbelPValue: gumbel.upperTail(candidate.llr), recurrenceIntervalDays: 1 / pValue)
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
    private func scanAllCentres(_ geometry: ScanGeometry, _ counts: CylinderCounts, _ measure: Measure, total: Int) -> [Candidate] {
        var candidates: [Candidate] = []
        var accumulator = [Int](repeating: 0, count: counts.windows + 1)
        for centre in 0..<geometry.neighbours.count {
            var best: Candidate?
            visitCylinders(centre, geometry, counts, measure, total: total, accumulator: &accumulator, floor: -.infinity) {
                size, window, n, mu, llr in
                if best == nil || llr > best!.llr {
                    best = Candidate(centre: centre, size: size, window: window, observed: n, expected: mu, llr: llr)
                }
            }
            if let best { candidates.append(best) }
        }
        return candidates
    }

    /// Calls `body` for every qualifying cylinder of a centre whose LLR may exceed `floor`, circles
    /// growing, windows lengthening.
    ///
    /// Exact pruning: for n > μ the LLR is n·ln(n/μ) + (C − n)·ln((C − n)/(C − μ)), and since
    /// ln x ≤ x − 1 the second term is at most −(n − μ)(C − n)/(C − μ); a cylinder whose bound is at
    /// most `floor` cannot beat it and its second logarithm is never computed. Logarithms
    /// of whole numbers come from a table and ln μ from per-circle and per-window parts.
    @inline(__always)
    private func visitCylinders(
        _ centre: Int, _ geometry: ScanGeometry, _ counts: CylinderCounts, _ measure: Measure, total: Int,
        accumulator: inout [Int], floor: Double, _ body: (Int, Int, Int, Double, Double) -> Void
    ) {
        let windows = counts.windows
        var zoneSize = 0.0
        let cap = parameters.maxSpatialFraction * measure.total(counts)
        let totalDouble = Double(total)
        let minimumCases = parameters.minimumCases
        let perUnit = measure.model == .permutation ? counts.logDayShares : measure.poissonLogPerUnit
        // The hot loops read and write through raw pointers: no bounds or uniqueness checks per cylinder.
        accumulator.withUnsafeMutableBufferPointer { acc in
            for index in acc.indices { acc[index] = 0 }
            counts.recent.withUnsafeBufferPointer { recent in
                measure.logIntegers.withUnsafeBufferPointer { logs in
                    perUnit.withUnsafeBufferPointer { perUnit in
                        for (size, location) in geometry.neighbours[centre].enumerated() {
                            let locationSize = measure.size(of: location, counts)
                            if zoneSize + locationSize > cap { break }
                            if let radius = parameters.maxRadiusKilometres, geometry.distance(centre, location) > radius { break }
                            zoneSize += locationSize
                            let base = location * (windows + 1)
                            for window in 1...windows { acc[window] &+= recent[base + window] }
                            guard zoneSize > 0 else { continue }
                            let logZone = log(zoneSize)
                            for window in 1...windows {
                                let n = acc[window]
                                guard n >= minimumCases else { continue }
                                let logMu = logZone + perUnit[window]
                                let logN = logs[n]
                                guard logN > logMu else { continue }
                                let nDouble = Double(n)
                                let firstTerm = nDouble * (logN - logMu)
                                guard firstTerm > floor else { continue }
                                let mu = measure.expected(zoneSize: zoneSize, window: window, counts)
                                // ln x ≤ x − 1 bounds the second term by −(n − μ)(C − n)/(C − μ): tight near μ.
                                let rest = totalDouble - nDouble
                                guard firstTerm - (nDouble - mu) * rest / (totalDouble - mu) > floor else { continue }
                                let llr = n < total
                                    ? firstTerm + (totalDouble - nDouble) * (logs[total - n] - log(totalDouble - mu)) : firstTerm
                                body(size + 1, window, n, mu, llr)
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Monte Carlo

    /// The largest LLR of each replication, replications run in parallel with per-replication seeds.
    private func replicate(_ geometry: ScanGeometry, _ input: ScanInput, _ measure: Measure, windows: Int, total: Int) -> [Double] {
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
                for index in permuted.indices { permuted[index] = 0 }
                switch parameters.model {
                case .permutation:
                    shuffled = days
                    shuffled.shuffle(using: &generator)
                    for (location, day) in zip(locations, shuffled) { permuted[location * dayCount + day] += 1 }
                case .poisson:
                    for _ in 0..<total {
                        let location = measure.randomLocation(using: &generator)
                        permuted[location * dayCount + Int.random(in: 0..<dayCount, using: &generator)] += 1
                    }
                }
                let counts = CylinderCounts(counts: permuted, locations: locationCount, days: dayCount, windows: windows)
                var best = 0.0
                for centre in 0..<geometry.neighbours.count {
                    visitCylinders(centre, geometry, counts, measure, total: total, accumulator: &accumulator, floor: best) {
                        _, _, _, _, llr in
                        if llr > best { best = llr }
                    }
                }
                maxima[replication] = best
            }
        }
        return Array(maxima)
    }
}

/// A Gumbel (extreme value) distribution fitted by the method of moments: scale β = s·√6/π and
/// location μ = mean − γβ, γ Euler's constant.
struct Gumbel {
    let location: Double
    let scale: Double

    init(fittedTo values: [Double]) {
        let n = Double(max(1, values.count))
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(1, n - 1)
        scale = max(variance.squareRoot() * 6.0.squareRoot() / .pi, 1e-12)
        location = mean - 0.57721566490153286 * scale
    }

    /// P(X ≥ x) = 1 − exp(−exp(−(x − μ)/β)).
    func upperTail(_ x: Double) -> Double { -expm1(-exp(-(x - location) / scale)) }
}

/// What a circle's size and a cylinder's expected count are measured in, by model.
struct Measure {
    let model: SpaceTimeScan.Model
    let population: [Double]
    let populationTotal: Double
    let cumulativePopulation: [Double]
    let totalCases: Double
    let days: Double
    /// ln k for k = 0…total cases (ln 0 = −∞).
    let logIntegers: [Double]
    /// ln of the expected cases per unit of circle size over the last w days, for the Poisson model.
    let poissonLogPerUnit: [Double]

    init(_ model: SpaceTimeScan.Model, _ input: ScanInput, total: Int, days: Int, windows: Int) {
        self.model = model
        population = input.population ?? []
        populationTotal = population.reduce(0, +)
        var running = 0.0
        cumulativePopulation = population.map { running += $0; return running }
        totalCases = Double(total)
        self.days = Double(days)
        logIntegers = (0...max(1, total)).map { log(Double($0)) }
        let (cases, population, dayCount) = (Double(total), populationTotal, Double(days))
        poissonLogPerUnit = (0...max(1, windows)).map { log(cases) - log(population) + log(Double($0)) - log(dayCount) }
    }

    /// ln(expected cases) − ln(circle size) for a window: ln(cases on those days / all cases) for
    /// the permutation model, ln(all cases × w / (population × days)) for Poisson.
    @inline(__always)
    func logExpectedPerUnit(window: Int, _ counts: CylinderCounts) -> Double {
        model == .permutation ? counts.logDayShares[window] : poissonLogPerUnit[window]
    }

    /// The measure of the whole study: all cases, or the whole population.
    func total(_ counts: CylinderCounts) -> Double { model == .permutation ? totalCases : populationTotal }

    /// A location's contribution to a circle's size: its cases, or its population.
    @inline(__always)
    func size(of location: Int, _ counts: CylinderCounts) -> Double {
        model == .permutation ? Double(counts.locationTotals[location]) : population[location]
    }

    /// The expected cases of a circle of this size over the last `window` days.
    @inline(__always)
    func expected(zoneSize: Double, window: Int, _ counts: CylinderCounts) -> Double {
        switch model {
        case .permutation: zoneSize * Double(counts.dayTotals[window]) / totalCases
        case .poisson: totalCases * (zoneSize / populationTotal) * (Double(window) / days)
        }
    }

    /// A location drawn in proportion to population.
    func randomLocation(using generator: inout SplitMix64) -> Int {
        let target = Double.random(in: 0..<populationTotal, using: &generator)
        var low = 0
        var high = cumulativePopulation.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativePopulation[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Neighbour orders and distances, computed once per input.
struct ScanGeometry {
    /// For each centre, all locations nearest first (the centre itself first).
    let neighbours: [[Int]]
    private let points: [SIMD3<Double>]

    init(_ input: ScanInput) {
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
    /// ln(cases of all locations over the last w days / all cases).
    let logDayShares: [Double]

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
        let total = Double(locationTotals.reduce(0, +))
        logDayShares = dayTotals.map { log(Double($0)) - log(total) }
    }
}
