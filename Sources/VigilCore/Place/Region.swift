/// A country, US state or US county known to Vigil's region catalogue.
public struct Region: Hashable, Sendable, Codable {
    /// The region's code; its level follows from the code's shape.
    public var code: RegionCode
    /// The official name, such as "New Haven County" or "Capitol Planning Region".
    public var name: String
    /// The USPS code of the state the region lies in (or is), such as "CT"; `nil` for countries.
    public var stateUSPS: String?
    /// A representative point (the Census internal point or an area-weighted centroid); `nil`
    /// for states and countries.
    public var centroid: GeoPoint?
    /// The resident population, when the catalogue has it.
    public var population: Int?

    /// Creates a region record.
    public init(code: RegionCode, name: String, stateUSPS: String?, centroid: GeoPoint?, population: Int?) {
        self.code = code
        self.name = name
        self.stateUSPS = stateUSPS
        self.centroid = centroid
        self.population = population
    }

    /// The administrative level.
    public var level: RegionCode.Level { code.level }

    /// Connecticut has two county code sets: the 8 legacy counties (09001–09015), still used by
    /// older data such as the OCME death file, and the 9 planning regions (09110–09190) that the
    /// Census Bureau has used since 2022. Both are valid; this says which one a code belongs to.
    public var connecticutCodeSet: ConnecticutCodeSet? {
        guard level == .county, code.rawValue.hasPrefix("09") else { return nil }
        return Int(code.rawValue.suffix(3)).map { $0 >= 100 ? .planningRegions2022 : .legacyCounties } ?? nil
    }

    /// The two Connecticut county code sets.
    public enum ConnecticutCodeSet: String, Hashable, Sendable, Codable {
        /// The 8 historical counties, FIPS 09001–09015.
        case legacyCounties
        /// The 9 planning regions, FIPS 09110–09190, county-equivalents since 2022.
        case planningRegions2022
    }
}
