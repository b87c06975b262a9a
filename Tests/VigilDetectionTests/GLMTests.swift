import Foundation
import Testing
@testable import VigilDetection
import VigilTestSupport

@Suite("GLM fits against R's glm and MASS::glm.nb")
struct GLMTests {
    /// Reference rows: name → coefficients, dispersion, covariance diagonal, first hat values, θ.
    static let reference: [String: [[Double]]] = {
        let text = try! String(contentsOfFile: Fixtures.path("detection/expected_glm.csv"), encoding: .utf8)
        var rows: [String: [[Double]]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[fields[0]] = fields.dropFirst().map { $0.split(separator: ";").map { Double($0)! } }
        }
        return rows
    }()

    /// The first 120 weeks of Salmonella Agona with intercept, time, sin and cos columns.
    static func data(trend: Bool) -> (DesignMatrix, [Double]) {
        let text = try! String(contentsOfFile: Fixtures.path("detection/series_agona_weekly.csv"), encoding: .utf8)
        let y = text.split(separator: "\n").dropFirst().prefix(120).map { Double($0.split(separator: ",")[2])! }
        var design = DesignMatrix(rows: y.count, columns: trend ? 4 : 3)
        for row in 0..<y.count {
            let t = Double(row + 1)
            var column = 0
            design[row, column] = 1
            column += 1
            if trend {
                design[row, column] = t
                column += 1
            }
            design[row, column] = sin(2 * Double.pi * t / 52)
            design[row, column + 1] = cos(2 * Double.pi * t / 52)
        }
        return (design, y)
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0)) }
    }

    @Test("quasi-Poisson: coefficients, dispersion, unscaled covariance and leverages", arguments: [false, true])
    func quasiPoisson(weighted: Bool) throws {
        let (design, y) = Self.data(trend: true)
        let weights = weighted ? y.indices.map { [1, 0.5, 2][$0 % 3] } : nil
        let fit = try #require(PoissonRegression.fit(design: design, response: y, priorWeights: weights))
        let expected = try #require(Self.reference[weighted ? "quasipoisson-weighted" : "quasipoisson"])
        #expect(fit.converged)
        #expect(Self.close(fit.coefficients, expected[0]), "\(fit.coefficients) vs \(expected[0])")
        #expect(Self.close([fit.dispersion(response: y, multipliers: fit.workingWeights)], expected[1]))
        #expect(Self.close((0..<4).map { fit.unscaledVariance(of: $0) }, expected[2], 1e-5))
        #expect(Self.close(Array(fit.leverages.prefix(5)), expected[3], 1e-5))
    }

    @Test("negative binomial: coefficients and θ as glm.nb estimates them")
    func negativeBinomial() throws {
        let (design, y) = Self.data(trend: false)
        let fit = try #require(NegativeBinomialRegression.fit(design: design, response: y))
        let expected = try #require(Self.reference["glm.nb"])
        #expect(Self.close(fit.regression.coefficients, expected[0]), "\(fit.regression.coefficients) vs \(expected[0])")
        #expect(Self.close([fit.theta], expected[4], 1e-5), "\(fit.theta) vs \(expected[4])")
        #expect(Self.close((0..<3).map { fit.regression.unscaledVariance(of: $0) }, expected[2], 1e-5))
    }

    @Test("digamma and trigamma match known values")
    func polygamma() {
        // ψ(1) = −γ, ψ′(1) = π²/6, ψ(0.5) = −γ − 2 ln 2, ψ′(0.5) = π²/2.
        let gamma = 0.57721566490153286
        #expect(abs(Polygamma.digamma(1) + gamma) < 1e-13)
        #expect(abs(Polygamma.trigamma(1) - Double.pi * Double.pi / 6) < 1e-13)
        #expect(abs(Polygamma.digamma(0.5) + gamma + 2 * log(2.0)) < 1e-13)
        #expect(abs(Polygamma.trigamma(0.5) - Double.pi * Double.pi / 2) < 1e-12)
    }

    @Test("Student t and normal quantiles and tails match R")
    func distributions() {
        // R: qnorm(0.999) = 3.0902323061678132, pt(-2, 5) = 0.05096973941492914, qt(0.95, 20) = 1.7247182429207868.
        #expect(abs(Normal.quantile(0.999) - 3.0902323061678132) < 1e-12)
        #expect(abs(Distributions.studentTCDF(-2, degreesOfFreedom: 5) - 0.050969739414929) < 1e-12)
        #expect(abs(Distributions.studentTQuantile(0.95, degreesOfFreedom: 20) - 1.7247182429207868) < 1e-9)
        // R: qnbinom(0.95, size = 2.5, prob = 0.4) = 10, qpois(0.95, 3.2) = 6.
        #expect(Distributions.negativeBinomialQuantile(0.95, size: 2.5, probability: 0.4) == 10)
        #expect(Distributions.poissonQuantile(0.95, mean: 3.2) == 6)
    }
}
