/// The weights and rules of a screening, read from a JSON file (`vigil screen --weights FILE`);
/// keys left out keep their defaults.
///
/// ```json
/// {
///   "weights": { "controlled-match": 50, "no-pen": 20, "importer-objected": 40 },
///   "watchedPorts": ["Port A"],
///   "flagThreshold": 20
/// }
/// ```
public struct RiskSettings: Hashable, Sendable, Codable {
    /// Points per factor (for `controlled-match`, the points at confidence 1).
    public var weights: [RiskFactor: Double]
    /// Transshipment ports that add `watched-transshipment` (compared case-insensitively).
    public var watchedPorts: [String]
    /// Lines at or above this risk are flagged.
    public var flagThreshold: Double
    /// Matches below this confidence are not reported.
    public var minimumConfidence: Double
    /// How much more than the notified quantity is tolerated, as a fraction (0.1 is 10 %).
    public var quantityTolerance: Double
    /// How many days before the notification's expected dispatch date a shipment may be dated.
    public var daysBeforeDispatch: Int
    /// How many days after it.
    public var daysAfterDispatch: Int

    /// The default settings.
    public static let standard = RiskSettings(
        weights: [
            .controlledMatch: 50, .casCheckDigit: 15, .hsMismatch: 15, .noPEN: 20, .quantityAbovePEN: 15,
            .consigneeDiffersFromPEN: 10, .routeDiffersFromPEN: 10, .importerObjected: 40, .watchedTransshipment: 10, .newConsignee: 5,
        ],
        watchedPorts: [], flagThreshold: 20, minimumConfidence: 0.6, quantityTolerance: 0.1, daysBeforeDispatch: 30,
        daysAfterDispatch: 60)

    /// Creates settings.
    public init(
        weights: [RiskFactor: Double], watchedPorts: [String], flagThreshold: Double, minimumConfidence: Double,
        quantityTolerance: Double, daysBeforeDispatch: Int, daysAfterDispatch: Int
    ) {
        self.weights = weights
        self.watchedPorts = watchedPorts
        self.flagThreshold = flagThreshold
        self.minimumConfidence = minimumConfidence
        self.quantityTolerance = quantityTolerance
        self.daysBeforeDispatch = daysBeforeDispatch
        self.daysAfterDispatch = daysAfterDispatch
    }

    /// The points of a factor (0 when unweighted).
    public func weight(_ factor: RiskFactor) -> Double { weights[factor] ?? 0 }

    private enum CodingKeys: String, CodingKey {
        case weights, watchedPorts, flagThreshold, minimumConfidence, quantityTolerance, daysBeforeDispatch, daysAfterDispatch
    }

    /// Reads settings, keeping the defaults for keys left out.
    /// - Throws: `DecodingError` for an unknown factor name or a value of the wrong type, and
    ///   ``PrecursorError`` `invalidSetting` for a negative weight or tolerance.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var settings = Self.standard
        if let weights = try container.decodeIfPresent([String: Double].self, forKey: .weights) {
            for (name, weight) in weights {
                guard let factor = RiskFactor(rawValue: name) else {
                    throw PrecursorError(
                        code: .invalidSetting,
                        message: "unknown risk factor '\(name)' in weights; use one of "
                            + RiskFactor.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard weight >= 0, weight.isFinite else {
                    throw PrecursorError(code: .invalidSetting, message: "the weight of '\(name)' is \(weight); weights are 0 or more")
                }
                settings.weights[factor] = weight
            }
        }
        settings.watchedPorts = try container.decodeIfPresent([String].self, forKey: .watchedPorts) ?? settings.watchedPorts
        settings.flagThreshold = try container.decodeIfPresent(Double.self, forKey: .flagThreshold) ?? settings.flagThreshold
        settings.minimumConfidence = try container.decodeIfPresent(Double.self, forKey: .minimumConfidence) ?? settings.minimumConfidence
        settings.quantityTolerance = try container.decodeIfPresent(Double.self, forKey: .quantityTolerance) ?? settings.quantityTolerance
        settings.daysBeforeDispatch = try container.decodeIfPresent(Int.self, forKey: .daysBeforeDispatch) ?? settings.daysBeforeDispatch
        settings.daysAfterDispatch = try container.decodeIfPresent(Int.self, forKey: .daysAfterDispatch) ?? settings.daysAfterDispatch
        guard settings.quantityTolerance >= 0, settings.daysBeforeDispatch >= 0, settings.daysAfterDispatch >= 0 else {
            throw PrecursorError(code: .invalidSetting, message: "quantityTolerance and the dispatch windows must be 0 or more")
        }
        self = settings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: weights.map { ($0.key.rawValue, $0.value) }), forKey: .weights)
        try container.encode(watchedPorts, forKey: .watchedPorts)
        try container.encode(flagThreshold, forKey: .flagThreshold)
        try container.encode(minimumConfidence, forKey: .minimumConfidence)
        try container.encode(quantityTolerance, forKey: .quantityTolerance)
        try container.encode(daysBeforeDispatch, forKey: .daysBeforeDispatch)
        try container.encode(daysAfterDispatch, forKey: .daysAfterDispatch)
    }
}
