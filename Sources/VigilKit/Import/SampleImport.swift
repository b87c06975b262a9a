import Foundation
public import VigilCore
public import VigilIngest
public import VigilStore

/// Imports drug samples from a file into a store: the `vigil import --kind samples` use case. Samples
/// already stored are left as they are, so importing a file again adds nothing; rejected rows are
/// reported with their line, column, value and reason, and unknown substance names are counted for the
/// catalogue.
public struct SampleImport: Sendable {
    /// What an import did.
    public struct Report: Sendable {
        /// Samples read, and how many were new.
        public var samplesRead: Int
        public var samplesAdded: Int
        /// Rows rejected, with their reasons.
        public var rejected: [LineIssue]
        /// Substance names the catalogue does not know, with the number of samples naming each.
        public var unknownSubstances: [String: Int]
        /// Columns of the file that nothing reads.
        public var unreadColumns: [String]
    }

    private let store: any SampleStore

    /// An import into a store.
    public init(store: any SampleStore) {
        self.store = store
    }

    /// Imports a file.
    /// - Parameters:
    ///   - layout: `vigil` or `drugcheckingbc`.
    ///   - source: The source system (default: the file's name without extension).
    ///   - asOf: Today; samples collected later are rejected.
    /// - Throws: ``VigilIngest/IngestError`` for a file unusable as a whole; store errors.
    public func run(path: String, layout: SampleReader.Layout, source: String?, asOf: CalendarDate) async throws -> Report {
        let name = source ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.replacingOccurrences(of: ":", with: "-")
        guard let system = SourceSystemID(rawValue: name) else {
            throw IngestError(code: .invalidOption, origin: path, message: "the source name '\(name)' is empty or has ':'; give --source NAME")
        }
        let result = try SampleReader(layout: layout, source: system, asOf: asOf).read(.file(path))
        var added = 0
        for start in stride(from: 0, to: result.samples.count, by: 10_000) {
            added += try await store.insertSamples(Array(result.samples[start..<min(start + 10_000, result.samples.count)]))
        }
        return Report(
            samplesRead: result.samples.count, samplesAdded: added, rejected: result.rejected, unknownSubstances: result.unknownSubstances,
            unreadColumns: result.unreadColumns)
    }
}
