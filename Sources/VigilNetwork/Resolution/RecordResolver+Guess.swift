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
        // First names and surnames are often entered in each other's place.
        if let first = comparisons.firstIndex(where: { roles[$0.column] == "first name" }),
            let surname = comparisons.firstIndex(where: { roles[$0.column] == "surname" })
        {
            comparisons[first].swappedWith = comparisons[surname].column
            comparisons[surname].swappedWith = comparisons[first].column
            choices.append("\(comparisons[first].column) and \(comparisons[surname].column): a level for values swapped between them")
        }
        let strong = columns.filter { ["surname", "date", "phone", "e-mail", "identifier"].contains(roles[$0] ?? "") }
        var candidates = strong.map { BlockingRule(columns: [$0]) }
        if let first = columns.first(where: { roles[$0] == "first name" || roles[$0] == "name" }),
            let place = columns.first(where: { roles[$0] == "place" })
        {
            candidates.append(BlockingRule(columns: [first, place]))
        }
        if candidates.isEmpty, let any = comparisons.first { candidates = [BlockingRule(columns: [any.column])] }
        // A rule on common values compares too many pairs to finish. A rule over the budget of pairs (at
        // least 1,000,000, or 5 per record) is narrowed by another column, the one that keeps the most pairs
        // within the budget (a column that blocks well alone adds nothing and is not used), and left out when
        // none fits; the cheapest rule is kept if no rule fits.
        let count = values.values.first?.count ?? 0
        let budget = max(1_000_000, 5 * count)
        let costs = candidates.map { pairCount(of: $0, values: values) }
        let alone = Set(zip(candidates, costs).filter { $0.0.columns.count == 1 && $0.1 <= budget }.map { $0.0.columns[0] })
        let narrowing = columns.filter {
            ["first name", "surname", "name", "date", "phone", "e-mail", "identifier", "place"].contains(roles[$0] ?? "") && !alone.contains($0)
        }
        var blocking: [BlockingRule] = []
        var cheapest: (rule: BlockingRule, cost: Int)?
        for (rule, cost) in zip(candidates, costs) {
            if cheapest.map({ cost < $0.cost }) ?? true { cheapest = (rule, cost) }
            if cost <= budget {
                blocking.append(rule)
                continue
            }
            let narrowed = narrowing.filter { !rule.columns.contains($0) }
                .map { BlockingRule(columns: rule.columns + [$0]) }
                .filter { wider in !blocking.contains { Set($0.columns) == Set(wider.columns) } }
                .map { (rule: $0, cost: pairCount(of: $0, values: values)) }
                .filter { $0.cost <= budget }
                .max { $0.cost < $1.cost }
            if let narrowed {
                blocking.append(narrowed.rule)
                choices.append("blocking on (\(rule.columns.joined(separator: ", "))) would compare \(cost) pairs: narrowed by \(narrowed.rule.columns.last!) to \(narrowed.cost)")
            } else {
                choices.append("blocking on (\(rule.columns.joined(separator: ", "))) left out: it would compare \(cost) pairs")
            }
        }
        if blocking.isEmpty, let cheapest { blocking = [cheapest.rule] }
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

    /// How many pairs a rule selects: Σ n(n − 1)/2 over its groups of equal (case-folded, trimmed) values,
    /// the groups told apart by a hash of their values (a collision merges two groups, which only
    /// overestimates).
    private static func pairCount(of rule: BlockingRule, values: [String: [String?]]) -> Int {
        let columns = rule.columns.compactMap { values[$0] }
        guard columns.count == rule.columns.count, let count = columns.first?.count else { return 0 }
        var groups: [Int: Int] = [:]
        records: for record in 0..<count {
            var hasher = Hasher()
            for column in columns {
                guard let value = column[record]?.trimmingWhitespace().lowercased(), !value.isEmpty else { continue records }
                hasher.combine(value)
            }
            groups[hasher.finalize(), default: 0] += 1
        }
        return groups.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }
}
