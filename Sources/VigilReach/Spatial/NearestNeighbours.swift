/// The nearest indexed point of each of many query points, in contiguous arrays indexed like the queries.
public struct NearestNeighbours: Hashable, Sendable, Codable {
    /// For each query, the index (in the array the tree was built from) of its nearest point.
    public var indices: [Int]
    /// For each query, the great-circle distance to that point, in kilometres.
    public var kilometres: [Double]

    /// Creates a result from its two arrays, which must have the same length.
    public init(indices: [Int], kilometres: [Double]) {
        precondition(indices.count == kilometres.count, "one index and one distance per query")
        self.indices = indices
        self.kilometres = kilometres
    }

    /// The number of queries.
    public var count: Int { indices.count }
}
