/// Read access to a built k-d tree for the searches, through raw pointers so that the hot loops do no bounds
/// checks or reference counting. Valid only inside ``SphericalKDTree/withView(_:)``.
struct KDTreeView {
    let coordinates: UnsafePointer<Double>
    let order: UnsafePointer<Int32>
    let splitValues: UnsafePointer<Double>
    let splitDimensions: UnsafePointer<UInt8>
    /// The number of points; at least 1.
    let count: Int

    /// The point nearest to `query`: its original index and squared chord. Ties go to the lowest index.
    func nearest(to query: SIMD3<Double>) -> (index: Int, squaredChord: Double) {
        var search = NearestSearch(tree: self, query: query)
        search.visit(0, count, 0, .zero)
        return (Int(search.bestIndex), search.best)
    }

    /// Appends the original index of every point whose squared chord to `query` is at most `limit`, in tree order.
    func appendIndices(withinSquaredChord limit: Double, of query: SIMD3<Double>, to indices: inout [Int32]) {
        var search = RadiusSearch(tree: self, query: query, limit: limit)
        swap(&search.found, &indices)
        search.visit(0, count, 0, .zero)
        swap(&search.found, &indices)
    }

    /// The squared chord between a query and the point at a tree position.
    @inline(__always) func squaredChord(_ query: SIMD3<Double>, _ position: Int) -> Double {
        let dx = query.x - coordinates[3 &* position]
        let dy = query.y - coordinates[3 &* position &+ 1]
        let dz = query.z - coordinates[3 &* position &+ 2]
        return dx * dx + dy * dy + dz * dz
    }

    /// The two halves of the inner node over positions `lo..<hi` for a query: the half on the query's side of
    /// the split, and the other with the squared distance from the query to its cell and that cell's offsets
    /// (the incremental cell bound of Arya and Mount, each dimension's offset replaced as the split crosses it).
    @inline(__always) func split(_ lo: Int, _ hi: Int, query: SIMD3<Double>, cellDistance: Double, offsets: SIMD3<Double>)
        -> (near: (lo: Int, hi: Int), far: (lo: Int, hi: Int), farDistance: Double, farOffsets: SIMD3<Double>)
    {
        let mid = (lo &+ hi) >> 1
        let dimension = Int(splitDimensions[mid])
        let difference = query[dimension] - splitValues[mid]
        let farDistance = cellDistance - offsets[dimension] * offsets[dimension] + difference * difference
        var farOffsets = offsets
        farOffsets[dimension] = difference
        if difference < 0 { return (near: (lo: lo, hi: mid), far: (lo: mid, hi: hi), farDistance: farDistance, farOffsets: farOffsets) }
        return (near: (lo: mid, hi: hi), far: (lo: lo, hi: mid), farDistance: farDistance, farOffsets: farOffsets)
    }
}

/// One nearest-neighbour descent.
///
/// Each call carries the squared distance from the query to the node's cell and the per-dimension offsets that
/// make it up (Arya and Mount, "Algorithms for fast vector quantization", DCC 1993): entering the far child
/// replaces one offset, so the bound tightens with depth and whole subtrees are skipped once it reaches the best
/// distance found so far.
private struct NearestSearch {
    let tree: KDTreeView
    let query: SIMD3<Double>
    var best = Double.infinity
    var bestIndex = Int32.max

    init(tree: KDTreeView, query: SIMD3<Double>) {
        self.tree = tree
        self.query = query
    }

    mutating func visit(_ lo: Int, _ hi: Int, _ cellDistance: Double, _ offsets: SIMD3<Double>) {
        if hi &- lo <= KDTreeBuilder.leafSize {
            for position in lo..<hi {
                let distance = tree.squaredChord(query, position)
                if distance < best || (distance == best && tree.order[position] < bestIndex) {
                    best = distance
                    bestIndex = tree.order[position]
                }
            }
            return
        }
        let split = tree.split(lo, hi, query: query, cellDistance: cellDistance, offsets: offsets)
        visit(split.near.lo, split.near.hi, cellDistance, offsets)
        if split.farDistance <= best { visit(split.far.lo, split.far.hi, split.farDistance, split.farOffsets) }
    }
}

/// One fixed-radius descent: the same cell bounds as ``NearestSearch``, with a fixed limit.
private struct RadiusSearch {
    let tree: KDTreeView
    let query: SIMD3<Double>
    let limit: Double
    var found: [Int32] = []

    init(tree: KDTreeView, query: SIMD3<Double>, limit: Double) {
        self.tree = tree
        self.query = query
        self.limit = limit
    }

    mutating func visit(_ lo: Int, _ hi: Int, _ cellDistance: Double, _ offsets: SIMD3<Double>) {
        if hi &- lo <= KDTreeBuilder.leafSize {
            for position in lo..<hi where tree.squaredChord(query, position) <= limit {
                found.append(tree.order[position])
            }
            return
        }
        let split = tree.split(lo, hi, query: query, cellDistance: cellDistance, offsets: offsets)
        visit(split.near.lo, split.near.hi, cellDistance, offsets)
        if split.farDistance <= limit { visit(split.far.lo, split.far.hi, split.farDistance, split.farOffsets) }
    }
}
