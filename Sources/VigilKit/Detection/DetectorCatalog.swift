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
        /// The significance level (EARS, Farrington, ESSENCE).
        public var alpha: Double?
        /// The EARS or ESSENCE baseline length.
        public var baseline: Int?
        /// Farrington's years back.
        public var years: Int?
        /// Farrington's window half-width.
        public var halfWindow: Int?
        /// CUSUM's reference value.
        public var k: Double?
        /// CUSUM's decision interval, or glrnb's threshold.
        public var h: Double?
        /// CUSUM's and glrnb's training periods.
        public var training: Int?
        /// The ESSENCE guard band.
        public var guardBand: Int?
        /// The threshold of `ears-c3-cdc` (default 2).
        public var cdcThreshold: Double?
        /// Whether Farrington uses the series' population as an offset.
        public var usePopulation: Bool = false

        /// Options with every value left to the method's default.
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
        try checkRanges(options)
        let year = interval.periodsPerYear
        if let window = options.halfWindow, method == "noufaily" || method == "farrington",
            year - 2 * window - 1 < (method == "noufaily" ? 9 : 0)
        {
            throw DetectionError(
                code: .invalidParameter,
                message: "--half-window \(window) leaves no room between the yearly reference windows of \(interval.rawValue)ly "
                    + "series; use at most \((year - (method == "noufaily" ? 10 : 1)) / 2)")
        }
        switch method {
        case "ears-c1", "ears-c2", "ears-c3", "ears-c3-cdc":
            return try EARSDetector(
                .init(
                    variant: EARSDetector.Variant(rawValue: method)!, alpha: options.alpha, baseline: options.baseline ?? 7,
                    cdcThreshold: options.cdcThreshold ?? 2))
        case "cusum":
            return try CUSUMDetector(.init(k: options.k ?? 1.04, h: options.h ?? 2.26, training: options.training ?? year))
        case "glrnb":
            // Daily series are long: changepoints are searched in the last two years only (R's M = 730).
            return try GLRNegativeBinomialDetector(
                .init(threshold: options.h ?? 5, training: options.training ?? year, window: interval == .day ? 2 * year : nil))
        case "farrington", "noufaily":
            var parameters: FarringtonDetector.Parameters = method == "farrington" ? .original : .noufaily
            parameters.alpha = options.alpha ?? parameters.alpha
            parameters.years = options.years
            parameters.halfWindow = options.halfWindow ?? parameters.halfWindow
            parameters.populationOffset = options.usePopulation
            return try FarringtonDetector(parameters, method: method)
        case "regression":
            return try AdaptiveRegressionDetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? defaultAlpha(of: method)))
        case "ewma":
            return try EWMADetector(.init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? defaultAlpha(of: method)))
        case "switch":
            return try RegressionEWMASwitchDetector(
                .init(baseline: options.baseline ?? 28, guardBand: options.guardBand ?? 2, alpha: options.alpha ?? defaultAlpha(of: method)))
        default:
            throw DetectionError(
                code: .invalidParameter, message: "unknown method '\(method)'; use one of \(methods.joined(separator: ", "))")
        }
    }

    /// The significance level a method uses when none is given, read from the detector's own
    /// defaults (EARS C1/C2 0.001, C3 0.025, Farrington and the ESSENCE detectors 0.05); 0.05 for
    /// methods without one.
    public static func defaultAlpha(of method: String) -> Double {
        if let variant = EARSDetector.Variant(rawValue: method) { return EARSDetector.Parameters(variant: variant).alpha }
        switch method {
        case "farrington": return FarringtonDetector.Parameters.original.alpha
        case "noufaily": return FarringtonDetector.Parameters.noufaily.alpha
        case "regression": return AdaptiveRegressionDetector.Parameters().alpha
        case "ewma": return EWMADetector.Parameters().alpha
        case "switch": return RegressionEWMASwitchDetector.Parameters().alpha
        default: return 0.05
        }
    }

    /// Refuses option values so large that no series could use them (they would overflow).
    private static func checkRanges(_ options: Options) throws(DetectionError) {
        let limits: [(String, Int?, ClosedRange<Int>)] = [
            ("--baseline", options.baseline, 1...10_000), ("--years", options.years, 1...50),
            ("--half-window", options.halfWindow, 0...1_000), ("--training", options.training, 1...100_000),
            ("--guard", options.guardBand, 0...1_000),
        ]
        for (name, value, range) in limits {
            if let value, !range.contains(value) {
                throw DetectionError(
                    code: .invalidParameter, message: "\(name) \(value) is outside \(range.lowerBound)…\(range.upperBound)")
            }
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
        var options = options
        options.usePopulation = series.contains { $0.population != nil }
        let detector = try makeDetector(method: method, options: options, interval: interval)
        if requireHistory,
            let short = series.first(where: { detector.evaluate($0, lastPeriods: 1).periods.last?.status == .notEnoughHistory })
        {
            throw DetectionError(
                code: .invalidParameter,
                message: "series '\(short.name)' has \(short.counts.count) periods, too few for \(method) to judge any (its "
                    + "baseline, training or years need more): use a longer series or a shorter baseline")
        }
        return DetectionRunner.run(detector, on: series, lastPeriods: lastPeriods)
    }
}
