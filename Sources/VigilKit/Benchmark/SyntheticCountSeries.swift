import Foundation
public import VigilCore
public import VigilDetection

/// Daily overdose-count series for every US county from a seed, with yearly seasonality, a
/// weekend effect, a slow trend and injected spikes: the input of the detection benchmark.
public enum SyntheticCountSeries {
    /// One daily series per county in the 50 states and DC (Puerto Rico and Connecticut's planning
    /// regions left out), `days` long, ending on `lastDay`.
    public static func daily(days: Int, lastDay: CalendarDate, using generator: inout some RandomNumberGenerator)
        -> [CountSeries]
    {
        let counties = RegionCatalog.standard.regions(at: .county).filter { region in
            region.stateUSPS != "PR" && region.connecticutCodeSet != .planningRegions2022
        }
        let first = lastDay.dayNumber - days + 1
        let dates = (0..<days).map { CalendarDate(dayNumber: first + $0) }
        return counties.map { county in
            let base = exp(Double.random(in: log(0.2)...log(25), using: &generator))
            let amplitude = Double.random(in: 0...0.3, using: &generator)
            let trend = Double.random(in: -0.3...0.6, using: &generator)
            var counts = [Int](repeating: 0, count: days)
            for day in 0..<days {
                let season = 1 + amplitude * sin(2 * Double.pi * Double(day) / 365.25)
                let weekend = dates[day].isoWeekday >= 6 ? 1.15 : 1.0
                let mean = base * season * weekend * (1 + trend * Double(day) / Double(days))
                counts[day] = poisson(mean, using: &generator)
            }
            // About one spike a year: a few days at three to six times the usual level.
            for _ in 0..<max(1, days / 365) {
                let start = Int.random(in: 0..<days, using: &generator)
                let factor = Double.random(in: 3...6, using: &generator)
                for day in start..<min(days, start + Int.random(in: 1...4, using: &generator)) {
                    counts[day] += poisson(base * factor, using: &generator)
                }
            }
            // Safe: the dates step by one day and counts are never negative.
            return try! CountSeries(name: county.code.rawValue, interval: .day, dates: dates, counts: counts)
        }
    }

    /// The weekly aggregation of a daily series: whole ISO weeks only.
    public static func weekly(_ series: CountSeries) -> CountSeries {
        let offset = (8 - series.dates[0].isoWeekday) % 7
        let weeks = (series.counts.count - offset) / 7
        let counts = (0..<weeks).map { week in series.counts[(offset + 7 * week)..<(offset + 7 * week + 7)].reduce(0, +) }
        let dates = (0..<weeks).map { series.dates[offset].adding(days: 7 * $0) }
        // Safe: weekly dates step by seven days and sums of counts are never negative.
        return try! CountSeries(name: series.name, interval: .week, dates: dates, counts: counts)
    }

    /// A Poisson draw by inversion (mean at most a few hundred here).
    static func poisson(_ mean: Double, using generator: inout some RandomNumberGenerator) -> Int {
        let u = Double.random(in: 0..<1, using: &generator)
        var probability = exp(-mean)
        var cumulative = probability
        var k = 0
        while u > cumulative && k < 10_000 {
            k += 1
            probability *= mean / Double(k)
            cumulative += probability
        }
        return k
    }
}
