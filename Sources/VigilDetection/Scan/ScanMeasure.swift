import Foundation
import VigilCore

/// What a circle's size and a cylinder's expected count are measured in, by model.
///
/// A cylinder's expected count is its circle's size times a per-window rate: for the permutation
/// model the size is the circle's cases and the rate the share of all cases that fall in the last
/// w days (the same in every replication, since permuting days keeps the daily totals); for the
/// Poisson model the size is the circle's population and the rate all cases × w / (population ×
/// days).
struct Measure {
    let model: SpaceTimeScan.Model
    let population: [Double]
    let populationTotal: Double
    let cumulativePopulation: [Double]
    let totalCases: Double
    /// Each location's cases over the study.
    let locationTotals: [Int]
    /// ln k for k = 0…total cases (ln 0 = −∞).
    let logIntegers: [Double]
    /// The expected cases per unit of circle size over the last w days, w = 0…windows.
    let rate: [Double]
    /// ln of `rate`.
    let logRate: [Double]
    /// `rate` in the eight-window chunks of ``CylinderCounts``; unused lanes are +∞ so that their
    /// cylinders never exceed expectation.
    let rateChunks: [WindowLanes]
    /// 1 / `rate` in chunks, 0 where the rate is 0 or the lane is unused.
    let inverseRateChunks: [WindowLanes]

    /// The measure of an input whose windows last 1…`windows` days.
    init(_ model: SpaceTimeScan.Model, _ input: ScanInput, windows: Int) {
        self.model = model
        population = input.population ?? []
        populationTotal = population.reduce(0, +)
        var running = 0.0
        cumulativePopulation = population.map { running += $0; return running }
        let days = input.days.count
        var locationTotals = [Int](repeating: 0, count: input.locationIDs.count)
        var dayTotals = [Int](repeating: 0, count: windows + 1)
        for location in locationTotals.indices {
            var running = 0
            for day in 0..<days { locationTotals[location] += input.counts[location * days + day] }
            for window in stride(from: 1, through: windows, by: 1) {
                running += input.counts[location * days + days - window]
                dayTotals[window] += running
            }
        }
        self.locationTotals = locationTotals
        let total = locationTotals.reduce(0, +)
        totalCases = Double(total)
        logIntegers = (0...max(1, total)).map { log(Double($0)) }
        let (cases, populationTotal, dayCount) = (Double(total), populationTotal, Double(days))
        rate = (0...windows).map { window in
            switch model {
            case .permutation: Double(dayTotals[window]) / cases
            case .poisson: cases * Double(window) / (populationTotal * dayCount)
            }
        }
        logRate = rate.map { log($0) }
        let lanes = WindowLanes.scalarCount
        let chunks = (windows + lanes - 1) / lanes
        var rateChunks = [WindowLanes](repeating: WindowLanes(repeating: .infinity), count: chunks)
        var inverseRateChunks = [WindowLanes](repeating: .zero, count: chunks)
        for window in stride(from: 1, through: windows, by: 1) {
            rateChunks[(window - 1) / lanes][(window - 1) % lanes] = Float(rate[window])
            inverseRateChunks[(window - 1) / lanes][(window - 1) % lanes] = rate[window] > 0 ? Float(1 / rate[window]) : 0
        }
        self.rateChunks = rateChunks
        self.inverseRateChunks = inverseRateChunks
    }

    /// The measure of the whole study: all cases, or the whole population.
    var total: Double { model == .permutation ? totalCases : populationTotal }

    /// A location's contribution to a circle's size: its cases, or its population.
    @inline(__always)
    func size(of location: Int) -> Double {
        model == .permutation ? Double(locationTotals[location]) : population[location]
    }

    /// A location drawn in proportion to population.
    func randomLocation(using generator: inout SplitMix64) -> Int {
        let target = Double.random(in: 0..<populationTotal, using: &generator)
        var low = 0
        var high = cumulativePopulation.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativePopulation[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
