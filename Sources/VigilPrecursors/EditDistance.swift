/// The optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of one
/// substring): substitutions, insertions, deletions and transpositions of adjacent characters each
/// count one, which is how misspellings by hand and by keyboard are usually measured.
enum EditDistance {
    /// The distance between two byte strings, or `nil` when it exceeds `bound`.
    static func between(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>, bound: Int) -> Int? {
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
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, twoBack[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > bound { return nil }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }

    /// How many edits a misspelling of a word of this many letters and digits may have: none below
    /// 5, one from 5 to 8, two from 9.
    static func allowance(forLength length: Int) -> Int {
        length >= 9 ? 2 : length >= 5 ? 1 : 0
    }
}
