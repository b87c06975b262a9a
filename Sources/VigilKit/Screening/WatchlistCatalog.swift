public import VigilCore
import VigilIngest
public import VigilPrecursors

/// Loads the watchlist a screening uses: the bundled list (or another list file instead), plus
/// any jurisdiction's additions in the same layout.
public enum WatchlistCatalog {
    /// The watchlist.
    /// - Parameters:
    ///   - replacement: A list file to use instead of the bundled one.
    ///   - additions: Files of entries to add (ids must not repeat the list's).
    /// - Throws: ``VigilIngest/IngestError`` for an unreadable or bad file, ``VigilPrecursors/PrecursorError``
    ///   for an empty list or a repeated id across files.
    public static func load(replacement: String? = nil, additions: [String] = []) throws -> Watchlist {
        let path: String
        let version: String
        if let replacement {
            path = replacement
            version = "file:\(replacement)"
        } else {
            guard let bundled = BundledWatchlist.path else {
                throw IngestError(
                    code: .cannotRead, origin: "watchlist.csv", message: "the bundled watchlist is missing from this installation; reinstall Vigil")
            }
            path = bundled
            version = BundledWatchlist.version
        }
        var watchlist = try Watchlist(entries: try WatchlistReader.read(path: path), version: version)
        for file in additions {
            watchlist = try watchlist.adding(try WatchlistReader.read(path: file), label: file)
        }
        return watchlist
    }
}
