import Foundation
import Hummingbird
import Testing
import VigilCore
import VigilKit
import VigilStore
import VigilTestSupport

@testable import VigilServer

@Suite("JSON written by hand")
struct JSONOutputTests {
    static let awkward = "quote \" backslash \\ newline \n tab \t bell \u{7} é 中 💊 slash /"

    /// The hand-written JSON and Foundation's encoding of the same value, both parsed back.
    func parsed(_ write: (inout JSONOutput) -> Void, _ value: some Encodable) throws -> (written: NSObject, reference: NSObject) {
        var output = JSONOutput()
        write(&output)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let bytes = output.buffer.getBytes(at: 0, length: output.buffer.readableBytes) ?? []
        return (
            try JSONSerialization.jsonObject(with: Data(bytes)) as! NSObject,
            try JSONSerialization.jsonObject(with: encoder.encode(value)) as! NSObject
        )
    }

    @Test("a submission report reads back exactly as Foundation's encoding of it")
    func report() throws {
        let report = EventSubmission.Report(
            batch: 7, inserted: 1, alreadyStored: 2, rejected: 2,
            items: [
                .init(index: 0, accepted: true, id: "evt_1", issues: []),
                .init(index: 1, accepted: false, id: nil, issues: [RowIssue(column: "outcome", value: Self.awkward, reason: "is not fatal")]),
                .init(index: 2, accepted: false, id: nil, issues: [RowIssue(column: nil, value: nil, reason: Self.awkward), RowIssue(column: "x", value: nil, reason: "r")]),
            ],
            regions: ["09001", "42003"])
        let (written, reference) = try parsed({ report.write(to: &$0) }, report)
        #expect(written == reference)
    }

    @Test("events with and without their optional fields read back exactly as Foundation's encoding of them")
    func events() throws {
        var full = EventFactory.event("e1", on: "2024-03-01", region: "09009")
        full.location = try GeoPoint(latitude: 41.308274, longitude: -72.927883)
        full.naloxone = .given(doses: 2)
        full.ageBand = .from25to34
        full.sex = .female
        full.substances = [SubstanceMention(substance: nil, text: Self.awkward, certainty: .suspected)]
        var sparse = EventFactory.event("e2", on: "2024-03-02", region: nil, substances: [], location: try GeoPoint(latitude: 1e-5, longitude: 0))
        (sparse.naloxone, sparse.ageBand, sparse.sex) = (.notGiven, nil, nil)
        var unknownNaloxone = EventFactory.event("e3", on: "2024-03-03")
        unknownNaloxone.naloxone = nil
        for event in [full, sparse, unknownNaloxone] {
            let representation = EventRepresentation(event)
            let (written, reference) = try parsed({ representation.write(to: &$0) }, representation)
            #expect(written == reference)
        }
    }
}
