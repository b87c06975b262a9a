/// When an event happened: a calendar day, or an instant together with the UTC offset of the
/// place where it happened.
///
/// Sources differ: a medical examiner reports the date of death, an EMS system the minute of the
/// call. Vigil keeps what the source gave and no more. Either way the event has a *local date*,
/// the day on which it counts in daily and weekly series.
///
/// The text form is ISO 8601: `2024-10-28` for a day, `2024-10-28T16:37:00-04:00` for an instant.
public enum OccurrenceTime: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Only the calendar day is known.
    case day(CalendarDate)
    /// The instant (seconds since 1970-01-01T00:00:00Z) and the UTC offset in seconds of the
    /// local time at the place of the event.
    case instant(epochSeconds: Int64, utcOffsetSeconds: Int)

    /// The local calendar day of the event.
    public var localDate: CalendarDate {
        switch self {
        case .day(let date): date
        case .instant(let seconds, let offset): CalendarDate(dayNumber: Self.floorDiv(seconds + Int64(offset), 86_400))
        }
    }

    /// The instant, when the source gave a time.
    public var epochSeconds: Int64? {
        if case .instant(let seconds, _) = self { seconds } else { nil }
    }

    /// The UTC offset in seconds, when the source gave a time.
    public var utcOffsetSeconds: Int? {
        if case .instant(_, let offset) = self { offset } else { nil }
    }

    /// The ISO 8601 text: `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm:ss±hh:mm` (`Z` for UTC).
    public var description: String {
        switch self {
        case .day(let date):
            return date.description
        case .instant(let seconds, let offset):
            let local = seconds + Int64(offset)
            let date = CalendarDate(dayNumber: Self.floorDiv(local, 86_400))
            let second = Int(local - Int64(date.dayNumber) * 86_400)
            var text = date.description + "T" + Self.twoDigits(second / 3600) + ":"
            text += Self.twoDigits(second / 60 % 60) + ":" + Self.twoDigits(second % 60)
            if offset == 0 { return text + "Z" }
            let magnitude = abs(offset)
            text += offset < 0 ? "-" : "+"
            text += Self.twoDigits(magnitude / 3600) + ":" + Self.twoDigits(magnitude / 60 % 60)
            return text
        }
    }

    /// The result of reading ISO 8601 text that may lack an offset.
    public enum Parsed: Hashable, Sendable {
        /// A complete value: a date, or a date-time with `Z` or an offset.
        case complete(OccurrenceTime)
        /// A date-time without an offset; it needs the source's time zone to become an instant.
        case local(LocalDateTime)
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.fff]]` optionally followed by `Z` or `±hh:mm`
    /// (`±hhmm` and `±hh` too). A space may stand for the `T`. Fractions of a second are dropped.
    ///
    /// - Returns: `nil` when the text is not such a date or date-time, or names an impossible day,
    ///   hour, minute or offset.
    public static func parse(iso text: some StringProtocol) -> Parsed? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(isoUTF8: bytes[0..<10])
        else { return nil }
        if bytes.count == 10 { return .complete(.day(date)) }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"),
            let hour = CalendarDate.digits(bytes[11..<13]), let minute = CalendarDate.digits(bytes[14..<16]),
            hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard bytes.count >= 19, let value = CalendarDate.digits(bytes[17..<19]), value < 60 else { return nil }
            second = value
            index = 19
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
        }
        let local = LocalDateTime(date: date, secondOfDay: hour * 3600 + minute * 60 + second)
        if index == bytes.count { return .local(local) }
        guard let offset = parseOffset(bytes[index...]) else { return nil }
        return .complete(.instant(epochSeconds: local.wallClockSeconds - Int64(offset), utcOffsetSeconds: offset))
    }

    /// Reads `Z`, `±hh:mm`, `±hhmm` or `±hh` into seconds east of UTC.
    private static func parseOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let sign = bytes.first else { return nil }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return bytes.count == 1 ? 0 : nil }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let rest = Array(bytes.dropFirst()).filter { $0 != UInt8(ascii: ":") }
        guard rest.count == 2 || rest.count == 4, bytes.count - 1 - rest.count <= 1,
            let hours = CalendarDate.digits(rest[0..<2]), hours <= 18
        else { return nil }
        let minutes = rest.count == 4 ? CalendarDate.digits(rest[2..<4]) : 0
        guard let minutes, minutes < 60 else { return nil }
        let magnitude = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    private static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int {
        let quotient = value / divisor
        return Int(value % divisor < 0 ? quotient - 1 : quotient)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard case .complete(let value) = Self.parse(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a date (YYYY-MM-DD) or a date-time with an offset")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
