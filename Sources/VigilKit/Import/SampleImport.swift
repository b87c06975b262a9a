import Foundation
public import VigilCore
public import VigilIngest
public import VigilStore

/// Imports drug samples from a file or a request body into a store: the `vigil import --kind samples`
/// and `POST /api/v1/samples` use case. The run is recorded as an import batch; samples already stored
/// are left as they are, so importing a file again adds nothing; rejected rows go to the quarantine
/// with their line, raw text and reasons (`vigil quarantine`), once; unknown substance names are
/// counted for the catalogue.
public struct SampleImport: Sendable {
    /// What an import did.
    public struct Report: Sendable {
        /// The import batch that recorded the run.
        public var batch: ImportBatchID
        /// Samples read, and how many were new.
        public var samplesRead: Int
        public var samplesAdded: Int
        /// Rows rejected, with their reasons.
        public var rejected: [QuarantinedRow]
        /// Of the rejected rows, those quarantined by an earlier import of the same rows.
        public var alreadyQuarantined: Int
        /// Substance names the catalogue does not know, with the number of samples naming each.
        public var unknownSubstances: [String: Int]
        /// Columns of the input that nothing reads.
        public var unreadColumns: [String]
        /// The earliest collection day among the samples read, when there are any.
        public var earliestDay: CalendarDate?
    }

    private let samples: any SampleStore
    private let batches: any EventStore

    /// An import into a store: samples into its sample tables, the run and its rejected rows into its
    /// import batches and quarantine.
    public init(samples: any SampleStore, batches: any EventStore) {
        self.samples = samples
        self.batches = batches
    }

    /// Imports a file or received bytes.
    /// - Parameters:
    ///   - layout: `vigil` or `drugcheckingbc`.
    ///   - source: The source system (default: the file's name without extension).
    ///   - asOf: Today; samples collected later are rejected.
    ///   - now: The time recorded on the batch.
    ///   - jurisdictions: A submitter's reach: rows outside it are rejected.
    /// - Throws: ``VigilIngest/IngestError`` for an input unusable as a whole; store errors.
    public func run(
        _ input: TableSource, layout: SampleReader.Layout, source: String?, asOf: CalendarDate, now: Int64, jurisdictions: Jurisdictions? = nil
    ) async throws -> Report {
        let name = source ?? URL(fileURLWithPath: input.origin).deletingPathExtension().lastPathComponent.replacingOccurrences(of: ":", with: "-")
        guard let system = SourceSystemID(rawValue: name) else {
            throw IngestError(code: .invalidOption, origin: input.origin, message: "the source name '\(name)' is empty or has ':'; give --source NAME")
        }
        let result = try SampleReader(layout: layout, source: system, asOf: asOf, jurisdictions: jurisdictions).read(input)
        var added = 0
        for start in stride(from: 0, to: result.samples.count, by: 10_000) {
            added += try await samples.insertSamples(Array(result.samples[start..<min(start + 10_000, result.samples.count)]))
        }
        let (batch, alreadyQuarantined) = try await batches.recordImport(
            source: system, origin: input.origin, mapping: "samples:\(layout.rawValue)", at: now, read: result.samples.count, added: added,
            rejected: result.rejected)
        return Report(
            batch: batch, samplesRead: result.samples.count, samplesAdded: added, rejected: result.rejected,
            alreadyQuarantined: alreadyQuarantined, unknownSubstances: result.unknownSubstances,
            unreadColumns: result.unreadColumns, earliestDay: result.samples.map(\.collectedOn).min())
    }
}
