public import VigilCore

/// A static spatial index over points on the sphere, for nearest-point and within-radius queries by
/// great-circle distance.
///
/// The points are stored as unit vectors in 3D (x, y, z, Earth-centred), where the straight-line chord between
/// two points grows with their great-circle distance. A k-d tree over the vectors therefore answers spherical
/// queries exactly, with no special case at the poles or across the antimeridian, and chords convert to
/// kilometres exactly (see ``GreatCircle``). The tree is balanced (median splits along each node's widest
/// dimension, leaves of up to 8 points) and lives in four flat arrays, with no node objects.
///
/// A tree is immutable and `Sendable`; build it once and query it from any thread. Indices in results refer
/// to the array the tree was built from.
///
/// ```swift
/// let tree = SphericalKDTree(points: facilities.map(\.location))
/// let nearest = tree.nearest(to: events.map(\.location))   // parallel, contiguous results
/// let close = tree.indices(within: 10, of: site)         // every facility within 10 km
/// ```
public struct SphericalKDTree: Sendable {
    /// x, y, z of each point, in tree order.
    let coordinates: [Double]
    /// The original index of the point at each tree position.
    let order: [Int32]
    /// The split coordinate of the internal node whose right child starts at each position.
    let splitValues: [Double]
    /// The split dimension (0 = x, 1 = y, 2 = z) of the internal node whose right child starts at each position.
    let splitDimensions: [UInt8]

    /// Builds the index.
    ///
    /// - Parameter points: The points to index; duplicates are allowed. At most `Int32.max` points.
    /// - Complexity: O(*n* log *n*), the lower levels built on all cores.
    public init(points: [GeoPoint]) {
        self.init(vectors: points.map(UnitVector.init))
    }

    init(vectors: [UnitVector]) {
        let arrays = KDTreeBuilder.build(vectors)
        coordinates = arrays.coordinates
        order = arrays.order
        splitValues = arrays.splitValues
        splitDimensions = arrays.splitDimensions
    }

    /// The number of indexed points.
    public var count: Int { order.count }

    /// Whether the index holds no points.
    public var isEmpty: Bool { order.isEmpty }

    /// The indexed point nearest to `point`.
    ///
    /// - Parameter point: The query.
    /// - Returns: The index of the nearest point (the lowest index when several are equally near) and its
    ///   great-circle distance in kilometres; `nil` when the index is empty.
    /// - Complexity: O(log *n*) expected for points spread in space, O(*n*) in the worst case.
    public func nearest(to point: GeoPoint) -> (index: Int, kilometres: Double)? {
        guard !isEmpty else { return nil }
        let vector = UnitVector(point)
        let (index, squaredChord) = withView { $0.nearest(to: SIMD3(vector.x, vector.y, vector.z)) }
        return (index, GreatCircle.kilometres(fromChord: squaredChord.squareRoot()))
    }

    /// The nearest indexed point of each of many points, computed on all cores.
    ///
    /// Each answer is the one the single-point query gives for that point, whatever the number of cores.
    ///
    /// - Parameter points: The queries.
    /// - Returns: Per query, in query order, the index of its nearest point and the distance in kilometres.
    /// - Precondition: The index is not empty (check ``isEmpty``).
    /// - Complexity: O(*m* log *n*) expected for *m* queries, shared among the cores.
    public func nearest(to points: [GeoPoint]) -> NearestNeighbours {
        precondition(!isEmpty, "nearest(to:) needs at least one indexed point; check isEmpty first")
        let count = points.count
        var indices = [Int](repeating: 0, count: count)
        var kilometres = [Double](repeating: 0, count: count)
        indices.withUnsafeMutableBufferPointer { indices in
            kilometres.withUnsafeMutableBufferPointer { kilometres in
                // Safe: each chunk writes only the slots of its own queries, and both buffers are read after
                // every chunk has finished.
                nonisolated(unsafe) let indices = indices
                nonisolated(unsafe) let kilometres = kilometres
                ParallelChunks.forEach(count: count) { chunk in
                    points.withUnsafeBufferPointer { points in
                        withView { tree in
                            for query in chunk {
                                let vector = UnitVector(points[query])
                                let (index, squaredChord) = tree.nearest(to: SIMD3(vector.x, vector.y, vector.z))
                                indices[query] = index
                                kilometres[query] = GreatCircle.kilometres(fromChord: squaredChord.squareRoot())
                            }
                        }
                    }
                }
            }
        }
        return NearestNeighbours(indices: indices, kilometres: kilometres)
    }

    /// Every indexed point within a great-circle distance of `point`.
    ///
    /// A point exactly at the radius counts as within it.
    ///
    /// - Parameters:
    ///   - kilometres: The radius; 0 finds only points at the query's location, a negative radius none.
    ///   - point: The centre.
    /// - Returns: The indices of the points within the radius, in increasing order.
    /// - Complexity: O(log *n* + *k*) expected for *k* points found, plus O(*k* log *k*) to sort them.
    public func indices(within kilometres: Double, of point: GeoPoint) -> [Int] {
        guard !isEmpty, kilometres >= 0 else { return [] }
        var found: [Int32] = []
        appendIndices(
            withinSquaredChord: Self.squaredChord(forKilometres: kilometres), of: UnitVector(point), to: &found)
        found.sort()
        return found.map(Int.init)
    }

    /// Appends, in tree order, the original index of every point within a squared chord of `vector`.
    func appendIndices(withinSquaredChord limit: Double, of vector: UnitVector, to indices: inout [Int32]) {
        guard !isEmpty else { return }
        withView { $0.appendIndices(withinSquaredChord: limit, of: SIMD3(vector.x, vector.y, vector.z), to: &indices) }
    }

    /// The squared chord of a radius in kilometres, widened by a few units in the last place so that a point
    /// exactly at the radius is not lost to rounding.
    static func squaredChord(forKilometres kilometres: Double) -> Double {
        let chord = GreatCircle.chord(fromKilometres: kilometres)
        return (chord * chord).nextUp.nextUp
    }

    /// Calls `body` with raw access to the tree's arrays; the index must not be empty.
    func withView<Result>(_ body: (KDTreeView) -> Result) -> Result {
        coordinates.withUnsafeBufferPointer { coordinates in
            order.withUnsafeBufferPointer { order in
                splitValues.withUnsafeBufferPointer { splitValues in
                    splitDimensions.withUnsafeBufferPointer { splitDimensions in
                        body(
                            KDTreeView(
                                coordinates: coordinates.baseAddress!, order: order.baseAddress!,
                                splitValues: splitValues.baseAddress!, splitDimensions: splitDimensions.baseAddress!,
                                count: order.count))
                    }
                }
            }
        }
    }
}
