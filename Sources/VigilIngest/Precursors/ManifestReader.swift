import Dispatch
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

    private let table: FieldTable
    private let mapping: ManifestMapping
    /// Whether the lines keep each field, by slot.
    private let keeps: [Bool]
    /// The port separators' bytes when all are ASCII (so a byte scan finds them), else `nil`.
    private let asciiPortSeparators: [UInt8]?

    /// Opens a manifest, from a file or received bytes.
    /// - Parameter checkingOnly: Fields that are checked, so their problems are still reported, but
    ///   left out of the lines (`nil`, or no ports): for a use that does not need them, which then does
    ///   not pay for their text. `description` is always kept.
    /// - Throws: ``IngestError`` when the file cannot be read, has no header, or has no description
    ///   column.
    public init(_ source: TableSource, mapping: ManifestMapping = .vigil, checkingOnly: Set<String> = []) throws {
        self.mapping = mapping
        keeps = Self.fields.map { $0 == "description" || !checkingOnly.contains($0) }
        asciiPortSeparators = mapping.portSeparators.utf8.allSatisfy { $0 < 0x80 } ? Array(mapping.portSeparators.utf8) : nil
        table = try FieldTable(source, fields: Self.fields, required: ["description"], columnNames: mapping.columns)
    }

    /// Opens a manifest file.
    public convenience init(path: String, mapping: ManifestMapping = .vigil) throws {
        try self.init(.file(path), mapping: mapping)
    }

    /// The optional fields the file has no column for, which narrows what screening can check.
    public var absentFields: [String] { Self.fields.filter { !table.present.contains($0) } }

    /// The raw cells of a chunk of rows, read in order, to be turned into lines by ``line(at:in:)``
    /// on any thread.
    public struct Cells: Sendable {
        fileprivate let chunk: CellChunk
        /// How many rows.
        public var count: Int { chunk.lines.count }
        /// A row's file line.
        public func fileLine(at index: Int) -> Int { chunk.lines[index] }
    }

    /// Reads up to `limit` more rows' cells (none at the end). Reading is sequential; call it from
    /// one thread at a time.
    public func nextCells(limit: Int) throws -> Cells { Cells(chunk: try table.next(limit: limit)) }

    /// A row of a chunk as a manifest line (`nil` when it cannot be screened) and its problems.
    /// Safe to call from several threads at once, also while ``nextCells(limit:)`` reads on.
    public func line(at index: Int, in cells: Cells) -> (line: ManifestLine?, issues: [LineIssue]) {
        var row = CellRow(chunk: cells.chunk, layout: table.layout, index: index)
        let line = line(from: &row)
        return (line, row.lineIssues)
    }

    /// Reads up to `limit` more rows; an empty chunk with no issues means the end. The rows are
    /// read in order and turned into lines on both cores.
    public func next(limit: Int) throws -> Chunk {
        let cells = try nextCells(limit: limit)
        let count = cells.count
        // Safe: each worker writes only the slots of its own rows, read after all finish.
        nonisolated(unsafe) let read = UnsafeMutableBufferPointer<(line: ManifestLine?, issues: [LineIssue])>.allocate(capacity: count)
        read.initialize(repeating: (nil, []))
        defer { read.deallocate() }  // every element is moved out below
        let workers = count >= 1000 ? 2 : 1
        // Safe: `line(at:in:)` reads only what does not change after the reader is opened.
        nonisolated(unsafe) let reader = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) { read[index] = reader.line(at: index, in: cells) }
        }
        var chunk = Chunk(lines: [], fileLines: [], issues: [])
        chunk.lines.reserveCapacity(count)
        for index in 0..<count {
            let (line, issues) = (read.baseAddress! + index).move()
            if let line {
                chunk.lines.append(line)
                chunk.fileLines.append(cells.fileLine(at: index))
            }
            chunk.issues.append(contentsOf: issues)
        }
        return chunk
    }

    /// The slot of each field: its place in ``fields``, which the table's layout keeps.
    private enum Slot {
        static let shipmentID = at("shipment_id"), line = at("line"), date = at("date"), description = at("description")
        static let hsCode = at("hs_code"), cas = at("cas"), quantity = at("quantity"), unit = at("unit"), value = at("value")
        static let shipper = at("shipper"), consignee = at("consignee"), notifyParty = at("notify_party"), origin = at("origin")
        static let destination = at("destination"), portOfLoading = at("port_of_loading"), transshipmentPorts = at("transshipment_ports")
        static let portOfDischarge = at("port_of_discharge")

        private static func at(_ field: String) -> Int { fields.firstIndex(of: field)! }
    }

    private func line(from row: inout CellRow) -> ManifestLine? {
        guard let description = row.text(at: Slot.description) else {
            row.report(at: Slot.description, value: nil, reason: "the description is blank; every manifest line needs one")
            return nil
        }
        let cas = text(at: Slot.cas, of: &row)
        if let cas { _ = row.checked(cas, at: Slot.cas) { try CASNumber(parsing: $0) } }
        let hsCode = text(at: Slot.hsCode, of: &row)
        if let hsCode { _ = row.checked(hsCode, at: Slot.hsCode) { try HSCode(parsing: $0) } }
        // Values are parsed to check them whether or not they are kept.
        let lineNumber = row.parsed(at: Slot.line) { text in
            guard let number = Int(text), number >= 0 else { throw CellParsing.Problem(description: "'\(text)' is not a line number; write a whole number") }
            return number
        }
        let date = row.parsed(at: Slot.date) { try CellParsing.date($0, order: mapping.dateOrder) }
        let quantity = row.quantity(at: Slot.quantity, unitSlot: Slot.unit)
        let value = row.parsed(at: Slot.value, CellParsing.number)
        return ManifestLine(
            shipmentID: text(at: Slot.shipmentID, of: &row), lineNumber: keeps[Slot.line] ? lineNumber : nil, date: keeps[Slot.date] ? date : nil,
            description: description, hsCode: hsCode, cas: cas, quantity: keeps[Slot.quantity] ? quantity : nil, value: keeps[Slot.value] ? value : nil,
            shipper: text(at: Slot.shipper, of: &row), consignee: text(at: Slot.consignee, of: &row),
            notifyParty: text(at: Slot.notifyParty, of: &row), origin: text(at: Slot.origin, of: &row),
            destination: text(at: Slot.destination, of: &row), portOfLoading: text(at: Slot.portOfLoading, of: &row),
            transshipmentPorts: ports(text(at: Slot.transshipmentPorts, of: &row)), portOfDischarge: text(at: Slot.portOfDischarge, of: &row))
    }

    /// A text field's value, or `nil` when the lines do not keep it (it is then only checked).
    private func text(at slot: Int, of row: inout CellRow) -> String? {
        guard keeps[slot] else {
            row.check(at: slot)
            return nil
        }
        return row.text(at: slot)
    }

    /// The ports of a cell, split at any of the separators (most cells name one port, or none).
    private func ports(_ text: String?) -> [String] {
        guard let text else { return [] }
        let separators = mapping.portSeparators
        // Separators are punctuation: a scan of the bytes finds whether a cell has one, without walking
        // its characters.
        let hasSeparator = asciiPortSeparators.map { bytes in text.utf8.contains(where: bytes.contains) } ?? text.contains(where: separators.contains)
        guard hasSeparator else { return [text] }
        return text.split(whereSeparator: separators.contains).map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }
}
