public import VigilDetection

/// The temporal detectors `vigil detect --method` offers, built from command-line options.
public enum DetectorCatalog {
    /// The method names.
    public static let methods = [
        "ears-c1", "ears-c2", "ears-c3", "ears-c3-cdc", "cusum", "glrnb", "farrington", "noufaily", "regression", "ewma",
        "switch",
    ]

    /// The methods that model the day of the week and need daily series.
    public static let dailyOnlyMethods: Set<String> = ["regression", "ewma", "switch"]

    /// Options that override the reference defaults; `nil` keeps the default.
    public struct Options: Sendable {
        public var alpha: Double?
        public var baseline: Int?
        public var years: Int?
        public var halfWindow: Int?
        public var k: Double?
        public var h: Double?
        public var training: Int?
        public var guardBand: Int?

        public init(
            alpha: Double? = nil, baseline: Int? = nil, years: Int? = nil, halfWindow: Int? = nil, k: Double? = nil,
            h: Double? = nil, training: Int? = nil, guardBand: Int? = nil
        ) {
            self.guardBand = guardBand
            self.alpha = alpha
            self.baseline = baseline
            self.years = years
            self.halfWindow = halfWindow
            self.k = k
            self.h = h
            self.training = training
        }
    }

    /// Builds the detector for a method.
    /// - Parameter interval: The series' interval, which sets the default training period of
    ///   CUSUM and glrnb (one year: 52 weeks or 365 days).
    /// - Throws: ``VigilDetection/DetectionError`` for an unknown method, invalid parameters, or a
    ///   day-of-week method on weekly series.
    public static func makeDetector(method: String, options: Options, interval: CountSeries.Interval) throws(DetectionError)
        -> any Detector
    {
        if dailyOnlyMethods.contains(method), interval != .day {
            throw DetectionError(code: .invalidParameter, message: "\(method) models the day of the week and needs daily series")
        }
        let year = interval.periodsPerYear
        switch method {
        case "ears-c1", "ears-c2", "ears-c3", "ears-c3-cdc":
            return try EARSDetector(
                .init(variant: EARSDetector.Variant(rawValue: method)!, alpha: options.alpha, baseline: options.baseline ?? 7))
        case "cusum":
            return try CUSUMDetector(.init(k: options.k ?? 1.04, h: options.h ?? 2.26, training: options.training ?? year))
        case "glrnb":
            return try GLRNegativeBinomialDetector(.init(threshold: options.h ?? 5, training: options.training ?? year))
        case "farrington", "noufaily":
            var parameters: FarringtonDetector.Parameters = method == "farrington" ? .original : .noufaily
            parameters.alpha = options.alpha ?? parameters.alpha
            parameters.years = options.years
            parameters.halfWindow = options.halfWindow ?? parameters.halfWindow
            return try FarringtonDetector(parameters, method: method)
        case "regression":
            return try AdaptiveRegressionDetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? 0.05))
        case "ewma":
            return try EWMADetector(.init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? 0.05))
        case "switch":
            return try RegressionEWMASwitchDetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? 0.05))
        default:
            throw DetectionError(
                code: .invalidParameter, message: "unknown method '\(method)'; use one of \(methods.joined(separator: ", "))")
        }
    }

    /// Runs a method on series with options.
    /// - Parameter requireHistory: Refuse series too short for the method to judge any period
    ///   (the file interface does; detection on the store skips them quietly).
    /// - Throws: ``VigilDetection/DetectionError`` as ``makeDetector(method:options:interval:)``,
    ///   and for a series shorter than the method's history when `requireHistory` is set.
    public static func run(
        method: String, options: Options, on series: [CountSeries], lastPeriods: Int? = nil, requireHistory: Bool = false
    ) throws(DetectionError) -> [DetectionResult] {
        guard let interval = series.first?.interval else { return [] }
        if let mixed = series.first(where: { $0.interval != interval }) {
            throw DetectionError(code: .invalidInput, message: "series '\(mixed.name)' has another interval than '\(series[0].name)'")
        }
        let detector = try makeDetector(method: method, options: options, interval: interval)
        if requireHistory, let short = series.first(where: { $0.counts.count <= detector.minimumHistory }) {
            throw DetectionError(
                code: .invalidParameter,
                message: "series '\(short.name)' has \(short.counts.count) periods; \(method) needs more than "
                    + "\(detector.minimumHistory) (its baseline or training) to judge any: use a longer series or a shorter baseline")
        }
        return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
    }
}
