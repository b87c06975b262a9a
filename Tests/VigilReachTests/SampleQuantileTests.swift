import Testing
import VigilReach

@Suite("Type 7 sample quantiles")
struct SampleQuantileTests {
    @Test(
        "hand-computed: h = (n − 1) p, then interpolate between neighbours",
        arguments: [
            ([1.0, 2, 3, 4], 0.5, 2.5), ([1.0, 2, 3, 4], 0.9, 3.7), ([1.0, 3, 7, 15, 31], 0.9, 24.6),
            ([1.0, 3, 7, 15, 31], 0.25, 3), ([1.0, 3, 7, 15, 31], 0, 1), ([1.0, 3, 7, 15, 31], 1, 31),
            ([10.0], 0.9, 10),
            ([2.0, 2, 2, 5], 0.5, 2),
        ])
    func handComputed(values: [Double], probability: Double, expected: Double) throws {
        let value = try #require(SampleQuantile.type7(ofSorted: values, probability: probability))
        #expect(abs(value - expected) < 1e-12)
    }

    @Test("bit for bit R's quantile(x, probs, type = 7)")
    func matchesR() {
        // Rscript -e 'x <- c(0.3, 1.7, 2.2, 9.1, 4.4, 0.1, 7.7);
        //   sprintf("%.17g", quantile(x, c(0, 0.1, 0.25, 0.5, 0.9, 0.99, 1), type = 7))'   (R 4.x)
        let sorted = [0.3, 1.7, 2.2, 9.1, 4.4, 0.1, 7.7].sorted()
        let expected: [(Double, Double)] = [
            (0, 0.10000000000000001), (0.1, 0.22000000000000003), (0.25, 1), (0.5, 2.2000000000000002),
            (0.9, 8.2600000000000016), (0.99, 9.0159999999999982), (1, 9.0999999999999996),
        ]
        for (probability, value) in expected {
            #expect(SampleQuantile.type7(ofSorted: sorted, probability: probability) == value)
        }
    }

    @Test("an empty sample has no quantile")
    func empty() {
        #expect(SampleQuantile.type7(ofSorted: [Double](), probability: 0.5) == nil)
    }
}
