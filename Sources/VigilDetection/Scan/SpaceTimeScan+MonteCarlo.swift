import Dispatch
import VigilCore

extension SpaceTimeScan {
    /// The largest LLR of each replication, replications run in parallel with per-replication seeds.
    ///
    /// Only the cases of the last `windows` days enter a cylinder, so a replication draws only
    /// those. Permutation: permuting the case days among the cases is the same as shuffling the
    /// list of case locations and giving the first D₁ places the last study day (D₁ being its
    /// cases), the next D₂ the day before, and so on; a partial Fisher–Yates shuffle draws just
    /// the places of the last `windows` days. Poisson: each case falls on a uniformly random day
    /// and, when that day is one of the last `windows`, at a location drawn in proportion to
    /// population (where the other cases fall changes no cylinder).
    func replicate(_ zones: ScanZones, _ input: ScanInput, _ measure: Measure, windows: Int) -> [Double] {
        let dayCount = input.days.count
        let locationCount = input.locationIDs.count
        let total = Int(measure.totalCases)
        var caseLocations: [Int32] = []
        caseLocations.reserveCapacity(total)
        var casesFromEnd = [Int](repeating: 0, count: windows)
        for location in 0..<locationCount {
            for day in 0..<dayCount {
                let cases = input.counts[location * dayCount + day]
                caseLocations += repeatElement(Int32(location), count: cases)
                if dayCount - 1 - day < windows { casesFromEnd[dayCount - 1 - day] += cases }
            }
        }
        // Safe: each replication writes its own slot, and the buffer is read after all workers finish.
        nonisolated(unsafe) let maxima = UnsafeMutableBufferPointer<Double>.allocate(capacity: parameters.replications)
        defer { maxima.deallocate() }
        let workers = 2
        let (locations, recentDayTotals) = (caseLocations, casesFromEnd)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var pool = locations
            var accumulator = [WindowCounts](repeating: .zero, count: (windows + WindowCounts.scalarCount - 1) / WindowCounts.scalarCount)
            for replication in stride(from: worker, to: parameters.replications, by: workers) {
                var generator = SplitMix64(seed: parameters.seed ^ (UInt64(replication + 1) &* 0x9E37_79B9_7F4A_7C15))
                var recentDays = [Int32](repeating: 0, count: locationCount * windows)
                recentDays.withUnsafeMutableBufferPointer { recent in
                    switch parameters.model {
                    case .permutation:
                        pool = locations
                        pool.withUnsafeMutableBufferPointer { pool in
                            var place = 0
                            for fromEnd in 0..<windows {
                                for _ in 0..<recentDayTotals[fromEnd] {
                                    pool.swapAt(place, Int.random(in: place..<total, using: &generator))
                                    recent[Int(pool[place]) &* windows &+ fromEnd] &+= 1
                                    place += 1
                                }
                            }
                        }
                    case .poisson:
                        for _ in 0..<total {
                            let fromEnd = Int.random(in: 0..<dayCount, using: &generator)
                            guard fromEnd < windows else { continue }
                            recent[measure.randomLocation(using: &generator) &* windows &+ fromEnd] &+= 1
                        }
                    }
                }
                let counts = CylinderCounts(recentDays: recentDays, locations: locationCount, windows: windows)
                maxima[replication] = largestLLR(zones, counts, measure, accumulator: &accumulator)
            }
        }
        return Array(maxima)
    }
}
