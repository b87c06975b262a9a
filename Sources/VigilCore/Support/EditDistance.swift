/// Edit distances between sequences, bounded so that a comparison stops as soon as the bound is
/// exceeded: the optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of
/// one substring: substitutions, insertions, deletions and transpositions of adjacent elements each
/// count one, how misspellings by hand and by keyboard are usually measured), and plain Levenshtein.
public enum EditDistance {
    /// The optimal-string-alignment distance between two sequences, or `nil` when it exceeds `bound`.
    @inlinable
    public static func between<Element: Equatable>(
        _ a: some Collection<Element>, _ b: some Collection<Element>, bound: Int, transpositions: Bool = true
    ) -> Int? {
        let a = Array(a)
        let b = Array(b)
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= bound ? max(a.count, b.count) : nil }
        let width = b.count + 1
        var twoBack = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if transpositions, i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, twoBack[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > bound { return nil }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }

    /// The Levenshtein distance (substitutions, insertions and deletions) between two sequences, or
    /// `nil` when it exceeds `bound`.
    @inlinable
    public static func levenshtein<Element: Equatable>(_ a: some Collection<Element>, _ b: some Collection<Element>, bound: Int) -> Int? {
        between(a, b, bound: bound, transpositions: false)
    }

    /// How many edits a misspelling of a word of this many letters and digits may have: none below
    /// 5, one from 5 to 8, two from 9.
    public static func allowance(forLength length: Int) -> Int {
        length >= 9 ? 2 : length >= 5 ? 1 : 0
    }
}
