import Testing
import VigilCore
public import VigilStore

/// The behaviour every ``VigilStore/ScreeningStore`` backend must show.
public enum ScreeningStoreConformance {
    /// The checks, by name, for parameterised tests.
    public static let checks: [(name: String, run: @Sendable (any ScreeningStore) async throws -> Void)] = [
        ("a screening run and its lines read back as stored, highest risk first", roundTrip),
        ("decisions are recorded and replaced on existing lines only", decisions),
        ("consignees are remembered across runs, once each", consignees),
    ]

    static func line(_ position: Int, risk: Double, matched: String? = "npp", consignee: String? = "Beta Imports") -> ScreeningLineRecord {
        ScreeningLineRecord(
            position: position, fileLine: position + 2, shipmentID: "S\(position)", lineNumber: position == 1 ? nil : 1,
            description: "NPP, \(position) drums — 25 kg", consignee: consignee, risk: risk, matchedID: matched,
            matchRule: matched == nil ? nil : "synonym", confidence: matched == nil ? nil : 0.9,
            reasons: matched == nil ? [] : [
                .init(factor: "controlled-match", points: 45, detail: "N-phenethyl-4-piperidone, by synonym 'NPP'"),
                .init(factor: "no-pen", points: 20, detail: "no notification \"quoted\""),
            ])
    }

    static func run(at time: Int64) -> ScreeningRun {
        ScreeningRun(
            origin: "manifest-\(time).csv", watchlistVersion: "2026.11.30", parameters: #"{"flagThreshold":20}"#, startedBy: "tok_a",
            startedAt: time, linesScreened: 10, linesFlagged: 3)
    }

    static func roundTrip(_ store: any ScreeningStore) async throws {
        let lines = [line(0, risk: 65), line(1, risk: 100, consignee: nil), line(2, risk: 65, matched: nil)]
        let first = try await store.insertScreeningRun(run(at: 100), lines: lines, consignees: [])
        let second = try await store.insertScreeningRun(run(at: 200), lines: [], consignees: [])
        #expect(first.id != second.id)
        #expect(try await store.fetchScreeningRuns(limit: 10).map(\.startedAt) == [200, 100])
        #expect(try await store.fetchScreeningRun(first.id) == first)
        #expect(try await store.fetchScreeningRun(ScreeningRunID(rawValue: 999_999)) == nil)
        let read = try await store.fetchScreeningLines(first.id)
        #expect(read == [lines[1], lines[0], lines[2]])
        #expect(try await store.fetchScreeningLines(second.id).isEmpty)
    }

    static func decisions(_ store: any ScreeningStore) async throws {
        let stored = try await store.insertScreeningRun(run(at: 100), lines: [line(0, risk: 65), line(1, risk: 30)], consignees: [])
        try await store.recordDecision(.referred, run: stored.id, position: 1, by: "tok_b", note: "inspect at port", at: 300)
        try await store.recordDecision(.cleared, run: stored.id, position: 1, by: "tok_c", note: nil, at: 400)
        let lines = try await store.fetchScreeningLines(stored.id)
        #expect(lines[1].decision == .cleared && lines[1].decidedBy == "tok_c" && lines[1].decidedAt == 400 && lines[1].note == nil)
        #expect(lines[0].decision == nil)
        do {
            try await store.recordDecision(.cleared, run: stored.id, position: 7, by: nil, note: nil, at: 500)
            Issue.record("a decision on a missing line was accepted")
        } catch let error as StoreError {
            #expect(error.code == .unknownScreeningLine)
        }
    }

    static func consignees(_ store: any ScreeningStore) async throws {
        _ = try await store.insertScreeningRun(run(at: 100), lines: [], consignees: ["Beta Imports", "Gamma SA", "Beta Imports"])
        _ = try await store.insertScreeningRun(run(at: 200), lines: [], consignees: ["Gamma SA", "Delta GmbH"])
        #expect(try await store.fetchKnownConsignees() == ["Beta Imports", "Delta GmbH", "Gamma SA"])
    }
}
