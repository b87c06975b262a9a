import VigilCore
import VigilStore

/// Reads the cells of one row for a ``RecordMapper`` and collects the problems found.
struct CellReader {
    let value: (String) -> CellValue
    var issues: [RowIssue]

    /// The trimmed text of a column, or `nil` when it is blank or absent. Invalid UTF-8 is an issue.
    mutating func text(column: String) -> String? {
        switch value(column) {
        case .blank: return nil
        case .text(let text): return text
        case .invalidUTF8:
            issue(column: column, value: nil, reason: "the value is not valid UTF-8; save the file as UTF-8")
            return nil
        }
    }

    /// The first non-blank column of several, with its name.
    mutating func firstText(_ columns: [String]) -> (String, String)? {
        for column in columns {
            if let text = text(column: column) { return (column, text) }
        }
        return nil
    }

    /// The text a value rule yields for this row, translated, or `nil` when blank with no default.
    mutating func text(_ rule: ValueRule) -> String? {
        if let constant = rule.constant { return constant }
        guard let (_, text) = firstText(rule.columns ?? []) else { return rule.default }
        if let table = rule.values {
            let key = text.lowercased()
            if let translated = table.first(where: { $0.key.lowercased() == key })?.value { return translated }
        }
        return text
    }

    /// Reads a coded field through a value rule and a parser, recording a parse failure as an issue.
    /// A blank value is an issue unless `optional` is set.
    mutating func coded<T>(
        _ rule: ValueRule, field: String, optional: Bool = false, parse: (String) throws(DomainError) -> T
    ) -> T? {
        guard let text = text(rule) else {
            if !optional { issue(column: rule.columns?.first, value: nil, reason: "the \(field) is missing") }
            return nil
        }
        do {
            return try parse(text)
        } catch {
            issue(column: rule.columns?.first, value: text, reason: error.message)
            return nil
        }
    }

    mutating func issue(column: String?, value: String?, reason: String) {
        issues.append(RowIssue(column: column, value: value, reason: reason))
    }
}
