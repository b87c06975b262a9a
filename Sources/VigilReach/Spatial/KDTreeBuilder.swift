/// Builds the implicit, balanced k-d tree that ``SphericalKDTree`` stores.
///
/// The tree has no node objects. A node is a range `lo..<hi` of tree positions; if it holds more than
/// ``leafSize`` points it splits at `mid = (lo + hi) / 2` along the dimension in which its points spread most,
/// after a selection puts the point of rank `mid` (in that dimension) at `mid`, every smaller coordinate before it
/// and every larger one after it. The two children are `lo..<mid` and `mid..<hi`. Since each internal node has its
/// own `mid`, the split dimension and value are stored in arrays indexed by `mid`.
///
/// Below the top levels the subtrees are built in parallel; they touch disjoint ranges of every array, so the
/// tree is identical to a sequential build.
enum KDTreeBuilder {
    /// The most points a leaf holds; leaves are scanned point by point.
    static let leafSize = 8
    /// Subtrees smaller than this are not worth building on another thread.
    static let parallelMinimumCount = 32_768

    /// The tree's arrays: coordinates (x, y, z per point) and original indices in tree order, and per split
    /// position its value and dimension.
    struct Arrays {
        var coordinates: [Double]
        var order: [Int32]
        var splitValues: [Double]
        var splitDimensions: [UInt8]
    }

    /// Builds the tree over `vectors`.
    /// - Complexity: O(*n* log *n*): a bounding box and a linear-time selection per level.
    static func build(_ vectors: [UnitVector]) -> Arrays {
        let count = vectors.count
        precondition(count <= Int(Int32.max), "a k-d tree holds at most \(Int32.max) points")
        var coordinates = [Double](repeating: 0, count: 3 * count)
        for (index, vector) in vectors.enumerated() {
            coordinates[3 * index] = vector.x
            coordinates[3 * index + 1] = vector.y
            coordinates[3 * index + 2] = vector.z
        }
        var order = Array(0..<Int32(count))
        var splitValues = [Double](repeating: 0, count: count)
        var splitDimensions = [UInt8](repeating: 0, count: count)
        coordinates.withUnsafeMutableBufferPointer { coordinates in
            order.withUnsafeMutableBufferPointer { order in
                splitValues.withUnsafeMutableBufferPointer { splitValues in
                    splitDimensions.withUnsafeMutableBufferPointer { splitDimensions in
                        let storage = Storage(
                            coordinates: coordinates.baseAddress, order: order.baseAddress,
                            splitValues: splitValues.baseAddress, splitDimensions: splitDimensions.baseAddress)
                        // Split the top levels here until there are enough subtrees to share out, then build those
                        // subtrees on all cores.
                        var pending = [0..<count]
                        var ready: [Range<Int>] = []
                        while let range = pending.popLast() {
                            if range.count < parallelMinimumCount || ready.count + pending.count >= 7 {
                                ready.append(range)
                            } else if let mid = storage.split(range.lowerBound, range.upperBound) {
                                pending += [range.lowerBound..<mid, mid..<range.upperBound]
                            }
                        }
                        let subtrees = ready
                        ParallelChunks.forEach(count: subtrees.count, minimumChunkSize: 1) { chunk in
                            for index in chunk {
                                storage.buildSubtree(subtrees[index].lowerBound, subtrees[index].upperBound)
                            }
                        }
                    }
                }
            }
        }
        return Arrays(
            coordinates: coordinates, order: order, splitValues: splitValues, splitDimensions: splitDimensions)
    }

    /// The arrays under construction.
    ///
    /// `@unchecked Sendable`: the parallel subtree builds each work on their own range of positions, and a
    /// split position lies inside its node's range, so no two threads ever touch the same element.
    struct Storage: @unchecked Sendable {
        let coordinates: UnsafeMutablePointer<Double>?
        let order: UnsafeMutablePointer<Int32>?
        let splitValues: UnsafeMutablePointer<Double>?
        let splitDimensions: UnsafeMutablePointer<UInt8>?

        /// Builds the subtree over `lo..<hi` depth first.
        func buildSubtree(_ lo: Int, _ hi: Int) {
            guard let mid = split(lo, hi) else { return }
            buildSubtree(lo, mid)
            buildSubtree(mid, hi)
        }

        /// Splits the node `lo..<hi` along its widest dimension and returns its split position, or `nil` for a leaf.
        func split(_ lo: Int, _ hi: Int) -> Int? {
            guard hi - lo > KDTreeBuilder.leafSize, let coordinates, let order, let splitValues, let splitDimensions
            else { return nil }
            var lower = SIMD3<Double>(repeating: .infinity)
            var upper = SIMD3<Double>(repeating: -.infinity)
            for position in lo..<hi {
                let point = SIMD3(
                    coordinates[3 &* position], coordinates[3 &* position &+ 1], coordinates[3 &* position &+ 2])
                lower = pointwiseMin(lower, point)
                upper = pointwiseMax(upper, point)
            }
            let extent = upper - lower
            let dimension = extent.x >= extent.y ? (extent.x >= extent.z ? 0 : 2) : (extent.y >= extent.z ? 1 : 2)
            let mid = (lo + hi) >> 1
            select(mid, in: lo, hi, dimension: dimension, coordinates, order)
            splitValues[mid] = coordinates[3 &* mid &+ dimension]
            splitDimensions[mid] = UInt8(dimension)
            return mid
        }

        /// Moves the point of rank `k` along `dimension` to position `k`, smaller coordinates before it and larger
        /// after it (Hoare's FIND with a median-of-three pivot; expected linear time).
        private func select(
            _ k: Int, in lo: Int, _ hi: Int, dimension: Int, _ coordinates: UnsafeMutablePointer<Double>,
            _ order: UnsafeMutablePointer<Int32>
        ) {
            @inline(__always) func value(_ position: Int) -> Double { coordinates[3 &* position &+ dimension] }
            @inline(__always) func swap(_ a: Int, _ b: Int) {
                for axis in 0..<3 { Swift.swap(&coordinates[3 &* a &+ axis], &coordinates[3 &* b &+ axis]) }
                Swift.swap(&order[a], &order[b])
            }
            var left = lo
            var right = hi - 1
            while right > left {
                let a = value(left)
                let b = value((left + right) >> 1)
                let c = value(right)
                let pivot = max(min(a, b), min(max(a, b), c))
                var i = left
                var j = right
                while i <= j {
                    while value(i) < pivot { i &+= 1 }
                    while value(j) > pivot { j &-= 1 }
                    if i <= j {
                        swap(i, j)
                        i &+= 1
                        j &-= 1
                    }
                }
                if k <= j {
                    right = j
                } else if k >= i {
                    left = i
                } else {
                    return
                }
            }
        }
    }
}
