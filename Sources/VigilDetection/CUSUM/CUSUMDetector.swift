/// A cumulative-sum detector for counts, exactly as `surveillance::cusum` computes it with
/// `trans = "standard"`.
///
/// The in-control mean m is the mean of the first `training` periods; monitoring starts after
/// them. Each monitored count is standardised, z_t = (y_t − m)/√m, and accumulated,
/// S_t = max(0, S_{t−1} + z_t − k) with S = 0 before the first monitored period. An alarm is
/// S_t ≥ h. Like the reference, the sum is **not** reset after an alarm, so a lasting rise keeps
/// alarming. The upper bound is the smallest count that alarms: ⌈√m·(h + k − S_{t−1}) + m⌉,
/// clipped at 0 (0 where undefined).
///
/// Assumptions: counts are roughly Poisson with a constant mean over the training period. With
/// strong seasonality or trend, use Farrington or the regression methods instead. A training
/// period of only zeros gives m = 0 and undefined sums, reported as status `undefined`.
///
/// Reference: Rossi G., Lampugnani L., Marchi M. (1999), "An approximate CUSUM procedure for
/// surveillance of health events", Stat Med 18:2111–2122; Page E. S. (1954), Biometrika 41:100–115.
public struct CUSUMDetector: Detector {
    /// CUSUM parameters, with `surveillance`'s defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The reference value; default 1.04.
        public var k: Double
        /// The decision interval; default 2.26.
        public var h: Double
        /// The number of training periods at the start of the series that estimate m.
        public var training: Int

        /// Creates parameters.
        public init(k: Double = 1.04, h: Double = 2.26, training: Int) {
            self.k = k
            self.h = h
            self.training = training
        }
    }

    public let parameters: Parameters

    /// Creates a detector.
    /// - Throws: ``DetectionError`` `invalidParameter` when h is not positive, k is negative, or the
    ///   training period is shorter than 1.
    public init(_ parameters: Parameters) throws(DetectionError) {
        guard parameters.h > 0 else { throw .parameter("the CUSUM decision interval h must be positive, not \(parameters.h)") }
        guard parameters.k >= 0 else { throw .parameter("the CUSUM reference value k must not be negative, not \(parameters.k)") }
        guard parameters.training >= 1 else {
            throw .parameter("the CUSUM training period must be at least 1 period, not \(parameters.training)")
        }
        self.parameters = parameters
    }

    public var method: String { "cusum" }

    public var minimumHistory: Int { parameters.training }

    public func evaluate(_ series: CountSeries, lastPeriods count: Int) -> DetectionResult {
        // Every period depends on the ones before it, and the whole series is cheap: compute it all.
        evaluateAll(series).suffix(count)
    }

    private func evaluateAll(_ series: CountSeries) -> DetectionResult {
        let (k, h, training) = (parameters.k, parameters.h, parameters.training)
        guard series.counts.count > training else {
            return DetectionResult(
                series: series.name, method: method,
                periods: series.counts.indices.map { .unjudged(series.dates[$0], series.counts[$0], .notEnoughHistory) })
        }
        let m = Double(series.counts[..<training].reduce(0, +)) / Double(training)
        var sum = 0.0
        var periods: [PeriodResult] = []
        periods.reserveCapacity(series.counts.count)
        for t in series.counts.indices {
            let observed = series.counts[t]
            guard t >= training else {
                periods.append(.unjudged(series.dates[t], observed, .notEnoughHistory))
                continue
            }
            var bound = (m.squareRoot() * (h + k - sum) + m).rounded(.up)
            if bound.isNaN || bound < 0 { bound = 0 }
            sum = RArithmetic.max(0, sum + (Double(observed) - m) / m.squareRoot() - k)
            if sum.isNaN {
                periods.append(PeriodResult(
                    date: series.dates[t], observed: observed, expected: m, upperBound: bound, score: nil, isAlarm: false,
                    status: .undefined))
            } else {
                periods.append(PeriodResult(
                    date: series.dates[t], observed: observed, expected: m, upperBound: bound, score: sum, isAlarm: sum >= h,
                    status: .evaluated))
            }
        }
        return DetectionResult(series: series.name, method: method, periods: periods)
    }
}
