import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import VigilTestSupport

/// The dashboard in a real browser: Debian's headless Chromium, driven over the DevTools protocol
/// by `Tests/Fixtures/browser/drive.py`. Under `CI=true` a missing Chromium is a failure.
@Suite("Dashboard in headless Chromium", .serialized)
struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    @Test("sign in, read the overview and an alert, acknowledge it, and report an overdose through the form")
    func dashboard() async throws {
        guard Self.chromium != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI must install chromium (.ci/run)")
            return
        }
        // Sixty days of events in Connecticut with a spike in New Haven County on the last two days.
        var text = "id,occurred_at,region,outcome\n"
        let counties = ["09001", "09003", "09005", "09007", "09009", "09011", "09013", "09015"]
        for day in 0..<60 {
            let date = CalendarDay.iso(2024, 1, 1, plus: day)
            for (index, county) in counties.enumerated() where (day + index) % 3 == 0 { text += "\(county)-\(day),\(date),\(county),nonfatal\n" }
            if day >= 58 { for extra in 0..<9 { text += "spike-\(day)-\(extra),\(date),09009,fatal\n" } }
        }
        try text.write(to: folder.appendingPathComponent("events.csv"), atomically: true, encoding: .utf8)
        #expect(try VigilProcess.run(["import", "events.csv", "--database", "d.sqlite"], in: folder).status == 0)
        let detect = try VigilProcess.run(["detect", "--from-store", "--interval", "day", "--as-of", "2024-02-29", "--database", "d.sqlite"], in: folder)
        #expect(detect.status == 0, "\(detect.standardError)")
        let alerts = try VigilProcess.run(["alerts", "--database", "d.sqlite", "--format", "csv"], in: folder).standardOutput
        let alertID = try #require(alerts.split(separator: "\n").dropFirst().first { $0.contains("09009") }?.split(separator: ",").first.map(String.init))
        let token = try VigilProcess.run(
            ["token", "create", "--role", "analyst", "--jurisdiction", "09", "--name", "CT analyst", "--database", "d.sqlite"], in: folder)
            .standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)

        let port = Int.random(in: 40_001...50_000)
        let server = try VigilProcess.start(["serve", "--database", "d.sqlite", "--port", String(port)], in: folder)
        defer { if server.isRunning { server.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: base + "/api/v1/health")!),
                (response as? HTTPURLResponse)?.statusCode == 200 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let artifacts = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VIGIL_TEST_ARTIFACTS"] ?? folder.path)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        driver.arguments = ["python3", Fixtures.path("browser/drive.py"), base, token, alertID, artifacts.path]
        let output = Pipe()
        driver.standardOutput = output
        try driver.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        driver.waitUntilExit()
        #expect(driver.terminationStatus == 0)
        let seen = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")

        #expect(seen["login_title"] as? String == "Sign in · Vigil")
        #expect(seen["overview_title"] as? String == "Overview: 09")
        #expect((seen["overview_alerts"] as? [String])?.contains { $0.contains("#\(alertID)") && $0.contains("New Haven") } == true, "\(seen)")
        #expect((seen["overview_map_counties"] as? Int ?? 0) >= 8)
        #expect(seen["overview_script_ran"] as? Bool == true)
        #expect((seen["alert_why"] as? String)?.contains("New Haven County") == true)
        #expect(seen["alert_alarm_bars"] as? Int == 1)
        #expect(seen["alert_status_after_acknowledge"] as? String == "acknowledged")
        #expect((seen["report_time_filled_by_script"] as? String)?.count == 16)
        #expect(seen["report_labels"] as? Bool == true)
        #expect((seen["report_result"] as? String)?.contains("Report received") == true, "\(seen)")
        #expect(FileManager.default.fileExists(atPath: artifacts.appendingPathComponent("dashboard-overview.png").path))
        let stored = try VigilProcess.run(["events", "--region", "09009", "--outcome", "fatal", "--database", "d.sqlite", "--format", "csv"], in: folder)
        #expect(stored.standardOutput.contains("xylazine"), "the form's event is in the database")
    }
}

/// ISO dates for test files.
enum CalendarDay {
    static func iso(_ year: Int, _ month: Int, _ day: Int, plus days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .day, value: days, to: calendar.date(from: DateComponents(year: year, month: month, day: day))!)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
