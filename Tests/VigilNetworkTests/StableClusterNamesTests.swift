import Testing
import VigilNetwork

@Suite("Incremental resolution keeps entity ids")
struct StableClusterNamesTests {
    @Test("new records join an existing entity under its id; new entities are named after their first record")
    func join() {
        let names = StableClusterNames.assign(
            clusters: [0, 0, 2, 0, 2, 5], ids: ["a", "b", "c", "d", "e", "f"], previous: ["a": "E1", "b": "E1", "c": "E2"])
        #expect(names == ["E1", "E1", "E2", "E1", "E2", "f"])
    }

    @Test("two entities that merge keep the earlier name; a split entity's name stays with its larger part")
    func mergeAndSplit() {
        let merged = StableClusterNames.assign(clusters: [0, 0, 0], ids: ["a", "b", "c"], previous: ["a": "E2", "b": "E1", "c": "E2"])
        #expect(merged == ["E1", "E1", "E1"])
        let split = StableClusterNames.assign(clusters: [0, 1, 1], ids: ["a", "b", "c"], previous: ["a": "E1", "b": "E1", "c": "E1"])
        #expect(split == ["a", "E1", "E1"])
    }

    @Test("a new name never takes an id an earlier entity used")
    func noReuse() {
        let names = StableClusterNames.assign(clusters: [0, 1], ids: ["E1", "x"], previous: ["x": "E1"])
        #expect(names == ["E1'", "E1"])
    }
}

@Suite("Resolution quality")
struct ResolutionQualityTests {
    @Test("precision and recall over pairs, by hand: clusters {0,1}{2,3} against entities {0,1,2}{3}")
    func byHand() {
        let quality = ResolutionQuality(clusters: [0, 0, 1, 1], truth: ["a", "a", "a", "b"])
        #expect(quality.precision == 0.5 && abs(quality.recall - 1.0 / 3) < 1e-12)
        #expect(abs(quality.f1 - 0.4) < 1e-12)
        let unlabelled = ResolutionQuality(clusters: [0, 1], truth: [String?.none, nil])
        #expect(unlabelled.precision == 1 && unlabelled.recall == 1)
    }
}
