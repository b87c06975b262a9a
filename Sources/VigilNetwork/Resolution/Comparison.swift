import VigilCore

/// How one field of two records is compared: a few levels from "the same" to "different", each of
/// which a Fellegi–Sunter model gives its own weight. A blank on either side is a null comparison,
/// which adds no evidence either way.
public struct Comparison: Hashable, Sendable, Codable {
    /// The rule that sorts a pair into a level.
    public enum Method: Hashable, Sendable, Codable {
        /// Equal, or not.
        case exact
        /// Equal; else Jaro–Winkler at or above each threshold (highest first); else different.
        case jaroWinkler([Double])
        /// Equal; else at most each number of edits (lowest first); else different.
        case levenshtein([Int])
        /// ISO dates: equal; else at most each number of days apart (lowest first); else different.
        case dateDifference([Int])
    }

    /// The field compared.
    public var column: String
    /// How.
    public var method: Method
    /// A column whose values are often entered in this one's place (a surname for a first name): when set,
    /// a pair whose values differ but where one record's value equals the other's in that column gets its
    /// own level, after "exact" (Splink's columns-reversed level).
    public var swappedWith: String?

    /// Creates a comparison.
    /// - Throws: ``NetworkError`` `invalidParameter` for thresholds out of order or out of range.
    public init(column: String, method: Method, swappedWith: String? = nil) throws(NetworkError) {
        switch method {
        case .exact: break
        case .jaroWinkler(let thresholds):
            guard !thresholds.isEmpty, thresholds.allSatisfy({ $0 > 0 && $0 < 1 }), thresholds == thresholds.sorted(by: >) else {
                throw NetworkError(
                    code: .invalidParameter,
                    message: "the Jaro-Winkler thresholds of '\(column)' must be between 0 and 1, highest first, such as [0.95, 0.88]")
            }
        case .levenshtein(let limits), .dateDifference(let limits):
            guard !limits.isEmpty, limits.allSatisfy({ $0 > 0 }), limits == limits.sorted(), Set(limits).count == limits.count else {
                throw NetworkError(code: .invalidParameter, message: "the limits of '\(column)' must be positive and increasing, such as [1, 2]")
            }
        }
        if swappedWith == column {
            throw NetworkError(code: .invalidParameter, message: "the comparison of '\(column)' cannot be swapped with itself; name another column")
        }
        self.column = column
        self.method = method
        self.swappedWith = swappedWith
    }

    private enum CodingKeys: String, CodingKey { case column, method, swappedWith }

    /// Reads a comparison, with the same checks as ``init(column:method:swappedWith:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            column: container.decode(String.self, forKey: .column), method: container.decode(Method.self, forKey: .method),
            swappedWith: container.decodeIfPresent(String.self, forKey: .swappedWith))
    }

    /// The number of levels (the last is "different").
    public var levelCount: Int { levelLabels.count }

    /// What each level means, best first.
    public var levelLabels: [String] {
        let swapped = swappedWith.map { ["swapped with \($0)"] } ?? []
        switch method {
        case .exact: return ["exact"] + swapped + ["different"]
        case .jaroWinkler(let list): return ["exact"] + swapped + list.map { "jaro-winkler ≥ \($0)" } + ["different"]
        case .levenshtein(let list): return ["exact"] + swapped + list.map { "≤ \($0) edit\($0 == 1 ? "" : "s")" } + ["different"]
        case .dateDifference(let list): return ["exact"] + swapped + list.map { "≤ \($0) day\($0 == 1 ? "" : "s") apart" } + ["different"]
        }
    }

    /// The level of a pair of (normalised) values, 0 best; `nil` when either is blank.
    /// - Parameter swapped: With ``swappedWith``, the two records' values of that column.
    public func level(_ a: String?, _ b: String?, swapped: (a: String?, b: String?)? = nil) -> Int? {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return nil }
        if a == b { return 0 }
        if swappedWith != nil, let swapped, a == swapped.b || b == swapped.a { return 1 }
        return methodLevel(a, b).map { $0 == 0 || swappedWith == nil ? $0 : $0 + 1 }
    }

    /// The level by ``method`` alone, for values that differ.
    private func methodLevel(_ a: String, _ b: String) -> Int? {
        switch method {
        case .exact:
            return 1
        case .jaroWinkler(let thresholds):
            let similarity = StringSimilarity.jaroWinkler(a, b)
            return (thresholds.firstIndex { similarity >= $0 }).map { $0 + 1 } ?? thresholds.count + 1
        case .levenshtein(let limits):
            let distance = EditDistance.levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars), bound: limits.last!)
            return distance.flatMap { distance in limits.firstIndex { distance <= $0 } }.map { $0 + 1 } ?? limits.count + 1
        case .dateDifference(let limits):
            guard let left = CalendarDate(iso: a), let right = CalendarDate(iso: b) else { return limits.count + 1 }
            let days = abs(left.dayNumber - right.dayNumber)
            return (limits.firstIndex { days <= $0 }).map { $0 + 1 } ?? limits.count + 1
        }
    }
}
