import Foundation
import Testing
import VigilCore

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("day numbers agree with Foundation's Gregorian calendar from 1587 on", arguments: 0..<20 as Range<UInt64>)
    func agreesWithFoundation(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for _ in 0..<200 {
            let dayNumber = Int.random(in: -140_000...200_000, using: &generator)  // after the 1582 Gregorian switch Foundation makes
            let date = CalendarDate(dayNumber: dayNumber)
            let reference = calendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400))
            #expect([date.year, date.month, date.day] == [reference.year, reference.month, reference.day])
            #expect(date.dayNumber == dayNumber)
        }
    }

    @Test("known days", arguments: [
        ("1970-01-01", 0, 4), ("2000-02-29", 11_016, 2), ("2024-01-01", 19_723, 1), ("1969-12-31", -1, 3),
    ])
    func knownDays(text: String, dayNumber: Int, weekday: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.dayNumber == dayNumber)
        #expect(date.isoWeekday == weekday)
        #expect(date.description == text)
    }

    @Test("impossible or malformed dates are rejected", arguments: [
        "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01", "24-01-01", "2024/01/01", "",
    ])
    func rejectsInvalid(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("weeks start on Monday")
    func weekStart() throws {
        #expect(CalendarDate(iso: "2024-03-03")!.startOfISOWeek.description == "2024-02-26")
        #expect(CalendarDate(iso: "2024-03-04")!.startOfISOWeek.description == "2024-03-04")
        #expect(CalendarDate(iso: "2024-03-10")!.startOfISOWeek.description == "2024-03-04")
    }
}
