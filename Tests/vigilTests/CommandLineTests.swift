import Foundation
import Testing
import VigilCore
import VigilKit
import VigilTestSupport

@Suite("vigil command line, end to end through the built executable", .serialized)
struct CommandLineTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryDirectory() }

    @Test("import reports good and bad rows, exits 3, and the events and quarantine can be listed")
    func importThenList() throws {
        let file = Fixtures.path("ingest/vigil_mixed.csv")
        let imported = try VigilProcess.run(["import", file, "--database", "t.sqlite"], in: folder)
        #expect(imported.status == 3)
        #expect(imported.standardError.isEmpty)
        #expect(imported.standardOutput.contains("rows read:        12"))
        #expect(imported.standardOutput.contains("new events:       5"))
        #expect(imported.standardOutput.contains("rejected:         7"))
        #expect(imported.standardOutput.contains("\(file):6: column 'occurred_at': '2024-02-30' is not a valid date"))
        #expect(imported.standardOutput.contains("\(file):11: the row has 6 fields but the header has 12"))
        #expect(imported.standardOutput.contains("mystery powder (1)"))

        let again = try VigilProcess.run(["import", file, "--database", "t.sqlite"], in: folder)
        #expect(again.standardOutput.contains("new events:       0"))
        #expect(again.standardOutput.contains("already stored:   5"))
        #expect(again.standardOutput.contains("already in quarantine 7"))

        let events = try VigilProcess.run(["events", "--database", "t.sqlite", "--format", "csv"], in: folder)
        #expect(events.status == 0)
        let lines = events.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "id,occurred_at,region,latitude,longitude,outcome,naloxone_doses,substances,source_kind,age_band,sex")
        #expect(lines[1] == "vigil_mixed:a1,2024-03-01,09009,41.31,-72.92,nonfatal,2,fentanyl;xylazine,ems,25-34,male")
        #expect(lines[2].hasPrefix("vigil_mixed:a2,2024-03-01T23:30:00-05:00,09009,,,fatal,0,fentanyl(confirmed);carfentanil(confirmed)"))

        let filtered = try VigilProcess.run(
            ["events", "--database", "t.sqlite", "--region", "09", "--substance", "xylazine", "--format", "json"], in: folder)
        let objects = try JSONSerialization.jsonObject(with: Data(filtered.standardOutput.utf8)) as? [[String: Any]]
        #expect(objects?.compactMap { $0["id"] as? String } == ["vigil_mixed:a1", "vigil_mixed:a4"])

        let quarantine = try VigilProcess.run(["quarantine", "--database", "t.sqlite", "--format", "csv"], in: folder)
        #expect(quarantine.standardOutput.split(separator: "\n").count == 8)
        #expect(quarantine.standardOutput.contains(",9,latitude,95.0,"))
    }

    @Test("series prints series,date,count with every day present")
    func series() throws {
        _ = try VigilProcess.run(["import", Fixtures.path("ingest/vigil_mixed.csv"), "--database", "t.sqlite"], in: folder)
        let result = try VigilProcess.run(["series", "--database", "t.sqlite", "--by", "region", "--interval", "day"], in: folder)
        #expect(result.status == 0)
        #expect(result.standardOutput == """
            series,date,count
            09001,2024-03-01,0
            09001,2024-03-02,0
            09001,2024-03-03,1
            09003,2024-03-01,0
            09003,2024-03-02,1
            09003,2024-03-03,0
            09009,2024-03-01,2
            09009,2024-03-02,0
            09009,2024-03-03,0

            """)
    }

    @Test("errors go to standard error with what to fix, and a non-zero exit code")
    func errors() throws {
        let missing = try VigilProcess.run(["import", "/no/such/events.csv", "--database", "t.sqlite"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("cannot open '/no/such/events.csv'"))
        #expect(missing.standardOutput.isEmpty)

        let badDate = try VigilProcess.run(["events", "--database", "t.sqlite", "--from", "2024-13-01"], in: folder)
        #expect(badDate.status == 64)
        #expect(badDate.standardError.contains("--from '2024-13-01' is not a date of the form YYYY-MM-DD"))

        let badMapping = try VigilProcess.run(
            ["import", Fixtures.path("ingest/vigil_mixed.csv"), "--mapping", "nope", "--database", "t.sqlite"], in: folder)
        #expect(badMapping.status == 1)
        #expect(badMapping.standardError.contains("no mapping 'nope'"))
    }

    @Test("an import killed mid-way is finished by running it again, with no duplicates")
    func killedImportResumes() throws {
        let csv = folder.appendingPathComponent("big.csv").path
        var generator = SplitMix64(seed: 11)
        try SyntheticEventFile.write(rows: 60_000, to: csv, using: &generator)
        // The database exists before the import starts, so that the import and the polling below do
        // not both create it (two processes switching a new file to WAL mode at once can fail).
        #expect(try VigilProcess.run(["batches", "--database", "k.sqlite"], in: folder).status == 0)
        let process = try VigilProcess.start(["import", csv, "--database", "k.sqlite"], in: folder)
        var firstInserted = 0
        for _ in 0..<600 where process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let batches = try VigilProcess.run(["batches", "--database", "k.sqlite", "--format", "csv"], in: folder)
            let row = batches.standardOutput.split(separator: "\n").dropFirst().first.map { $0.split(separator: ",") }
            if let row, row.count > 6, let inserted = Int(row[6]), inserted > 0 {
                firstInserted = inserted
                break
            }
        }
        let wasKilled = process.isRunning
        if wasKilled { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()

        let rerun = try VigilProcess.run(["import", csv, "--database", "k.sqlite"], in: folder)
        #expect(rerun.status == 0)
        let batches = try VigilProcess.run(["batches", "--database", "k.sqlite", "--format", "json"], in: folder)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(batches.standardOutput.utf8)) as? [[String: Any]])
        try #require(rows.count == 2)
        let inserted = rows.compactMap { $0["inserted"] as? Int }
        #expect(inserted.reduce(0, +) == 60_000, "\(rows)")
        #expect(wasKilled, "the import finished before it could be killed; use a bigger file")
        if wasKilled {
            #expect(rows[1]["status"] as? String == "running")
            #expect(firstInserted > 0 && firstInserted < 60_000)
            #expect(rows[0]["already_stored"] as? Int == inserted[1])
        }
    }

    @Test("demo imports the bundled public data and prints what it holds")
    func demo() throws {
        let result = try VigilProcess.run(["demo", "--database", "demo.sqlite"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("10654 rows: 10654 new"))
        #expect(result.standardOutput.contains("The database holds 21511 overdose events."))
        #expect(result.standardOutput.contains("09009  New Haven County, CT"))
        #expect(result.standardOutput.contains("fentanyl                 Fentanyl"))
        #expect(result.standardOutput.contains("at least 3 events): 11 alerts"))
        #expect(result.standardOutput.contains(
            "[red] Hartford County, CT, weeks of 2022-09-05 to 2022-09-12: 14 events, expected 6.0, threshold 11.0 (ears-c2)"))
        let again = try VigilProcess.run(["demo", "--database", "demo.sqlite"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("10654 rows: 0 new, 10654 already stored"))
        #expect(again.standardOutput.contains("The database holds 21511 overdose events."))
        #expect(again.standardOutput.contains("at least 3 events): 11 alerts"))
        let alerts = try VigilProcess.run(["alerts", "--database", "demo.sqlite", "--format", "csv"], in: folder)
        #expect(alerts.standardOutput.split(separator: "\n").count == 12)
    }

    @Test("detect on a series file writes one row per period in the documented columns")
    func detectFile() throws {
        let input = Fixtures.path("detection/series_agona_weekly.csv")
        let result = try VigilProcess.run(["detect", "--method", "ears-c1", "--input", input], in: folder)
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first == "series,date,method,observed,expected,upperbound,score,alarm")
        #expect(lines.count == 313)
        #expect(lines[1] == "agona,1990-01-01,ears-c1,1,,,,0")
        // R surveillance's C1 upper bound for this week is 6.8812183340012805 (Tests/Fixtures/detection).
        #expect(lines[8].hasPrefix("agona,1990-02-19,ears-c1,") && lines[8].contains(",6.88121833400128"))
        let bad = try VigilProcess.run(["detect", "--method", "ears-c1", "--alpha", "1.5", "--input", input], in: folder)
        #expect(bad.status == 1 && bad.standardError.contains("alpha 1.5 must be at least 1e-12 and below 1"))
        let both = try VigilProcess.run(["detect", "--from-store", "--input", input], in: folder)
        #expect(both.status == 64)
    }

    @Test("detect --from-store records alerts that can be acknowledged and closed")
    func detectFromStore() throws {
        _ = try VigilProcess.run(["import", Fixtures.path("ingest/ct_ocme_excerpt.csv"), "--mapping", "ct-ocme", "--database", "a.sqlite"], in: folder)
        let csv = folder.appendingPathComponent("spike.csv").path
        var text = "id,occurred_at,region,outcome\n"
        for day in 1...28 { text += "d\(day),2024-02-\(day < 10 ? "0" : "")\(day),09009,nonfatal\n" }
        for index in 0..<9 { text += "s\(index),2024-02-29,09009,fatal\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try VigilProcess.run(["import", csv, "--database", "a.sqlite"], in: folder)
        let detected = try VigilProcess.run(
            ["detect", "--from-store", "--as-of", "2024-02-29", "--database", "a.sqlite", "--format", "json"], in: folder)
        #expect(detected.status == 0, "\(detected.standardError)")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(detected.standardOutput.utf8)) as? [[String: Any]])
        // Both default methods alarm: EARS C2 and Noufaily (the CT rows from 2013 on give it five years).
        #expect(alerts.compactMap { $0["method"] as? String }.sorted() == ["ears-c2", "noufaily"])
        #expect(alerts.allSatisfy { $0["series"] as? String == "09009" && $0["observed"] as? Int == 9 })
        #expect(alerts.first?["status"] as? String == "open (new)")
        let id = try #require(alerts.first?["id"] as? Int)
        #expect(try VigilProcess.run(["alerts", "ack", "\(id)", "--note", "naloxone sent", "--database", "a.sqlite"], in: folder).status == 0)
        #expect(try VigilProcess.run(["alerts", "close", "\(id)", "--database", "a.sqlite"], in: folder).status == 0)
        let reopen = try VigilProcess.run(["alerts", "ack", "\(id)", "--database", "a.sqlite"], in: folder)
        #expect(reopen.status == 1 && reopen.standardError.contains("is closed and cannot become acknowledged"))
        let closed = try VigilProcess.run(["alerts", "--status", "closed", "--database", "a.sqlite", "--format", "csv"], in: folder)
        #expect(closed.standardOutput.contains(",naloxone sent"))
    }
}
