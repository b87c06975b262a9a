/// The integer core of ``EmergingSubstanceDetector``: packs samples into codes, sorts them and walks
/// each (region, context, substance) series once.
///
/// A context is 0 for all samples, or k + 1 for the samples containing anchor k. Two code arrays are
/// built per group of regions:
/// - occurrences, `region | context | substance | day`, one per substance mention (per context);
/// - samples, `region | context | day`, one per sample of each context, for the share denominators.
/// Sorted, each series is a contiguous run of days in ascending order, which gives appearances
/// (gaps between consecutive days) and the CUSUM's positives per period in one pass.
struct EmergingSubstanceScan {
    /// A finding by integer indices, sorted and named by the detector; compact, since a large window
    /// can hold millions.
    struct RawFinding {
        var kind: SubstanceFinding.Kind
        var region: Int32
        var substance: Int32
        var context: Int32
        var day: Int32
        var lastDay: Int32
        var previousDay: Int32?
        var samples: Int32
        var samplesWithSubstance: Int32
        /// The index of the share evidence in ``EmergingSubstanceScan/shares``, for share alarms.
        var share: Int32?
    }

    /// A region context whose baseline is too small, by indices.
    struct RawShortfall {
        var region: Int
        var context: Int
        var baselineSamples: Int
        var evaluationSamples: Int
    }

    let interned: InternedSamples
    let calendar: ShareCalendar
    let parameters: EmergingSubstanceDetector.Parameters
    /// 1 + the number of anchors.
    let contexts: Int
    let dayBits: Int
    let substanceBits: Int
    let contextBits: Int
    /// How many regions' codes fit in one group.
    let regionsPerGroup: Int
    /// The day offset of the evaluation window's first day.
    let evaluationStart: Int

    /// The findings so far, unsorted.
    private(set) var findings: [RawFinding] = []
    /// The evidence of the share alarms so far.
    private(set) var shares: [SubstanceFinding.ShareEvidence] = []
    /// The insufficient baselines so far, unsorted.
    private(set) var shortfalls: [RawShortfall] = []

    /// Prepares a scan whose codes fit in `codeBits` bits.
    init(
        interned: InternedSamples, calendar: ShareCalendar, parameters: EmergingSubstanceDetector.Parameters,
        codeBits: Int
    ) {
        self.interned = interned
        self.calendar = calendar
        self.parameters = parameters
        contexts = 1 + parameters.anchors.count
        dayBits = Self.bits(toHold: calendar.periodOfDay.count)
        substanceBits = Self.bits(toHold: interned.substances.count)
        contextBits = Self.bits(toHold: contexts)
        let spare = codeBits - dayBits - substanceBits - contextBits
        precondition(
            spare >= 0,
            "\(interned.substances.count) substances, \(contexts - 1) anchors and \(calendar.periodOfDay.count) days "
                + "do not fit in a \(codeBits)-bit code: shorten the history or split the substances")
        regionsPerGroup = spare >= 40 ? 1 << 40 : 1 << spare
        evaluationStart = calendar.periodStart[1] - calendar.firstDay
    }

    /// The number of bits that hold the values 0..<count.
    static func bits(toHold count: Int) -> Int {
        count <= 1 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount
    }

    /// Whether shares are monitored in a context.
    private func monitors(context: Int) -> Bool {
        context == 0 ? parameters.monitorsOverallShare : parameters.monitorsAnchoredShares
    }

    /// Scans the regions with indices in `regions`, adding to ``findings`` and ``shortfalls``.
    mutating func run(regions: Range<Int>) {
        var (occurrences, samples) = codes(of: regions)
        let regionBits = Self.bits(toHold: regions.count)
        RadixSort.sort(&occurrences, bits: regionBits + contextBits + substanceBits + dayBits)
        RadixSort.sort(&samples, bits: regionBits + contextBits + dayBits)
        let denominators = ShareDenominators(
            samples: samples, groups: regions.count << contextBits, dayBits: dayBits, calendar: calendar)
        recordShortfalls(denominators, regions: regions)
        walk(occurrences, samples: samples, denominators: denominators, firstRegion: regions.lowerBound)
    }

    /// The occurrence and sample codes of the regions in `regions`, unsorted.
    private func codes(of regions: Range<Int>) -> (occurrences: [UInt64], samples: [UInt64]) {
        let anchors = Int32(contexts - 1)
        let everyRegion = regions.count == interned.regions.count
        var occurrences: [UInt64] = []
        var samples: [UInt64] = []
        if everyRegion {
            occurrences.reserveCapacity(interned.substanceList.count + interned.substanceList.count / 2)
            samples.reserveCapacity(interned.count + interned.count / 2)
        }
        let (dayBits, substanceBits, contextBits) = (UInt64(dayBits), UInt64(substanceBits), UInt64(contextBits))
        let firstDay = calendar.firstDay
        calendar.periodOfDay.withUnsafeBufferPointer { periodOfDay in
            interned.substanceList.withUnsafeBufferPointer { list in
                interned.substanceStart.withUnsafeBufferPointer { start in
                    interned.dayOfSample.withUnsafeBufferPointer { dayOfSample in
                        interned.regionOfSample.withUnsafeBufferPointer { regionOfSample in
                            for sample in 0..<regionOfSample.count {
                                let region = Int(regionOfSample[sample])
                                guard everyRegion || regions.contains(region) else { continue }
                                let dayOffset = Int(dayOfSample[sample]) - firstDay
                                let day = UInt64(dayOffset)
                                let isInShareWindow = periodOfDay[dayOffset] >= 0
                                let mentions = Int(start[sample])..<Int(start[sample + 1])
                                let regionCode = UInt64(region - regions.lowerBound) << contextBits
                                if isInShareWindow { samples.append(regionCode << dayBits | day) }
                                for mention in mentions {
                                    occurrences.append(
                                        (regionCode << substanceBits | UInt64(list[mention])) << dayBits | day)
                                }
                                guard anchors > 0 else { continue }
                                for mention in mentions where list[mention] < anchors {
                                    let contextCode = regionCode | UInt64(list[mention] + 1)
                                    if isInShareWindow { samples.append(contextCode << dayBits | day) }
                                    for other in mentions where other != mention {
                                        occurrences.append(
                                            (contextCode << substanceBits | UInt64(list[other])) << dayBits | day)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (occurrences, samples)
    }

    /// Lists the monitored region contexts with samples in the window but too small a baseline.
    private mutating func recordShortfalls(_ denominators: ShareDenominators, regions: Range<Int>) {
        let contextMask = (1 << contextBits) - 1
        for group in 0..<denominators.baselineSamples.count {
            let context = group & contextMask
            let periods = denominators.periods(of: group)
            guard context < contexts, monitors(context: context), !periods.isEmpty,
                denominators.baselineSamples[group] < parameters.minimumBaselineSamples
            else { continue }
            var evaluationSamples = 0
            for index in periods { evaluationSamples += Int(denominators.samples[index]) }
            shortfalls.append(
                RawShortfall(
                    region: regions.lowerBound + group >> contextBits, context: context,
                    baselineSamples: Int(denominators.baselineSamples[group]), evaluationSamples: evaluationSamples))
        }
    }

    /// Walks the sorted occurrences series by series.
    private mutating func walk(
        _ occurrences: [UInt64], samples: [UInt64], denominators: ShareDenominators, firstRegion: Int
    ) {
        let dayMask = (UInt64(1) << UInt64(dayBits)) - 1
        let substanceMask = (1 << substanceBits) - 1
        let contextMask = (1 << contextBits) - 1
        let dayShift = UInt64(dayBits)
        var start = 0
        while start < occurrences.count {
            let series = occurrences[start] >> dayShift
            var end = start + 1
            while end < occurrences.count, occurrences[end] >> dayShift == series { end += 1 }
            let key = Int(series)
            let substance = key & substanceMask
            let group = key >> substanceBits
            let context = group & contextMask
            let region = firstRegion + group >> contextBits
            let days = occurrences[start..<end].lazy.map { Int($0 & dayMask) }
            // Anchor k has substance index k: a pair of anchors is reported under the first listed.
            if context == 0 || substance >= context {
                appearances(
                    days, kind: context == 0 ? .firstAppearance : .newCooccurrence, region: region,
                    substance: substance, context: context, samples: samples[denominators.codes(of: group)],
                    group: group)
            }
            if monitors(context: context), denominators.baselineSamples[group] >= parameters.minimumBaselineSamples {
                risingShare(
                    days, region: region, substance: substance, context: context, group: group,
                    denominators: denominators)
            }
            start = end
        }
    }

    /// Reports the days of a series that come first or after a quiet period, inside the window.
    private mutating func appearances(
        _ days: LazyMapSequence<ArraySlice<UInt64>, Int>, kind: SubstanceFinding.Kind, region: Int, substance: Int,
        context: Int, samples: ArraySlice<UInt64>, group: Int
    ) {
        var previous: Int?
        var index = days.startIndex
        while index < days.endIndex {
            let day = days[index]
            var next = index + 1
            while next < days.endIndex, days[next] == day { next += 1 }
            if day >= evaluationStart, previous.map({ day - $0 > parameters.quietDays }) ?? true {
                let sampleCode = UInt64(group) << UInt64(dayBits) | UInt64(day)
                findings.append(
                    RawFinding(
                        kind: kind, region: Int32(region), substance: Int32(substance), context: Int32(context),
                        day: Int32(calendar.firstDay + day), lastDay: Int32(calendar.firstDay + day),
                        previousDay: previous.map { Int32(calendar.firstDay + $0) },
                        samples: Int32(Self.count(of: sampleCode, in: samples)),
                        samplesWithSubstance: Int32(next - index), share: nil))
            }
            previous = day
            index = next
        }
    }

    /// Runs the binomial CUSUM of one series over the evaluation periods, reporting each alarm.
    private mutating func risingShare(
        _ days: LazyMapSequence<ArraySlice<UInt64>, Int>, region: Int, substance: Int, context: Int, group: Int,
        denominators: ShareDenominators
    ) {
        let periodOfDay = calendar.periodOfDay
        var index = days.startIndex
        var baselinePositives = 0
        while index < days.endIndex, periodOfDay[days[index]] <= 0 {
            if periodOfDay[days[index]] == 0 { baselinePositives += 1 }
            index += 1
        }
        // Without a positive sample in the window the statistic never leaves 0.
        guard index < days.endIndex else { return }
        let baselineSamples = Int(denominators.baselineSamples[group])
        let p0 = (Double(baselinePositives) + 0.5) / (Double(baselineSamples) + 1)
        let p1 = BinomialCUSUM.share(p0, oddsRatio: parameters.oddsRatio)
        var cusum = BinomialCUSUM(validatedInControlShare: p0, outOfControlShare: p1, threshold: parameters.threshold)
        // The statistic is 0 until the first period with a positive sample: start there.
        var entry = denominators.firstEntry(of: group, atOrAfter: periodOfDay[days[index]])
        let entries = denominators.periods(of: group)
        // After the last positive the statistic only falls: stop there.
        while entry < entries.upperBound, index < days.endIndex {
            let period = denominators.period[entry]
            let samples = Int(denominators.samples[entry])
            var positives = 0
            while index < days.endIndex, periodOfDay[days[index]] == period {
                positives += 1
                index += 1
            }
            let statistic = cusum.update(positives: positives, samples: samples)
            if statistic >= parameters.threshold {
                findings.append(
                    RawFinding(
                        kind: .risingShare, region: Int32(region), substance: Int32(substance), context: Int32(context),
                        day: Int32(calendar.periodStart[Int(period)]), lastDay: Int32(calendar.periodEnd[Int(period)]),
                        previousDay: nil, samples: Int32(samples), samplesWithSubstance: Int32(positives),
                        share: Int32(shares.count)))
                shares.append(
                    SubstanceFinding.ShareEvidence(
                        baselineSamples: baselineSamples, baselineSamplesWithSubstance: baselinePositives,
                        inControlShare: p0,
                        outOfControlShare: p1, recentShare: Double(positives) / Double(samples), cusum: statistic))
            }
            entry += 1
        }
    }

    /// How many times `code` occurs in the sorted `codes`.
    static func count(of code: UInt64, in codes: ArraySlice<UInt64>) -> Int {
        var (low, high) = (codes.startIndex, codes.endIndex)
        while low < high {
            let middle = (low + high) / 2
            if codes[middle] < code { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < codes.endIndex, codes[end] == code { end += 1 }
        return end - low
    }
}
