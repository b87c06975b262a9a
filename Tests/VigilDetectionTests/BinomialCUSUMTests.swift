import Testing
import VigilCore
import VigilDetection

@Suite("Binomial CUSUM")
struct BinomialCUSUMTests {
    @Test("hand-computed: p0 = 0.1, p1 = 0.2, h = 4, restart after the alarm")
    func handComputed() throws {
        var chart = try BinomialCUSUM(inControlShare: 0.1, outOfControlShare: 0.2, threshold: 4)
        // W = x·ln 2 + (n − x)·ln(0.8/0.9), with ln 2 = 0.6931471805599453 and ln(8/9) = −0.11778303565638346.
        let periods: [(samples: Int, positives: Int, statistic: Double)] = [
            (10, 1, 0),  // W = −0.36690014034750573, clipped at 0
            (10, 3, 1.2549602920851517),  // W = 1.2549602920851517
            (10, 4, 3.320850800386632),  // W = 2.0658905083014805
            (20, 2, 2.587050519691621),  // W = −0.7338002806950115
            (0, 0, 2.587050519691621),  // no samples: unchanged
            (10, 5, 5.463871244209431),  // W = 2.8768207245178092: S ≥ 4, alarm, restart
            (10, 2, 0.4440300758688229),  // W = 0.4440300758688229 from 0
        ]
        for (index, period) in periods.enumerated() {
            let statistic = chart.update(positives: period.positives, samples: period.samples)
            #expect(
                abs(statistic - period.statistic) < 1e-12, "period \(index + 1): \(statistic) ≠ \(period.statistic)")
            #expect((statistic >= 4) == (index == 5), "period \(index + 1)")
        }
        #expect(abs(chart.statistic - 0.4440300758688229) < 1e-12)
        #expect(abs(chart.increment(positives: 1, samples: 10) - -0.36690014034750573) < 1e-12)
    }

    @Test("an odds ratio of 2.25 turns p0 = 0.1 into p1 = 0.2")
    func oddsRatio() throws {
        let chart = try BinomialCUSUM(inControlShare: 0.1, oddsRatio: 2.25, threshold: 4)
        #expect(abs(chart.outOfControlShare - 0.2) < 1e-15)
        let steep = try BinomialCUSUM(inControlShare: 0.9, oddsRatio: 100, threshold: 4)
        #expect(steep.outOfControlShare < 1 && steep.outOfControlShare > 0.99)
    }

    @Test(
        "invalid shares, odds ratios and thresholds are rejected",
        arguments: [
            (0.0, 0.2, 4.0), (0.1, 0.1, 4.0), (0.1, 0.05, 4.0), (0.1, 1.0, 4.0), (0.1, 0.2, 0.0), (0.1, 0.2, .infinity),
        ]
    )
    func rejectsInvalid(p0: Double, p1: Double, h: Double) {
        #expect(throws: DetectionError.self) {
            try BinomialCUSUM(inControlShare: p0, outOfControlShare: p1, threshold: h)
        }
    }

    @Test("odds ratios at or below 1 are rejected with a message naming the odds ratio")
    func rejectsOddsRatio() {
        #expect {
            try BinomialCUSUM(inControlShare: 0.1, oddsRatio: 1, threshold: 4)
        } throws: { error in
            (error as? DetectionError)?.code == .invalidParameter && "\(error)".contains("odds ratio")
        }
    }
}
