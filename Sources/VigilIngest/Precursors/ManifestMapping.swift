import Foundation

/// How a manifest or notification file's columns map to Vigil's fields, for layouts other than
/// Vigil's own: JSON with the column to read for each field that is named differently, and the
/// order of day, month and year in dates that are not ISO 8601.
///
/// ```json
/// { "name": "broker-x", "columns": { "description": "Goods Description", "hs_code": "Tariff" }, "dateOrder": "dmy" }
/// ```
public struct ManifestMapping: Hashable, Sendable, Codable {
    /// The order of day, month and year in dates like `05/03/2026`.
    public enum DateOrder: String, Hashable, Sendable, Codable { case ymd, dmy, mdy }

    /// The mapping's name.
    public var name: String
    /// The column for each field named differently (fields not listed are read from their own name).
    public var columns: [String: String]
    /// How slash- or dot-separated dates are ordered (ISO dates are always read).
    public var dateOrder: DateOrder
    /// The characters that separate transshipment ports in one cell.
    public var portSeparators: String

    /// Vigil's own layout: the documented column names, ISO dates, ports separated by `;` or `|`.
    public static let vigil = ManifestMapping(name: "vigil", columns: [:], dateOrder: .ymd, portSeparators: ";|")

    /// Creates a mapping.
    public init(name: String, columns: [String: String], dateOrder: DateOrder, portSeparators: String) {
        self.name = name
        self.columns = columns
        self.dateOrder = dateOrder
        self.portSeparators = portSeparators
    }

    /// Loads `vigil` (the built-in layout) or a mapping file.
    /// - Throws: ``IngestError`` `unknownMapping` or `invalidMapping`.
    public static func load(_ nameOrPath: String) throws -> ManifestMapping {
        if nameOrPath == "vigil" { return .vigil }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw IngestError(
                code: .unknownMapping, origin: nameOrPath,
                message: "no manifest mapping '\(nameOrPath)': give 'vigil' or the path of a mapping JSON file")
        }
        do {
            return try JSONDecoder().decode(ManifestMapping.self, from: data)
        } catch let error as DecodingError {
            throw IngestError(code: .invalidMapping, origin: nameOrPath, message: "the mapping is not valid: \(error.readableDescription)")
        } catch {
            throw IngestError(code: .invalidMapping, origin: nameOrPath, message: "the mapping is not valid JSON: \(error)")
        }
    }

    private enum CodingKeys: String, CodingKey { case name, columns, dateOrder, portSeparators }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        columns = try container.decodeIfPresent([String: String].self, forKey: .columns) ?? [:]
        dateOrder = try container.decodeIfPresent(DateOrder.self, forKey: .dateOrder) ?? .ymd
        portSeparators = try container.decodeIfPresent(String.self, forKey: .portSeparators) ?? ";|"
    }
}
