import Foundation

extension SpaceTimeScan {
    /// A centre's best cylinder.
    struct Candidate {
        var centre: Int
        var size: Int
        var window: Int
        var observed: Int
        var expected: Double
        var llr: Double
    }

    /// The best cylinder of every centre that has one.
    func bestCylinders(_ zones: ScanZones, _ counts: CylinderCounts, _ measure: Measure) -> [Candidate] {
        var candidates: [Candidate] = []
        var accumulator = [WindowCounts](repeating: .zero, count: counts.chunks)
        let growth = GrowthBounds(counts, measure)
        for centre in 0..<zones.starts.count - 1 {
            var best: Candidate?
            var floor = 0.0
            visitCylinders(centre, zones, counts, measure, growth, accumulator: &accumulator, floor: &floor) { size, window, n, mu, llr in
                best = Candidate(centre: centre, size: size, window: window, observed: n, expected: mu, llr: llr)
            }
            if let best { candidates.append(best) }
        }
        return candidates
    }

    /// The largest LLR of any cylinder.
    func largestLLR(_ zones: ScanZones, _ counts: CylinderCounts, _ measure: Measure, accumulator: inout [WindowCounts]) -> Double {
        var floor = 0.0
        let growth = GrowthBounds(counts, measure)
        for centre in 0..<zones.starts.count - 1 {
            visitCylinders(centre, zones, counts, measure, growth, accumulator: &accumulator, floor: &floor) { _, _, _, _, _ in }
        }
        return floor
    }

    /// Calls `body` for every qualifying cylinder of a centre whose LLR exceeds `floor`, in order
    /// (circles growing, windows lengthening), raising `floor` to that LLR each time.
    ///
    /// Exact pruning, in two steps that never skip a cylinder whose LLR exceeds `floor`:
    /// - each cylinder's LLR is bounded by ``CylinderBound`` (a few multiplications, eight windows at
    ///   a time) and only cylinders whose bound reaches `floor` get a double-precision LLR;
    /// - after a circle has been bounded, the square root of its largest bound plus the
    ///   ``GrowthBounds`` of the locations that join next bounds the square root of every bound of
    ///   the larger circles; while that stays under √floor those circles only add their counts.
    @inline(__always)
    func visitCylinders(
        _ centre: Int, _ zones: ScanZones, _ counts: CylinderCounts, _ measure: Measure, _ growth: GrowthBounds,
        accumulator: inout [WindowCounts], floor: inout Double, _ body: (Int, Int, Int, Double, Double) -> Void
    ) {
        let lanes = WindowCounts.scalarCount
        let chunks = counts.chunks
        let (lastChunk, lastLane) = ((counts.windows - 1) / lanes, (counts.windows - 1) % lanes)
        let total = Int(measure.totalCases)
        let totalDouble = measure.totalCases
        let slack = max(1e-3, 1e-6 * totalDouble.squareRoot())
        let minimumCases = Int32(clamping: parameters.minimumCases)
        // The hot loops read and write through raw pointers: no bounds or uniqueness checks per cylinder.
        accumulator.withUnsafeMutableBufferPointer { acc in
            for index in acc.indices { acc[index] = .zero }
            counts.recent.withUnsafeBufferPointer { recent in
                measure.rateChunks.withUnsafeBufferPointer { rates in
                    measure.inverseRateChunks.withUnsafeBufferPointer { inverseRates in
                        let first = zones.starts[centre]
                        // Room left under √threshold for the growth of the circle since it was last bounded.
                        var room: Float = -1
                        var lastInverseRootSize: Float = 0
                        for member in first..<zones.starts[centre + 1] {
                            let zoneSize = zones.sizes[member]
                            let location = zones.members[member]
                            let added = recent.baseAddress! + location * chunks
                            let step = growth.step(location, inverseRootSize: lastInverseRootSize)
                            // The bound needs C − n ≥ C/2; a circle whose longest window holds more is evaluated exactly.
                            let exhaustive = Double(acc[lastChunk][lastLane] &+ added[lastChunk][lastLane]) > totalDouble / 2
                            if !exhaustive && (room > step || zoneSize == 0) {
                                for chunk in 0..<chunks { acc[chunk] &+= added[chunk] }
                                room -= step
                                continue
                            }
                            let threshold = floor - slack * (floor + 1)
                            let bound = CylinderBound(zoneSize: zoneSize, total: totalDouble, threshold: threshold, minimumCases: minimumCases)
                            let (anyPromising, largest) = bound.grow(acc.baseAddress!, by: added, chunks: chunks, rates.baseAddress!, inverseRates.baseAddress!)
                            lastInverseRootSize = Float(1 / zoneSize.squareRoot())
                            room = exhaustive || threshold <= 0 ? -1 : (Float(threshold).squareRoot() - largest.squareRoot()) * (1 - 1e-4)
                            guard anyPromising || exhaustive else { continue }
                            for chunk in 0..<chunks {
                                let promising = exhaustive
                                    ? acc[chunk] .>= WindowCounts(repeating: minimumCases)
                                    : bound.promising(acc[chunk], rates[chunk], inverseRates[chunk])
                                for lane in 0..<lanes where promising[lane] {
                                    let window = chunk * lanes + lane + 1
                                    guard window <= counts.windows else { break }
                                    let observed = Int(acc[chunk][lane])
                                    let expected = zoneSize * measure.rate[window]
                                    guard Double(observed) > expected else { continue }
                                    let llr = exactLLR(observed, expected, logMu: log(zoneSize) + measure.logRate[window], total: total, measure)
                                    guard llr > floor else { continue }
                                    floor = llr
                                    body(member - first + 1, window, observed, expected, llr)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// n·ln(n/μ) + (C − n)·ln((C − n)/(C − μ)) for n > μ, logarithms of whole numbers from a table.
    @inline(__always)
    private func exactLLR(_ n: Int, _ mu: Double, logMu: Double, total: Int, _ measure: Measure) -> Double {
        let nDouble = Double(n)
        let first = nDouble * (measure.logIntegers[n] - logMu)
        guard n < total else { return first }
        let rest = measure.totalCases - nDouble
        return first + rest * (measure.logIntegers[total - n] - log(measure.totalCases - mu))
    }
}
