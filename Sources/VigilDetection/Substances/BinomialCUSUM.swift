import Foundation

/// A Bernoulli/binomial CUSUM: Page's cumulative sum of log-likelihood ratios for the number of
/// positive samples among the samples of each period, tuned to detect a shift of the positive share
/// from p0 to p1.
///
/// Each period with x positives among n samples adds the log-likelihood ratio of Binomial(n, p1)
/// against Binomial(n, p0),
///
///     W_t = x·ln(p1/p0) + (n − x)·ln((1 − p1)/(1 − p0)),
///
/// and the statistic is S_t = max(0, S_{t−1} + W_t) with S_0 = 0. An alarm is S_t ≥ h. After an
/// alarm the statistic restarts at 0, so a lasting rise alarms again once it has gathered h more
/// evidence, rather than in every following period. A period with no samples adds nothing. Because
/// the increment weights each period by its number of samples, periods with few samples move the
/// statistic little: no normal approximation is involved.
///
/// Assumptions: within a period, samples are independent with a common probability p0 of being
/// positive while in control. Clustered samples (many pills from one seizure) break this and raise the
/// false-alarm rate; count such a batch once.
///
/// Choosing h: under p0, e^{S} restarted at 0 behaves like a likelihood-ratio martingale, so a
/// run from 0 reaches h with probability at most e^{−h}, and the in-control average run length is
/// roughly e^h periods or more (h = 5: about 150 periods).
///
/// References: Page E. S. (1954), "Continuous inspection schemes", Biometrika 41:100–115;
/// Reynolds M. R. and Stoumbos Z. G. (1999), "A CUSUM chart for monitoring a proportion when
/// inspecting continuously", J Qual Technol 31:87–108; Steiner S. H., Cook R. J., Farewell V. T. and
/// Treasure T. (2000), "Monitoring surgical performance using risk-adjusted cumulative sum charts",
/// Biostatistics 1:441–452.
public struct BinomialCUSUM: Hashable, Sendable {
    /// The in-control share p0.
    public let inControlShare: Double
    /// The out-of-control share p1 the chart is tuned to detect.
    public let outOfControlShare: Double
    /// The decision interval h: an alarm is S_t ≥ h.
    public let threshold: Double
    /// The current statistic S_t; 0 at the start and after each alarm.
    public private(set) var statistic: Double = 0

    /// ln(p1/p0), the weight of a positive sample.
    private let positiveWeight: Double
    /// ln((1 − p1)/(1 − p0)), the weight of a negative sample (negative when p1 > p0).
    private let negativeWeight: Double

    /// Creates a chart that detects a shift of the share from p0 to p1.
    /// - Parameters:
    ///   - inControlShare: p0, in (0, 1).
    ///   - outOfControlShare: p1, in (p0, 1).
    ///   - threshold: h, positive and finite.
    /// - Throws: ``DetectionError`` `invalidParameter` when a share is outside (0, 1), p1 is not above
    ///   p0, or h is not positive.
    public init(inControlShare: Double, outOfControlShare: Double, threshold: Double) throws(DetectionError) {
        guard inControlShare > 0, inControlShare < 1 else {
            throw .parameter("the in-control share p0 must be above 0 and below 1, not \(inControlShare)")
        }
        guard outOfControlShare > inControlShare, outOfControlShare < 1 else {
            throw .parameter(
                "the out-of-control share p1 must be above p0 (\(inControlShare)) and below 1, not \(outOfControlShare)"
            )
        }
        guard threshold > 0, threshold.isFinite else {
            throw .parameter("the CUSUM threshold h must be positive and finite, not \(threshold)")
        }
        self.init(validatedInControlShare: inControlShare, outOfControlShare: outOfControlShare, threshold: threshold)
    }

    /// Creates a chart that detects the odds of a positive sample rising by `oddsRatio`:
    /// p1 = r·p0 / (1 − p0 + r·p0), which stays below 1 for any p0.
    /// - Parameters:
    ///   - inControlShare: p0, in (0, 1).
    ///   - oddsRatio: r, above 1 and finite.
    ///   - threshold: h, positive and finite.
    /// - Throws: ``DetectionError`` `invalidParameter` when p0 is outside (0, 1), r is not above 1, or
    ///   h is not positive.
    public init(inControlShare: Double, oddsRatio: Double, threshold: Double) throws(DetectionError) {
        guard oddsRatio > 1, oddsRatio.isFinite else {
            throw .parameter("the odds ratio must be above 1 and finite (2 doubles the odds), not \(oddsRatio)")
        }
        guard inControlShare > 0, inControlShare < 1 else {
            throw .parameter("the in-control share p0 must be above 0 and below 1, not \(inControlShare)")
        }
        try self.init(
            inControlShare: inControlShare, outOfControlShare: Self.share(inControlShare, oddsRatio: oddsRatio),
            threshold: threshold)
    }

    /// Creates a chart from parameters already checked.
    init(validatedInControlShare p0: Double, outOfControlShare p1: Double, threshold: Double) {
        inControlShare = p0
        outOfControlShare = p1
        self.threshold = threshold
        positiveWeight = log(p1 / p0)
        negativeWeight = log1p(-p1) - log1p(-p0)
    }

    /// The share whose odds are `oddsRatio` times those of `share`.
    static func share(_ share: Double, oddsRatio: Double) -> Double {
        oddsRatio * share / (1 - share + oddsRatio * share)
    }

    /// The log-likelihood ratio W of one period: x·ln(p1/p0) + (n − x)·ln((1 − p1)/(1 − p0)).
    /// - Parameters:
    ///   - positives: x, the samples that contain the substance.
    ///   - samples: n, all samples of the period, at least x.
    /// - Returns: The increment; 0 when there are no samples.
    public func increment(positives: Int, samples: Int) -> Double {
        precondition(
            positives >= 0 && positives <= samples, "a period has 0...n positives, not \(positives) of \(samples)")
        return Double(positives) * positiveWeight + Double(samples - positives) * negativeWeight
    }

    /// Adds one period: S_t = max(0, S_{t−1} + W_t); when S_t ≥ h the chart alarms and restarts at 0.
    /// - Parameters:
    ///   - positives: x, the samples that contain the substance.
    ///   - samples: n, all samples of the period, at least x.
    /// - Returns: S_t before any restart; an alarm when it is at least ``threshold``.
    @discardableResult
    public mutating func update(positives: Int, samples: Int) -> Double {
        let sum = Swift.max(0, statistic + increment(positives: positives, samples: samples))
        statistic = sum >= threshold ? 0 : sum
        return sum
    }
}
