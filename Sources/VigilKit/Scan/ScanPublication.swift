import VigilCore
public import VigilDetection

/// Scan clusters prepared for an audience: for public outputs, the centre point and radius can be
/// withheld (only the set of regions is shown) and clusters with few cases suppressed.
public struct PublishedCluster: Hashable, Sendable {
    /// The cluster's rank in the full result (1 = most likely), kept so suppressed ranks show.
    public var rank: Int
    /// The centre location, or `nil` when only regions are published.
    public var centre: String?
    /// The locations in the cluster.
    public var locations: [String]
    /// The radius in kilometres, or `nil` when only regions are published.
    public var radiusKilometres: Double?
    /// The cluster itself.
    public var cluster: ScanCluster
}

/// The publication rules of scan results.
public enum ScanPublication {
    /// Applies the rules.
    /// - Parameters:
    ///   - regionsOnly: Withhold the centre and radius, which can point at a place more precisely
    ///     than the set of regions.
    ///   - suppressBelow: Leave out clusters with fewer cases than this (0 keeps all). Public
    ///     outputs conventionally suppress counts from 1 to 9: use 10.
    /// - Returns: The clusters to show, and how many were suppressed.
    public static func publish(_ clusters: [ScanCluster], regionsOnly: Bool, suppressBelow: Int)
        -> (clusters: [PublishedCluster], suppressed: Int)
    {
        var shown: [PublishedCluster] = []
        for (index, cluster) in clusters.enumerated() where cluster.observed >= suppressBelow {
            shown.append(
                PublishedCluster(
                    rank: index + 1, centre: regionsOnly ? nil : cluster.centre, locations: cluster.locations,
                    radiusKilometres: regionsOnly ? nil : cluster.radiusKilometres, cluster: cluster))
        }
        return (shown, clusters.count - shown.count)
    }
}
