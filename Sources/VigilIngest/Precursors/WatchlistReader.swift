public import VigilCore

/// Reads a watchlist file: the bundled list or a jurisdiction's additions, in the bundled list's
/// CSV layout (`id, name, synonyms, cas, hs_heading, hs_national, un_table, us_control, us_code,
/// coverage, family, since, citation, sources`; `id` and `name` required; lists separated by `;`;
/// national codes written `CODE@SYSTEM`).
///
/// Reference data must be right as a whole: any bad value, and an id used twice, rejects the file
/// with the line, column and value to fix.
public enum WatchlistReader {
    /// The file's fields.
    public static let fields = [
        "id", "name", "synonyms", "cas", "hs_heading", "hs_national", "un_table", "us_control", "us_code", "coverage", "family", "since",
        "citation", "sources",
    ]

    /// Reads every entry of a watchlist file.
    /// - Throws: ``IngestError`` naming the line, column and value of the first bad value, or the
    ///   lines of a repeated id.
    public static func read(path: String) throws -> [ControlledChemical] {
        let table = try FieldTable(.file(path), fields: fields, required: ["id", "name"])
        var entries: [ControlledChemical] = []
        var lines: [ChemicalID: Int] = [:]
        try table.forEachRow { row in
            let id = row.parsed("id") { text in
                guard let id = ChemicalID(rawValue: text) else {
                    throw CellParsing.Problem(description: "'\(text)' is not an id; use lower-case letters, digits and hyphens, such as 4-ap")
                }
                return id
            }
            let name = row.text("name")
            if name == nil { row.report("name", value: nil, reason: "the name is blank; every entry needs one") }
            func list(_ field: String) -> [String] {
                (row.text(field) ?? "").split(separator: ";").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
            }
            let cas = list("cas").compactMap { text in
                row.parsed("cas") { _ in
                    let number = try CASNumber(parsing: text)
                    guard number.hasValidCheckDigit else {
                        throw CellParsing.Problem(description: "CAS \(text) has a wrong check digit (its digits call for \(number.expectedCheckDigit))")
                    }
                    return number
                }
            }
            let national = list("hs_national").compactMap { text in
                row.parsed("hs_national") { _ in
                    let parts = text.split(separator: "@", maxSplits: 1)
                    guard parts.count == 2 else {
                        throw CellParsing.Problem(description: "'\(text)' is not CODE@SYSTEM, such as 2933399901@UK")
                    }
                    return ControlledChemical.NationalCode(code: try HSCode(parsing: String(parts[0])), system: String(parts[1]))
                }
            }
            let coverage = Set(list("coverage").compactMap { text in
                row.parsed("coverage") { _ in
                    guard let rule = ControlledChemical.Coverage(rawValue: text) else {
                        throw CellParsing.Problem(
                            description: "unknown coverage '\(text)'; use "
                                + ControlledChemical.Coverage.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    return rule
                }
            })
            let entry = ControlledChemical(
                id: id ?? ChemicalID(rawValue: "x")!, name: name ?? "", synonyms: list("synonyms"), casNumbers: cas,
                hsSubheading: row.parsed("hs_heading") { try HSCode(parsing: $0) }, nationalCodes: national,
                unTable: row.parsed("un_table") { text in
                    guard let unTable = ControlledChemical.UNTable(rawValue: text) else {
                        throw CellParsing.Problem(description: "'\(text)' is not a UN 1988 table; write I or II")
                    }
                    return unTable
                },
                usControl: row.text("us_control"), usCode: row.text("us_code"), coverage: coverage, family: row.text("family"),
                since: row.text("since"), citation: row.text("citation"), sources: list("sources"))
            if let problem = row.lineIssues.first {
                throw IngestError(code: .invalidReference, origin: path, line: problem.line, message: problem.detail)
            }
            if let earlier = lines.updateValue(row.line, forKey: entry.id) {
                throw IngestError(
                    code: .invalidReference, origin: path, line: row.line,
                    message: "id '\(entry.id)' is already used on line \(earlier); give each entry its own id")
            }
            entries.append(entry)
        }
        return entries
    }
}
