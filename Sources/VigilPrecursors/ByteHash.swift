/// FNV-1a, 64-bit: the hash the name index keys its tables by, computed over bytes without building
/// strings, and extendable a byte at a time as a match grows.
enum ByteHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of some bytes (following others, whose hash is `start`).
    static func of(_ bytes: some Sequence<UInt8>, after start: UInt64 = seed) -> UInt64 {
        var hash = start
        for byte in bytes { hash = adding(byte, to: hash) }
        return hash
    }

    /// A hash extended by one byte.
    @inline(__always)
    static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
}
