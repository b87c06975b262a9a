public import VigilCore

/// How drug-market evidence joins overdose alerts: the `drugMarket` section of the alerting
/// configuration. Every field may be left out of the file; the defaults are listed with each.
///
/// ```json
/// "drugMarket": { "radiusKm": 50, "daysBefore": 28, "dangerousClasses": ["nitazene", "alpha2-agonist"], "watchDays": 28 }
/// ```
public struct DrugMarketSettings: Hashable, Sendable, Codable {
    /// Samples with coordinates within this distance of a space-time cluster's edge count as near it; 50 km.
    public var radiusKm: Double
    /// Samples collected up to this many days before an alert's first day count as near it; 28.
    public var daysBefore: Int
    /// A substance first seen in the area within this many days before the search window is new to
    /// the area; 365 (the area's samples are looked at over that long).
    public var newWithinDays: Int
    /// Substance classes whose presence raises an overdose alert to red, and whose first appearance in
    /// a region puts the region on watch: fentanyl analogues (carfentanil…), nitazenes and
    /// alpha-2 agonists (xylazine, medetomidine) by default.
    public var dangerousClasses: [SubstanceClass]
    /// Further substances treated as dangerous, by catalogue id or unknown name in lower case.
    public var dangerousSubstances: [String]
    /// How long a region stays on watch after a dangerous substance first appears there; 28 days.
    public var watchDays: Int
    /// On watch, EARS and Farrington alpha is multiplied by this (at most 0.2); 10.
    public var watchAlphaFactor: Double
    /// On watch, CUSUM's h and glrnb's threshold are multiplied by this; 0.5.
    public var watchHFactor: Double
    /// On watch, alarms need at least this many events; 2.
    public var watchMinimumObserved: Int

    /// The defaults.
    public static let standard = DrugMarketSettings()

    /// Creates settings; every argument has its documented default.
    public init(
        radiusKm: Double = 50, daysBefore: Int = 28, newWithinDays: Int = 365,
        dangerousClasses: [SubstanceClass] = [.fentanylAnalogue, .nitazene, .alpha2Agonist], dangerousSubstances: [String] = [],
        watchDays: Int = 28, watchAlphaFactor: Double = 10, watchHFactor: Double = 0.5, watchMinimumObserved: Int = 2
    ) {
        self.radiusKm = radiusKm
        self.daysBefore = daysBefore
        self.newWithinDays = newWithinDays
        self.dangerousClasses = dangerousClasses
        self.dangerousSubstances = dangerousSubstances
        self.watchDays = watchDays
        self.watchAlphaFactor = watchAlphaFactor
        self.watchHFactor = watchHFactor
        self.watchMinimumObserved = watchMinimumObserved
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DrugMarketSettings()
        radiusKm = try container.decodeIfPresent(Double.self, forKey: .radiusKm) ?? defaults.radiusKm
        daysBefore = try container.decodeIfPresent(Int.self, forKey: .daysBefore) ?? defaults.daysBefore
        newWithinDays = try container.decodeIfPresent(Int.self, forKey: .newWithinDays) ?? defaults.newWithinDays
        dangerousClasses = try container.decodeIfPresent([SubstanceClass].self, forKey: .dangerousClasses) ?? defaults.dangerousClasses
        dangerousSubstances = try container.decodeIfPresent([String].self, forKey: .dangerousSubstances) ?? defaults.dangerousSubstances
        watchDays = try container.decodeIfPresent(Int.self, forKey: .watchDays) ?? defaults.watchDays
        watchAlphaFactor = try container.decodeIfPresent(Double.self, forKey: .watchAlphaFactor) ?? defaults.watchAlphaFactor
        watchHFactor = try container.decodeIfPresent(Double.self, forKey: .watchHFactor) ?? defaults.watchHFactor
        watchMinimumObserved = try container.decodeIfPresent(Int.self, forKey: .watchMinimumObserved) ?? defaults.watchMinimumObserved
    }

    /// What is wrong with the settings, if anything (for a configuration file's error message).
    var problem: String? {
        if !(radiusKm >= 0 && radiusKm <= 20_000) { return "drugMarket.radiusKm \(radiusKm) must be within 0…20000" }
        if !(0...3650).contains(daysBefore) { return "drugMarket.daysBefore \(daysBefore) must be within 0…3650" }
        if !(0...3650).contains(newWithinDays) { return "drugMarket.newWithinDays \(newWithinDays) must be within 0…3650" }
        if !(0...3650).contains(watchDays) { return "drugMarket.watchDays \(watchDays) must be within 0…3650" }
        if !(watchAlphaFactor >= 1 && watchAlphaFactor <= 1000) { return "drugMarket.watchAlphaFactor \(watchAlphaFactor) must be within 1…1000" }
        if !(watchHFactor > 0 && watchHFactor <= 1) { return "drugMarket.watchHFactor \(watchHFactor) must be within (0, 1]" }
        if watchMinimumObserved < 1 { return "drugMarket.watchMinimumObserved must be at least 1" }
        return nil
    }

    /// Whether a substance (catalogue id or unknown name in lower case) is dangerous.
    public func isDangerous(_ key: String, catalog: SubstanceCatalog = .standard) -> Bool {
        if dangerousSubstances.contains(key) { return true }
        guard let substance = catalog.substance(SubstanceID(rawValue: key)) else { return false }
        return dangerousClasses.contains(substance.substanceClass)
    }

    /// A substance's name for people: the catalogue name, or the key as recorded.
    static func name(of key: String, catalog: SubstanceCatalog = .standard) -> String {
        catalog.substance(SubstanceID(rawValue: key))?.name ?? key
    }
}
