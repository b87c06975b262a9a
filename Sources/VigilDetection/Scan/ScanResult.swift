public import VigilCore

/// One space-time cluster.
public struct ScanCluster: Hashable, Sendable, Codable {
    /// The centre location.
    public var centre: String
    /// The locations in the circle, nearest first.
    public var locations: [String]
    /// The distance from the centre to the farthest location, in kilometres (0 for one location).
    public var radiusKilometres: Double
    /// The first day of the window.
    public var start: CalendarDate
    /// The last day of the window (the study's last day).
    public var end: CalendarDate
    /// The cases in the cylinder.
    public var observed: Int
    /// The cases expected under the null.
    public var expected: Double
    /// The log-likelihood ratio (SaTScan's test statistic).
    public var logLikelihoodRatio: Double
    /// The Monte Carlo p-value, rank/(R + 1).
    public var pValue: Double
    /// The p-value from a Gumbel distribution fitted to the replicated maxima (method of moments,
    /// as SaTScan's optional Gumbel approximation): useful below the Monte Carlo floor 1/(R + 1).
    public var gumbelPValue: Double
    /// For a daily prospective analysis, how often a cluster this strong arises by chance: 1/p days.
    public var recurrenceIntervalDays: Double

    /// Observed over expected.
    public var relativeRisk: Double { Double(observed) / expected }
}

/// The outcome of a scan.
public struct ScanResult: Sendable {
    /// The most likely cluster first, then secondary clusters that share no location with it.
    public var clusters: [ScanCluster]
    /// The cases in the input.
    public var totalCases: Int
    /// The Monte Carlo replications run.
    public var replications: Int
    /// The largest LLR of each replication, in replication order.
    public var maximumReplicatedLLRs: [Double]
}
