import Foundation
import VigilCore

/// NSSP-ESSENCE's regression/EWMA switch for daily counts, as CDC's R package Rnssp
/// (`alert_switch`) defines it.
///
/// For day t a linear model with trend and day-of-week terms is fitted to the 28 days that end
/// `guardBand` days before t. When its adjusted R² is at least 0.60 the model's forecast is used:
/// T = (y − forecast)/σ with σ = √MSE·√((B+7)(B−4)/(B(B−7))) and B − 8 degrees of freedom.
/// Otherwise, the model explaining the data poorly (typical of sparse county series), an EWMA
/// with weight 0.4 is tested against the same 28 days: T = (z − μ)/(max(0.5, s)·c) with B − 1
/// degrees of freedom. Both use the two-sided tail p = F(−|T|), alarming when T > 0 and p < alpha
/// (0.05; ESSENCE's red is p < 0.01). An undefined T (a perfectly flat baseline) gives p = 0.5.
///
/// Two details follow Rnssp's code rather than its documentation: the regression forecasts at
/// time B + 3 whatever the guard band, and the EWMA term of the correction c is
/// −2(1 − w)^(g+1)·((1 − w)^B − 1)/B. The EWMA starts from the first count of the series.
public struct RegressionEWMASwitchDetector: Detector {
    /// Parameters with Rnssp's defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The baseline length; default 28 days.
        public var baseline: Int
        /// Days between the baseline and the judged day; default 2.
        public var guardBand: Int
        /// The EWMA weight; default 0.4.
        public var weight: Double
        /// The adjusted R² below which the EWMA is used; default 0.60.
        public var switchRSquared: Double
        /// The p-value below which a day alarms; default 0.05.
        public var alpha: Double

        /// Creates parameters.
        public init(baseline: Int = 28, guardBand: Int = 2, weight: Double = 0.4, switchRSquared: Double = 0.6, alpha: Double = 0.05) {
            self.baseline = baseline
            self.guardBand = guardBand
            self.weight = weight
            self.switchRSquared = switchRSquared
            self.alpha = alpha
        }
    }

    public let parameters: Parameters

    /// Creates a detector.
    /// - Throws: ``DetectionError`` for a baseline under 14 days, a negative guard band, a weight or
    ///   alpha outside (0, 1).
    public init(_ parameters: Parameters) throws(DetectionError) {
        guard parameters.baseline >= 14 else { throw .parameter("the switch baseline must be at least 14 days") }
        try ESSENCE.validate(guardBand: parameters.guardBand, alpha: parameters.alpha, weights: [parameters.weight])
        self.parameters = parameters
    }

    public var method: String { "switch" }

    public var minimumHistory: Int { parameters.baseline + parameters.guardBand }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        let y = series.counts.map(Double.init)
        let (b, g, w) = (parameters.baseline, parameters.guardBand, parameters.weight)
        let correction = (w / (2 - w) + 1 / Double(b) - 2 * pow(1 - w, Double(g + 1)) * ((pow(1 - w, Double(b)) - 1) / Double(b)))
            .squareRoot()
        let inflation = (Double((b + 7) * (b - 4)) / Double(b * (b - 7))).squareRoot()
        var smoothed = y.first ?? 0
        var periods: [PeriodResult] = []
        let firstReported = max(0, y.count - count)
        for t in y.indices {
            if t > 0 { smoothed = w * y[t] + (1 - w) * smoothed }
            guard t >= firstReported else { continue }
            guard t >= minimumHistory else {
                periods.append(.unjudged(series.dates[t], series.counts[t], .notEnoughHistory))
                continue
            }
            let window = (t - g - b)..<(t - g)
            guard let fit = LinearFit(design: ESSENCE.design(dates: series.dates[window]), response: Array(y[window])) else {
                periods.append(.unjudged(series.dates[t], series.counts[t], .undefined))
                continue
            }
            let degrees = b - 8
            let meanSquare = fit.residuals.reduce(0) { $0 + $1 * $1 } / Double(degrees)
            let expected: Double
            let sigma: Double
            let statistic: Double
            let degreesOfTest: Int
            let bound: Double
            if fit.adjustedRSquared(residualDegreesOfFreedom: degrees) >= parameters.switchRSquared {
                expected = ESSENCE.predict(fit, time: Double(b + 3), weekday: series.dates[t].isoWeekday)
                sigma = meanSquare.squareRoot() * inflation
                statistic = (y[t] - expected) / sigma
                degreesOfTest = degrees
                bound = expected + sigma * Self.quantile(parameters.alpha, degreesOfTest)
            } else {
                let (mean, deviation) = ESSENCE.meanAndDeviation(y[window])
                expected = mean
                sigma = max(0.5, deviation) * correction
                statistic = (smoothed - mean) / sigma
                degreesOfTest = b - 1
                // z = w·y + (1 − w)·z_prev, and (1 − w)·z_prev = z − w·y.
                bound = (mean + sigma * Self.quantile(parameters.alpha, degreesOfTest) - (smoothed - w * y[t])) / w
            }
            let pValue = statistic.isFinite ? Distributions.studentTCDF(-abs(statistic), degreesOfFreedom: Double(degreesOfTest)) : 0.5
            periods.append(
                PeriodResult(
                    date: series.dates[t], observed: series.counts[t], expected: expected,
                    upperBound: bound.isFinite ? max(0, bound) : nil, score: statistic.isNaN ? nil : statistic, pValue: pValue,
                    isAlarm: statistic > 0 && pValue < parameters.alpha, status: .evaluated))
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }

    /// The one-sided (1 − α) quantile of the test: T > q ⇔ T > 0 and F(−|T|) < α.
    private static func quantile(_ alpha: Double, _ degrees: Int) -> Double {
        Distributions.studentTQuantile(1 - alpha, degreesOfFreedom: Double(degrees))
    }
}
