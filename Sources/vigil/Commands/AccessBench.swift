import ArgumentParser
import Dispatch
import Foundation
import VigilCore
import VigilReach

struct AccessBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Time nearest-facility distances against SciPy's cKDTree, and greedy placement; check greedy against the optimum.",
        discussion: """
            Seeded synthetic points clustered around 400 towns over the contiguous US (SyntheticReachData): --events events \
            and --facilities facilities. Nearest: Vigil's spherical k-d tree (build, and the query on both cores) against \
            Benchmarks/reach/ckdtree_baseline.py (cKDTree on unit vectors, workers -1 and 1) on the same points written to \
            CSV; checksums (sum of km) compared. Placement: --budget sites among --candidates over the events with \
            --radius-km (coverage lists and greedy). Small instances: the greedy and exact (branch and bound) solutions of \
            --small seeded instances, and the worst ratio (the guarantee is 1 − 1/e ≈ 0.632). Medians of --rounds.
            """)

    @Option(help: "Events.") var events = 1_000_000
    @Option(help: "Facilities.") var facilities = 14_000
    @Option(help: "Candidate sites for placement.") var candidates = 10_000
    @Option(help: "Sites to choose.") var budget = 50
    @Option(help: "Coverage radius in km.") var radiusKm = 10.0
    @Option(help: "Small instances to solve exactly.") var small = 50
    @Option(help: "Rounds.") var rounds = 3
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "The cKDTree script (empty skips it).") var script = "Benchmarks/reach/ckdtree_baseline.py"
    @Option(help: "Folder for the generated files.") var workDir = "bench-work"

    func validate() throws {
        guard events > 0, facilities > 0, candidates >= budget, budget > 0, radiusKm > 0, rounds > 0, small >= 0 else {
            throw ValidationError("--events, --facilities, --budget, --radius-km and --rounds must be positive, --candidates at least --budget")
        }
    }

    func run() async throws {
        try await reportingErrors {
            var generator = SplitMix64(seed: seed)
            let data = SyntheticReachData(using: &generator)
            let facilityPoints = data.facilities(count: facilities, using: &generator).map(\.location)
            let eventPoints = data.events(count: events, using: &generator).map(\.location)
            print("events \(events), facilities \(facilities), seed \(seed), \(ProcessInfo.processInfo.activeProcessorCount) cores")
            var (builds, queries, checksum) = ([Double](), [Double](), 0.0)
            for _ in 0..<rounds {
                var tree = SphericalKDTree(points: [])
                builds.append(Self.seconds { tree = SphericalKDTree(points: facilityPoints) })
                var found = NearestNeighbours(indices: [], kilometres: [])
                queries.append(Self.seconds { found = tree.nearest(to: eventPoints) })
                checksum = found.kilometres.reduce(0, +)
            }
            print(String(format: "nearest   vigil      build %.3f s  query %.3f s  checksum %.6f", median(builds), median(queries), checksum))
            if !script.isEmpty, FileManager.default.fileExists(atPath: script) {
                try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
                let (facilityFile, eventFile) = (workDir + "/reach-facilities-\(seed).csv", workDir + "/reach-events-\(seed).csv")
                try Self.write(facilityPoints, to: facilityFile)
                try Self.write(eventPoints, to: eventFile)
                let reference = PythonReference(python: "python3", script: script, installHint: "install SciPy (python3 -m pip install scipy)")
                for workers in ["-1", "1"] {
                    var (referenceQueries, referenceChecksum) = ([Double](), 0.0)
                    for _ in 0..<rounds {
                        let values = try reference.run(["--facilities", facilityFile, "--events", eventFile, "--workers", workers])
                        referenceQueries.append(values["query_seconds"] as? Double ?? .nan)
                        referenceChecksum = values["checksum"] as? Double ?? .nan
                    }
                    print(String(format: "nearest   cKDTree(workers %@)  query %.3f s  checksum %.6f  Vigil/cKDTree %.2f×", workers, median(referenceQueries),
                                 referenceChecksum, median(queries) / median(referenceQueries)))
                }
            }
            let sites = data.points(count: candidates, spreadKilometres: 15, backgroundShare: 0.05, using: &generator)
            let covering = try MaximalCovering(.init(radiusKilometres: radiusKm, budget: budget))
            var (coverageTimes, greedyTimes) = ([Double](), [Double]())
            var solution: CoveringSolution?
            for _ in 0..<rounds {
                var sets: CoverageSets?
                coverageTimes.append(try Self.seconds { sets = try covering.coverage(candidates: sites, demand: eventPoints) })
                greedyTimes.append(try Self.seconds { solution = try covering.greedy(sets!) })
            }
            if let solution {
                print(String(format: "placement %d of %d candidates, %.0f km: coverage %.3f s + greedy %.3f s = %.3f s; covers %d events (bound %.0f)",
                             budget, candidates, radiusKm, median(coverageTimes), median(greedyTimes), median(coverageTimes) + median(greedyTimes),
                             solution.coveredCount, solution.upperBoundWeight))
            }
            guard small > 0 else { return }
            var worst = 1.0
            for _ in 0..<small {
                let demand = data.points(count: 400, spreadKilometres: 30, backgroundShare: 0.1, using: &generator)
                let candidateSites = Array(demand.prefix(25))
                let instance = try MaximalCovering(.init(radiusKilometres: 40, budget: 4))
                let sets = try instance.coverage(candidates: candidateSites, demand: demand)
                let exact = try instance.exact(sets)
                let greedy = try instance.greedy(sets)
                if exact.coveredWeight > 0 { worst = min(worst, greedy.coveredWeight / exact.coveredWeight) }
            }
            print(String(format: "small     %d instances (25 candidates, 400 events, k = 4): worst greedy/optimum %.4f (guarantee 0.6321)", small, worst))
        }
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    private static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func write(_ points: [GeoPoint], to path: String) throws {
        var text = "lat,lon\n"
        text.reserveCapacity(points.count * 40)
        for point in points { text += "\(point.latitude),\(point.longitude)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
