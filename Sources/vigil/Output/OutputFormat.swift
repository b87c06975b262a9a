import ArgumentParser
import Foundation

/// How a command prints rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// A value in an output table.
enum Cell: Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case null

    var plain: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .boolean(let value): value ? "true" : "false"
        case .null: ""
        }
    }
}

/// Rows with named columns, printable as an aligned table, RFC 4180 CSV or a JSON array of objects.
struct OutputTable {
    var columns: [String]
    var rows: [[Cell]] = []

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .csv: return renderCSV()
        case .json: return renderJSON()
        case .table: return renderTable()
        }
    }

    private func renderCSV() -> String {
        func quote(_ text: String) -> String {
            var needsQuotes = false
            var hasQuote = false
            for byte in text.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                if byte == 0x22 { hasQuote = true }
            }
            guard needsQuotes else { return text }
            return "\"" + (hasQuote ? text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") : text) + "\""
        }
        var lines = [columns.map(quote).joined(separator: ",")]
        lines += rows.parallelMap { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                if index > 0 { line.append(",") }
                line.append(quote(cell.plain))
            }
            return line
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func renderJSON() -> String {
        func encode(_ cell: Cell) -> String {
            switch cell {
            case .text(let text):
                let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
                return String(decoding: data, as: UTF8.self)
            case .integer(let value): return String(value)
            case .number(let value): return value.isFinite ? String(value) : "null"
            case .boolean(let value): return value ? "true" : "false"
            case .null: return "null"
            }
        }
        let objects = rows.map { row in
            "  {" + zip(columns, row).map { encode(.text($0)) + ": " + encode($1) }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private func renderTable() -> String {
        let texts = rows.map { $0.map { $0.plain.replacingOccurrences(of: "\n", with: " ") } }
        var widths = columns.map(\.count)
        for row in texts {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        lines += texts.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
