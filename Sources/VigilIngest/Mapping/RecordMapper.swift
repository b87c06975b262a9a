import Foundation
public import VigilCore
public import VigilStore

/// Applies an ``EventMapping`` to the rows of one input: each row becomes an ``OverdoseEvent`` or a
/// list of ``RowIssue``s saying exactly what is wrong with it.
///
/// A mapper is made for one import. It remembers which row texts it has seen, so that identical
/// rows in a source without record identifiers get distinct, stable identifiers (`sha256:…#2`),
/// and it counts substance mentions the catalogue does not know.
public final class RecordMapper {
    /// The outcome of mapping one row.
    public enum Mapped {
        /// The row is a valid event.
        case event(OverdoseEvent)
        /// The row is invalid; it goes to the quarantine with these issues and this key.
        case rejected(rowKey: String, issues: [RowIssue])
    }

    private let mapping: EventMapping
    private let source: SourceSystemID
    private let regions: RegionCatalog
    private let substances: SubstanceCatalog
    private let latestAllowed: Int64
    private let timeZone: TimeZone?
    private var columns: [String] = []
    private var slots: [String: Int] = [:]
    // Exclusivity checks on these per-row caches cost measurably; the mapper is used from one task.
    @exclusivity(unchecked) private var seenRows: [SIMD2<UInt64>: Int] = [:]
    @exclusivity(unchecked) private var resolvedMentions: [String: SubstanceID?] = [:]

    /// Free-text substance mentions the catalogue did not recognise, with how often each occurred.
    @exclusivity(unchecked) public private(set) var unknownMentions: [String: Int] = [:]
    /// Columns the mapping names that the input does not have (their fields are left empty).
    public private(set) var absentColumns: [String] = []

    /// Prepares a mapping for use.
    /// - Parameters:
    ///   - mapping: The mapping.
    ///   - source: The source system the rows are attributed to.
    ///   - asOf: The current time in seconds since 1970 (UTC); later events are rejected as being in
    ///     the future.
    /// - Throws: ``IngestError`` `invalidMapping` when the mapping names an unknown time zone, date
    ///   format, region or substance.
    public init(
        mapping: EventMapping, source: SourceSystemID, asOf: Int64, regions: RegionCatalog = .standard,
        substances: SubstanceCatalog = .standard
    ) throws {
        self.mapping = mapping
        self.source = source
        self.regions = regions
        self.substances = substances
        // A date with no time counts as in the future only once the day has begun everywhere (UTC+14).
        latestAllowed = asOf
        if let zone = mapping.timeZone {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw Self.invalid(mapping, "time zone '\(zone)' is not an IANA time zone name such as America/New_York")
            }
            self.timeZone = timeZone
        } else {
            timeZone = nil
        }
        guard ["iso8601", "MM/dd/yyyy"].contains(mapping.occurredAt.format) else {
            throw Self.invalid(mapping, "date format '\(mapping.occurredAt.format)' is not one of iso8601, MM/dd/yyyy")
        }
        if let code = mapping.region?.constant, (try? RegionCode(parsing: code)).flatMap(regions.region) == nil {
            throw Self.invalid(mapping, "constant region '\(code)' is not a known region code")
        }
        let states = [mapping.region?.fallbackState].compactMap { $0 } + (mapping.region?.counties ?? []).compactMap(\.defaultState)
        if let unknown = states.first(where: { regions.state($0) == nil }) {
            throw Self.invalid(mapping, "state '\(unknown)' is not a US state code, FIPS code or name")
        }
        for rule in mapping.substances {
            if let separators = rule.separators, !separators.utf8.allSatisfy({ $0 < 128 }) {
                throw Self.invalid(mapping, "list separators '\(separators)' must be ASCII characters")
            }
            if let id = rule.substance, substances.substance(SubstanceID(rawValue: id)) == nil {
                throw Self.invalid(mapping, "substance '\(id)' is not in the substance catalogue")
            }
            if rule.flagColumn != nil, rule.substance == nil {
                throw Self.invalid(mapping, "flag column '\(rule.flagColumn!)' needs a 'substance'")
            }
        }
        columns = Self.referencedColumns(mapping)
    }

    /// Binds the mapping to an input's columns.
    /// - Throws: ``IngestError`` `missingColumn` when none of the date columns is in the input.
    public func bind(to rows: any RowSource, origin: String) throws {
        let present = try rows.bind(columns: columns)
        absentColumns = zip(columns, present).filter { !$0.1 }.map(\.0)
        slots = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        guard mapping.occurredAt.columns.contains(where: { !absentColumns.contains($0) }) else {
            throw IngestError(
                code: .missingColumn, origin: origin, line: 1,
                message: "the header has no column '\(mapping.occurredAt.columns.joined(separator: "' or '"))', which "
                    + "mapping '\(mapping.name)' reads the event date from; check the file and the --mapping option")
        }
    }

    /// Maps the current row of `rows`.
    public func map(_ rows: any RowSource) -> Mapped {
        var issues = rows.rowIssues
        var reader = CellReader(value: { [slots] name in slots[name].map { rows.value(slot: $0) } ?? .blank }, issues: [])

        let occurredAt = readTime(&reader)
        let location = readLocation(&reader)
        let region = readRegion(&reader)
        let outcome = reader.coded(mapping.outcome, field: "outcome") { text throws(DomainError) in
            try Outcome(code: text)
        }
        let naloxone = readNaloxone(&reader)
        let mentions = readSubstances(&reader)
        let sourceKind = reader.coded(mapping.sourceKind, field: "source kind") { text throws(DomainError) in
            try SourceKind(code: text)
        }
        let ageBand = readAge(&reader)
        var sex: Sex?
        if let rule = mapping.sex {
            sex = reader.coded(rule, field: "sex", optional: true) { text throws(DomainError) in try Sex.parse(text) } ?? nil
        }
        issues += reader.issues
        if location == nil, region == nil, issues.isEmpty {
            issues.append(
                RowIssue(
                    column: nil, value: nil,
                    reason: "the row has no place: give a region code or county, or latitude and longitude"))
        }

        guard issues.isEmpty, let occurredAt, let outcome, let sourceKind else {
            return .rejected(rowKey: contentKey(rows.rawBytes()), issues: issues)
        }
        let recordID = mapping.recordID.flatMap { reader.text($0) } ?? contentKey(rows.rawBytes())
        return .event(
            OverdoseEvent(
                occurredAt: occurredAt, location: location, region: region, outcome: outcome, naloxone: naloxone,
                substances: mentions, sourceKind: sourceKind, ageBand: ageBand, sex: sex,
                provenance: Provenance(sourceSystem: source, sourceRecordID: recordID, importBatch: nil)))
    }

    // MARK: Fields

    private func readTime(_ reader: inout CellReader) -> OccurrenceTime? {
        guard let (column, text) = reader.firstText(mapping.occurredAt.columns) else {
            reader.issue(
                column: mapping.occurredAt.columns.first, value: nil, reason: "the date is missing; every event needs one")
            return nil
        }
        let parsed: OccurrenceTime.Parsed?
        switch mapping.occurredAt.format {
        case "MM/dd/yyyy": parsed = Self.parseUSDate(text)
        default: parsed = OccurrenceTime.parse(iso: text)
        }
        let time: OccurrenceTime
        switch parsed {
        case nil:
            let expected = mapping.occurredAt.format == "iso8601" ? "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss±hh:mm" : "MM/DD/YYYY"
            reader.issue(column: column, value: text, reason: "'\(text)' is not a valid date; expected \(expected)")
            return nil
        case .complete(let value)?:
            time = value
        case .local(let local)?:
            guard let timeZone else {
                reader.issue(
                    column: column, value: text,
                    reason: "'\(text)' has a time but no UTC offset; add one (such as -05:00 or Z) or set the mapping's timeZone")
                return nil
            }
            time = Self.resolve(local, in: timeZone)
        }
        let date = time.localDate
        if date.year < 1900 {
            reader.issue(column: column, value: text, reason: "'\(text)' is before 1900; check the year")
            return nil
        }
        let isFuture: Bool
        if let seconds = time.epochSeconds {
            isFuture = seconds > latestAllowed
        } else {
            isFuture = Int64(date.dayNumber) * 86_400 - 14 * 3600 > latestAllowed
        }
        if isFuture {
            reader.issue(column: column, value: text, reason: "'\(text)' is in the future; check the date and its time zone")
            return nil
        }
        return time
    }

    private func readLocation(_ reader: inout CellReader) -> GeoPoint? {
        guard let rule = mapping.location else { return nil }
        if let latitudeColumn = rule.latitude, let longitudeColumn = rule.longitude {
            let latitudeText = reader.text(column: latitudeColumn)
            let longitudeText = reader.text(column: longitudeColumn)
            guard let latitudeText, let longitudeText else {
                if latitudeText != nil || longitudeText != nil {
                    reader.issue(
                        column: latitudeText == nil ? latitudeColumn : longitudeColumn, value: nil,
                        reason: "only one coordinate is given; give both latitude and longitude or neither")
                }
                return nil
            }
            guard let latitude = Double(latitudeText) else {
                reader.issue(column: latitudeColumn, value: latitudeText, reason: "'\(latitudeText)' is not a number")
                return nil
            }
            guard let longitude = Double(longitudeText) else {
                reader.issue(column: longitudeColumn, value: longitudeText, reason: "'\(longitudeText)' is not a number")
                return nil
            }
            do {
                return try GeoPoint(latitude: latitude, longitude: longitude)
            } catch {
                let column = (-90...90).contains(latitude) ? longitudeColumn : latitudeColumn
                reader.issue(column: column, value: column == latitudeColumn ? latitudeText : longitudeText, reason: error.message)
                return nil
            }
        }
        for column in rule.pointColumns ?? [] {
            guard let text = reader.text(column: column) else { continue }
            guard let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { continue }
            if rule.requirePlaceLabel == true, !text[..<open].contains(",") { continue }
            let parts = text[text.index(after: open)..<close].split(separator: ",")
            guard parts.count == 2, let latitude = Double(parts[0].trimmingWhitespace()),
                let longitude = Double(parts[1].trimmingWhitespace())
            else {
                reader.issue(column: column, value: text, reason: "the point is not of the form (latitude, longitude)")
                return nil
            }
            do {
                return try GeoPoint(latitude: latitude, longitude: longitude)
            } catch {
                reader.issue(column: column, value: text, reason: error.message)
                return nil
            }
        }
        return nil
    }

    private func readRegion(_ reader: inout CellReader) -> RegionCode? {
        guard let rule = mapping.region else { return nil }
        if let constant = rule.constant { return try? RegionCode(parsing: constant) }
        if let codeColumns = rule.columns, let (column, text) = reader.firstText(codeColumns) {
            do {
                let code = try RegionCode(parsing: text)
                guard regions.region(code) != nil else {
                    reader.issue(
                        column: column, value: text,
                        reason: "'\(text)' is not a known \(code.level == .country ? "ISO country" : "\(code.level) FIPS") code")
                    return nil
                }
                return code
            } catch {
                reader.issue(column: column, value: text, reason: error.message)
                return nil
            }
        }
        var unresolved: [(column: String, name: String)] = []
        for pair in rule.counties ?? [] {
            guard let name = reader.text(column: pair.county) else { continue }
            let state = pair.state.flatMap { reader.text(column: $0) } ?? pair.defaultState
            if let state, let county = regions.county(named: name, inState: state) { return county.code }
            unresolved.append((pair.county, name + (state.map { " (\($0))" } ?? "")))
        }
        if let fallback = rule.fallbackState, let state = regions.state(fallback) { return state.code }
        if let first = unresolved.first {
            reader.issue(
                column: first.column, value: first.name,
                reason: "no county named \(unresolved.map { "'\($0.name)'" }.joined(separator: ", ")) is known")
        }
        return nil
    }

    private func readNaloxone(_ reader: inout CellReader) -> Naloxone? {
        guard let rule = mapping.naloxone else { return nil }
        if let column = rule.dosesColumn, let text = reader.text(column: column) {
            guard let doses = Int(text), doses >= 0, doses <= 50 else {
                reader.issue(column: column, value: text, reason: "'\(text)' is not a number of doses from 0 to 50")
                return nil
            }
            return Naloxone(doses: doses)
        }
        if let column = rule.givenColumn, let text = reader.text(column: column) {
            let key = text.lowercased()
            if (rule.given ?? ["true", "yes", "y", "1"]).contains(where: { $0.lowercased() == key }) { return .given(doses: nil) }
            if (rule.notGiven ?? ["false", "no", "n", "0"]).contains(where: { $0.lowercased() == key }) { return .notGiven }
            if (rule.unknown ?? ["na", "unknown", "u"]).contains(where: { $0.lowercased() == key }) { return nil }
            reader.issue(column: column, value: text, reason: "'\(text)' is not a naloxone flag (such as TRUE, FALSE or NA)")
        }
        return nil
    }

    private func readSubstances(_ reader: inout CellReader) -> [SubstanceMention] {
        var mentions: [SubstanceMention] = []
        for rule in mapping.substances {
            if let constant = rule.constant { addFreeText(constant, rule.certainty, to: &mentions) }
            if let column = rule.flagColumn, let id = rule.substance, let text = reader.text(column: column) {
                let upper = text.uppercased()
                if upper.hasPrefix("Y") || upper == "P" || upper == "POS" || upper == "POSITIVE" {
                    Self.add(SubstanceMention(substance: SubstanceID(rawValue: id), text: column, certainty: rule.certainty), to: &mentions)
                } else if !["N", "NO", "NEG", "NEGATIVE"].contains(upper) {
                    addFreeText(text, rule.certainty, to: &mentions)
                }
            }
            let separators = Array((rule.separators ?? ";").utf8)
            for column in rule.listColumns ?? [] {
                guard let text = reader.text(column: column) else { continue }
                guard text.utf8.contains(where: separators.contains) else {
                    addFreeText(text, rule.certainty, to: &mentions)
                    continue
                }
                for item in text.utf8.split(whereSeparator: separators.contains) {
                    let mention = Substring(item).trimmingWhitespace()
                    if !mention.isEmpty { addFreeText(String(mention), rule.certainty, to: &mentions) }
                }
            }
        }
        return mentions
    }

    /// Adds a free-text mention, resolved through the catalogue; unknown ones are counted.
    private func addFreeText(_ text: String, _ certainty: SubstanceMention.Certainty, to mentions: inout [SubstanceMention]) {
        let id = resolve(text)
        if id == nil { unknownMentions[text, default: 0] += 1 }
        Self.add(SubstanceMention(substance: id, text: text, certainty: certainty), to: &mentions)
    }

    /// Appends a mention unless the event already names the same substance (or the same unknown text).
    private static func add(_ mention: SubstanceMention, to mentions: inout [SubstanceMention]) {
        let isRepeat = mentions.contains { existing in
            mention.substance != nil ? existing.substance == mention.substance
                : (existing.substance == nil && existing.text == mention.text)
        }
        if !isRepeat { mentions.append(mention) }
    }

    private func resolve(_ text: String) -> SubstanceID? {
        if let cached = resolvedMentions[text] { return cached }
        let id = substances.resolve(text)
        resolvedMentions[text] = id
        return id
    }

    private func readAge(_ reader: inout CellReader) -> AgeBand? {
        guard let rule = mapping.age else { return nil }
        if let column = rule.yearsColumn, let text = reader.text(column: column) {
            guard let years = Int(text) else {
                reader.issue(column: column, value: text, reason: "age '\(text)' is not a whole number of years")
                return nil
            }
            do { return try AgeBand(age: years) } catch {
                reader.issue(column: column, value: text, reason: error.message)
                return nil
            }
        }
        if let column = rule.bandColumn, let text = reader.text(column: column) {
            do { return try AgeBand(label: text) } catch {
                reader.issue(column: column, value: text, reason: error.message)
            }
        }
        return nil
    }

    // MARK: Helpers

    /// A key for a row's content, `sha256:<first 128 bits>`, with `#n` for the n-th repeat of the
    /// same text in this input.
    private func contentKey(_ raw: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(raw)
        let digest = hasher.finalize()
        var words = SIMD2<UInt64>(0, 0)
        for index in 0..<8 {
            words[0] = words[0] << 8 | UInt64(digest[index])
            words[1] = words[1] << 8 | UInt64(digest[index + 8])
        }
        let occurrence = seenRows[words, default: 0] + 1
        seenRows[words] = occurrence
        let hex = digest[0..<16].map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
        return "sha256:" + hex.joined() + (occurrence > 1 ? "#\(occurrence)" : "")
    }

    /// Reads `M/D/YYYY`, optionally followed by a space and `h:mm[:ss]`.
    static func parseUSDate(_ text: String) -> OccurrenceTime.Parsed? {
        let pieces = text.split(separator: " ", maxSplits: 1)
        let parts = pieces[0].split(separator: "/")
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        guard pieces.count == 2 else { return .complete(.day(date)) }
        let clock = pieces[1].split(separator: ":")
        guard (2...3).contains(clock.count), let hour = Int(clock[0]), let minute = Int(clock[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) : 0
        guard let second, (0..<60).contains(second) else { return nil }
        return .local(LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60 + second))
    }

    /// The instant of a wall-clock time in a time zone (the later offset in a repeated hour).
    static func resolve(_ local: LocalDateTime, in timeZone: TimeZone) -> OccurrenceTime {
        let wall = local.wallClockSeconds
        let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall)))
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - Int64(first))))
        return .instant(epochSeconds: wall - Int64(offset), utcOffsetSeconds: offset)
    }

    private static func referencedColumns(_ mapping: EventMapping) -> [String] {
        var names: [String] = []
        func add(_ column: String?) { if let column, !names.contains(column) { names.append(column) } }
        func add(_ rule: ValueRule?) { rule?.columns?.forEach { add($0) } }
        add(mapping.recordID)
        mapping.occurredAt.columns.forEach { add($0) }
        add(mapping.location?.latitude)
        add(mapping.location?.longitude)
        mapping.location?.pointColumns?.forEach { add($0) }
        mapping.region?.columns?.forEach { add($0) }
        for pair in mapping.region?.counties ?? [] {
            add(pair.county)
            add(pair.state)
        }
        add(mapping.outcome)
        add(mapping.naloxone?.dosesColumn)
        add(mapping.naloxone?.givenColumn)
        for rule in mapping.substances {
            add(rule.flagColumn)
            rule.listColumns?.forEach { add($0) }
        }
        add(mapping.sourceKind)
        add(mapping.age?.yearsColumn)
        add(mapping.age?.bandColumn)
        add(mapping.sex)
        return names
    }

    private static func invalid(_ mapping: EventMapping, _ message: String) -> IngestError {
        IngestError(code: .invalidMapping, origin: mapping.name, message: "mapping '\(mapping.name)': " + message)
    }
}
