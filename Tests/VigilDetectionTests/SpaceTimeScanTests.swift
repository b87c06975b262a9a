import Foundation
import Testing
import VigilCore
import VigilDetection
import VigilTestSupport

@Suite("Space-time permutation scan")
struct SpaceTimeScanTests {
    /// SaTScan's NYC fever sample: 194 cases in 192 ZIP codes, 2001-11-01 to 2001-11-24.
    static let nycFever: ScanInput = {
        func rows(_ file: String) -> [[String]] {
            let text = try! String(contentsOfFile: Fixtures.path("scan/" + file), encoding: .utf8)
            return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") } }
        }
        let geo = rows("nycfever_geo.csv")
        let ids = geo.map { $0[0] }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let first = CalendarDate(iso: "2001-11-01")!
        let days = (0..<24).map { first.adding(days: $0) }
        var counts = [Int](repeating: 0, count: ids.count * days.count)
        for row in rows("nycfever_cases.csv") {
            let day = CalendarDate(iso: row[2].replacingOccurrences(of: "/", with: "-").split(separator: "-").enumerated()
                .map { $0.offset == 0 ? String($0.element) : String(repeating: "0", count: 2 - $0.element.count) + $0.element }
                .joined(separator: "-"))!
            counts[index[row[0]]! * days.count + (day.dayNumber - first.dayNumber)] += Int(row[1])!
        }
        return ScanInput(
            locationIDs: ids, coordinates: geo.map { .geographic(latitude: Double($0[1])!, longitude: Double($0[2])!) },
            days: days, counts: counts)
    }()

    @Test("NYC fever, SaTScan's default windows (50 % of cases, 50 % of days): the published clusters and test statistics")
    func nycFeverDefaultWindows() throws {
        #expect(Self.nycFever.totalCases == 194)
        let result = try SpaceTimeScan(.init(replications: 999, seed: 20_011_124)).run(Self.nycFever)
        try #require(result.clusters.count >= 3)
        let first = result.clusters[0]
        #expect(first.centre == "11418")
        #expect(Set(first.locations) == ["11418", "11415", "11419", "11435", "11416", "11421", "11451", "11375", "11417"])
        #expect(first.start.description == "2001-11-22" && first.end.description == "2001-11-24")
        #expect(first.observed == 4 && abs(first.expected - 0.67) < 0.005)
        #expect(abs(first.logLikelihoodRatio - 3.845418) < 1e-6)
        #expect(abs(first.radiusKilometres - 2.90) < 0.01)
        // SaTScan 9.4.4 stopped its Monte Carlo early and printed p = 0.355; a full run gives a p-value of that size.
        #expect(first.pValue > 0.1 && first.pValue < 0.7)
        let second = result.clusters[1]
        #expect(second.locations == ["11372"] && second.observed == 2 && abs(second.expected - 0.16) < 0.005)
        #expect(abs(second.logLikelihoodRatio - 3.164201) < 1e-6)
        let third = result.clusters[2]
        #expect(third.centre == "10464" && third.locations.count == 10 && third.observed == 5)
        #expect(abs(third.expected - 1.66) < 0.005 && abs(third.logLikelihoodRatio - 2.192250) < 1e-6)
        #expect(third.start.description == "2001-11-23")
    }

    @Test("NYC fever with the manual's limits (3 km, 7 days): SaTScan's published clusters")
    func nycFeverManualLimits() throws {
        let result = try SpaceTimeScan(.init(maxRadiusKilometres: 3, maxTemporalDays: 7, replications: 99, seed: 7))
            .run(Self.nycFever)
        try #require(result.clusters.count >= 3)
        #expect(result.clusters[0].centre == "11418" && result.clusters[0].observed == 4)
        #expect(abs(result.clusters[0].logLikelihoodRatio - 3.845418) < 1e-6)
        #expect(result.clusters[1].locations == ["11372"])
        let third = result.clusters[2]
        #expect(third.locations == ["10472"] && third.observed == 2 && abs(third.expected - 0.29) < 0.005)
        #expect(third.start.description == "2001-11-23")
    }

    @Test("the same seed gives the same p-values; the engine finds the cylinder a brute-force search finds", arguments: 0..<25 as Range<UInt64>)
    func matchesBruteForce(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let locations = Int.random(in: 3...9, using: &generator)
        let dayCount = Int.random(in: 4...10, using: &generator)
        let coordinates = (0..<locations).map { _ in
            ScanCoordinate.cartesian(x: Double.random(in: 0...10, using: &generator), y: Double.random(in: 0...10, using: &generator))
        }
        let counts = (0..<(locations * dayCount)).map { _ in Int.random(in: 0...3, using: &generator) }
        let input = ScanInput(
            locationIDs: (0..<locations).map { "L\($0)" }, coordinates: coordinates,
            days: (0..<dayCount).map { CalendarDate(dayNumber: 20_000 + $0) }, counts: counts)
        let scan = try SpaceTimeScan(.init(replications: 19, seed: seed))
        let result = scan.run(input)
        let reference = BruteForceScan.mostLikely(input, maxFraction: 0.5, maxWindow: dayCount / 2, minimumCases: 2)
        #expect(abs((result.clusters.first?.logLikelihoodRatio ?? 0) - (reference?.llr ?? 0)) < 1e-9)
        if let reference, let found = result.clusters.first {
            #expect(Set(found.locations) == reference.members && found.observed == reference.observed)
        }
        #expect(scan.run(input).maximumReplicatedLLRs == result.maximumReplicatedLLRs)
    }

    @Test("Poisson model: the engine finds the cylinder a brute-force search finds", arguments: 0..<25 as Range<UInt64>)
    func poissonMatchesBruteForce(seed: UInt64) throws {
        var generator = SplitMix64(seed: 1_000 + seed)
        let locations = Int.random(in: 3...9, using: &generator)
        let dayCount = Int.random(in: 4...10, using: &generator)
        let input = ScanInput(
            locationIDs: (0..<locations).map { "L\($0)" },
            coordinates: (0..<locations).map { _ in
                .cartesian(x: Double.random(in: 0...10, using: &generator), y: Double.random(in: 0...10, using: &generator))
            },
            days: (0..<dayCount).map { CalendarDate(dayNumber: 20_000 + $0) },
            counts: (0..<(locations * dayCount)).map { _ in Int.random(in: 0...3, using: &generator) },
            population: (0..<locations).map { _ in Double.random(in: 100...10_000, using: &generator) })
        let result = try SpaceTimeScan(.init(model: .poisson, replications: 19, seed: seed)).run(input)
        let reference = BruteForceScan.mostLikely(input, maxFraction: 0.5, maxWindow: dayCount / 2, minimumCases: 2)
        #expect(abs((result.clusters.first?.logLikelihoodRatio ?? 0) - (reference?.llr ?? 0)) < 1e-9)
        if let reference, let found = result.clusters.first { #expect(Set(found.locations) == reference.members) }
        #expect(result.maximumReplicatedLLRs.allSatisfy { $0 >= 0 })
    }

    @Test("the Gumbel p-value follows the Monte Carlo one and goes below its floor for strong clusters")
    func gumbel() throws {
        let result = try SpaceTimeScan(.init(replications: 999, seed: 3)).run(Self.nycFever)
        let first = try #require(result.clusters.first)
        // Not significant: both p-values are large and close.
        #expect(abs(first.gumbelPValue - first.pValue) < 0.1)
        // A strong injected cluster: the Monte Carlo p stops at 1/1000, the Gumbel p goes far below.
        var generator = SplitMix64(seed: 9)
        let strong = try SpaceTimeScan(.init(replications: 99, seed: 3))
            .run(SyntheticScan.withCluster(using: &generator))
        let top = try #require(strong.clusters.first)
        #expect(top.pValue == 0.01 && top.gumbelPValue < 1e-6)
    }

    @Test("bad parameters are refused and empty input has no clusters")
    func edges() throws {
        #expect(throws: DetectionError.self) { try SpaceTimeScan(.init(maxSpatialFraction: 0.6)) }
        #expect(throws: DetectionError.self) { try SpaceTimeScan(.init(replications: 8)) }
        let empty = ScanInput(locationIDs: ["a"], coordinates: [.cartesian(x: 0, y: 0)], days: [CalendarDate(dayNumber: 1)], counts: [0])
        #expect(try SpaceTimeScan(.init()).run(empty).clusters.isEmpty)
    }
}

/// The definition, computed the slow way: every centre, every circle size, every window.
enum BruteForceScan {
    struct Cylinder {
        var members: Set<String>
        var observed: Int
        var llr: Double
    }

    static func mostLikely(_ input: ScanInput, maxFraction: Double, maxWindow: Int, minimumCases: Int) -> Cylinder? {
        let population = input.population
        let days = input.days.count
        let total = Double(input.totalCases)
        guard total > 0, maxWindow > 0 else { return nil }
        let points: [(Double, Double)] = input.coordinates.map {
            if case .cartesian(let x, let y) = $0 { return (x, y) }
            return (0, 0)
        }
        var best: Cylinder?
        for centre in points.indices {
            let order = points.indices.sorted { a, b in
                let da = pow(points[a].0 - points[centre].0, 2) + pow(points[a].1 - points[centre].1, 2)
                let db = pow(points[b].0 - points[centre].0, 2) + pow(points[b].1 - points[centre].1, 2)
                return da != db ? da < db : (points[a].0, points[a].1, a) < (points[b].0, points[b].1, b)
            }
            for size in 1...order.count {
                let zone = Array(order.prefix(size))
                let zoneCases = zone.reduce(0) { sum, l in sum + (0..<days).reduce(0) { $0 + input.counts[l * days + $1] } }
                if let population {
                    if zone.reduce(0.0, { $0 + population[$1] }) > maxFraction * population.reduce(0, +) { break }
                } else if Double(zoneCases) > maxFraction * total {
                    break
                }
                for window in 1...maxWindow {
                    let windowDays = (days - window)..<days
                    let n = zone.reduce(0) { sum, l in sum + windowDays.reduce(0) { $0 + input.counts[l * days + $1] } }
                    let windowCases = (0..<input.locationIDs.count).reduce(0) { sum, l in
                        sum + windowDays.reduce(0) { $0 + input.counts[l * days + $1] }
                    }
                    let mu = population.map { pop in
                        total * zone.reduce(0.0) { $0 + pop[$1] } / pop.reduce(0, +) * Double(window) / Double(days)
                    } ?? Double(zoneCases) * Double(windowCases) / total
                    guard n >= minimumCases, Double(n) > mu else { continue }
                    let nd = Double(n)
                    let llr = nd * log(nd / mu) + (nd < total ? (total - nd) * log((total - nd) / (total - mu)) : 0)
                    if best == nil || llr > best!.llr + 1e-12 {
                        best = Cylinder(members: Set(zone.map { input.locationIDs[$0] }), observed: n, llr: llr)
                    }
                }
            }
        }
        return best
    }
}

/// A small seeded input with one obvious cluster.
enum SyntheticScan {
    static func withCluster(using generator: inout SplitMix64) -> ScanInput {
        let (locations, days) = (30, 40)
        var counts = (0..<(locations * days)).map { _ in Int.random(in: 0...2, using: &generator) }
        for day in (days - 3)..<days { counts[0 * days + day] += 15 }
        return ScanInput(
            locationIDs: (0..<locations).map { "L\($0)" },
            coordinates: (0..<locations).map { .cartesian(x: Double($0 % 6), y: Double($0 / 6)) },
            days: (0..<days).map { CalendarDate(dayNumber: 20_000 + $0) }, counts: counts)
    }
}
