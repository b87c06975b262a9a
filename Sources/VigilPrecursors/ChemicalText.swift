/// Free text reduced to what matters for recognising a chemical name: lower-case ASCII, Greek
/// letters spelled out, dashes unified, stereo descriptors removed, and split into tokens of letters
/// and digits that remember how they were joined to their neighbours.
///
/// `(1R,2S)-(-)-Ephedrine HCl` becomes the tokens `ephedrine`, `hcl`; `4-Anilino-N-phenethyl
/// piperidine` becomes `4`, `anilino`, `n`, `phenethyl`, `piperidine` with the first three joined
/// by hyphens. A name is recognised when a run of tokens, concatenated, equals one of its forms
/// concatenated (`4piperidone` for "4-piperidone", "4 piperidone" and "4-PIPERIDONE").
struct ChemicalText {
    /// A run of letters and digits in ``bytes``.
    struct Token {
        /// Where it starts in ``bytes``.
        var start: Int
        /// Where it ends (exclusive).
        var end: Int
        /// Whether it is attached to the token before it by a hyphen or bracket, with no space,
        /// as the parts of one chemical name are.
        var isJoinedToPrevious: Bool
        /// Whether it is a salt, hydrate or purity word (`hydrochloride`, `hcl`, `monohydrate`).
        var isSaltWord: Bool
    }

    /// The normalised text.
    private(set) var bytes: [UInt8] = []
    /// Its tokens, in order.
    private(set) var tokens: [Token] = []

    /// Normalises a text, reusing this value's storage.
    mutating func load(_ text: String) {
        bytes.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { Self.appendFolded(scalar, to: &bytes) }
        Self.removeStereoDescriptors(&bytes)
        var index = 0
        var separatorIsGlue = false
        var sawSeparator = false
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isAlphanumeric(byte) {
                let start = index
                while index < bytes.count, Self.isAlphanumeric(bytes[index]) { index += 1 }
                let joined = !tokens.isEmpty && sawSeparator && separatorIsGlue
                tokens.append(
                    Token(start: start, end: index, isJoinedToPrevious: joined, isSaltWord: Self.isSaltWord(bytes[start..<index])))
                sawSeparator = false
                separatorIsGlue = false
                continue
            }
            if !sawSeparator { separatorIsGlue = true }
            sawSeparator = true
            if !Self.isGlue(byte) { separatorIsGlue = false }
            index += 1
        }
    }

    /// The bytes of a token.
    func bytes(of token: Token) -> ArraySlice<UInt8> { bytes[token.start..<token.end] }

    /// A text's tokens concatenated: the form names are compared in.
    static func compact(_ text: String) -> String {
        var normalised = ChemicalText()
        normalised.load(text)
        return String(decoding: normalised.tokens.flatMap { normalised.bytes(of: $0) }, as: UTF8.self)
    }

    /// The normalised text from the start of one token to the end of another: the spelling,
    /// punctuation included, that ``exactness`` compares.
    func spelling(from first: Int, through last: Int) -> ArraySlice<UInt8> {
        bytes[tokens[first].start..<tokens[last].end]
    }

    // MARK: Folding

    static func isAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) }

    /// Separators that join the parts of one name: hyphen, brackets, apostrophe (prime). Not the
    /// comma, which also separates the items of a list written without spaces.
    private static func isGlue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "'")
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 65...90: bytes.append(UInt8(value + 32))
        case 0..<128: bytes.append(UInt8(value))
        case 0x3B1, 0x391: bytes.append(contentsOf: "alpha".utf8)
        case 0x3B2, 0x392: bytes.append(contentsOf: "beta".utf8)
        case 0x3B3, 0x393: bytes.append(contentsOf: "gamma".utf8)
        case 0x3B4, 0x394: bytes.append(contentsOf: "delta".utf8)
        case 0xB1: bytes.append(contentsOf: "+-".utf8)  // ±
        case 0x2010...0x2015, 0x2212, 0xAD: bytes.append(UInt8(ascii: "-"))
        case 0x2019, 0x2032: bytes.append(UInt8(ascii: "'"))
        case 0xC0...0xFF:
            let folded = latinFolding[Int(value - 0xC0)]
            bytes.append(folded == UInt8(ascii: "_") ? UInt8(ascii: " ") : folded)
        default: bytes.append(UInt8(ascii: " "))
        }
    }

    /// U+00C0 to U+00FF without their accents, lower-case (`_` where there is no letter).
    private static let latinFolding: [UInt8] = Array("aaaaaaaceeeeiiiidnooooo_ouuuuyp_aaaaaaaceeeeiiiidnooooo_ouuuuypy".utf8)

    // MARK: Stereo descriptors

    /// Removes stereo and racemate descriptors, which do not change which listing a name falls under:
    /// bracketed ones such as `(1R,2S)`, `(+)`, `(-)`, `(±)`, `(RS)` and the prefixes `d-`, `l-`,
    /// `dl-`, `d,l-`, `rac-`, `cis-`, `trans-`, `meso-` at the start of a word, with the hyphen that follows them.
    private static func removeStereoDescriptors(_ bytes: inout [UInt8]) {
        guard bytes.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "-") }) else { return }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let atWordStart = output.last.map { !isAlphanumeric($0) && $0 != UInt8(ascii: "-") } ?? true
            if bytes[index] == UInt8(ascii: "("), let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")),
                isStereoGroup(bytes[(index + 1)..<close])
            {
                index = close + 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
                continue
            }
            if atWordStart, let length = stereoPrefixLength(bytes[index...]) {
                index += length
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        bytes = output
    }

    private static func isStereoGroup(_ content: ArraySlice<UInt8>) -> Bool {
        guard !content.isEmpty else { return false }
        var hasDescriptor = false
        for byte in content {
            switch byte {
            case UInt8(ascii: "r"), UInt8(ascii: "s"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "e"), UInt8(ascii: "z"):
                hasDescriptor = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "/"):
                continue
            default:
                return false
            }
        }
        return hasDescriptor
    }

    private static let stereoPrefixes: [[UInt8]] = ["dl-", "d,l-", "rac-", "cis-", "trans-", "meso-", "d-", "l-"].map { Array($0.utf8) }

    private static func stereoPrefixLength(_ rest: ArraySlice<UInt8>) -> Int? {
        for prefix in stereoPrefixes where rest.starts(with: prefix) {
            // Only before a word: "d-pseudoephedrine", not the "d-" of "d-2" or a lone "l-".
            let next = rest.dropFirst(prefix.count).first
            if let next, next >= 97, next <= 122 { return prefix.count }
        }
        return nil
    }

    // MARK: Salt words

    /// Salt, hydrate and form words, by their ``ByteHash`` (checked against the bytes on a hit).
    private static let saltWords: [UInt64: [UInt8]] = Dictionary(
        uniqueKeysWithValues: [
            "hcl", "hbr", "hydrochloride", "dihydrochloride", "monohydrochloride", "hydrobromide", "sulfate", "sulphate",
            "hemisulfate", "hemisulphate", "bisulfate", "bisulphate", "phosphate", "tartrate", "bitartrate", "citrate",
            "maleate", "fumarate", "oxalate", "mesylate", "besylate", "hydrate", "monohydrate", "dihydrate", "trihydrate",
            "hemihydrate", "sesquihydrate", "anhydrous", "salt", "salts", "freebase",
        ].map { (ByteHash.of($0.utf8), Array($0.utf8)) })

    private static func isSaltWord(_ token: ArraySlice<UInt8>) -> Bool {
        guard token.count >= 3, token.count <= 17, let word = saltWords[ByteHash.of(token)] else { return false }
        return word.elementsEqual(token)
    }
}
