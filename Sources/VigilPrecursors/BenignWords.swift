/// Words of common chemicals and goods that are close in spelling to a controlled name's word but
/// are something else (`piperidinol` is not a misspelled `piperidine`, `ethanol` is not
/// `methanol`'s neighbour on any list): never "corrected" into a watchlist word.
enum BenignWords {
    static func contains(_ word: ArraySlice<UInt8>, hash: UInt64) -> Bool {
        guard let known = words[hash] else { return false }
        return known.elementsEqual(word)
    }

    private static let words: [UInt64: [UInt8]] = Dictionary(
        [
            // Heterocycles and amines next to the listed piperidines and amines.
            "piperidinol", "piperidinyl", "piperidinium", "piperazine", "piperazines", "piperonyl", "pyridine", "pyridines",
            "pyrrolidine", "pyrrolidone", "pyrimidine", "morpholine", "aniline", "anilines", "toluidine", "benzylamine",
            "dimethylamine", "trimethylamine", "diethylamine", "triethylamine", "ethanolamine", "propylamine", "butylamine",
            // Alcohols, acids, esters, anhydrides and solvents that are not listed.
            "methanol", "ethanol", "propanol", "butanol", "isopropanol", "glycol", "glycerol", "glycerin", "sorbitol", "mannitol",
            "maleic", "phthalic", "succinic", "benzoic", "formic", "butyric", "lactic", "citric", "oxalic", "stearic",
            "acetate", "acetates", "propionate", "benzoate", "butyrate", "acetonitrile", "acetophenone", "acetyl",
            "hexane", "heptane", "pentane", "octane", "xylene", "xylenes", "benzene", "chloroform", "dichloromethane",
            "methylene", "ethylene", "propylene", "styrene", "phenol", "phenols", "anisole", "ethers", "ketone", "ketones",
            "nitromethane", "nitropropane", "nitrobenzene", "ethylbenzene", "cumene",
            "aldehyde", "aldehydes", "peroxide", "hydroxide", "carbonate", "bicarbonate", "chloride", "nitrate", "nitrite",
            // Pharmaceuticals and excipients.
            "lactose", "sucrose", "glucose", "dextrose", "caffeine", "paracetamol", "acetaminophen", "ibuprofen", "aspirin",
            "lidocaine", "procaine", "benzocaine", "mannose", "starch", "cellulose", "talc",
            // Goods and packaging.
            "fertilizer", "fertiliser", "plastic", "plastics", "polymer", "polymers", "pigment", "pigments", "rubber",
            "textile", "textiles", "garments", "cotton", "paper", "bottles", "drums", "cartons", "pallets",
        ].map { (ByteHash.of($0.utf8), Array($0.utf8)) }, uniquingKeysWith: { first, _ in first })
}
