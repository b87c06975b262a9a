import Foundation
public import VigilCore

/// How an alert's evidence is kept in a store: one JSON text column, keys sorted so that the same
/// evidence is always the same text.
public enum AlertEvidenceCoding {
    /// The text stored for evidence; `nil` for none.
    public static func text(_ evidence: AlertEvidence?) -> String? {
        guard let evidence else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Evidence holds only strings, numbers, dates and arrays: encoding cannot fail.
        return (try? encoder.encode(evidence)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The evidence read back from a stored text.
    /// - Throws: ``StoreError`` `corruptValue` when the text is not evidence this version can read.
    public static func evidence(_ text: String?, alert id: Int64) throws -> AlertEvidence? {
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode(AlertEvidence.self, from: Data(text.utf8))
        } catch {
            throw StoreError(
                code: .corruptValue, message: "alert \(id) holds evidence this version of Vigil cannot read; was the database edited by hand?")
        }
    }
}
