extension MaximalCovering {
    /// Finds an optimal choice of sites by branch and bound, for small instances.
    ///
    /// Candidates that cover no weight are set aside. The search starts from the greedy solution and branches on
    /// the undecided candidate with the largest marginal gain (lowest index among equals): first with it, then
    /// without it. A branch is cut when the covered weight plus the largest marginal gains that the remaining
    /// budget could add does not beat the best solution found, which by submodularity bounds everything the branch
    /// can reach. Candidates whose gain has fallen to zero are dropped from the branch.
    ///
    /// The optimal sites are reported in greedy order: most newly covered weight first, ties to the lowest index.
    /// A site that adds nothing once the others are chosen is left out, so fewer sites than the budget may be
    /// reported.
    ///
    /// - Parameter coverage: The instance.
    /// - Returns: An optimal solution, with ``CoveringSolution/isProvenOptimal`` set.
    /// - Throws: ``ReachError`` `budgetExceedsCandidates` when the budget exceeds the number of candidates;
    ///   `instanceTooLarge` when the number of ways to choose `budget` of the candidates that cover weight exceeds
    ///   ``Parameters/exactSubsetLimit``.
    /// - Complexity: Exponential in the worst case; each node costs O(total length of the undecided lists).
    public func exact(_ coverage: CoverageSets) throws(ReachError) -> CoveringSolution {
        try checkBudget(coverage)
        let useful = (0..<coverage.candidateCount).filter { coverage.setWeight($0) > 0 }
        let budget = min(parameters.budget, useful.count)
        guard Self.binomial(useful.count, budget, limit: parameters.exactSubsetLimit) != nil else {
            throw ReachError(
                code: .instanceTooLarge,
                message: "choosing \(budget) of the \(useful.count) candidates that cover any demand can be done in "
                    + "more than \(parameters.exactSubsetLimit) ways, too many for the exact solver; use the greedy "
                    + "solver, or raise exactSubsetLimit if you can wait")
        }
        let start = greedyChoice(coverage, among: nil)
        var search = BranchAndBound(coverage: coverage, budget: budget, available: useful, incumbent: start.chosen)
        search.run()
        let ordered = greedyChoice(coverage, among: search.best.sorted()).chosen
        var solution = solution(ordered, coverage, method: .exact, upperBound: 0, isProvenOptimal: true)
        solution.upperBoundWeight = solution.coveredWeight
        return solution
    }

    /// The binomial coefficient C(n, k), or `nil` when it exceeds `limit`.
    static func binomial(_ n: Int, _ k: Int, limit: Int) -> Int? {
        let k = min(k, n - k)
        guard k > 0 else { return 1 }
        var value = 1
        for step in 0..<k {
            // value × (n − step) is divisible by (step + 1), since the running value is C(n, step) × …
            let (product, overflow) = value.multipliedReportingOverflow(by: n - step)
            guard !overflow else { return nil }
            value = product / (step + 1)
            guard value <= limit else { return nil }
        }
        return value
    }
}

/// The depth-first branch-and-bound search of ``MaximalCovering/exact(_:)``.
private struct BranchAndBound {
    let coverage: CoverageSets
    let budget: Int
    /// Undecided candidates, in increasing index order.
    var available: [Int]
    /// How many chosen sites cover each demand point.
    var coverCount: [Int32]
    var chosen: [Int] = []
    var covered = 0.0
    var best: [Int]
    var bestWeight: Double

    init(coverage: CoverageSets, budget: Int, available: [Int], incumbent: [Int]) {
        self.coverage = coverage
        self.budget = budget
        self.available = available
        coverCount = [Int32](repeating: 0, count: coverage.demandCount)
        best = incumbent
        var isCovered = [Bool](repeating: false, count: coverage.demandCount)
        var weight = 0.0
        for candidate in incumbent {
            for demand in coverage.members[coverage.offsets[candidate]..<coverage.offsets[candidate + 1]]
            where !isCovered[Int(demand)] {
                isCovered[Int(demand)] = true
                weight += coverage.weights[Int(demand)]
            }
        }
        bestWeight = weight
    }

    mutating func run() { search() }

    /// The weight a candidate would add to the chosen sites.
    private func gain(_ candidate: Int) -> Double {
        var total = 0.0
        for index in coverage.offsets[candidate]..<coverage.offsets[candidate + 1] {
            let demand = Int(coverage.members[index])
            if coverCount[demand] == 0 { total += coverage.weights[demand] }
        }
        return total
    }

    private mutating func add(_ candidate: Int, _ delta: Int32) {
        for index in coverage.offsets[candidate]..<coverage.offsets[candidate + 1] {
            coverCount[Int(coverage.members[index])] += delta
        }
    }

    private mutating func search() {
        if covered > bestWeight {
            bestWeight = covered
            best = chosen
        }
        let slots = budget - chosen.count
        guard slots > 0, !available.isEmpty else { return }
        let gains = available.map(gain)
        let bound = covered + gains.sorted(by: >).prefix(slots).reduce(0, +)
        guard bound > bestWeight else { return }
        // Branch on the largest gain; `available` is in index order, so the first maximum has the lowest index.
        var pick = 0
        for position in gains.indices where gains[position] > gains[pick] { pick = position }
        guard gains[pick] > 0 else { return }
        let candidate = available[pick]
        let saved = available
        available = gains.indices.compactMap { $0 != pick && gains[$0] > 0 ? saved[$0] : nil }

        add(candidate, 1)
        chosen.append(candidate)
        covered += gains[pick]
        search()
        covered -= gains[pick]
        chosen.removeLast()
        add(candidate, -1)

        search()
        available = saved
    }
}
