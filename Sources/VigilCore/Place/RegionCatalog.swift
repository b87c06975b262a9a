/// Every region Vigil knows: ISO 3166-1 countries, US states and territories, and US counties
/// (2017 Census gazetteer, plus Connecticut's 2022 planning regions beside its 8 legacy counties).
///
/// Look regions up by code, or by a county name within a state as sources write it
/// ("NEW HAVEN", "New Haven County", "St. Mary's"). See `Data/regions/README.md` for sources.
public struct RegionCatalog: Sendable {
    private let byCode: [RegionCode: Region]
    private let countiesByStateAndName: [String: RegionCode]
    private let statesByKey: [String: RegionCode]

    /// The catalogue built from the data embedded in VigilCore.
    public static let standard = RegionCatalog(table: embeddedTable)

    /// Builds a catalogue from table text (one region a line; see `RegionTable.swift`).
    init(table: String) {
        var byCode: [RegionCode: Region] = [:]
        var counties: [String: RegionCode] = [:]
        var states: [String: RegionCode] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 6, let code = RegionCode(rawValue: parts[1]) else {
                preconditionFailure("malformed embedded region line: \(line)")
            }
            let centroid = Double(parts[4]).flatMap { lat in Double(parts[5]).flatMap { try? GeoPoint(latitude: lat, longitude: $0) } }
            let region = Region(
                code: code, name: parts[2], stateUSPS: parts[3].isEmpty ? nil : parts[3], centroid: centroid,
                population: parts.count > 6 ? Int(parts[6]) : nil)
            byCode[code] = region
            switch code.level {
            case .county:
                let key = parts[3] + "|" + Self.nameKey(parts[2])
                // A county and an independent city can share a stem (Fairfax County, Fairfax city);
                // the city keeps "CITY" in its key, so the county wins the bare name.
                if counties[key] == nil { counties[key] = code }
            case .state:
                states[parts[3].uppercased()] = code
                states[Self.nameKey(parts[2])] = code
                states[code.rawValue] = code
            case .country:
                break
            }
        }
        self.byCode = byCode
        self.countiesByStateAndName = counties
        self.statesByKey = states
    }

    /// The region with this code, or `nil` when the catalogue has none.
    public func region(_ code: RegionCode) -> Region? { byCode[code] }

    /// All regions at one level, sorted by code.
    public func regions(at level: RegionCode.Level) -> [Region] {
        byCode.values.filter { $0.level == level }.sorted { $0.code < $1.code }
    }

    /// The state for a USPS code ("CT"), a FIPS code ("09") or a name ("Connecticut"), any case.
    public func state(_ text: some StringProtocol) -> Region? {
        let trimmed = String(text.trimmingWhitespace())
        let key = trimmed.utf8.count == 2 ? trimmed.uppercased() : Self.nameKey(trimmed)
        return statesByKey[key].flatMap { byCode[$0] }
    }

    /// The county (or county-equivalent) called `name` in `state`, ignoring case, punctuation and
    /// the words "County", "Parish", "Borough", "Census Area", "Municipio" and "Planning Region".
    ///
    /// - Parameters:
    ///   - name: The county name as a source writes it, such as "NEW HAVEN".
    ///   - state: The state as a USPS code, FIPS code or name.
    /// - Returns: The county, or `nil` when the state or the name is unknown.
    public func county(named name: some StringProtocol, inState state: some StringProtocol) -> Region? {
        guard let usps = self.state(state)?.stateUSPS else { return nil }
        return countiesByStateAndName[usps + "|" + Self.nameKey(String(name))].flatMap { byCode[$0] }
    }

    /// The lookup key of a place name: upper case, letters and digits only, single spaces, without
    /// the generic suffix of a county-equivalent, and "SAINT" written "ST".
    static func nameKey(_ name: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in name.uppercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "’" && !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        let suffixes: [[String]] = [
            ["CITY", "AND", "BOROUGH"], ["PLANNING", "REGION"], ["CENSUS", "AREA"], ["COUNTY"], ["PARISH"],
            ["BOROUGH"], ["MUNICIPIO"], ["MUNICIPALITY"],
        ]
        for suffix in suffixes where words.count > suffix.count && Array(words.suffix(suffix.count)) == suffix {
            words.removeLast(suffix.count)
            break
        }
        return words.map { $0 == "SAINT" ? "ST" : $0 }.joined(separator: " ")
    }
}
