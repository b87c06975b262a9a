import Foundation
public import VigilCore

/// How both backends write a screening line's reasons (a JSON array) and read a line back, so that
/// they store and return the same thing.
public enum ScreeningLineCoding {
    /// The reasons as the JSON text stored in the `reasons` column.
    public static func reasons(_ reasons: [ScreeningLineRecord.Reason]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(reasons), as: UTF8.self)
    }

    /// A line from its stored columns.
    /// - Throws: ``StoreError`` `corruptValue` when the reasons or the decision do not decode.
    public static func line(
        position: Int, fileLine: Int, shipmentID: String?, lineNumber: Int?, description: String, consignee: String?, risk: Double,
        matchedID: String?, matchRule: String?, confidence: Double?, reasons: String, decision: String?, decidedBy: String?,
        decidedAt: Int64?, note: String?
    ) throws -> ScreeningLineRecord {
        guard let decoded = try? JSONDecoder().decode([ScreeningLineRecord.Reason].self, from: Data(reasons.utf8)),
            decision.map({ ScreeningDecision(rawValue: $0) != nil }) ?? true
        else {
            throw StoreError(code: .corruptValue, message: "screening line \(position) cannot be read by this version of Vigil")
        }
        return ScreeningLineRecord(
            position: position, fileLine: fileLine, shipmentID: shipmentID, lineNumber: lineNumber, description: description,
            consignee: consignee, risk: risk, matchedID: matchedID, matchRule: matchRule, confidence: confidence, reasons: decoded,
            decision: decision.flatMap(ScreeningDecision.init(rawValue:)), decidedBy: decidedBy, decidedAt: decidedAt, note: note)
    }

    /// The error for a decision on a line the store does not have.
    public static func unknownLine(run: ScreeningRunID, position: Int) -> StoreError {
        StoreError(
            code: .unknownScreeningLine,
            message: "screening run \(run) has no reported line at position \(position); 'vigil screenings show \(run)' lists its lines")
    }
}
