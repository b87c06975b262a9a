import Foundation

/// The Farrington outbreak detection algorithm, original (Farrington et al. 1996) or with the
/// improvements of Noufaily et al. (2013), exactly as `surveillance::farringtonFlexible` (1.20)
/// computes them.
///
/// For period t, a quasi-Poisson log-linear model is fitted to reference values from `years`
/// earlier years, then the count expected at t and a threshold are derived:
/// - **Original** (``Parameters/original``): reference values are the windows t − i·f ± w,
///   i = 1…b (f = 52 weekly, 365 daily); model `y ~ 1 + time`; past outbreaks are down-weighted
///   (Anscombe residuals above 1); the trend is kept only when significant at 5 %, b ≥ 3 and the
///   prediction stays within the largest baseline count; the threshold is the 2/3-power
///   (delta-method) upper limit at α = 0.05.
/// - **Noufaily** (``Parameters/noufaily``): all data from t − b·f − w to t − 27; the windows form
///   one factor level and the values between them nine more (`y ~ 1 + time + seasgroup`);
///   reweighting above 2.58; the trend is tried whenever b ≥ 3; the threshold is the plug-in
///   negative-binomial (1 − α) quantile, an integer.
///
/// Both raise an alarm only when y_t > threshold, y_t > 0 and at least 5 cases fell in the last 4
/// periods (t included); with fewer, the period's status is `notEnoughCases` and it has no upper
/// bound. A model that converges neither with nor without trend gives `modelDidNotConverge`.
///
/// Matching the reference depends on one detail of its code: after reweighting, it stores the
/// outbreak weights ω as the model's weights, so the trend's t-test and the prediction's
/// standard error use the dispersion Σ ω((y − μ)/μ)²/(n − p). Vigil does the same.
///
/// Assumptions: counts are overdispersed Poisson with a stable seasonal pattern across years.
/// Series with very few cases rarely pass the 5-in-4 rule; aggregate them (weekly, or a larger
/// region) first.
///
/// References: Farrington C. P. et al. (1996), J R Stat Soc A 159:547–563; Noufaily A. et al.
/// (2013), Stat Med 32:1206–1222; Salmon M., Schumacher D., Höhle M. (2016), J Stat Softw 70(10).
public struct FarringtonDetector: Detector {
    /// How the threshold is computed.
    public enum Threshold: String, Hashable, Sendable, Codable {
        /// The 2/3-power transformation with the delta method (Farrington 1996).
        case delta
        /// The negative-binomial quantile at the plug-in mean (Noufaily 2013).
        case negativeBinomialPlugIn
    }

    /// Farrington parameters. Use ``original`` or ``noufaily`` and change what you need.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The number of years back (b); `nil` takes the largest whole number that fits, at most 5.
        public var years: Int?
        /// The half-width of the reference windows (w); default 3.
        public var halfWindow: Int
        /// The significance level; default 0.05.
        public var alpha: Double
        /// Whether past outbreaks are down-weighted.
        public var reweight: Bool
        /// Anscombe residuals above this are down-weighted: 1 (original) or 2.58 (Noufaily).
        public var weightsThreshold: Double
        /// Whether a linear time trend is considered.
        public var trend: Bool
        /// The trend is kept only when its p-value is below this: 0.05 (original) or 1 (Noufaily).
        public var trendPThreshold: Double
        /// The number of seasonal factor levels: 1 (original) or 10 (Noufaily).
        public var periods: Int
        /// The most recent periods left out of the fit: w (original) or 26 (Noufaily).
        public var pastPeriodsExcluded: Int?
        /// The threshold method.
        public var threshold: Threshold
        /// The minimum number of cases in the last ``limitPeriods`` periods; default 5.
        public var limitCases: Int
        /// The number of periods of the case-count rule; default 4.
        public var limitPeriods: Int
        /// Whether the series' population is used as an offset.
        public var populationOffset: Bool

        /// The original algorithm (Farrington et al. 1996) as `farringtonFlexible` runs it.
        public static let original = Parameters(
            years: nil, halfWindow: 3, alpha: 0.05, reweight: true, weightsThreshold: 1, trend: true, trendPThreshold: 0.05,
            periods: 1, pastPeriodsExcluded: nil, threshold: .delta, limitCases: 5, limitPeriods: 4, populationOffset: false)

        /// The improved algorithm (Noufaily et al. 2013).
        public static let noufaily = Parameters(
            years: nil, halfWindow: 3, alpha: 0.05, reweight: true, weightsThreshold: 2.58, trend: true, trendPThreshold: 1,
            periods: 10, pastPeriodsExcluded: 26, threshold: .negativeBinomialPlugIn, limitCases: 5, limitPeriods: 4,
            populationOffset: false)
    }

    public let parameters: Parameters
    /// The name the detector reports (`farrington` or `noufaily`).
    public let method: String

    /// Creates a detector.
    /// - Throws: ``DetectionError`` `invalidParameter` for alpha outside (0, 1), a negative window,
    ///   fewer than 1 year, fewer than 1 period, or a case rule out of bounds.
    public init(_ parameters: Parameters, method: String) throws(DetectionError) {
        try DetectionError.checkAlpha(parameters.alpha)
        guard parameters.halfWindow >= 0 else { throw .parameter("the half-window w must not be negative") }
        if let years = parameters.years, years < 1 { throw .parameter("the number of years b must be at least 1, not \(years)") }
        guard parameters.periods >= 1 else { throw .parameter("the number of seasonal periods must be at least 1") }
        guard parameters.limitCases >= 0, parameters.limitPeriods > 0 else {
            throw .parameter("the case rule needs cases ≥ 0 and periods > 0")
        }
        self.parameters = parameters
        self.method = method
    }

    /// The history needed with the default number of years (the shortest, one year).
    public var minimumHistory: Int { 52 * (parameters.years ?? 1) + parameters.halfWindow }

    /// The number of years used for a series: the parameter, or the largest that fits, at most 5.
    public func years(for series: CountSeries) -> Int {
        parameters.years ?? min(5, (series.counts.count - parameters.halfWindow - 1) / series.interval.periodsPerYear)
    }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        let frequency = series.interval.periodsPerYear
        let b = years(for: series)
        let first = frequency * b + parameters.halfWindow
        // The gaps between reference windows must hold one period per seasonal block.
        guard frequency - 2 * parameters.halfWindow - 1 >= parameters.periods - 1 else {
            return DetectionResult(
                series: series.name, method: method,
                periods: series.counts.indices.suffix(max(0, count)).map { .unjudged(series.dates[$0], series.counts[$0], .undefined) })
        }
        let z = Normal.quantile(1 - parameters.alpha)
        let periods = series.counts.indices.suffix(max(0, count)).map { t -> PeriodResult in
            guard b >= 1, t >= first else { return .unjudged(series.dates[t], series.counts[t], .notEnoughHistory) }
            return evaluatePeriod(t, series: series, years: b, frequency: frequency, z: z)
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }

    // MARK: One period

    private func evaluatePeriod(_ t: Int, series: CountSeries, years b: Int, frequency: Int, z: Double) -> PeriodResult {
        let date = series.dates[t]
        let observed = series.counts[t]
        let reference = referenceData(t, years: b, frequency: frequency)
        let response = reference.indices.map { Double(series.counts[$0]) }
        let offset = parameters.populationOffset ? series.population.map { pop in reference.indices.map { log(pop[$0]) } } : nil
        let levels = Array(Set(reference.levels)).sorted()
        let currentOffset = parameters.populationOffset ? series.population.map { log($0[t]) } ?? 0 : 0

        guard var model = fit(reference, response, offset, levels, withTrend: parameters.trend) else {
            return .unjudged(date, observed, .modelDidNotConverge)
        }
        if model.hasTrend {
            let prediction = exp(model.linearPredictor(at: Double(t), level: parameters.periods, offset: currentOffset))
            let significant = model.trendPValue < parameters.trendPThreshold
            let withinBaseline = prediction <= (response.max() ?? 0)
            if !(b >= 3 && significant && withinBaseline) {
                guard let refit = fit(reference, response, offset, levels, withTrend: false) else {
                    return .unjudged(date, observed, .modelDidNotConverge)
                }
                model = refit
            }
        }
        let eta = model.linearPredictor(at: Double(t), level: parameters.periods, offset: currentOffset)
        let seEta = (model.regression.quadraticForm(model.row(time: Double(t), level: parameters.periods)) * model.dispersionForErrors)
            .squareRoot()
        let y = Double(observed)
        let upper: Double
        let score: Double
        let pValue: Double
        let expected = exp(eta)
        switch parameters.threshold {
        case .delta:
            let mu = expected
            let se = mu * seEta
            let tau = model.phi + se * se / mu
            let spread = (4.0 / 9.0 * pow(mu, 1.0 / 3.0) * tau).squareRoot()
            upper = pow(pow(mu, 2.0 / 3.0) + z * spread, 1.5)
            score = (y - mu) / (upper - mu)
            pValue = 1 - Normal.cdf((pow(y, 2.0 / 3.0) - pow(mu, 2.0 / 3.0)) / spread)
        case .negativeBinomialPlugIn:
            let mu = expected
            guard mu.isFinite else { return .unjudged(date, observed, .undefined) }
            if model.phi > 1 {
                let size = mu / (model.phi - 1)
                upper = Distributions.negativeBinomialQuantile(1 - parameters.alpha, size: size, probability: 1 / model.phi)
                pValue = Distributions.negativeBinomialUpperTail(y - 1, size: size, probability: 1 / model.phi)
            } else {
                upper = Distributions.poissonQuantile(1 - parameters.alpha, mean: mu)
                pValue = Distributions.poissonUpperTail(y - 1, mean: mu)
            }
            // The reference scores against the linear predictor here, not the mean.
            score = (y - eta) / (upper - eta)
        }
        let recent = series.counts[max(0, t - parameters.limitPeriods + 1)...t].reduce(0, +)
        guard recent >= parameters.limitCases else {
            return PeriodResult(
                date: date, observed: observed, expected: nil, upperBound: nil, score: nil, pValue: nil, isAlarm: false,
                status: .notEnoughCases)
        }
        guard !upper.isNaN else { return .unjudged(date, observed, .undefined) }
        return PeriodResult(
            date: date, observed: observed, expected: expected, upperBound: upper, score: score.isNaN ? nil : score,
            pValue: pValue.isNaN ? nil : pValue, isAlarm: score > 1 && observed != 0, status: .evaluated)
    }

    // MARK: Reference data

    /// The periods used to fit the model for period t, with their seasonal factor levels.
    private struct Reference {
        var indices: [Int]
        var levels: [Int]
    }

    /// Marks the reference windows t − i·f ± w (level `periods`) and, with more than one period,
    /// splits the gaps between windows into `periods − 1` blocks; then drops the most recent
    /// `pastPeriodsExcluded + 1` periods (t included). This is `surveillance`'s `blocks`.
    private func referenceData(_ t: Int, years b: Int, frequency: Int) -> Reference {
        let w = parameters.halfWindow
        let p = parameters.periods
        var level = [Int: Int]()
        for i in 1...b {
            let window = t - i * frequency
            for index in (window - w)...(window + w) { level[index] = p }
            guard p > 1 else { continue }
            let gap = (t - (i - 1) * frequency) - 2 * w - 1 - window
            let base = gap / (p - 1)
            let extra = gap % (p - 1)
            var start = window + w + 1
            for block in 1..<p {
                let length = base + (block <= extra ? 1 : 0)
                for index in start..<(start + length) { level[index] = block }
                start += length
            }
        }
        let excluded = parameters.pastPeriodsExcluded ?? w
        let indices = level.keys.filter { $0 < t - excluded && $0 >= 0 }.sorted()
        return Reference(indices: indices, levels: indices.map { level[$0]! })
    }

    // MARK: Model

    /// A fitted reference model with what the threshold needs.
    private struct Model {
        var regression: PoissonRegression
        var hasTrend: Bool
        var levels: [Int]
        /// max(1, dispersion) after reweighting: the φ of the threshold.
        var phi: Double
        /// The dispersion the reference uses for standard errors and the trend test (see the type's
        /// discussion).
        var dispersionForErrors: Double

        func row(time: Double, level: Int) -> [Double] {
            var row = hasTrend ? [time] : []
            if levels.count == 1 {
                row.append(1)
            } else {
                row += levels.map { $0 == level ? 1 : 0 }
            }
            return row
        }

        func linearPredictor(at time: Double, level: Int, offset: Double) -> Double {
            zip(row(time: time, level: level), regression.coefficients).reduce(offset) { $0 + $1.0 * $1.1 }
        }

        var trendPValue: Double {
            guard regression.residualDegreesOfFreedom > 0 else { return 1 }
            let t = regression.coefficients[0] / (regression.unscaledVariance(of: 0) * dispersionForErrors).squareRoot()
            let df = Double(regression.residualDegreesOfFreedom)
            return 2 * Distributions.studentTCDF(-abs(t), degreesOfFreedom: df)
        }
    }

    /// Fits the model (with or without trend), reweighting past outbreaks; `nil` when it does not
    /// converge (the reference then tries without trend once, in `fit(…withTrend: true)`'s caller).
    private func fit(_ reference: Reference, _ response: [Double], _ offset: [Double]?, _ levels: [Int], withTrend: Bool)
        -> Model?
    {
        let columns = (withTrend ? 1 : 0) + levels.count
        var design = DesignMatrix(rows: reference.indices.count, columns: columns)
        let levelColumn = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0 + (withTrend ? 1 : 0)) })
        for i in reference.indices.indices {
            if withTrend { design[i, 0] = Double(reference.indices[i]) }
            design[i, levels.count == 1 ? columns - 1 : levelColumn[reference.levels[i]]!] = 1
        }
        // With no residual degrees of freedom neither the dispersion nor the trend test exists.
        guard response.count > columns else { return nil }
        var trend = withTrend
        var first = PoissonRegression.fit(design: design, response: response, offset: offset)
        var usedDesign = design
        if first?.converged != true, withTrend {
            usedDesign = design.droppingFirstColumn()
            first = PoissonRegression.fit(design: usedDesign, response: response, offset: offset)
            trend = false
        }
        guard let first, first.converged else { return nil }
        var phi = max(1, first.dispersion(response: response, multipliers: first.workingWeights))
        guard parameters.reweight else {
            return Model(
                regression: first, hasTrend: trend, levels: levels, phi: phi,
                dispersionForErrors: first.dispersion(response: response, multipliers: first.workingWeights))
        }
        let residuals = response.indices.map { i -> Double in
            let mu = first.fitted[i]
            let anscombe = 1.5 * (pow(response[i], 2.0 / 3.0) * pow(mu, -1.0 / 6.0) - mu.squareRoot())
            return anscombe / (phi * (1 - first.leverages[i])).squareRoot()
        }
        let weights = Self.outbreakWeights(residuals, threshold: parameters.weightsThreshold)
        guard let reweighted = PoissonRegression.fit(design: usedDesign, response: response, priorWeights: weights, offset: offset)
        else { return nil }
        phi = max(1, reweighted.dispersion(response: response, multipliers: reweighted.workingWeights))
        return Model(
            regression: reweighted, hasTrend: trend, levels: levels, phi: phi,
            dispersionForErrors: reweighted.dispersion(response: response, multipliers: weights))
    }

    /// Farrington's weights: γ·s⁻² above the threshold, γ below, with γ making them sum to n.
    static func outbreakWeights(_ residuals: [Double], threshold: Double) -> [Double] {
        let raw = residuals.map { $0 > threshold ? 1 / ($0 * $0) : 1 }
        let gamma = Double(residuals.count) / raw.reduce(0, +)
        return raw.map { gamma * $0 }
    }
}
