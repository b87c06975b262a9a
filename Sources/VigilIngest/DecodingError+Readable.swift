extension DecodingError {
    /// A one-line description for a person fixing a JSON file: what is wrong and the path of the
    /// field (`substances[2].certainty`), without Swift's type dump.
    public var readableDescription: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "missing key '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.debugDescription + (context.codingPath.isEmpty ? "" : " at '\(path(context.codingPath))'")
        @unknown default:
            return String(describing: self)
        }
    }
}
