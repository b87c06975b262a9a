public import VigilCore

/// Placement of new sites: the maximal covering location problem of Church and ReVelle ("The maximal covering
/// location problem", Papers of the Regional Science Association 32, 1974).
///
/// Given candidate sites, demand points (recent overdose events, optionally weighted) and a service radius,
/// choose at most ``Parameters/budget`` sites that together cover the most demand weight, a point being covered
/// when some chosen site lies within the radius (great-circle distance, see ``GreatCircle``).
///
/// Two solvers share one input, ``CoverageSets``:
/// - ``greedy(_:)`` adds, one at a time, the site that newly covers the most weight. Covered weight is monotone
///   and submodular in the set of sites, so greedy covers at least 1 − (1 − 1/*k*)^*k* > 1 − 1/e ≈ 63.2 % of the
///   optimum (Nemhauser, Wolsey and Fisher, Mathematical Programming 14, 1978); in practice it is usually within
///   a few percent, and the result carries a bound that shows how close.
/// - ``exact(_:)`` proves the optimum by branch and bound, for small instances.
///
/// ```swift
/// let covering = try MaximalCovering(.init(radiusKilometres: 10, budget: 50))
/// let coverage = try covering.coverage(candidates: sites, demand: events.map(\.location))
/// let plan = try covering.greedy(coverage)
/// ```
public struct MaximalCovering: Sendable {
    /// A solver.
    public enum Method: String, Hashable, Sendable, Codable, CaseIterable {
        /// Lazy greedy (``MaximalCovering/greedy(_:)``).
        case greedy
        /// Branch and bound (``MaximalCovering/exact(_:)``).
        case exact
    }

    /// Settings of a placement.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The service radius in kilometres: a site covers the demand points at most this far away. Must be
        /// positive.
        public var radiusKilometres: Double
        /// The most sites to choose, at least 1 and at most the number of candidates.
        public var budget: Int
        /// The largest instance the exact solver accepts, as the number of ways to choose `budget` sites among the
        /// candidates that cover any weight. Default 1,000,000 (for example 30 candidates and a budget of 5 is
        /// 142,506 ways; 40 and 6 is 3,838,380).
        public var exactSubsetLimit: Int

        /// Creates parameters with the documented defaults.
        public init(radiusKilometres: Double, budget: Int, exactSubsetLimit: Int = 1_000_000) {
            self.radiusKilometres = radiusKilometres
            self.budget = budget
            self.exactSubsetLimit = exactSubsetLimit
        }
    }

    /// The settings used.
    public let parameters: Parameters

    /// Checks the parameters.
    /// - Throws: ``ReachError`` `invalidParameter` for a radius that is not a positive finite number, a budget below
    ///   1, or an exact subset limit below 1.
    public init(_ parameters: Parameters) throws(ReachError) {
        guard parameters.radiusKilometres.isFinite, parameters.radiusKilometres > 0 else {
            throw .parameter(
                "the service radius \(parameters.radiusKilometres) km must be a positive number of kilometres")
        }
        guard parameters.budget >= 1 else {
            throw .parameter("the budget of \(parameters.budget) sites must be at least 1")
        }
        guard parameters.exactSubsetLimit >= 1 else {
            throw .parameter("the exact subset limit \(parameters.exactSubsetLimit) must be at least 1")
        }
        self.parameters = parameters
    }

    /// Finds which demand points each candidate covers within ``Parameters/radiusKilometres``.
    ///
    /// - Parameters:
    ///   - candidates: The candidate sites.
    ///   - demand: The demand points, at least one.
    ///   - weights: The weight of each demand point, finite and 0 or more; `nil` (the default) gives each weight 1.
    /// - Returns: The coverage lists, for ``greedy(_:)`` or ``exact(_:)``.
    /// - Throws: ``ReachError`` `noDemand` without demand points; `invalidWeight` for bad weights.
    /// - Complexity: O(*m* log *m*) to index *m* demand points, then one radius query per candidate, all on all
    ///   cores.
    public func coverage(candidates: [GeoPoint], demand: [GeoPoint], weights: [Double]? = nil) throws(ReachError)
        -> CoverageSets
    {
        try CoverageSets(
            candidates: candidates, demand: demand, weights: weights, radiusKilometres: parameters.radiusKilometres)
    }

    /// Checks that the budget fits the candidates.
    func checkBudget(_ coverage: CoverageSets) throws(ReachError) {
        guard parameters.budget <= coverage.candidateCount else {
            throw ReachError(
                code: .budgetExceedsCandidates,
                message: "the budget of \(parameters.budget) sites exceeds the \(coverage.candidateCount) candidate "
                    + "sites; lower the budget or add candidates")
        }
    }

    /// Builds a solution from sites in the order they are reported.
    func solution(
        _ chosen: [Int], _ coverage: CoverageSets, method: Method, upperBound: Double, isProvenOptimal: Bool
    ) -> CoveringSolution {
        var isCovered = [Bool](repeating: false, count: coverage.demandCount)
        var sites: [CoveringSolution.Site] = []
        var coveredWeight = 0.0
        var coveredCount = 0
        for candidate in chosen {
            var newly: [Int] = []
            var weight = 0.0
            for index in coverage.offsets[candidate]..<coverage.offsets[candidate + 1] {
                let demand = Int(coverage.members[index])
                if !isCovered[demand] {
                    isCovered[demand] = true
                    newly.append(demand)
                    weight += coverage.weights[demand]
                }
            }
            sites.append(
                CoveringSolution.Site(
                    candidate: candidate, newlyCoveredWeight: weight, newlyCoveredCount: newly.count,
                    newlyCovered: newly))
            coveredWeight += weight
            coveredCount += newly.count
        }
        return CoveringSolution(
            parameters: parameters, method: method, sites: sites, coveredWeight: coveredWeight,
            coveredCount: coveredCount, totalWeight: coverage.totalWeight, demandCount: coverage.demandCount,
            upperBoundWeight: max(upperBound, coveredWeight), isProvenOptimal: isProvenOptimal)
    }
}
