/// Which pairs of records are compared at all: those equal on every column of at least one rule.
/// Several rules catch matches that one would miss (a typo in the surname, a missing birth date),
/// and a pair found by several rules is compared once.
public struct BlockingRule: Hashable, Sendable, Codable {
    /// The columns that must be equal (and not blank).
    public var columns: [String]

    /// Creates a rule.
    public init(columns: [String]) {
        self.columns = columns
    }

    /// The pairs of record positions (first < second) that any rule selects, each once, in order.
    /// - Parameters:
    ///   - values: For each column, each record's normalised value.
    ///   - sources: Each record's source file, when records of one source are not to be paired (linkage).
    public static func candidatePairs(
        _ rules: [BlockingRule], values: [String: [String?]], count: Int, sources: [Int]? = nil
    ) -> [(Int, Int)] {
        var pairs: Set<UInt64> = []
        for rule in rules {
            let columns = rule.columns.compactMap { values[$0] }
            guard columns.count == rule.columns.count, !columns.isEmpty else { continue }
            var groups: [[String]: [Int]] = [:]
            for record in 0..<count {
                let key = columns.compactMap { $0[record] }.filter { !$0.isEmpty }
                guard key.count == columns.count else { continue }
                groups[key, default: []].append(record)
            }
            for members in groups.values where members.count > 1 {
                for (offset, first) in members.enumerated() {
                    for second in members[(offset + 1)...] where sources.map({ $0[first] != $0[second] }) ?? true {
                        pairs.insert(UInt64(first) << 32 | UInt64(second))
                    }
                }
            }
        }
        return pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }
}
