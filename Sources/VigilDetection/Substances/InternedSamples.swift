import VigilCore

/// Samples with their regions and substances replaced by small integers, in flat arrays.
///
/// Each region key and substance identifier is hashed once per mention here; everything after works
/// on integers. The anchors are interned first, so anchor k has substance index k. Samples after
/// the last day of interest are dropped, and a substance listed twice in one sample is kept once.
struct InternedSamples {
    /// The region keys, by index, in first-seen order.
    private(set) var regions: [String] = []
    /// The substance identifiers, by index: the anchors first, then the others in first-seen order.
    private(set) var substances: [SubstanceID] = []
    /// The region index of each kept sample.
    private(set) var regionOfSample: [Int32] = []
    /// The day number of each kept sample.
    private(set) var dayOfSample: [Int32] = []
    /// Where each kept sample's substances start in ``substanceList``; one extra entry at the end.
    private(set) var substanceStart: [Int32] = [0]
    /// The substance indices of all kept samples, sample after sample.
    private(set) var substanceList: [Int32] = []
    /// The earliest and latest day numbers of the kept samples, `nil` when none is kept.
    private(set) var dayRange: ClosedRange<Int>?

    /// The number of kept samples.
    var count: Int { regionOfSample.count }

    /// Interns the samples on or before `lastDay`.
    /// - Parameters:
    ///   - samples: The samples, in any order.
    ///   - anchors: The anchor substances, distinct; they get the indices 0..<anchors.count.
    ///   - lastDay: The day number after which samples are ignored.
    /// - Complexity: O(m) expected time for m substance mentions, one hash lookup per mention.
    init(_ samples: [SubstanceSample], anchors: [SubstanceID], through lastDay: Int) {
        var regionIndex: [String: Int32] = [:]
        var substanceIndex: [SubstanceID: Int32] = [:]
        for anchor in anchors {
            substanceIndex[anchor] = Int32(substances.count)
            substances.append(anchor)
        }
        regionOfSample.reserveCapacity(samples.count)
        dayOfSample.reserveCapacity(samples.count)
        substanceStart.reserveCapacity(samples.count + 1)
        substanceList.reserveCapacity(samples.count * 3)
        // The sample that last listed each substance, to drop repeats within a sample in O(1).
        var lastListedIn: [Int32] = Array(repeating: -1, count: substances.count)
        var (earliest, latest) = (Int.max, Int.min)
        for sample in samples {
            let day = sample.day.dayNumber
            guard day <= lastDay else { continue }
            let sampleIndex = Int32(regionOfSample.count)
            let region: Int32
            if let known = regionIndex[sample.region] {
                region = known
            } else {
                region = Int32(regions.count)
                regionIndex[sample.region] = region
                regions.append(sample.region)
            }
            regionOfSample.append(region)
            dayOfSample.append(Int32(day))
            earliest = min(earliest, day)
            latest = max(latest, day)
            for substance in sample.substances {
                let index: Int32
                if let known = substanceIndex[substance] {
                    index = known
                } else {
                    index = Int32(substances.count)
                    substanceIndex[substance] = index
                    substances.append(substance)
                    lastListedIn.append(-1)
                }
                guard lastListedIn[Int(index)] != sampleIndex else { continue }
                lastListedIn[Int(index)] = sampleIndex
                substanceList.append(index)
            }
            substanceStart.append(Int32(substanceList.count))
        }
        if earliest <= latest { dayRange = earliest...latest }
    }
}
