import Foundation

/// Text for HTML and SVG documents.
public enum Markup {
    /// Text made safe inside elements and double-quoted attributes.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A coordinate with one decimal, as the drawings write them.
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
