import Foundation
import VigilCore

/// NSSP-ESSENCE's adaptive multiple regression for daily counts, as CDC's R package Rnssp
/// (`alert_regression`) defines it.
///
/// For day t, a linear model with a time trend and day-of-week terms is fitted to a baseline that
/// ends `guardBand` days before t and grows from 11 to `baseline` (28) days. The forecast for t is
/// max(0, β₀ + β₁·(L + g + 1) + β_weekday); the standard error is the model's, inflated for
/// prediction (√((L+7)(L−4)/(L(L−7)))) and floored at 1.01 / t₀.₉₅; the test statistic
/// T = (y − forecast)/σ has a one-sided p-value from Student's t with L − 8 degrees of freedom.
/// ESSENCE colours it red below 0.01 and yellow below 0.05; Vigil alarms below `alpha` (0.05).
/// The upper bound is the count at which p reaches alpha. Unlike ESSENCE's Regression 1.2, there
/// are no holiday terms.
///
/// Assumptions: daily data with a weekly pattern; for sparse county-level counts, EWMA or the
/// switch is usually better.
public struct AdaptiveRegressionDetector: Detector {
    /// Parameters with Rnssp's defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The longest baseline, a multiple of 7 and at least 7; default 28 days.
        public var baseline: Int
        /// Days between the baseline and the judged day; default 2.
        public var guardBand: Int
        /// The p-value below which a day alarms; default 0.05 (ESSENCE's yellow).
        public var alpha: Double

        /// Creates parameters.
        public init(baseline: Int = 28, guardBand: Int = 2, alpha: Double = 0.05) {
            self.baseline = baseline
            self.guardBand = guardBand
            self.alpha = alpha
        }
    }

    public let parameters: Parameters

    /// Creates a detector.
    /// - Throws: ``DetectionError`` for a baseline that is not a multiple of 7 of at least 14, a
    ///   negative guard band, or alpha outside (0, 1).
    public init(_ parameters: Parameters) throws(DetectionError) {
        guard parameters.baseline >= 14, parameters.baseline % 7 == 0 else {
            throw .parameter("the regression baseline must be a multiple of 7 of at least 14 days, not \(parameters.baseline)")
        }
        try ESSENCE.validate(guardBand: parameters.guardBand, alpha: parameters.alpha)
        self.parameters = parameters
    }

    public var method: String { "regression" }

    /// The first judged day has an 11-day baseline and the guard band before it.
    public var minimumHistory: Int { 11 + parameters.guardBand }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        let y = series.counts.map(Double.init)
        let g = parameters.guardBand
        let enoughData = y.count >= parameters.baseline + g + 1
        let periods = y.indices.suffix(max(0, count)).map { t -> PeriodResult in
            guard enoughData, t >= minimumHistory else { return .unjudged(series.dates[t], series.counts[t], .notEnoughHistory) }
            let length = min(parameters.baseline, t - g)
            let start = t - g - length
            guard let fit = LinearFit(design: ESSENCE.design(dates: series.dates[start..<(start + length)]), response: Array(y[start..<(start + length)]))
            else { return .unjudged(series.dates[t], series.counts[t], .undefined) }
            let degrees = length - 8
            let meanSquare = fit.residuals.reduce(0) { $0 + $1 * $1 } / Double(degrees)
            let inflation = (Double((length + 7) * (length - 4)) / Double(length * (length - 7))).squareRoot()
            let floor = 1.01 / ESSENCE.roundedTQuantile(0.95, degreesOfFreedom: degrees)
            let sigma = max(meanSquare.squareRoot() * inflation, floor)
            let expected = max(0, ESSENCE.predict(fit, time: Double(length + g + 1), weekday: series.dates[t].isoWeekday))
            let statistic = (y[t] - expected) / sigma
            let pValue = ESSENCE.upperTail(statistic, degreesOfFreedom: degrees)
            let bound = expected + sigma * Distributions.studentTQuantile(1 - parameters.alpha, degreesOfFreedom: Double(degrees))
            return PeriodResult(
                date: series.dates[t], observed: series.counts[t], expected: expected, upperBound: max(0, bound),
                score: statistic, pValue: pValue, isAlarm: pValue < parameters.alpha, status: .evaluated)
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }
}
