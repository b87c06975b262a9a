import Foundation
public import VigilCore
public import VigilStore

/// Reads service locations (treatment facilities, opioid treatment programmes, naloxone points, outreach
/// sites) from CSV or NDJSON.
///
/// Three layouts: Vigil's own (``Layout/vigil``: `location_id, kind, name, latitude, longitude, region,
/// address, capacity, hours`; `kind`, `name`, `latitude` and `longitude` required), and the two SAMHSA-derived
/// files of the Opioid Environment Policy Scan: substance use treatment facilities (``Layout/samhsaTreatment``,
/// kind `treatment`, the county named in the file as the region) and opioid treatment programmes
/// (``Layout/samhsaOTP``, kind `otp`, no county: the caller places them). ZIP codes that lost their leading
/// zeros (`6511` for 06511, `6511-1234`) are padded back to five digits and counted; a file that is not valid
/// UTF-8 is read as Windows-1252 (ISO-8859-1), which is what such files are, and the result says so. A row
/// without a name or with missing or impossible coordinates, an unknown kind or a negative capacity is
/// rejected with its line, column, value and reason, ready for the quarantine.
public struct ServiceLocationReader: Sendable {
    /// The layouts the reader knows.
    public enum Layout: String, Sendable, CaseIterable {
        /// Vigil's format.
        case vigil
        /// SAMHSA substance use treatment facilities, as OEPS geocoded them (`SubstanceUseTreatment_Geocoded.csv`).
        case samhsaTreatment = "samhsa-treatment"
        /// SAMHSA-certified opioid treatment programmes, as OEPS geocoded them (`OpioidTreatmentProgram_Geocoded.csv`).
        case samhsaOTP = "samhsa-otp"
    }

    /// What a file held.
    public struct Result: Sendable {
        /// The locations read, in file order.
        public var locations: [ServiceLocation]
        /// Rows rejected, as they stood in the input, with every reason.
        public var rejected: [QuarantinedRow]
        /// ZIP codes padded back to five digits.
        public var paddedZIPCodes: Int
        /// Whether the file was not valid UTF-8 and was read as Windows-1252.
        public var readAsWindows1252: Bool
        /// Columns of the file that the layout does not read.
        public var unreadColumns: [String]
    }

    private let layout: Layout
    private let source: SourceSystemID
    private let regions: RegionCatalog

    /// A reader.
    /// - Parameter source: The source system, which prefixes the locations' ids.
    public init(layout: Layout, source: SourceSystemID, regions: RegionCatalog = .standard) {
        self.layout = layout
        self.source = source
        self.regions = regions
    }

    /// The columns of Vigil's format.
    public static let vigilFields = ["location_id", "kind", "name", "latitude", "longitude", "region", "address", "capacity", "hours"]
    static let treatmentFields = ["name1", "name2", "street1", "street2", "city", "state", "zip", "zip4", "county", "latitude", "longitude"]
    static let otpFields = ["ID", "ADDRESS", "CITY", "STATE", "POSTAL", "Latitude", "Longitude"]

    /// Reads every location of a file or received bytes.
    /// - Throws: ``IngestError`` when the input cannot be read or lacks a required column.
    public func read(_ input: TableSource) throws -> Result {
        let (table, windows1252) = try Self.decoded(input)
        let fields: [String]
        let required: [String]
        switch layout {
        case .vigil: (fields, required) = (Self.vigilFields, ["kind", "name", "latitude", "longitude"])
        case .samhsaTreatment: (fields, required) = (Self.treatmentFields, ["name1", "latitude", "longitude"])
        case .samhsaOTP: (fields, required) = (Self.otpFields, ["ID", "Latitude", "Longitude"])
        }
        let rows = try FieldTable(table, fields: fields, required: required)
        rows.keepsRawRows = true
        var result = Result(locations: [], rejected: [], paddedZIPCodes: 0, readAsWindows1252: windows1252, unreadColumns: rows.unreadColumns)
        var seen: [String: Int] = [:]
        var seenRejected: [String: Int] = [:]
        try rows.forEachRow { row in
            if let location = self.location(&row, fields: fields, seen: &seen, padded: &result.paddedZIPCodes), row.isClean {
                result.locations.append(location)
            } else {
                result.rejected.append(row.quarantined(source: source, seen: &seenRejected))
            }
        }
        return result
    }

    /// The input as UTF-8: a file that is not valid UTF-8 is transcoded from Windows-1252.
    private static func decoded(_ input: TableSource) throws -> (TableSource, Bool) {
        guard case .file(let path) = input else { return (input, false) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError(code: .cannotRead, origin: path, message: "cannot read '\(path)'; check that the file exists and is readable")
        }
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) != nil { return (input, false) }
        var text = ""
        text.unicodeScalars.append(contentsOf: bytes.map(Windows1252.scalar))
        let lowered = path.lowercased()
        return (.bytes(Array(text.utf8), origin: path, isNDJSON: lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl")), true)
    }

    private func location(_ row: inout CellRow, fields: [String], seen: inout [String: Int], padded: inout Int) -> ServiceLocation? {
        let (nameField, latitudeField, longitudeField) =
            switch layout {
            case .vigil: ("name", "latitude", "longitude")
            case .samhsaTreatment: ("name1", "latitude", "longitude")
            case .samhsaOTP: ("ID", "Latitude", "Longitude")
            }
        var name = row.text(nameField)
        if name == nil { row.report(nameField, value: nil, reason: "the name is blank; every location needs one") }
        let latitude = row.parsed(latitudeField) { try Self.coordinate($0) }
        let longitude = row.parsed(longitudeField) { try Self.coordinate($0) }
        var point: GeoPoint?
        if let latitude, let longitude {
            do { point = try GeoPoint(latitude: latitude, longitude: longitude) } catch {
                row.report(latitudeField, value: "\(latitude), \(longitude)", reason: error.message)
            }
        } else if row.isClean || latitude == nil || longitude == nil {
            if latitude == nil, row.text(latitudeField) == nil { row.report(latitudeField, value: nil, reason: "the latitude is blank; a location needs coordinates") }
            if longitude == nil, row.text(longitudeField) == nil { row.report(longitudeField, value: nil, reason: "the longitude is blank; a location needs coordinates") }
        }
        var kind: ServiceKind = layout == .samhsaOTP ? .otp : .treatment
        var region: RegionCode?
        var address: String?
        var capacity: Int?
        var recordID: String?
        switch layout {
        case .vigil:
            recordID = row.text("location_id")
            if let text = row.text("kind") {
                if let parsed = ServiceKind(rawValue: text.lowercased()) { kind = parsed } else {
                    row.report("kind", value: text, reason: "unknown kind '\(text)'; use " + ServiceKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
            } else {
                row.report("kind", value: nil, reason: "the kind is blank; use " + ServiceKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            region = row.parsed("region") { text in
                do { return try RegionCode(parsing: text) } catch { throw CellParsing.Problem(description: "\(error)") }
            }
            address = row.text("address")
            capacity = row.parsed("capacity") { text in
                guard let value = Int(text), value >= 0 else { throw CellParsing.Problem(description: "'\(text)' is not a whole number of 0 or more") }
                return value
            }
        case .samhsaTreatment:
            if let second = row.text("name2") { name = name.map { "\($0) (\(second))" } }
            let zip = ZIPCode.padded(row.text("zip"), padded: &padded)
            address = Self.address([row.text("street1"), row.text("street2"), row.text("city"), row.text("state")], zip: zip)
            if let county = row.text("county"), let state = row.text("state") { region = regions.county(named: county, inState: state)?.code }
        case .samhsaOTP:
            let zip = ZIPCode.padded(row.text("POSTAL"), padded: &padded)
            address = Self.address([row.text("ADDRESS"), row.text("CITY"), row.text("STATE")], zip: zip)
        }
        guard let name, let point, row.isClean else { return nil }
        let id = recordID ?? ContentKey.make(Array(fields.map { row.text($0) ?? "" }.joined(separator: "\u{1F}").utf8), seen: &seen)
        return ServiceLocation(
            id: ServiceLocationID(source: source, recordID: id), kind: kind, name: name, location: point, region: region, address: address,
            capacity: capacity, hours: layout == .vigil ? row.text("hours") : nil)
    }

    private static func address(_ parts: [String?], zip: String?) -> String? {
        let text = (parts.compactMap { $0 } + [zip].compactMap { $0 }).joined(separator: ", ")
        return text.isEmpty ? nil : text
    }

    private static func coordinate(_ text: String) throws -> Double {
        guard let value = Double(text), value.isFinite else { throw CellParsing.Problem(description: "'\(text)' is not a number of degrees") }
        return value
    }
}

/// ZIP codes as sources damage them.
enum ZIPCode {
    /// A ZIP code with its leading zeros restored (`6511` → `06511`, `501-1234` → `00501-1234`); others as given.
    static func padded(_ text: String?, padded count: inout Int) -> String? {
        guard let text else { return nil }
        let parts = text.split(separator: "-", maxSplits: 1).map(String.init)
        guard let first = parts.first, (3...4).contains(first.count), first.allSatisfy(\.isASCII), first.allSatisfy(\.isNumber) else { return text }
        count += 1
        return String(repeating: "0", count: 5 - first.count) + first + (parts.count > 1 ? "-" + parts[1] : "")
    }
}

/// The Windows-1252 code page: Latin-1, with printable characters in 0x80–0x9F.
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The character of a byte.
    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        (0x80...0x9F).contains(byte) ? Unicode.Scalar(high[Int(byte) - 0x80])! : Unicode.Scalar(byte)
    }
}
