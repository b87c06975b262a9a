import Foundation
public import VigilCore
public import VigilDetection

/// Seeded drug samples for benchmarks: samples spread over counties of uneven size and over the days of
/// several years, each with one to four substances drawn by a Zipf-like popularity (fentanyl in about
/// 60 %), and the least popular quarter of the substances entering the market at random days, so that
/// first appearances and rising shares occur as they do in real data.
public enum SyntheticSamples {
    /// Generates samples.
    /// - Parameters:
    ///   - count: Samples.
    ///   - counties: Counties (the first of the bundled county codes, in code order; at most 3,229).
    ///   - substances: Substances (catalogue ids first, then `synthetic-N`).
    ///   - first: The first day.
    ///   - days: Days covered.
    public static func make(
        count: Int, counties: Int, substances: Int, first: CalendarDate, days: Int, using generator: inout some RandomNumberGenerator
    ) -> [SubstanceSample] {
        let regions = RegionCatalog.standard.regions(at: .county).map(\.code.rawValue).sorted().prefix(counties)
        let catalog = SubstanceCatalog.standard.substances.map(\.id).filter { $0.rawValue != "fentanyl" }
        let ids = ([SubstanceID(rawValue: "fentanyl")] + catalog + (0..<max(0, substances)).map { SubstanceID(rawValue: "synthetic-\($0)") })
            .prefix(substances)
        let regionWeights = cumulative(regions.indices.map { _ in exp(Double.random(in: 0..<4, using: &generator)) })
        let substanceWeights = cumulative(ids.indices.map { 1 / pow(Double($0 + 1), 1.1) })
        // The least popular quarter enter the market on a random day.
        let entryDay = ids.indices.map { $0 >= ids.count * 3 / 4 ? Int.random(in: 0..<days, using: &generator) : 0 }
        var samples: [SubstanceSample] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let day = Int.random(in: 0..<days, using: &generator)
            let region = regions[regions.startIndex + pick(regionWeights, using: &generator)]
            var found: [SubstanceID] = Double.random(in: 0..<1, using: &generator) < 0.6 ? [ids[0]] : []
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = pick(substanceWeights, using: &generator)
                if index > 0, entryDay[index] <= day, !found.contains(ids[index]) { found.append(ids[index]) }
            }
            if found.isEmpty { found = [ids[min(1, ids.count - 1)]] }
            samples.append(SubstanceSample(day: first.adding(days: day), region: region, substances: found))
        }
        return samples
    }

    /// Writes samples as `day,region,substances` with substances separated by `;`.
    public static func write(_ samples: [SubstanceSample], to path: String) throws {
        var text = "day,region,substances\n"
        text.reserveCapacity(samples.count * 40)
        for sample in samples { text += "\(sample.day),\(sample.region),\(sample.substances.map(\.rawValue).joined(separator: ";"))\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func cumulative(_ weights: [Double]) -> [Double] {
        var running = 0.0
        return weights.map { weight in
            running += weight
            return running
        }
    }

    /// An index drawn in proportion to the weights whose running sums are given.
    private static func pick(_ cumulative: [Double], using generator: inout some RandomNumberGenerator) -> Int {
        let target = Double.random(in: 0..<cumulative[cumulative.count - 1], using: &generator)
        var (low, high) = (0, cumulative.count - 1)
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
