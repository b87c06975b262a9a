/// The number of samples of each region context in the baseline and in each evaluation period: the
/// n of the share CUSUM, stored compactly (only periods with samples).
struct ShareDenominators {
    /// The baseline samples of each group (`region << contextBits | context`).
    private(set) var baselineSamples: [Int32]
    /// Where each group's periods start in ``period`` and ``samples``; one extra entry at the end.
    private(set) var start: [Int32]
    /// The evaluation periods with samples, group after group, ascending within a group.
    private(set) var period: [Int32] = []
    /// The samples in each of those periods.
    private(set) var samples: [Int32] = []
    /// Where each group's codes start in the sorted sample codes; one extra entry at the end.
    private(set) var codeStart: [Int32]

    /// Counts the sorted sample codes (`group << dayBits | day`) of the baseline and the window.
    /// - Parameters:
    ///   - codes: The sample codes, sorted; only days in the baseline or the window.
    ///   - groups: The number of groups the codes can name.
    ///   - dayBits: The bits of the day offset.
    ///   - calendar: The periods of the days.
    init(samples codes: [UInt64], groups: Int, dayBits: Int, calendar: ShareCalendar) {
        baselineSamples = Array(repeating: 0, count: groups)
        start = Array(repeating: 0, count: groups + 1)
        codeStart = Array(repeating: 0, count: groups + 1)
        let dayMask = (UInt64(1) << UInt64(dayBits)) - 1
        var nextGroup = 0
        for (index, code) in codes.enumerated() {
            let group = Int(code >> UInt64(dayBits))
            let period = calendar.periodOfDay[Int(code & dayMask)]
            while nextGroup <= group {
                start[nextGroup] = Int32(self.period.count)
                codeStart[nextGroup] = Int32(index)
                nextGroup += 1
            }
            if period == 0 {
                baselineSamples[group] += 1
            } else if self.period.count > Int(start[group]), self.period[self.period.count - 1] == period {
                samples[samples.count - 1] += 1
            } else {
                self.period.append(period)
                samples.append(1)
            }
        }
        while nextGroup <= groups {
            start[nextGroup] = Int32(period.count)
            codeStart[nextGroup] = Int32(codes.count)
            nextGroup += 1
        }
    }

    /// The indices of a group's periods in ``period`` and ``samples``.
    func periods(of group: Int) -> Range<Int> { Int(start[group])..<Int(start[group + 1]) }

    /// The positions of a group's codes in the sorted sample codes.
    func codes(of group: Int) -> Range<Int> { Int(codeStart[group])..<Int(codeStart[group + 1]) }

    /// The index of the group's first period at or after `period` (the end of its range if none).
    func firstEntry(of group: Int, atOrAfter period: Int32) -> Int {
        var (low, high) = (Int(start[group]), Int(start[group + 1]))
        while low < high {
            let middle = (low + high) / 2
            if self.period[middle] < period { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
