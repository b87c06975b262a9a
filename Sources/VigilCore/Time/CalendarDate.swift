/// A day in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Overdose data is mostly reported by day ("date of death", "incident date"), and counts are
/// aggregated by the local calendar day on which the event happened. `CalendarDate` is that day.
/// It converts to and from a day number (days since 1970-01-01) with exact integer arithmetic, so
/// series code can step through days without Foundation's calendar.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01: four bytes, so long series and per-period results stay compact.
    private let storage: Int32

    /// The year, 1 through 9999.
    public var year: Int { components.year }
    /// The month, 1 through 12.
    public var month: Int { components.month }
    /// The day of the month, 1 through the month's length.
    public var day: Int { components.day }

    /// Creates a date from its parts, or returns `nil` when they name no real day (for example
    /// 2023-02-29) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        storage = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// The day numbers of the years 1 through 9999, the dates a `CalendarDate` can hold.
    public static let dayNumbers: ClosedRange<Int> = -719_162...2_932_896

    /// Creates the date that is `dayNumber` days after 1970-01-01 (negative numbers go before it).
    /// - Precondition: `dayNumber` is in ``dayNumbers``.
    public init(dayNumber: Int) {
        precondition(Self.dayNumbers.contains(dayNumber), "day number \(dayNumber) is outside the years 1...9999")
        storage = Int32(dayNumber)
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int { Int(storage) }

    /// Year, month and day, by the civil-from-days algorithm (H. Hinnant, "chrono-Compatible
    /// Low-Level Date Algorithms"), exact for every representable day.
    private var components: (year: Int, month: Int, day: Int) {
        let shifted = Int(storage) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The ISO weekday: 1 for Monday through 7 for Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let remainder = (dayNumber + 3) % 7
        return (remainder < 0 ? remainder + 7 : remainder) + 1
    }

    /// The Monday that starts this date's ISO week; weekly series are labelled with it.
    public var startOfISOWeek: CalendarDate { adding(days: 1 - isoWeekday) }

    /// The date `days` days later (or earlier, when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        // Built from digits in one small buffer: this runs once per stored event.
        let (year, month, day) = components
        let digit: (Int) -> UInt8 = { UInt8(48 + $0) }
        let bytes: [UInt8] = [
            digit(year / 1000 % 10), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), 45,
            digit(month / 10), digit(month % 10), 45, digit(day / 10), digit(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses exactly `YYYY-MM-DD`; returns `nil` for anything else, including impossible days.
    public init?(iso text: some StringProtocol) {
        self.init(isoUTF8: text.utf8)
    }

    /// Parses exactly the UTF-8 bytes `YYYY-MM-DD`, read in place (dates are parsed for every line
    /// of large files); `nil` for anything else, including impossible days.
    @inlinable
    public init?(isoUTF8 bytes: some Sequence<UInt8>) {
        var (year, month, day, position) = (0, 0, 0, 0)
        for byte in bytes {
            switch position {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 0..<10:
                guard byte >= 48, byte <= 57 else { return nil }
                let digit = Int(byte - 48)
                if position < 4 { year = year * 10 + digit } else if position < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            default:
                return nil
            }
            position += 1
        }
        guard position == 10 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The value of a run of ASCII digits, or `nil` if any byte is not a digit or the run is empty.
    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.storage < rhs.storage }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date of the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
