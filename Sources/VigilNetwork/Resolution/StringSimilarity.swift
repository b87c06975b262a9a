/// String similarities used to compare record fields, with the definitions Splink (DuckDB) and
/// RapidFuzz use.
public enum StringSimilarity {
    /// The Jaro similarity, from 0 to 1: characters match when equal and no further apart than
    /// half the longer length less one; the score averages the share of matched characters in each
    /// string and the share of matches in the same order. Two empty strings are identical (1).
    public static func jaro(_ a: String, _ b: String) -> Double {
        jaro(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// The Jaro–Winkler similarity: Jaro raised for a common prefix of up to 4 characters by
    /// `prefixWeight` (0.1) per character, when the Jaro similarity is above 0.7.
    public static func jaroWinkler(_ a: String, _ b: String, prefixWeight: Double = 0.1) -> Double {
        let (left, right) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
        let similarity = jaro(left, right)
        guard similarity > 0.7 else { return similarity }
        var prefix = 0
        while prefix < min(4, left.count, right.count), left[prefix] == right[prefix] { prefix += 1 }
        return similarity + Double(prefix) * prefixWeight * (1 - similarity)
    }

    private static func jaro(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedInB = [Bool](repeating: false, count: b.count)
        var matchedA: [Unicode.Scalar] = []
        for (i, character) in a.enumerated() {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !matchedInB[j] && b[j] == character {
                matchedInB[j] = true
                matchedA.append(character)
                break
            }
        }
        guard !matchedA.isEmpty else { return 0 }
        let matchedB = b.indices.filter { matchedInB[$0] }.map { b[$0] }
        let halfTranspositions = zip(matchedA, matchedB).filter { $0 != $1 }.count
        let matches = Double(matchedA.count)
        let transpositions = Double(halfTranspositions / 2)
        return (matches / Double(a.count) + matches / Double(b.count) + (matches - transpositions) / matches) / 3
    }
}
