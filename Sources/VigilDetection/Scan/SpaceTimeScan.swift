import Foundation

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
///   lengths at worst, with cumulative counts per location making each cylinder O(1), plus the
///   cases of the last T days to draw each replication. In practice far less: exact bounds (see
///   `CylinderBound` and `GrowthBounds`) skip the cylinders and whole circles whose LLR
///   cannot beat the replication's running maximum, so that only additions of window counts
///   remain for most circles; results are the same as without pruning.
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
        let measure = Measure(parameters.model, input, windows: windowCount)
        let zones = ScanZones(geometry, measure, maxFraction: parameters.maxSpatialFraction,
                              maxRadiusKilometres: parameters.maxRadiusKilometres)
        var candidates = bestCylinders(zones, observed, measure)
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
        let maxima = replicate(zones, input, measure, windows: windowCount)
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
}
