extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, carriage returns and line feeds.
    public func trimmingWhitespace() -> SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        // Fast path: most values have nothing to trim; look at the first byte and last character only.
        guard let firstByte = utf8.first, let lastCharacter = last else { return self[startIndex..<endIndex] }
        if firstByte != 0x20, firstByte != 0x09, firstByte != 0x0D, firstByte != 0x0A, !isSpace(lastCharacter) {
            return self[startIndex..<endIndex]
        }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
