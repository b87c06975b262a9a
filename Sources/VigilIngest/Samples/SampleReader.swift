import Foundation
public import VigilCore
public import VigilStore

/// Reads drug samples (seizures, lab results, drug-checking results) from CSV or NDJSON.
///
/// Two layouts: Vigil's own (``Layout/vigil``, documented in README: `sample_id, collected_on, region,
/// latitude, longitude, place, source_kind, form, sold_as, laboratory, substances`) and Drug Checking BC's
/// published results (``Layout/drugCheckingBC``). Substances are resolved against the catalogue; a name it
/// does not know is kept verbatim and counted in ``Result/unknownSubstances``, never dropped. A row is
/// rejected, with its line, column, value and reason, for a missing or impossible date, a date after
/// `asOf`, no substance, a purity outside 0–100 %, or any other value that does not read.
public struct SampleReader: Sendable {
    /// The layouts the reader knows.
    public enum Layout: String, Sendable, CaseIterable {
        /// Vigil's sample format.
        case vigil
        /// Drug Checking BC's results (`Date, Site, City/Town, Expected Substance, Fentanyl Test Strip, Benzo
        /// Test Strip, FTIR Spectrometer`): FTIR components as substances (salt forms such as "HCl" set aside,
        /// placeholders such as "Uncertain Match" left out), a positive fentanyl or benzodiazepine test strip
        /// adding fentanyl or a benzodiazepine when FTIR found none, the town as the place; no region (the
        /// data are Canadian).
        case drugCheckingBC = "drugcheckingbc"
    }

    /// What a file held.
    public struct Result: Sendable {
        /// The samples read, in file order.
        public var samples: [DrugSample]
        /// Rows rejected, as they stood in the input, with every reason: ready for the quarantine.
        public var rejected: [QuarantinedRow]
        /// Substance names the catalogue does not know, with the number of samples naming each.
        public var unknownSubstances: [String: Int]
        /// Columns of the file that the layout does not read.
        public var unreadColumns: [String]
    }

    private let layout: Layout
    private let source: SourceSystemID
    private let catalog: SubstanceCatalog
    private let asOf: CalendarDate
    private let jurisdictions: Jurisdictions?

    /// A reader.
    /// - Parameters:
    ///   - source: The source system, which prefixes the samples' ids.
    ///   - asOf: Today: a sample collected later is rejected.
    ///   - jurisdictions: A submitter's reach: a sample outside it (or without a region, unless the reach is
    ///     national) is rejected.
    public init(
        layout: Layout, source: SourceSystemID, catalog: SubstanceCatalog = .standard, asOf: CalendarDate, jurisdictions: Jurisdictions? = nil
    ) {
        self.layout = layout
        self.source = source
        self.catalog = catalog
        self.asOf = asOf
        self.jurisdictions = jurisdictions
    }

    /// Reads every sample of a file or received bytes.
    /// - Throws: ``IngestError`` when the input cannot be read or lacks a required column.
    public func read(_ input: TableSource) throws -> Result {
        let fields = layout == .vigil ? Self.vigilFields : Self.drugCheckingBCFields
        let required = layout == .vigil ? ["collected_on", "source_kind", "substances"] : ["Date", "FTIR Spectrometer"]
        let table = try FieldTable(input, fields: fields, required: required)
        table.keepsRawRows = true
        var result = Result(samples: [], rejected: [], unknownSubstances: [:], unreadColumns: table.unreadColumns)
        var seen: [String: Int] = [:]
        var seenRejected: [String: Int] = [:]
        try table.forEachRow { row in
            let sample = layout == .vigil ? vigilSample(&row, fields: fields, seen: &seen) : drugCheckingBCSample(&row, fields: fields, seen: &seen)
            if let sample, let jurisdictions, row.isClean, !jurisdictions.covers(sample.region) {
                row.report(
                    layout == .vigil ? "region" : "Date", value: sample.region?.rawValue,
                    reason: "the sample is outside this submitter's jurisdictions (\(jurisdictions))")
            }
            if let sample, row.isClean {
                result.samples.append(sample)
                for substance in sample.substances where substance.substance == nil { result.unknownSubstances[substance.text, default: 0] += 1 }
            } else {
                result.rejected.append(row.quarantined(source: source, seen: &seenRejected))
            }
        }
        return result
    }

    // MARK: Vigil's layout

    /// The columns of Vigil's sample format.
    public static let vigilFields = [
        "sample_id", "collected_on", "region", "latitude", "longitude", "place", "source_kind", "form", "sold_as", "laboratory", "substances",
    ]

    private func vigilSample(_ row: inout CellRow, fields: [String], seen: inout [String: Int]) -> DrugSample? {
        let day = collectionDay(&row, "collected_on") { CalendarDate(iso: $0) }
        let region = row.parsed("region") { text in
            do { return try RegionCode(parsing: text) } catch { throw CellParsing.Problem(description: "\(error)") }
        }
        let latitude = row.parsed("latitude", Self.coordinate)
        let longitude = row.parsed("longitude", Self.coordinate)
        var location: GeoPoint?
        if let latitude, let longitude {
            do { location = try GeoPoint(latitude: latitude, longitude: longitude) } catch {
                row.report("latitude", value: "\(latitude), \(longitude)", reason: error.message)
            }
        } else if (latitude == nil) != (longitude == nil) {
            row.report(latitude == nil ? "latitude" : "longitude", value: nil, reason: "give both latitude and longitude, or neither")
        }
        let kind = row.parsed("source_kind") { text in
            guard let kind = SampleSourceKind(rawValue: text.lowercased()) else {
                throw CellParsing.Problem(description: "unknown source kind '\(text)'; use " + SampleSourceKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return kind
        }
        if kind == nil, row.isClean { row.report("source_kind", value: nil, reason: "the source kind is blank; say who analysed the sample") }
        let form = row.parsed("form") { text in
            guard let form = SampleForm(rawValue: text.lowercased()) else {
                throw CellParsing.Problem(description: "unknown form '\(text)'; use " + SampleForm.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return form
        }
        let substances = row.parsed("substances") { try parseSubstances($0) } ?? []
        if substances.isEmpty, row.isClean { row.report("substances", value: nil, reason: "no substance is listed; a sample needs at least one") }
        guard let day, let kind, !substances.isEmpty else { return nil }
        let record = row.text("sample_id") ?? contentKey(fields.map { row.text($0) ?? "" }, seen: &seen)
        return DrugSample(
            id: SampleID(source: source, recordID: record), collectedOn: day, region: region, location: location, place: row.text("place"),
            sourceKind: kind, form: form, soldAs: row.text("sold_as"), substances: substances, laboratory: row.text("laboratory"))
    }

    /// `name`, or `name=purity` with the purity in percent (a `%` sign allowed), separated by `;`.
    private func parseSubstances(_ text: String) throws -> [SampleSubstance] {
        var found: [SampleSubstance] = []
        for item in text.split(separator: ";") {
            let parts = item.split(separator: "=", maxSplits: 1)
            let name = parts[0].trimmingWhitespace()
            guard !name.isEmpty else { continue }
            var purity: Double?
            if parts.count == 2 {
                let number = parts[1].trimmingWhitespace().replacingOccurrences(of: "%", with: "")
                guard let value = Double(number), value.isFinite else {
                    throw CellParsing.Problem(description: "the purity of '\(name)' ('\(parts[1])') is not a number; write a percentage such as 12.5")
                }
                guard (0...100).contains(value) else {
                    throw CellParsing.Problem(description: "the purity of '\(name)' is \(number) %, outside 0 to 100 %")
                }
                purity = value
            }
            add(SampleSubstance(substance: catalog.resolve(name), text: String(name), purityPercent: purity), to: &found)
        }
        return found
    }

    /// A coordinate in decimal degrees.
    private static func coordinate(_ text: String) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw CellParsing.Problem(description: "'\(text)' is not a coordinate; write decimal degrees such as -72.92")
        }
        return value
    }

    // MARK: Drug Checking BC

    /// The columns of Drug Checking BC's published results.
    public static let drugCheckingBCFields = [
        "Date", "Site", "City/Town", "Expected Substance", "Fentanyl Test Strip", "Benzo Test Strip", "FTIR Spectrometer",
    ]

    /// FTIR results that name no substance.
    private static let placeholders: Set<String> = ["uncertain match", "uncertain oil", "no library match", "uncertain carbohydrate"]

    private func drugCheckingBCSample(_ row: inout CellRow, fields: [String], seen: inout [String: Int]) -> DrugSample? {
        let day = collectionDay(&row, "Date") { CalendarDate(iso: $0) }
        var substances: [SampleSubstance] = []
        if let list = row.text("FTIR Spectrometer") {
            // A Python list literal of quoted names: ['Cocaine HCl', 'Levamisole'].
            let inner = list.trimmingCharacters(in: ["[", "]", " "])
            for piece in inner.split(separator: ",") {
                let name = piece.trimmingCharacters(in: [" ", "'", "\""])
                guard !name.isEmpty, !Self.placeholders.contains(name.lowercased()) else { continue }
                let base = name.replacingOccurrences(of: #" (HCl|HBr|Base|Sulfate|Sulphate|Citrate|Phosphate)$"#, with: "", options: [.regularExpression, .caseInsensitive])
                add(SampleSubstance(substance: catalog.resolve(base), text: name), to: &substances)
            }
        }
        for (column, id) in [("Fentanyl Test Strip", "fentanyl"), ("Benzo Test Strip", "benzodiazepine")]
        where row.text(column)?.lowercased() == "true" {
            let substance = SubstanceID(rawValue: id)
            let classOf = catalog.substance(substance)?.substanceClass
            let alreadyFound = substances.contains { found in
                found.substance.flatMap { catalog.substance($0)?.substanceClass }.map { $0 == classOf || (id == "fentanyl" && $0 == .fentanylAnalogue) } ?? false
            }
            if !alreadyFound { add(SampleSubstance(substance: substance, text: "\(column) positive"), to: &substances) }
        }
        if substances.isEmpty, row.isClean {
            row.report("FTIR Spectrometer", value: row.text("FTIR Spectrometer"), reason: "no substance was identified (placeholders only); the sample cannot be used")
        }
        guard let day, !substances.isEmpty else { return nil }
        let town = row.text("City/Town")
        return DrugSample(
            id: SampleID(source: source, recordID: contentKey(fields.map { row.text($0) ?? "" }, seen: &seen)), collectedOn: day,
            place: town == "Mail In" ? row.text("Site") : [row.text("Site"), town].compactMap { $0 }.joined(separator: ", "),
            sourceKind: .drugChecking, soldAs: row.text("Expected Substance"), substances: substances, laboratory: row.text("Site"))
    }

    // MARK: Shared

    /// The collection day of a row: required, readable, and not after `asOf`.
    private func collectionDay(_ row: inout CellRow, _ field: String, _ parse: (String) -> CalendarDate?) -> CalendarDate? {
        guard let text = row.text(field) else {
            row.report(field, value: nil, reason: "the collection date is blank; every sample needs one")
            return nil
        }
        guard let day = parse(String(text.prefix(10))) else {
            row.report(field, value: text, reason: "'\(text)' is not a date; write it as YYYY-MM-DD")
            return nil
        }
        guard day <= asOf else {
            row.report(field, value: text, reason: "the date is after today (\(asOf)); check the year")
            return nil
        }
        return day
    }

    /// Adds a substance unless the sample already lists it.
    private func add(_ substance: SampleSubstance, to list: inout [SampleSubstance]) {
        guard !list.contains(where: { $0.key == substance.key }) else { return }
        list.append(substance)
    }

    /// An id for a row without one: a hash of its content, `#n` for the n-th repeat of the same content
    /// (repeat samples are real, not copies).
    private func contentKey(_ cells: [String], seen: inout [String: Int]) -> String {
        ContentKey.make(Array(cells.joined(separator: "\u{1F}").utf8), seen: &seen)
    }
}
