/// The sites a ``MaximalCovering`` solver chose, in order, with what each newly covers.
public struct CoveringSolution: Hashable, Sendable, Codable {
    /// One chosen site.
    public struct Site: Hashable, Sendable, Codable {
        /// The candidate's index.
        public var candidate: Int
        /// The weight of the demand points this site covers that no earlier site in ``CoveringSolution/sites``
        /// covers.
        public var newlyCoveredWeight: Double
        /// The number of those demand points.
        public var newlyCoveredCount: Int
        /// Their indices, in increasing order.
        public var newlyCovered: [Int]

        /// Creates a site.
        public init(candidate: Int, newlyCoveredWeight: Double, newlyCoveredCount: Int, newlyCovered: [Int]) {
            self.candidate = candidate
            self.newlyCoveredWeight = newlyCoveredWeight
            self.newlyCoveredCount = newlyCoveredCount
            self.newlyCovered = newlyCovered
        }
    }

    /// The parameters used.
    public var parameters: MaximalCovering.Parameters
    /// The solver that chose the sites.
    public var method: MaximalCovering.Method
    /// The chosen sites, in the order chosen: at most the budget, fewer when further sites would cover no more
    /// weight. For the exact solver, the optimal set in greedy order (most newly covered weight first, ties to the
    /// lowest index).
    public var sites: [Site]
    /// The total weight the sites cover.
    public var coveredWeight: Double
    /// The number of demand points the sites cover.
    public var coveredCount: Int
    /// The weight of all demand points.
    public var totalWeight: Double
    /// The number of demand points.
    public var demandCount: Int
    /// A weight that no choice of at most `budget` sites can exceed. For the greedy solver, the smallest bound of
    /// Nemhauser, Wolsey and Fisher seen during the run (see ``MaximalCovering/greedy(_:)``); for the exact solver,
    /// the optimum itself.
    public var upperBoundWeight: Double
    /// Whether the sites are known to cover the most weight possible: always for the exact solver; for the greedy
    /// solver, when its bound shows it (for example when every demand point is covered).
    public var isProvenOptimal: Bool

    /// Creates a solution.
    public init(
        parameters: MaximalCovering.Parameters, method: MaximalCovering.Method, sites: [Site], coveredWeight: Double,
        coveredCount: Int, totalWeight: Double, demandCount: Int, upperBoundWeight: Double, isProvenOptimal: Bool
    ) {
        self.parameters = parameters
        self.method = method
        self.sites = sites
        self.coveredWeight = coveredWeight
        self.coveredCount = coveredCount
        self.totalWeight = totalWeight
        self.demandCount = demandCount
        self.upperBoundWeight = upperBoundWeight
        self.isProvenOptimal = isProvenOptimal
    }

    /// The chosen candidates' indices, in order.
    public var candidates: [Int] { sites.map(\.candidate) }

    /// The covered share of the total weight, 0…1; `nil` when the total weight is 0.
    public var coveredShare: Double? { totalWeight > 0 ? coveredWeight / totalWeight : nil }
}
