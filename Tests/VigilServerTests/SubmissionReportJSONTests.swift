import Foundation
import Hummingbird
import Testing
import VigilKit
import VigilStore

@testable import VigilServer

@Suite("Submission report JSON")
struct SubmissionReportJSONTests {
    @Test("the hand-written report reads back exactly as Foundation's encoding of it")
    func sameAsFoundation() throws {
        let awkward = "quote \" backslash \\ newline \n tab \t bell \u{7} é 中 💊 slash /"
        let report = EventSubmission.Report(
            batch: 7, inserted: 1, alreadyStored: 2, rejected: 2,
            items: [
                .init(index: 0, accepted: true, id: "evt_1", issues: []),
                .init(index: 1, accepted: false, id: nil, issues: [RowIssue(column: "outcome", value: awkward, reason: "is not fatal")]),
                .init(index: 2, accepted: false, id: nil, issues: [RowIssue(column: nil, value: nil, reason: awkward), RowIssue(column: "x", value: nil, reason: "r")]),
            ],
            regions: ["09001", "42003"])
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let buffer = SubmissionReportJSON.encode(report)
        let written = try JSONSerialization.jsonObject(with: Data(buffer.getBytes(at: 0, length: buffer.readableBytes) ?? [])) as! NSDictionary
        let reference = try JSONSerialization.jsonObject(with: encoder.encode(report)) as! NSDictionary
        #expect(written == reference)
    }
}
