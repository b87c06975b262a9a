import Foundation
public import VigilCore

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
        /// EARS baseline, Farrington years, CUSUM reference value and training, as for `vigil detect`.
        public var baseline: Int?
        public var years: Int?
        public var k: Double?
        public var training: Int?

        /// A rule with the method's defaults.
        public init(method: String) { self.method = method }
    }

    /// A new alarm within this many days after an alert's last period continues that alert
    /// instead of opening a new one; default 7.
    public var continuationDays: Int
    /// The rules for jurisdictions not listed.
    public var `default`: [Rule]
    /// Rules by county or state code.
    public var jurisdictions: [String: [Rule]]

    /// EARS C2 and Farrington–Noufaily everywhere, alerts continuing over 7 days.
    public static let standard = AlertingConfiguration(
        continuationDays: 7, default: [Rule(method: "ears-c2"), Rule(method: "noufaily")], jurisdictions: [:])

    /// Creates a configuration.
    public init(continuationDays: Int, default rules: [Rule], jurisdictions: [String: [Rule]]) {
        self.continuationDays = continuationDays
        self.default = rules
        self.jurisdictions = jurisdictions
    }

    /// Reads a configuration file.
    /// - Throws: an error naming the file and what is wrong when it is not valid.
    public static func load(path: String) throws -> AlertingConfiguration {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let configuration: AlertingConfiguration
        do {
            configuration = try JSONDecoder().decode(AlertingConfiguration.self, from: data)
        } catch {
            throw ConfigurationError(message: "\(path) is not a valid alerting configuration: \(error)")
        }
        for rule in configuration.default + configuration.jurisdictions.values.flatMap({ $0 })
        where !DetectorCatalog.methods.contains(rule.method) {
            throw ConfigurationError(
                message: "\(path): unknown method '\(rule.method)'; use one of \(DetectorCatalog.methods.joined(separator: ", "))")
        }
        return configuration
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
