import Foundation
import VigilCore

/// The Fellegi–Sunter model of record linkage: for each comparison and level, the probability `m`
/// that a matching pair shows that level and the probability `u` that a non-matching pair does,
/// and the prior probability `λ` that a compared pair matches. A pair's match weight is
/// `log₂(λ / (1 − λ)) + Σ log₂(m / u)` over its non-null comparisons, and its match probability
/// `2^w / (1 + 2^w)`, as Splink computes them.
///
/// `u` is estimated from random pairs of records (almost all non-matches), as Splink does, and `m`
/// and `λ` by expectation–maximisation on the compared pairs with `u` held fixed; a comparison that
/// is null in every vector given to EM (a column its blocking rule made equal) keeps its values.
public struct FellegiSunterModel: Hashable, Sendable, Codable {
    /// The comparisons, in order.
    public var comparisons: [Comparison]
    /// The prior probability that a compared pair matches.
    public var lambda: Double
    /// `m[c][l]`: the probability that a match shows level `l` of comparison `c`.
    public var m: [[Double]]
    /// `u[c][l]`: the probability that a non-match shows level `l` of comparison `c`.
    public var u: [[Double]]

    /// The smallest probability a level keeps, so that no level makes a weight infinite.
    static let floor = 1e-6

    /// A model with starting values: `m` 0.8 at the best level and the rest spread evenly, `u` 0.8
    /// at the worst level and the rest spread evenly (no level starts near 0, where EM would crawl),
    /// and `λ` given.
    public init(comparisons: [Comparison], lambda: Double = 1e-4) {
        self.comparisons = comparisons
        self.lambda = lambda
        m = comparisons.map { comparison in Self.starting(levels: comparison.levelCount, favoured: 0) }
        u = comparisons.map { comparison in Self.starting(levels: comparison.levelCount, favoured: comparison.levelCount - 1) }
    }

    private static func starting(levels: Int, favoured: Int) -> [Double] {
        (0..<levels).map { $0 == favoured ? 0.8 : 0.2 / Double(levels - 1) }
    }

    /// The match weight of a comparison vector (levels, `nil` for null).
    public func weight(_ levels: [Int?]) -> Double {
        var total = log2(lambda / (1 - lambda))
        for (comparison, level) in levels.enumerated() {
            if let level { total += log2(m[comparison][level] / u[comparison][level]) }
        }
        return total
    }

    /// The match probability of a comparison vector, with `adjustment` (log₂ units) added to its
    /// weight — a term-frequency adjustment.
    public func probability(_ levels: [Int?], adjustment: Double = 0) -> Double {
        1 / (1 + exp2(-(weight(levels) + adjustment)))
    }

    /// The term-frequency adjustment of an exact agreement on comparison `comparison` on a value
    /// that a share `frequency` of the records hold: `log₂(u_exact / frequency)`, so that agreeing
    /// on a rare name counts for more than agreeing on a common one (Splink's adjustment).
    public func termFrequencyAdjustment(comparison: Int, frequency: Double) -> Double {
        guard frequency > 0 else { return 0 }
        return log2(u[comparison][0] / frequency)
    }

    /// Each comparison's contribution to a pair's weight: its level and the Bayes factor's log₂.
    public func explanation(_ levels: [Int?]) -> [(column: String, level: String, log2BayesFactor: Double)] {
        comparisons.indices.map { index in
            guard let level = levels[index] else { return (comparisons[index].column, "null", 0) }
            return (comparisons[index].column, comparisons[index].levelLabels[level], log2(m[index][level] / u[index][level]))
        }
    }

    /// Sets `u` to the level frequencies among random pairs of records.
    /// - Parameter levelsOf: The comparison vector of two records, by position.
    public mutating func estimateU(
        records count: Int, pairs sampleSize: Int, levelsOf: (Int, Int) -> [Int?], using generator: inout some RandomNumberGenerator
    ) {
        guard count > 1 else { return }
        var tallies = comparisons.map { [Double](repeating: 0, count: $0.levelCount) }
        for _ in 0..<sampleSize {
            let first = Int.random(in: 0..<count, using: &generator)
            var second = Int.random(in: 0..<(count - 1), using: &generator)
            if second >= first { second += 1 }
            for (comparison, level) in levelsOf(first, second).enumerated() {
                if let level { tallies[comparison][level] += 1 }
            }
        }
        for comparison in comparisons.indices where tallies[comparison].reduce(0, +) > 0 {
            u[comparison] = Self.normalised(tallies[comparison].map { $0 + Self.floor })
        }
    }

    /// Estimates `m` and `λ` (and `u` too when `updatingU`) by expectation–maximisation over the
    /// compared pairs' comparison vectors, until no parameter moves by more than `tolerance` of
    /// itself (relative change, so that a small probability growing away from 0 is not taken for
    /// convergence).
    /// - Returns: The iterations run.
    @discardableResult
    public mutating func expectationMaximisation(
        _ vectors: [[Int?]], updatingU: Bool = false, maximumIterations: Int = 1000, tolerance: Double = 1e-5
    ) -> Int {
        var patterns: [[Int?]: Double] = [:]
        for vector in vectors { patterns[vector, default: 0] += 1 }
        let distinct = Array(patterns)
        let total = Double(vectors.count)
        guard total > 0 else { return 0 }
        for iteration in 1...maximumIterations {
            var matchTallies = comparisons.map { [Double](repeating: 0, count: $0.levelCount) }
            var nonMatchTallies = matchTallies
            var expectedMatches = 0.0
            for (vector, count) in distinct {
                let probability = probability(vector)
                expectedMatches += count * probability
                for (comparison, level) in vector.enumerated() {
                    guard let level else { continue }
                    matchTallies[comparison][level] += count * probability
                    nonMatchTallies[comparison][level] += count * (1 - probability)
                }
            }
            func relative(_ new: Double, _ old: Double) -> Double { abs(new - old) / (abs(old) + 1e-4) }
            var change = relative(expectedMatches / total, lambda)
            lambda = min(max(expectedMatches / total, Self.floor), 1 - Self.floor)
            // A comparison that is null in every vector (a column set aside in this training) keeps its values.
            for comparison in comparisons.indices where matchTallies[comparison].reduce(0, +) + nonMatchTallies[comparison].reduce(0, +) > 0 {
                let newM = Self.normalised(matchTallies[comparison].map { $0 + Self.floor })
                change = max(change, zip(newM, m[comparison]).map(relative).max() ?? 0)
                m[comparison] = newM
                if updatingU {
                    let newU = Self.normalised(nonMatchTallies[comparison].map { $0 + Self.floor })
                    change = max(change, zip(newU, u[comparison]).map(relative).max() ?? 0)
                    u[comparison] = newU
                }
            }
            if change < tolerance { return iteration }
        }
        return maximumIterations
    }

    private static func normalised(_ values: [Double]) -> [Double] {
        let sum = values.reduce(0, +)
        return values.map { $0 / sum }
    }
}
