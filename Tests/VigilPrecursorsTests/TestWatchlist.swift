import VigilCore
import VigilPrecursors

/// A small watchlist written out by hand, so the matching rules are tested independently of the
/// bundled list's contents.
enum TestWatchlist {
    static func entry(
        _ id: String, _ name: String, synonyms: [String] = [], cas: [String] = [], hs: String? = nil, coverage: Set<ControlledChemical.Coverage> = [],
        un: ControlledChemical.UNTable? = .tableI, us: String? = "List I"
    ) -> ControlledChemical {
        ControlledChemical(
            id: ChemicalID(rawValue: id)!, name: name, synonyms: synonyms, casNumbers: cas.map { CASNumber(rawValue: $0)! },
            hsSubheading: hs.map { HSCode(rawValue: $0)! }, unTable: un, usControl: us, coverage: coverage)
    }

    static let entries: [ControlledChemical] = [
        entry("npp", "N-phenethyl-4-piperidone", synonyms: ["NPP", "1-phenethyl-4-piperidone"], cas: ["39742-60-4"], hs: "293337", coverage: [.salts]),
        entry("4-piperidone", "4-piperidone", synonyms: ["piperidin-4-one", "4-piperidinone"], cas: ["41661-47-6"], hs: "293339", coverage: [.salts, .acetals]),
        entry("4-ap", "4-anilinopiperidine", synonyms: ["4-AP", "N-phenylpiperidin-4-amine"], cas: ["23056-29-3"], hs: "293339", coverage: [.salts, .amides, .carbamates, .halides]),
        entry("piperidine", "piperidine", cas: ["110-89-4"], hs: "293332", coverage: [.salts], un: nil),
        entry("propionic-anhydride", "propionic anhydride", cas: ["123-62-6"], hs: "291590", un: nil),
        entry("ephedrine", "ephedrine", cas: ["299-42-3"], hs: "293941", coverage: [.salts, .opticalIsomers]),
        entry("pseudoephedrine", "pseudoephedrine", cas: ["90-82-4"], hs: "293942", coverage: [.salts, .opticalIsomers]),
        entry("phenylacetic-acid", "phenylacetic acid", cas: ["103-82-2"], hs: "291634", coverage: [.esters, .salts]),
        entry("acetone", "acetone", synonyms: ["propanone", "2-propanone"], cas: ["67-64-1"], hs: "291411", un: .tableII, us: "List II"),
        entry("p2p", "1-phenyl-2-propanone", synonyms: ["P2P", "P-2-P", "phenylacetone", "BMK"], cas: ["103-79-7"], hs: "291431"),
        entry("nitroethane", "nitroethane", cas: ["79-24-3"], hs: "290420", un: nil),
    ]

    static let watchlist = try! Watchlist(entries: entries, version: "test")
    static let index = WatchlistIndex(watchlist)
}
