import VigilCore

/// Which demand points each candidate site would cover: the input of a ``MaximalCovering`` solver.
///
/// Build it from points with ``MaximalCovering/coverage(candidates:demand:weights:)`` (a candidate covers every
/// demand point within the radius), or directly from lists with ``init(sets:demandCount:weights:)``. The lists are
/// stored in compressed sparse row form, each sorted by demand index.
public struct CoverageSets: Sendable {
    /// Where each candidate's list starts in ``members``; one more entry than there are candidates.
    let offsets: [Int]
    /// The demand indices covered by each candidate, candidate after candidate.
    let members: [Int32]
    /// The weight of each demand point.
    public let weights: [Double]
    /// The sum of all demand weights, added in demand order.
    public let totalWeight: Double

    /// Creates coverage from explicit lists.
    ///
    /// - Parameters:
    ///   - sets: For each candidate, the indices of the demand points it covers, in any order; repeats are merged.
    ///   - demandCount: The number of demand points, at least 1.
    ///   - weights: The weight of each demand point, finite and 0 or more; `nil` gives every point weight 1.
    /// - Throws: ``ReachError`` `noDemand` when `demandCount` is below 1, `invalidWeight` for bad weights,
    ///   `invalidParameter` for a list naming a demand point outside `0..<demandCount`.
    public init(sets: [[Int]], demandCount: Int, weights: [Double]? = nil) throws(ReachError) {
        let weights = try Self.checkedWeights(weights, demandCount: demandCount)
        var offsets = [0]
        var members: [Int32] = []
        for (candidate, set) in sets.enumerated() {
            for demand in set where !(0..<demandCount).contains(demand) {
                throw .parameter(
                    "candidate \(candidate) covers demand point \(demand), but there are only \(demandCount) "
                        + "demand points (0…\(demandCount - 1)); fix the coverage lists or the demand count")
            }
            var sorted = set.sorted()
            sorted.removeSubsequentDuplicates()
            members += sorted.map { Int32($0) }
            offsets.append(members.count)
        }
        self.init(offsets: offsets, members: members, weights: weights)
    }

    /// Creates coverage from points: candidate *j* covers demand point *i* when their great-circle distance is at
    /// most `radiusKilometres`. The demand points are indexed in a ``SphericalKDTree``, and the candidates query
    /// it in parallel.
    init(candidates: [GeoPoint], demand: [GeoPoint], weights: [Double]?, radiusKilometres: Double) throws(ReachError) {
        let weights = try Self.checkedWeights(weights, demandCount: demand.count)
        let tree = SphericalKDTree(points: demand)
        let limit = SphericalKDTree.squaredChord(forKilometres: radiusKilometres)
        let chunks = ParallelChunks.map(count: candidates.count, minimumChunkSize: 16) { chunk in
            var members: [Int32] = []
            var counts: [Int] = []
            var found: [Int32] = []
            counts.reserveCapacity(chunk.count)
            for candidate in chunk {
                found.removeAll(keepingCapacity: true)
                tree.appendIndices(withinSquaredChord: limit, of: UnitVector(candidates[candidate]), to: &found)
                found.sort()
                members += found
                counts.append(found.count)
            }
            return (members, counts)
        }
        var offsets = [0]
        offsets.reserveCapacity(candidates.count + 1)
        var members: [Int32] = []
        members.reserveCapacity(chunks.reduce(0) { $0 + $1.0.count })
        for (chunkMembers, counts) in chunks {
            members += chunkMembers
            for count in counts { offsets.append(offsets[offsets.count - 1] + count) }
        }
        self.init(offsets: offsets, members: members, weights: weights)
    }

    private init(offsets: [Int], members: [Int32], weights: [Double]) {
        self.offsets = offsets
        self.members = members
        self.weights = weights
        var total = 0.0
        for weight in weights { total += weight }
        totalWeight = total
    }

    /// The number of candidate sites.
    public var candidateCount: Int { offsets.count - 1 }

    /// The number of demand points.
    public var demandCount: Int { weights.count }

    /// The indices of the demand points a candidate covers, in increasing order.
    /// - Precondition: `candidate` is in `0..<candidateCount`.
    public func covered(by candidate: Int) -> [Int] {
        members[offsets[candidate]..<offsets[candidate + 1]].map(Int.init)
    }

    /// The total weight a candidate covers on its own, added in demand order.
    func setWeight(_ candidate: Int) -> Double {
        var total = 0.0
        for index in offsets[candidate]..<offsets[candidate + 1] { total += weights[Int(members[index])] }
        return total
    }

    /// Checks demand weights, giving every point weight 1 when there are none.
    private static func checkedWeights(_ weights: [Double]?, demandCount: Int) throws(ReachError) -> [Double] {
        guard demandCount >= 1 else {
            throw ReachError(
                code: .noDemand,
                message: "there are no demand points to cover; give at least one event (check the date range and "
                    + "region filters)")
        }
        guard let weights else { return [Double](repeating: 1, count: demandCount) }
        guard weights.count == demandCount else {
            throw ReachError(
                code: .invalidWeight,
                message: "there are \(weights.count) weights for \(demandCount) demand points; give one weight per "
                    + "point, or none for weight 1")
        }
        if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw ReachError(
                code: .invalidWeight,
                message: "the weight of demand point \(bad) is \(weights[bad]); weights must be finite and 0 or more")
        }
        return weights
    }
}

extension Array where Element == Int {
    /// Removes elements equal to their predecessor (every repeat, when the array is sorted).
    fileprivate mutating func removeSubsequentDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
