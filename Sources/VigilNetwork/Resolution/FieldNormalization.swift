import Foundation

/// How record fields are brought to one form before they are compared.
public enum FieldNormalization {
    /// A name in lower case without accents, with punctuation turned into spaces and runs of spaces
    /// collapsed: "José  O'Connor-Ruiz" becomes "jose o connor ruiz".
    public static func name(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var words: [Substring] = []
        for word in folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) { words.append(word) }
        return words.joined(separator: " ")
    }

    /// A name's words in alphabetical order, so that "Garcia, Maria" and "Maria Garcia" agree.
    public static func nameWordsSorted(_ text: String) -> String {
        name(text).split(separator: " ").sorted().joined(separator: " ")
    }

    /// A phone number in E.164 form (`+525512345678`), or `nil` when it cannot be one: a leading
    /// `+` or `00` introduces the country code; otherwise `defaultCountryCode` is put in front
    /// (dropping a trunk prefix 0, and for country code 1 a leading 1 of an 11-digit number).
    /// E.164 numbers have 8 to 15 digits with the country code.
    public static func phone(_ text: String, defaultCountryCode: String? = nil) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = trimmed.filter(\.isASCII).filter(\.isNumber)
        if trimmed.hasPrefix("+") {
            // already international
        } else if digits.hasPrefix("00") {
            digits.removeFirst(2)
        } else if let country = defaultCountryCode {
            if country == "1", digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
            if digits.hasPrefix("0") { digits.removeFirst() }
            digits = country + digits
        } else {
            return nil
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }

    /// An e-mail address in lower case without surrounding spaces, or `nil` when it is not shaped
    /// like one (one `@`, something before it, a dot in the domain).
    public static func email(_ text: String) -> String? {
        let address = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !address.contains(" ")
        else { return nil }
        return address
    }
}
