import Foundation
import HTTPTypes
import Logging
import VigilCore
import VigilIngest
import VigilKit
import VigilPrecursors
import VigilStore

/// Precursor screening as the API and the dashboard run it: a manifest received in a request,
/// screened against the bundled watchlist with the consignees of stored runs counted as known, and
/// the run stored (so officers can record decisions on its lines) unless the caller says not to.
///
/// Only investigators and admins screen: precursor data belong to the law-enforcement compartment,
/// which analysts do not see.
struct ManifestScreener: Sendable {
    let store: any ScreeningStore

    /// The bundled watchlist, read once, at the first screening.
    private static let bundled = Result { try WatchlistCatalog.load() }

    /// The watchlist screenings use.
    /// - Throws: ``APIError`` 500 when it cannot be read (the cause goes to the log).
    func watchlist(logger: Logger) throws -> Watchlist {
        switch Self.bundled {
        case .success(let watchlist): return watchlist
        case .failure(let error):
            logger.error("the watchlist could not be loaded", metadata: ["error": "\(error)"])
            throw APIError(.internalServerError, "the server could not load the precursor watchlist; the error is in its log")
        }
    }

    /// Screens a manifest and, when `keep` is true, stores the run.
    /// - Parameters:
    ///   - manifest: The manifest's bytes, CSV or NDJSON in Vigil's layout.
    ///   - origin: What the stored run says was screened (`api`, `dashboard`).
    ///   - includeAll: Report every line, not only the flagged ones.
    ///   - token: Who screens; the stored run names its token id.
    /// - Returns: The report and the stored run (`nil` when not kept).
    /// - Throws: ``APIError`` 422 when the manifest is unusable as a whole (no header, no
    ///   `description` column); line problems are in the report.
    func screen(
        _ manifest: [UInt8], isNDJSON: Bool, origin: String, includeAll: Bool, keep: Bool, by token: APIToken, logger: Logger
    ) async throws -> (report: PrecursorScreening.Report, run: ScreeningRun?) {
        let watchlist = try watchlist(logger: logger)
        let known = try await store.fetchKnownConsignees()
        let options = PrecursorScreening.Options(
            manifest: .bytes(manifest, origin: origin, isNDJSON: isNDJSON), includeAll: includeAll, knownConsignees: known)
        let report: PrecursorScreening.Report
        do { report = try PrecursorScreening(watchlist: watchlist).run(options) } catch let error as IngestError {
            throw APIError(.unprocessableContent, error.message)
        }
        guard keep else { return (report, nil) }
        let run = try await ScreeningArchive.store(
            report, settings: options.settings, origin: origin, startedBy: token.id, at: Int64(Date().timeIntervalSince1970), in: store)
        logger.info("screening stored", metadata: ["screening.run": "\(run.id)", "screening.lines": "\(report.linesScreened)"])
        return (report, run)
    }
}
