import VigilCore

/// Which share period each day belongs to: -1 for days before the baseline, 0 for the baseline,
/// 1...P for the evaluation periods, by a table lookup per day.
struct ShareCalendar {
    /// The day number of table entry 0.
    let firstDay: Int
    /// The period of each day from ``firstDay`` through the last evaluated day.
    let periodOfDay: [Int32]
    /// The first day number of each period; entry 0 is the baseline's.
    let periodStart: [Int]
    /// The last day number of each period; entry 0 is the baseline's.
    let periodEnd: [Int]

    /// The number of evaluation periods, P.
    var evaluationPeriods: Int { periodStart.count - 1 }

    /// Lays out the baseline and the evaluation periods.
    /// - Parameters:
    ///   - firstDay: The earliest day to cover, at most `from`.
    ///   - from: The first day of the evaluation window.
    ///   - to: The last day of the evaluation window, at least `from`.
    ///   - period: The evaluation period length.
    ///   - baselineDays: The baseline length, or `nil` for every day from `firstDay` to `from − 1`.
    init(
        firstDay: Int, from: CalendarDate, to: CalendarDate, period: EmergingSubstanceDetector.Period,
        baselineDays: Int?
    ) {
        precondition(firstDay <= from.dayNumber && from <= to, "the calendar covers its evaluation window")
        self.firstDay = firstDay
        let (first, last) = (from.dayNumber, to.dayNumber)
        let baselineStart = baselineDays.map { max(firstDay, first - $0) } ?? firstDay
        var starts = [baselineStart]
        var ends = [first - 1]
        var start = first
        while start <= last {
            let next: Int
            switch period {
            case .days(let days):
                next = start + days
            case .calendarMonth:
                let date = CalendarDate(dayNumber: start)
                next =
                    CalendarDate(year: date.year + date.month / 12, month: date.month % 12 + 1, day: 1)?.dayNumber
                    ?? last + 1
            }
            starts.append(start)
            ends.append(min(next, last + 1) - 1)
            start = next
        }
        var table = [Int32](repeating: -1, count: last - firstDay + 1)
        for day in baselineStart..<first { table[day - firstDay] = 0 }
        for period in 1..<starts.count {
            for day in starts[period]...ends[period] { table[day - firstDay] = Int32(period) }
        }
        periodOfDay = table
        periodStart = starts
        periodEnd = ends
    }
}
