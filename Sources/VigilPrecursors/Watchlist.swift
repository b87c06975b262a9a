public import VigilCore

/// The controlled chemicals a screening looks for, with a version that screening results record.
public struct Watchlist: Sendable {
    /// The entries, in the order they were given.
    public let entries: [ControlledChemical]
    /// The version of the list (the bundled list's date, plus any additions).
    public let version: String
    private let positions: [ChemicalID: Int]
    private let byCAS: [CASNumber: Int]

    /// Checks and indexes a list.
    /// - Throws: ``PrecursorError`` `emptyWatchlist` when there are no entries, `duplicateID` when
    ///   two entries share an id.
    public init(entries: [ControlledChemical], version: String) throws(PrecursorError) {
        guard !entries.isEmpty else {
            throw PrecursorError(
                code: .emptyWatchlist, message: "the watchlist has no entries; give a file with at least one controlled chemical")
        }
        var positions: [ChemicalID: Int] = [:]
        var byCAS: [CASNumber: Int] = [:]
        for (index, entry) in entries.enumerated() {
            if let earlier = positions.updateValue(index, forKey: entry.id) {
                throw PrecursorError(
                    code: .duplicateID,
                    message: "the watchlist uses id '\(entry.id)' twice (entries \(earlier + 1) and \(index + 1)); give each entry its own id")
            }
            for cas in entry.casNumbers where byCAS[cas] == nil { byCAS[cas] = index }
        }
        self.entries = entries
        self.version = version
        self.positions = positions
        self.byCAS = byCAS
    }

    /// The entry with an id.
    public subscript(id: ChemicalID) -> ControlledChemical? { positions[id].map { entries[$0] } }

    /// The entry listing a CAS number.
    public func entry(cas: CASNumber) -> ControlledChemical? { byCAS[cas].map { entries[$0] } }

    /// The list with a jurisdiction's own entries added after the bundled ones.
    /// - Throws: ``PrecursorError`` `duplicateID` when an addition reuses an id.
    public func adding(_ additions: [ControlledChemical], label: String) throws(PrecursorError) -> Watchlist {
        try Watchlist(entries: entries + additions, version: "\(version)+\(label)")
    }

    /// Entries whose id, name, synonyms or CAS numbers contain the text (case and punctuation aside).
    public func search(_ text: String) -> [ControlledChemical] {
        let wanted = ChemicalText.compact(text)
        guard !wanted.isEmpty else { return [] }
        return entries.filter { entry in
            ([entry.id.rawValue, entry.name] + entry.synonyms + entry.casNumbers.map(\.rawValue))
                .contains { ChemicalText.compact($0).contains(wanted) }
        }
    }
}
