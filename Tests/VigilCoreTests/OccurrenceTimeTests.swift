import Testing
import VigilCore

@Suite("OccurrenceTime")
struct OccurrenceTimeTests {
    @Test("ISO 8601 forms parse to the right instant and local date", arguments: [
        ("2024-03-01T23:30:00-05:00", 1_709_353_800, "2024-03-01"),
        ("2024-03-02T04:30:00Z", 1_709_353_800, "2024-03-02"),
        ("2024-03-02 04:30Z", 1_709_353_800, "2024-03-02"),
        ("2024-03-02T10:00:00.250+05:30", 1_709_353_800, "2024-03-02"),
        ("2024-03-02T10:00:00+0530", 1_709_353_800, "2024-03-02"),
    ])
    func parsesInstants(text: String, epoch: Int64, localDate: String) throws {
        guard case .complete(let time)? = OccurrenceTime.parse(iso: text) else {
            Issue.record("'\(text)' did not parse")
            return
        }
        #expect(time.epochSeconds == epoch)
        #expect(time.localDate.description == localDate)
    }

    @Test("a date-time without an offset is local and needs a time zone")
    func localTime() {
        #expect(OccurrenceTime.parse(iso: "2024-10-28T16:37:00") == .local(LocalDateTime(date: CalendarDate(iso: "2024-10-28")!, secondOfDay: 59_820)))
    }

    @Test("malformed times are rejected", arguments: [
        "2024-03-01T24:00", "2024-03-01T10:60", "2024-03-01T10", "2024-03-01T10:00:00+25:00", "2024-03-01X", "2024-03-01T10:00:00.",
    ])
    func rejects(text: String) {
        #expect(OccurrenceTime.parse(iso: text) == nil)
    }

    @Test("text form round-trips", arguments: ["2024-03-01", "2024-03-01T23:30:00-05:00", "2024-03-02T04:30:00Z", "1999-12-31T23:59:59+14:00"])
    func roundTrip(text: String) throws {
        guard case .complete(let time)? = OccurrenceTime.parse(iso: text) else {
            Issue.record("'\(text)' did not parse")
            return
        }
        #expect(time.description == text)
    }
}
