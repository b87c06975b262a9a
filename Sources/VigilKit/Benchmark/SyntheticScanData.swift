import Foundation
import VigilCore
public import VigilDetection

/// A seeded scan input for benchmarks: locations scattered over a 200 × 200 km square with
/// uneven populations, cases placed in proportion to population on uniform days, and one injected
/// cluster (about 1 % of the cases in five neighbouring locations over the last five days).
public enum SyntheticScanData {
    /// Generates an input with `locations` locations, `days` days and `cases` cases.
    public static func make(locations: Int, days: Int, cases: Int, using generator: inout some RandomNumberGenerator) -> ScanInput {
        let points = (0..<locations).map { _ in
            (Double.random(in: 0..<200, using: &generator), Double.random(in: 0..<200, using: &generator))
        }
        let weights = (0..<locations).map { _ in exp(Double.random(in: 0..<3, using: &generator)) }
        var cumulative: [Double] = []
        var running = 0.0
        for weight in weights {
            running += weight
            cumulative.append(running)
        }
        var counts = [Int](repeating: 0, count: locations * days)
        let clusterCases = cases / 100
        for _ in 0..<(cases - clusterCases) {
            let target = Double.random(in: 0..<running, using: &generator)
            let location = cumulative.firstIndex { $0 > target } ?? locations - 1
            counts[location * days + Int.random(in: 0..<days, using: &generator)] += 1
        }
        let centre = points[0]
        let nearest = points.indices.sorted {
            hypot(points[$0].0 - centre.0, points[$0].1 - centre.1) < hypot(points[$1].0 - centre.0, points[$1].1 - centre.1)
        }.prefix(5)
        for _ in 0..<clusterCases {
            let location = nearest[nearest.startIndex + Int.random(in: 0..<nearest.count, using: &generator)]
            counts[location * days + days - 1 - Int.random(in: 0..<min(5, days), using: &generator)] += 1
        }
        let first = CalendarDate(year: 2025, month: 1, day: 1)!
        return ScanInput(
            locationIDs: (0..<locations).map { "L\($0)" }, coordinates: points.map { .cartesian(x: $0.0, y: $0.1) },
            days: (0..<days).map { first.adding(days: $0) }, counts: counts)
    }

    /// Writes an input as the files `vigil scan` reads (one case per row).
    public static func write(_ input: ScanInput, cases: String, locations: String) throws {
        var locationText = "location_id,x,y\n"
        for (id, coordinate) in zip(input.locationIDs, input.coordinates) {
            if case .cartesian(let x, let y) = coordinate { locationText += "\(id),\(x),\(y)\n" }
        }
        try locationText.write(toFile: locations, atomically: true, encoding: .utf8)
        var caseText = "location_id,date\n"
        let days = input.days.count
        for (location, id) in input.locationIDs.enumerated() {
            for day in 0..<days {
                for _ in 0..<input.counts[location * days + day] { caseText += "\(id),\(input.days[day])\n" }
            }
        }
        try caseText.write(toFile: cases, atomically: true, encoding: .utf8)
    }
}
