import Foundation
public import VigilCore
import VigilDetection
import VigilIngest

/// Which detectors run on which jurisdictions, and how strict they are: read from a JSON file
/// (`vigil detect --from-store --config FILE`) or the defaults.
///
/// ```json
/// {
///   "continuationDays": 7,
///   "default": [{ "method": "ears-c2" }, { "method": "noufaily" }],
///   "jurisdictions": {
///     "09": [{ "method": "ears-c2", "alpha": 0.005, "redAlpha": 0.0005 }],
///     "42003": [{ "method": "cusum", "h": 3, "redH": 6 }]
///   }
/// }
/// ```
///
/// A series uses the rules of its county code if listed, else of its state code, else `default`.
/// An optional `drugMarket` section (``DrugMarketSettings``) sets how drug samples join alerts.
public struct AlertingConfiguration: Hashable, Sendable, Codable {
    /// One detector and its thresholds. Unset values keep the method's reference defaults.
    public struct Rule: Hashable, Sendable, Codable {
        /// The method, as `vigil detect --method` names it.
        public var method: String
        /// The significance level of a (yellow) alarm, for EARS and Farrington.
        public var alpha: Double?
        /// The stricter level of a red alarm; default alpha / 10.
        public var redAlpha: Double?
        /// CUSUM's decision interval (default 2.26), or the GLR threshold of `glrnb` (default 5), for
        /// a (yellow) alarm.
        public var h: Double?
        /// The same for a red alarm; default 2·h.
        public var redH: Double?
        /// Alarms on fewer events than this raise no alert; default 3. (A lone event after an empty
        /// baseline is an EARS alarm, since the baseline's standard deviation is 0.)
        public var minimumObserved: Int?
        /// The EARS or ESSENCE baseline length, as `vigil detect --baseline`.
        public var baseline: Int?
        /// Farrington's years back, as `vigil detect --years`.
        public var years: Int?
        /// CUSUM's reference value, as `vigil detect --k`.
        public var k: Double?
        /// CUSUM's or glrnb's training periods, as `vigil detect --training`.
        public var training: Int?

        /// A rule with the method's defaults.
        public init(method: String) { self.method = method }

        /// The detector options of a (yellow) alarm.
        var yellowOptions: DetectorCatalog.Options {
            DetectorCatalog.Options(alpha: alpha, baseline: baseline, years: years, k: k, h: h, training: training)
        }
    }

    /// A new alarm within this many days after an alert's last period continues that alert
    /// instead of opening a new one; default 7.
    public var continuationDays: Int
    /// The rules for jurisdictions not listed.
    public var `default`: [Rule]
    /// Rules by county or state code.
    public var jurisdictions: [String: [Rule]]
    /// How drug-market evidence joins overdose alerts, and how a region goes on watch.
    public var drugMarket: DrugMarketSettings

    /// EARS C2 and Farrington–Noufaily everywhere, alerts continuing over 7 days.
    public static let standard = AlertingConfiguration(
        continuationDays: 7, default: [Rule(method: "ears-c2"), Rule(method: "noufaily")], jurisdictions: [:])

    /// Creates a configuration.
    public init(
        continuationDays: Int, default rules: [Rule], jurisdictions: [String: [Rule]], drugMarket: DrugMarketSettings = .standard
    ) {
        self.continuationDays = continuationDays
        self.default = rules
        self.jurisdictions = jurisdictions
        self.drugMarket = drugMarket
    }

    /// Reads a configuration file; `continuationDays` (7) and `jurisdictions` (none) may be left out.
    /// - Throws: ``ConfigurationError`` naming the file and the field that is wrong.
    public static func load(path: String) throws -> AlertingConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(message: "cannot read the alerting configuration '\(path)'; check the --config path")
        }
        let configuration: AlertingConfiguration
        do {
            configuration = try JSONDecoder().decode(AlertingConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError(message: "\(path) is not a valid alerting configuration: \(error.readableDescription)")
        }
        guard (0...366).contains(configuration.continuationDays) else {
            throw ConfigurationError(message: "\(path): continuationDays \(configuration.continuationDays) must be within 0…366")
        }
        if let problem = configuration.drugMarket.problem { throw ConfigurationError(message: "\(path): \(problem)") }
        for (key, rules) in [("default", configuration.default)] + configuration.jurisdictions.map({ ($0.key, $0.value) }) {
            if key != "default", (try? RegionCode(parsing: key)).map({ $0.level == .country }) != false {
                throw ConfigurationError(
                    message: "\(path): jurisdiction '\(key)' is not a state (09) or county (09009) FIPS code")
            }
            for rule in rules {
                do {
                    _ = try DetectorCatalog.makeDetector(
                        method: rule.method, options: rule.yellowOptions, interval: DetectorCatalog.dailyOnlyMethods.contains(rule.method) ? .day : .week)
                } catch {
                    throw ConfigurationError(message: "\(path): jurisdiction '\(key)', method '\(rule.method)': \(error.message)")
                }
                if let red = rule.redAlpha, red > (rule.alpha ?? 1) || !(red >= 1e-12) {
                    throw ConfigurationError(message: "\(path): jurisdiction '\(key)': redAlpha \(red) must be at least 1e-12 and no more than alpha")
                }
                if let red = rule.redH, red < (rule.h ?? 0) {
                    throw ConfigurationError(message: "\(path): jurisdiction '\(key)': redH \(red) must not be below h")
                }
            }
        }
        return configuration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        continuationDays = try container.decodeIfPresent(Int.self, forKey: .continuationDays) ?? 7
        `default` = try container.decode([Rule].self, forKey: .default)
        jurisdictions = try container.decodeIfPresent([String: [Rule]].self, forKey: .jurisdictions) ?? [:]
        drugMarket = try container.decodeIfPresent(DrugMarketSettings.self, forKey: .drugMarket) ?? .standard
    }

    /// The rules for a region: its own, its state's, or the default.
    public func rules(for region: RegionCode) -> [Rule] {
        jurisdictions[region.rawValue] ?? region.stateCode.flatMap { jurisdictions[$0.rawValue] } ?? `default`
    }
}

/// An alerting configuration file that cannot be used.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and where.
    public var message: String
    public var description: String { message }
}
