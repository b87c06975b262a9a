import Foundation

/// The generalized-likelihood-ratio CUSUM for negative-binomial counts with an unknown rise in
/// the intercept (Höhle and Paul 2008), as `surveillance::glrnb` computes it with its defaults:
/// `change = "intercept"`, `dir = "inc"`, `Mtilde = 1`, `M = -1`, `c.ARL = 5`, `ret = "value"`.
///
/// The in-control means μ₀ come from a negative-binomial regression (`MASS::glm.nb`) of the first
/// `training` periods on an intercept and `harmonics` pairs of cos/sin terms with the series'
/// yearly period (52 or 365), optionally a trend; the dispersion α = 1/θ comes from the same fit
/// unless given. For each monitored period n the statistic is
/// GLRₙ = max over changepoints k of Σᵢ₌ₖⁿ κ̂xᵢ + (xᵢ + 1/α)·log((1 + αμ₀ᵢ)/(1 + αμ₀ᵢe^κ̂)),
/// κ̂ ≥ 0 the maximum-likelihood rise for that k (Newton–Raphson, warm-started as the reference
/// does). An alarm is GLRₙ ≥ c; the chart then restarts after the alarm. The score is GLRₙ (the
/// reference's `upperbound` with `ret = "value"`); there is no count threshold (the reference
/// finds one only by brute force).
///
/// Assumptions: the training period is free of outbreaks and long enough to fit the seasonal
/// terms (at least one year); computing time grows with the cube of the periods since the last
/// alarm, so give a `window` for long daily series.
public struct GLRNegativeBinomialDetector: Detector {
    /// Parameters with `surveillance`'s defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The alarm threshold c (`c.ARL`); default 5.
        public var threshold: Double
        /// The number of training periods at the start of the series.
        public var training: Int
        /// The number of cos/sin pairs in the in-control model; default 1.
        public var harmonics: Int
        /// Whether the in-control model has a linear trend; default false.
        public var trend: Bool
        /// The dispersion α; `nil` estimates it with the in-control model.
        public var alpha: Double?
        /// Only changepoints within this many periods of n are tried (`M`); `nil` tries all.
        public var window: Int?

        /// Creates parameters.
        public init(threshold: Double = 5, training: Int, harmonics: Int = 1, trend: Bool = false, alpha: Double? = nil, window: Int? = nil) {
            self.threshold = threshold
            self.training = training
            self.harmonics = harmonics
            self.trend = trend
            self.alpha = alpha
            self.window = window
        }
    }

    public let parameters: Parameters

    /// Creates a detector.
    /// - Throws: ``DetectionError`` for a threshold that is not positive, a training period under
    ///   3 periods, a negative number of harmonics, α not positive, or a window under 1.
    public init(_ parameters: Parameters) throws(DetectionError) {
        guard parameters.threshold > 0 else { throw .parameter("the GLR threshold must be positive") }
        guard parameters.training >= 3 + 2 * parameters.harmonics else {
            throw .parameter("the training period (\(parameters.training)) is too short for the in-control model")
        }
        guard parameters.harmonics >= 0 else { throw .parameter("the number of harmonics must not be negative") }
        if let alpha = parameters.alpha, !(alpha > 0) { throw .parameter("the dispersion alpha must be positive") }
        if let window = parameters.window, window < 1 { throw .parameter("the window must be at least 1 period") }
        self.parameters = parameters
    }

    public var method: String { "glrnb" }

    public var minimumHistory: Int { parameters.training }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        let n = series.counts.count
        let firstReported = max(0, n - count)
        let unjudged = { (status: PeriodResult.Status) in
            DetectionResult(
                series: series.name, method: method,
                periods: (firstReported..<n).map { .unjudged(series.dates[$0], series.counts[$0], status) })
        }
        guard n > parameters.training else { return unjudged(.notEnoughHistory) }
        guard let (means, alpha) = inControlMeans(series) else { return unjudged(.modelDidNotConverge) }
        let x = series.counts.map(Double.init)
        var periods: [PeriodResult] = []
        var segmentStart = parameters.training
        for t in 0..<n {
            guard t >= parameters.training else {
                if t >= firstReported { periods.append(.unjudged(series.dates[t], series.counts[t], .notEnoughHistory)) }
                continue
            }
            let statistic = glr(x, means, alpha: alpha, segmentStart: segmentStart, at: t)
            let isAlarm = statistic >= parameters.threshold
            if t >= firstReported {
                periods.append(
                    PeriodResult(
                        date: series.dates[t], observed: series.counts[t], expected: means[t], upperBound: nil, score: statistic,
                        isAlarm: isAlarm, status: .evaluated))
            }
            if isAlarm { segmentStart = t + 1 }
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }

    /// μ₀ for every period (fitted on the training periods) and α.
    private func inControlMeans(_ series: CountSeries) -> ([Double], Double)? {
        let n = series.counts.count
        let frequency = Double(series.interval.periodsPerYear)
        let columns = (parameters.trend ? 1 : 0) + 2 * parameters.harmonics
        var design = DesignMatrix(rows: n, columns: columns + 1)
        for row in 0..<n {
            let time = Double(row + 1)
            design[row, 0] = 1
            var column = 1
            if parameters.trend {
                design[row, column] = time
                column += 1
            }
            for harmonic in 1...max(1, parameters.harmonics) where parameters.harmonics > 0 {
                design[row, column] = cos(2 * Double(harmonic) * Double.pi / frequency * time)
                design[row, column + 1] = sin(2 * Double(harmonic) * Double.pi / frequency * time)
                column += 2
            }
        }
        var training = DesignMatrix(rows: parameters.training, columns: design.columns)
        training.values = Array(design.values[0..<(parameters.training * design.columns)])
        let response = series.counts[0..<parameters.training].map(Double.init)
        let coefficients: [Double]
        let alpha: Double
        if let given = parameters.alpha {
            guard let fit = PoissonRegression.fit(design: training, response: response, theta: 1 / given) else { return nil }
            coefficients = fit.coefficients
            alpha = given
        } else {
            guard let fit = NegativeBinomialRegression.fit(design: training, response: response) else { return nil }
            coefficients = fit.regression.coefficients
            alpha = 1 / fit.theta
        }
        let means = (0..<n).map { row in exp((0..<design.columns).reduce(0) { $0 + design[row, $1] * coefficients[$1] }) }
        return (means, alpha)
    }

    /// GLRₙ over the changepoints since the last alarm, with the reference's Newton iteration.
    private func glr(_ x: [Double], _ mu: [Double], alpha: Double, segmentStart: Int, at n: Int) -> Double {
        let low = parameters.window.map { max(segmentStart, n - $0) } ?? segmentStart
        var best = -1e99
        var kappaML = 0.5
        for k in low...n {
            var kappaOld = 0.4
            var kappaNew = kappaML
            var iteration = 0
            while kappaNew > -18, abs(kappaNew - kappaOld) > 1e-6, iteration < 1000 {
                iteration += 1
                kappaOld = kappaNew
                let rise = exp(kappaOld)
                var score = 0.0
                var fisher = 0.0
                for i in k...n {
                    let denominator = 1 + alpha * rise * mu[i]
                    score += (x[i] - rise * mu[i]) / denominator
                    fisher += mu[i] * (alpha * x[i] + 1) / (denominator * denominator)
                }
                kappaNew = kappaOld + score / (rise * fisher)
            }
            kappaML = max(0, kappaNew)
            let rise = exp(kappaML)
            var statistic = 0.0
            for i in k...n {
                statistic += kappaML * x[i] + (x[i] + 1 / alpha) * log((1 + alpha * mu[i]) / (1 + alpha * mu[i] * rise))
            }
            best = max(best, statistic)
        }
        return best
    }
}
