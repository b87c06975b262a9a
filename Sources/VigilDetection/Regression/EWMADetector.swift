import Foundation
import VigilCore

/// NSSP-ESSENCE's exponentially weighted moving average detector for daily counts, as CDC's R
/// package Rnssp (`alert_ewma`) defines it.
///
/// Two smoothers run side by side, w₁ = 0.4 (gradual rises) and w₂ = 0.9 (sudden ones, close to
/// C2): zₜ = w·yₜ + (1 − w)·zₜ₋₁, starting from z₁ = y₁. For day t the baseline is the 11 to 28
/// days ending `guardBand` days before t; with its mean μ and sample standard deviation s, each
/// smoother's error is max(min σ, s·c + d), where c corrects for the smoothing and the guard band
/// and d and min σ are ESSENCE's small-count constants. Tⱼ = (zⱼ − μ)/σⱼ is tested one-sided with
/// Student's t (L − 1 degrees of freedom) and the smaller p-value is reported. A smoothed value
/// beyond the 1 % control limit is pulled back to it, so one outbreak does not inflate the next
/// days. Vigil alarms below `alpha` (0.05, ESSENCE's yellow; red is below 0.01); the upper bound
/// is the count at which the first smoother would reach alpha.
///
/// Like Rnssp, the baseline stops growing at 28 days whatever `baseline` says; `baseline` only sets
/// how much data a series needs (baseline + guard band + 1 days).
public struct EWMADetector: Detector {
    /// Parameters with Rnssp's defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The minimum series length is baseline + guard band + 1; default 28.
        public var baseline: Int
        /// Days between the baseline and the judged day; default 2.
        public var guardBand: Int
        /// The smoothing weight for gradual events; default 0.4.
        public var gradualWeight: Double
        /// The smoothing weight for sudden events; default 0.9.
        public var suddenWeight: Double
        /// The p-value below which a day alarms; default 0.05.
        public var alpha: Double

        /// Creates parameters.
        public init(baseline: Int = 28, guardBand: Int = 2, gradualWeight: Double = 0.4, suddenWeight: Double = 0.9, alpha: Double = 0.05) {
            self.baseline = baseline
            self.guardBand = guardBand
            self.gradualWeight = gradualWeight
            self.suddenWeight = suddenWeight
            self.alpha = alpha
        }
    }

    public let parameters: Parameters

    /// Creates a detector.
    /// - Throws: ``DetectionError`` for a baseline under 7 days, a negative guard band, weights or
    ///   alpha outside (0, 1).
    public init(_ parameters: Parameters) throws(DetectionError) {
        guard parameters.baseline >= 7 else { throw .parameter("the EWMA baseline must be at least 7 days") }
        try ESSENCE.validate(
            guardBand: parameters.guardBand, alpha: parameters.alpha, weights: [parameters.gradualWeight, parameters.suddenWeight])
        self.parameters = parameters
    }

    public var method: String { "ewma" }

    public var minimumHistory: Int { 11 + parameters.guardBand }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        let y = series.counts.map(Double.init)
        let g = parameters.guardBand
        let weights = [parameters.gradualWeight, parameters.suddenWeight]
        let firstReported = max(0, y.count - count)
        guard y.count >= parameters.baseline + g + 1, y.count > minimumHistory else {
            return DetectionResult(
                series: series.name, method: method,
                periods: (firstReported..<y.count).map { .unjudged(series.dates[$0], series.counts[$0], .notEnoughHistory) })
        }
        // The smoothers before the first judged day, then day by day with the outlier pull-back.
        var smoothed = weights.map { _ in y[0] }
        for t in 1..<minimumHistory {
            for j in weights.indices { smoothed[j] = weights[j] * y[t] + (1 - weights[j]) * smoothed[j] }
        }
        var periods: [PeriodResult] = []
        for t in 0..<y.count {
            guard t >= minimumHistory else {
                if t >= firstReported { periods.append(.unjudged(series.dates[t], series.counts[t], .notEnoughHistory)) }
                continue
            }
            let length = min(28, t - g)
            let (mean, deviation) = ESSENCE.meanAndDeviation(y[(t - g - length)..<(t - g)])
            let degrees = length - 1
            let alertLimit = ESSENCE.roundedTQuantile(0.99, degreesOfFreedom: degrees)
            let warningLimit = ESSENCE.roundedTQuantile(0.95, degreesOfFreedom: degrees)
            let alphaQuantile = Distributions.studentTQuantile(1 - parameters.alpha, degreesOfFreedom: Double(degrees))
            var best: (pValue: Double, statistic: Double)?
            var bound = Double.infinity
            for j in weights.indices {
                let w = weights[j]
                let decay = pow(1 - w, Double(g + 1)) * (1 - pow(1 - w, Double(length))) / Double(length)
                let correction = (w / (2 - w) + 1 / Double(length) - 2 * decay).squareRoot()
                let minimum = (w / warningLimit) * (1 + 0.5 * (1 - w) * (1 - w))
                let constant = (0.1289 - (0.2414 - 0.1826 * pow(1 - w, 4)) * log(10 * 0.05)) * (w / warningLimit)
                let sigma = max(minimum, deviation * correction + constant)
                bound = min(bound, (mean + sigma * alphaQuantile - (1 - w) * smoothed[j]) / w)
                smoothed[j] = w * y[t] + (1 - w) * smoothed[j]
                let statistic = (smoothed[j] - mean) / sigma
                if abs(statistic) > alertLimit { smoothed[j] = mean + (statistic > 0 ? 1 : -1) * alertLimit * sigma }
                let pValue = ESSENCE.upperTail(statistic, degreesOfFreedom: degrees)
                // Rnssp keeps the gradual smoother only when its p-value is strictly smaller.
                if j == 0 || pValue <= best!.pValue { best = (pValue, statistic) }
            }
            guard t >= firstReported, let best else { continue }
            periods.append(
                PeriodResult(
                    date: series.dates[t], observed: series.counts[t], expected: mean, upperBound: max(0, bound),
                    score: best.statistic, pValue: best.pValue, isAlarm: best.pValue < parameters.alpha, status: .evaluated))
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }
}
