import VigilCore

extension RecordResolver.Settings {
    /// Settings chosen from a table's column names and values, so that a first run needs none:
    /// names are compared by Jaro–Winkler, birth dates by days apart (or edits, when not ISO dates),
    /// phones, e-mails, identifiers and places exactly or within an edit; blocking on each of the
    /// strongest columns alone and on a first name with a place.
    /// - Returns: The settings and a line per decision, for people.
    public static func guess(columns: [String], values: [String: [String?]]) throws(NetworkError) -> (settings: Self, choices: [String]) {
        var normalisation: [String: RecordResolver.Normalisation] = [:]
        var comparisons: [Comparison] = []
        var choices: [String] = []
        var roles: [String: String] = [:]
        for column in columns {
            let key = column.lowercased().filter { $0.isLetter }
            let sample = (values[column] ?? []).lazy.compactMap { $0 }.prefix(200)
            let role: String
            let comparison: Comparison
            if key.contains("given") || key.contains("first") || key == "forename" {
                (role, comparison) = ("first name", try Comparison(column: column, method: .jaroWinkler([0.92, 0.8])))
                normalisation[column] = .name
            } else if key.contains("surname") || key.contains("last") || key.contains("family") {
                (role, comparison) = ("surname", try Comparison(column: column, method: .jaroWinkler([0.92, 0.8])))
                normalisation[column] = .name
            } else if key == "name" || key.contains("fullname") {
                (role, comparison) = ("name", try Comparison(column: column, method: .jaroWinkler([0.92, 0.8])))
                normalisation[column] = .nameWordsSorted
            } else if key.contains("dob") || key.contains("birth") || key.contains("date") {
                let isISO = !sample.isEmpty && sample.allSatisfy { CalendarDate(iso: $0) != nil }
                (role, comparison) = ("date", try Comparison(column: column, method: isISO ? .dateDifference([1, 366]) : .levenshtein([1, 2])))
            } else if key.contains("phone") || key.contains("tel") || key.contains("mobile") {
                (role, comparison) = ("phone", try Comparison(column: column, method: .levenshtein([1])))
            } else if key.contains("mail") {
                (role, comparison) = ("e-mail", try Comparison(column: column, method: .levenshtein([1])))
                normalisation[column] = .email
            } else if key.contains("ssn") || key.contains("socsec") || key.contains("passport") || key.contains("idnumber") || key.contains("licen") {
                (role, comparison) = ("identifier", try Comparison(column: column, method: .levenshtein([1])))
            } else if key.contains("address") || key.contains("street") {
                (role, comparison) = ("address", try Comparison(column: column, method: .jaroWinkler([0.9, 0.8])))
                normalisation[column] = .name
            } else if key.contains("city") || key.contains("suburb") || key.contains("town") || key.contains("postcode") || key.contains("zip")
                || key == "state"
            {
                (role, comparison) = ("place", try Comparison(column: column, method: .exact))
                normalisation[column] = .name
            } else {
                choices.append("\(column): not compared (no rule for this column's name)")
                continue
            }
            roles[column] = role
            comparisons.append(comparison)
            choices.append("\(column): \(role), levels \(comparison.levelLabels.joined(separator: " / "))")
        }
        let strong = columns.filter { ["surname", "date", "phone", "e-mail", "identifier"].contains(roles[$0] ?? "") }
        var candidates = strong.map { BlockingRule(columns: [$0]) }
        if let first = columns.first(where: { roles[$0] == "first name" || roles[$0] == "name" }),
            let place = columns.first(where: { roles[$0] == "place" })
        {
            candidates.append(BlockingRule(columns: [first, place]))
        }
        if candidates.isEmpty, let any = comparisons.first { candidates = [BlockingRule(columns: [any.column])] }
        // A rule on common values compares too many pairs to finish: keep rules within a budget of
        // pairs (at least 1,000,000, or 20 per record), and the cheapest rule if none is.
        let count = values.values.first?.count ?? 0
        let budget = max(1_000_000, 20 * count)
        let costs = candidates.map { pairCount(of: $0, values: values) }
        var blocking = zip(candidates, costs).filter { $0.1 <= budget }.map(\.0)
        for (rule, cost) in zip(candidates, costs) where cost > budget {
            choices.append("blocking on (\(rule.columns.joined(separator: ", "))) left out: it would compare \(cost) pairs")
        }
        if blocking.isEmpty, let cheapest = zip(candidates, costs).min(by: { $0.1 < $1.1 }) { blocking = [cheapest.0] }
        choices.append("blocking: " + blocking.map { "(" + $0.columns.joined(separator: ", ") + ")" }.joined(separator: " or "))
        guard !comparisons.isEmpty else {
            throw NetworkError(
                code: .invalidParameter,
                message: "no column has a name Vigil knows how to compare (name, first/given name, surname, dob/birth date, phone, email, address, city, postcode…); give --settings FILE")
        }
        let termFrequency = columns.filter { ["first name", "surname", "name"].contains(roles[$0] ?? "") }
        if !termFrequency.isEmpty { choices.append("term-frequency adjustment: " + termFrequency.joined(separator: ", ")) }
        return (Self(normalisation: normalisation, comparisons: comparisons, blocking: blocking, termFrequencyColumns: termFrequency), choices)
    }

    /// How many pairs a rule selects: Σ n(n − 1)/2 over its groups of equal (case-folded, trimmed) values.
    private static func pairCount(of rule: BlockingRule, values: [String: [String?]]) -> Int {
        let columns = rule.columns.compactMap { values[$0] }
        guard columns.count == rule.columns.count, let count = columns.first?.count else { return 0 }
        var groups: [[String]: Int] = [:]
        for record in 0..<count {
            let key = columns.compactMap { $0[record]?.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
            if key.count == columns.count { groups[key, default: 0] += 1 }
        }
        return groups.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }
}
