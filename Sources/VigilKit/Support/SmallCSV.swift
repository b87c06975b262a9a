import Foundation
import VigilIngest

/// A small CSV input file read whole (locations, populations, candidate sites): its trimmed, lower-cased header
/// and its trimmed rows with their line numbers.
struct SmallCSV {
    /// A problem with the file: the line and what is wrong.
    struct Problem: Error {
        var line: Int
        var reason: String
    }

    let header: [String]
    let rows: [(line: Int, fields: [String])]

    /// Reads a file.
    /// - Throws: ``Problem`` for an empty file or a row whose field count differs from the header's; the
    ///   readers' errors for a file that cannot be read.
    init(path: String) throws {
        let reader = CSVReader(try FileInput(path: path))
        guard try reader.next() else { throw Problem(line: 1, reason: "the file is empty; it needs a header line") }
        header = (0..<reader.fieldCount).map { (reader.string(at: $0) ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
        var rows: [(Int, [String])] = []
        while try reader.next() {
            let fields = (0..<reader.fieldCount).map { (reader.string(at: $0) ?? "").trimmingCharacters(in: .whitespaces) }
            guard fields.count == header.count else {
                throw Problem(line: reader.line, reason: "the row has \(fields.count) fields; the header has \(header.count)")
            }
            rows.append((reader.line, fields))
        }
        self.rows = rows
    }
}
