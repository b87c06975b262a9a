/// A wall-clock date and time with no time zone, such as `2024-10-28T16:37:00` in a source that
/// records local time.
///
/// It becomes an instant only together with a UTC offset, which the ingest mapping supplies
/// from the source's time zone.
public struct LocalDateTime: Hashable, Sendable {
    /// The calendar day.
    public var date: CalendarDate
    /// Seconds since midnight, 0 through 86 399.
    public var secondOfDay: Int

    /// Creates a local date-time; `secondOfDay` must be within one day.
    public init(date: CalendarDate, secondOfDay: Int) {
        precondition((0..<86_400).contains(secondOfDay), "secondOfDay must be in 0..<86400")
        self.date = date
        self.secondOfDay = secondOfDay
    }

    /// Seconds since 1970-01-01T00:00:00 on the same wall clock (the instant if this were UTC).
    public var wallClockSeconds: Int64 { Int64(date.dayNumber) * 86_400 + Int64(secondOfDay) }
}
