import VigilCore

/// Keys of rows that carry no identifier of their own: a digest of their content, so that importing the same
/// file again finds the same keys.
enum ContentKey {
    /// `sha256:` and the first 32 hex digits of the bytes' digest, with `#n` for the n-th repeat of the same
    /// bytes within one input (repeats are real records, not copies).
    static func make(_ bytes: [UInt8], seen: inout [String: Int]) -> String {
        let digest = String(SHA256.hexDigest(bytes).prefix(32))
        let occurrence = seen[digest, default: 0] + 1
        seen[digest] = occurrence
        return "sha256:\(digest)" + (occurrence > 1 ? "#\(occurrence)" : "")
    }
}
