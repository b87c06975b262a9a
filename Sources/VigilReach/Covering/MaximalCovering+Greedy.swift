extension MaximalCovering {
    /// Chooses sites greedily: each round adds the candidate that newly covers the most weight, the lowest index
    /// among equals, until the budget is spent or no candidate adds weight.
    ///
    /// Marginal gains are evaluated lazily (Minoux, "Accelerated greedy algorithms for maximizing submodular set
    /// functions", 1978; the "CELF" of Leskovec et al., KDD 2007): a candidate's gain can only shrink as sites
    /// are added, so gains wait in a max-heap and are recomputed only when they reach the top. The choices are
    /// exactly those of plain greedy with the same tie-breaking.
    ///
    /// The result's ``CoveringSolution/upperBoundWeight`` is the smallest, over the rounds, of the covered weight
    /// plus the `budget` largest marginal gains (their heap keys, which can only overstate them): by
    /// submodularity, no choice of `budget` sites covers more (Nemhauser, Wolsey and Fisher 1978, §4). When it
    /// equals the covered weight, greedy is optimal.
    ///
    /// - Parameter coverage: The instance.
    /// - Returns: The sites in the order chosen.
    /// - Throws: ``ReachError`` `budgetExceedsCandidates` when the budget exceeds the number of candidates.
    /// - Complexity: O(*S*) to set up for coverage lists of total length *S*, then per recomputed gain O(list
    ///   length) and O(log *n*) heap work, plus O(*k* log *k*) per round for the bound.
    public func greedy(_ coverage: CoverageSets) throws(ReachError) -> CoveringSolution {
        try checkBudget(coverage)
        let (chosen, upperBound, isOptimal) = greedyChoice(coverage, among: nil)
        return solution(chosen, coverage, method: .greedy, upperBound: upperBound, isProvenOptimal: isOptimal)
    }

    /// The greedy choice among all candidates, or among `allowed` only; its bound; and whether the bound proves
    /// it optimal.
    func greedyChoice(_ coverage: CoverageSets, among allowed: [Int]?) -> (
        chosen: [Int], upperBound: Double, isOptimal: Bool
    ) {
        let budget = parameters.budget
        let pool = allowed ?? Array(0..<coverage.candidateCount)
        let gains = ParallelChunks.map(count: pool.count, minimumChunkSize: 256) { chunk in
            chunk.map { coverage.setWeight(pool[$0]) }
        }.flatMap { $0 }
        var heap = GainHeap(zip(pool, gains).map { GainHeap.Entry(gain: $1, candidate: Int32($0), round: 0) })
        var isCovered = [Bool](repeating: false, count: coverage.demandCount)
        var covered = 0.0
        var upperBound = heap.sumOfLargestGains(budget)
        var chosen: [Int] = []
        var round: Int32 = 0
        coverage.offsets.withUnsafeBufferPointer { offsets in
            coverage.members.withUnsafeBufferPointer { members in
                coverage.weights.withUnsafeBufferPointer { weights in
                    isCovered.withUnsafeMutableBufferPointer { isCovered in
                        while chosen.count < budget, let top = heap.top {
                            let candidate = Int(top.candidate)
                            let range = offsets[candidate]..<offsets[candidate + 1]
                            guard top.round == round else {
                                var gain = 0.0
                                for index in range where !isCovered[Int(members[index])] {
                                    gain += weights[Int(members[index])]
                                }
                                heap.replaceTop(
                                    with: GainHeap.Entry(gain: gain, candidate: top.candidate, round: round))
                                continue
                            }
                            // A fresh gain at the top is the largest of all gains.
                            guard top.gain > 0 else {
                                upperBound = covered
                                break
                            }
                            _ = heap.popTop()
                            for index in range { isCovered[Int(members[index])] = true }
                            chosen.append(candidate)
                            covered += top.gain
                            round += 1
                            upperBound = min(upperBound, covered + heap.sumOfLargestGains(budget))
                        }
                    }
                }
            }
        }
        return (chosen, max(upperBound, covered), upperBound <= covered)
    }
}
