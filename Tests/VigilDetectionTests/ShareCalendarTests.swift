import Testing
import VigilCore

@testable import VigilDetection

@Suite("Emerging substances: periods and sorting")
struct ShareCalendarTests {
    static func day(_ text: String) -> Int { CalendarDate(iso: text)!.dayNumber }

    @Test("calendar months are clipped to the window; the baseline is the days just before it")
    func months() {
        let calendar = ShareCalendar(
            firstDay: Self.day("2022-06-01"), from: CalendarDate(iso: "2024-01-15")!,
            to: CalendarDate(iso: "2024-03-10")!,
            period: .calendarMonth, baselineDays: 365)
        #expect(calendar.periodStart == ["2023-01-15", "2024-01-15", "2024-02-01", "2024-03-01"].map(Self.day))
        #expect(calendar.periodEnd == ["2024-01-14", "2024-01-31", "2024-02-29", "2024-03-10"].map(Self.day))
        let period = { (text: String) in calendar.periodOfDay[Self.day(text) - calendar.firstDay] }
        #expect(period("2023-01-14") == -1 && period("2023-01-15") == 0 && period("2024-01-14") == 0)
        #expect(period("2024-01-15") == 1 && period("2024-02-29") == 2 && period("2024-03-10") == 3)
        #expect(calendar.periodOfDay.count == Self.day("2024-03-10") - Self.day("2022-06-01") + 1)
    }

    @Test("blocks of days start at the window's first day; the last block is clipped; December rolls over")
    func days() {
        let calendar = ShareCalendar(
            firstDay: Self.day("2023-12-20"), from: CalendarDate(iso: "2023-12-20")!,
            to: CalendarDate(iso: "2024-01-05")!,
            period: .week, baselineDays: nil)
        #expect(
            calendar.periodStart == [
                Self.day("2023-12-20"), Self.day("2023-12-20"), Self.day("2023-12-27"), Self.day("2024-01-03"),
            ])
        #expect(
            calendar.periodEnd == [
                Self.day("2023-12-19"), Self.day("2023-12-26"), Self.day("2024-01-02"), Self.day("2024-01-05"),
            ])
        let months = ShareCalendar(
            firstDay: Self.day("2023-12-20"), from: CalendarDate(iso: "2023-12-20")!,
            to: CalendarDate(iso: "2024-01-05")!,
            period: .calendarMonth, baselineDays: nil)
        #expect(months.periodStart.dropFirst() == [Self.day("2023-12-20"), Self.day("2024-01-01")])
    }

    @Test("the radix sort agrees with the standard sort", arguments: [0, 1, 255, 256, 5_000, 40_000])
    func radixSort(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        for bits in [1, 7, 11, 12, 33, 53, 64] {
            let mask = bits == 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
            var keys = (0..<count).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) & mask }
            // Many repeats, and a digit shared by all keys, exercise the skipped passes.
            if bits > 20 { keys = keys.map { $0 & ~UInt64(0x7FF) | 0x155 } }
            let expected = keys.sorted()
            RadixSort.sort(&keys, bits: bits)
            #expect(keys == expected, "\(count) keys of \(bits) bits")
        }
    }
}
