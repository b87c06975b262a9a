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

    /// Runs a method on series with options.
    /// - Parameter interval: The series' interval, which sets CUSUM's default training period
    ///   (one year: 52 weeks or 365 days).
    /// - Throws: ``VigilDetection/DetectionError`` for an unknown method or invalid parameters.
    public static func run(
        method: String, options: Options, on series: [CountSeries], lastPeriods: Int? = nil
    ) throws(DetectionError) -> [DetectionResult] {
        if dailyOnlyMethods.contains(method), let weekly = series.first(where: { $0.interval != .day }) {
            throw DetectionError(
                code: .invalidParameter,
                message: "\(method) models the day of the week and needs daily series; '\(weekly.name)' is weekly")
        }
        switch method {
        case "ears-c1", "ears-c2", "ears-c3", "ears-c3-cdc":
            let detector = try EARSDetector(
                .init(variant: EARSDetector.Variant(rawValue: method)!, alpha: options.alpha, baseline: options.baseline ?? 7))
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        case "cusum":
            let training = options.training ?? (series.first?.interval.periodsPerYear ?? 52)
            let detector = try CUSUMDetector(.init(k: options.k ?? 1.04, h: options.h ?? 2.26, training: training))
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        case "glrnb":
            let training = options.training ?? (series.first?.interval.periodsPerYear ?? 52)
            let detector = try GLRNegativeBinomialDetector(.init(threshold: options.h ?? 5, training: training))
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        case "farrington", "noufaily":
            var parameters: FarringtonDetector.Parameters = method == "farrington" ? .original : .noufaily
            parameters.alpha = options.alpha ?? parameters.alpha
            parameters.years = options.years
            parameters.halfWindow = options.halfWindow ?? parameters.halfWindow
            let detector = try FarringtonDetector(parameters, method: method)
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        case "regression":
            let detector = try AdaptiveRegressionDetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? 0.05))
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        case "ewma":
            let detector = try EWMADetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? 0.05))
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        case "switch":
            let detector = try RegressionEWMASwitchDetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? 0.05))
            return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
        default:
            throw DetectionError(
                code: .invalidParameter, message: "unknown method '\(method)'; use one of \(methods.joined(separator: ", "))")
        }
    }
}
