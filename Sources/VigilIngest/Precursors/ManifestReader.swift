public import VigilCore

/// Reads a manifest file (CSV or NDJSON) in Vigil's layout or through a ``ManifestMapping``, a
/// chunk of lines at a time.
///
/// Vigil's layout has the columns `shipment_id, line, date, description, hs_code, cas, quantity,
/// unit, value, shipper, consignee, notify_party, origin, destination, port_of_loading,
/// transshipment_ports, port_of_discharge`, of which only `description` is required. A value
/// that does not parse (a quantity, a unit, a date, a CAS or HS code of the wrong shape) is
/// reported with its line, column and value, and the line is screened without it; a line with no
/// description is reported and not screened. A well-shaped CAS number with a wrong check digit is
/// not an input error: screening weighs it.
public final class ManifestReader {
    /// The manifest's fields, in Vigil's layout.
    public static let fields = [
        "shipment_id", "line", "date", "description", "hs_code", "cas", "quantity", "unit", "value", "shipper", "consignee",
        "notify_party", "origin", "destination", "port_of_loading", "transshipment_ports", "port_of_discharge",
    ]

    /// A chunk of lines.
    public struct Chunk: Sendable {
        /// The lines to screen.
        public var lines: [ManifestLine]
        /// The file line each came from.
        public var fileLines: [Int]
        /// Problems found, each with its line.
        public var issues: [LineIssue]
    }

    private let table: PrecursorTable
    private let mapping: ManifestMapping

    /// Opens a manifest, from a file or received bytes.
    /// - Throws: ``IngestError`` when the file cannot be read, has no header, or has no description
    ///   column.
    public init(_ source: TableSource, mapping: ManifestMapping = .vigil) throws {
        self.mapping = mapping
        table = try PrecursorTable(source, fields: Self.fields, required: ["description"], columnNames: mapping.columns)
    }

    /// Opens a manifest file.
    public convenience init(path: String, mapping: ManifestMapping = .vigil) throws {
        try self.init(.file(path), mapping: mapping)
    }

    /// The optional fields the file has no column for, which narrows what screening can check.
    public var absentFields: [String] { Self.fields.filter { !table.present.contains($0) } }

    /// Reads up to `limit` more rows; an empty chunk with no issues means the end.
    public func next(limit: Int) throws -> Chunk {
        var chunk = Chunk(lines: [], fileLines: [], issues: [])
        chunk.lines.reserveCapacity(limit)
        var rowsRead = 0
        while rowsRead < limit, try table.next() {
            rowsRead += 1
            if let line = readLine() {
                chunk.lines.append(line)
                chunk.fileLines.append(table.line)
            }
            chunk.issues.append(contentsOf: table.lineIssues)
        }
        return chunk
    }

    private func readLine() -> ManifestLine? {
        guard let description = table.text("description") else {
            table.report("description", value: nil, reason: "the description is blank; every manifest line needs one")
            return nil
        }
        let cas = table.text("cas")
        if cas != nil { _ = table.parsed("cas") { try CASNumber(parsing: $0) } }
        let hsCode = table.text("hs_code")
        if hsCode != nil { _ = table.parsed("hs_code") { try HSCode(parsing: $0) } }
        let separators = Set(mapping.portSeparators)
        return ManifestLine(
            shipmentID: table.text("shipment_id"),
            lineNumber: table.parsed("line") { text in
                guard let number = Int(text), number >= 0 else { throw PrecursorCells.Problem(description: "'\(text)' is not a line number; write a whole number") }
                return number
            },
            date: table.parsed("date") { try PrecursorCells.date($0, order: self.mapping.dateOrder) },
            description: description, hsCode: hsCode, cas: cas,
            quantity: table.quantity("quantity", unitField: "unit"),
            value: table.parsed("value", PrecursorCells.number),
            shipper: table.text("shipper"), consignee: table.text("consignee"), notifyParty: table.text("notify_party"),
            origin: table.text("origin"), destination: table.text("destination"), portOfLoading: table.text("port_of_loading"),
            transshipmentPorts: (table.text("transshipment_ports") ?? "").split(whereSeparator: { separators.contains($0) })
                .map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty },
            portOfDischarge: table.text("port_of_discharge"))
    }
}
