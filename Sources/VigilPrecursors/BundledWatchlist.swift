public import Foundation

/// Where the watchlist that ships with Vigil is: `watchlist.csv` (one controlled chemical per row),
/// `watchlist-sources.csv` (the documents each row was read from) and `watchlist-version.txt`;
/// `WATCHLIST.md` beside them says how it was compiled.
public enum BundledWatchlist {
    /// The path of `watchlist.csv`, `nil` if the installation lacks it.
    public static var path: String? { Bundle.module.path(forResource: "watchlist", ofType: "csv", inDirectory: "Resources") }

    /// The list's version, `unknown` if the installation lacks it.
    public static var version: String {
        guard let url = Bundle.module.url(forResource: "watchlist-version", withExtension: "txt", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "unknown" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
