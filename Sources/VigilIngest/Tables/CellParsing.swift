import VigilCore

/// Parsers for the cells of manifest and notification files; each throws a message that says what
/// to write instead.
enum CellParsing {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// A number: digits with an optional decimal point, and commas only as thousands separators.
    static func number(_ text: String) throws -> Double {
        if let plain = plainDecimal(text.utf8) { return plain }
        var cleaned = text
        if text.utf8.contains(UInt8(ascii: ",")) {
            let groups = text.split(separator: ".", maxSplits: 1)[0].split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw Problem(description: "'\(text)' is not a number; write it with a decimal point and no thousands commas, such as 1250.5")
            }
            cleaned = text.filter { $0 != "," }
        }
        guard let value = Double(cleaned), value.isFinite, value >= 0 else {
            throw Problem(description: "'\(text)' is not a number of 0 or more; write digits with an optional decimal point, such as 25 or 0.5")
        }
        return value
    }

    /// The value of digits with at most one decimal point and at most 15 digits in all (`110.0`,
    /// `72077`), which most cells are: their digits make an integer and their decimals a power of ten,
    /// both exact in a `Double`, so one division gives the correctly rounded value, as a full
    /// conversion would. `nil` for anything else.
    private static func plainDecimal(_ bytes: String.UTF8View) -> Double? {
        var (mantissa, digits, decimals, sawPoint) = (0, 0, 0, false)
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint else { return nil }
                sawPoint = true
                continue
            }
            guard byte >= 48, byte <= 57, digits < 15 else { return nil }
            mantissa = mantissa * 10 + Int(byte - 48)
            digits += 1
            if sawPoint { decimals += 1 }
        }
        guard digits > 0 else { return nil }
        return Double(mantissa) / powersOfTen[decimals]
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// A unit.
    static func unit(_ text: String) throws -> Quantity.Unit {
        guard let unit = Quantity.Unit(parsing: text) else {
            throw Problem(
                description: "unknown unit '\(text)'; use one of " + Quantity.Unit.allCases.map(\.rawValue).joined(separator: ", ")
                    + " (or a common spelling such as kgs, tonnes, litres, drums)")
        }
        return unit
    }

    /// A date: ISO 8601 (a time and zone after it are ignored), or day, month and year separated by
    /// `/`, `.` or `-` in the mapping's order.
    static func date(_ text: String, order: ManifestMapping.DateOrder) throws -> CalendarDate {
        // An ISO date is ASCII, so its first ten bytes are its first ten characters.
        let bytes = text.utf8
        if bytes.count >= 10, let iso = CalendarDate(isoUTF8: bytes.prefix(10)) {
            let after = bytes.dropFirst(10).first
            if after == nil || after == UInt8(ascii: "T") || after == UInt8(ascii: " ") { return iso }
        }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).compactMap { Int($0) }
        let example = order == .dmy ? "31/12/2026" : order == .mdy ? "12/31/2026" : "2026-12-31"
        guard parts.count == 3 else {
            throw Problem(description: "'\(text)' is not a date; write it as 2026-12-31 (or as the mapping says, \(example))")
        }
        let (year, month, day) =
            switch order {
            case .ymd: (parts[0], parts[1], parts[2])
            case .dmy: (parts[2], parts[1], parts[0])
            case .mdy: (parts[2], parts[0], parts[1])
            }
        guard let date = CalendarDate(year: year < 100 ? 2000 + year : year, month: month, day: day) else {
            throw Problem(description: "'\(text)' is not a calendar date in the order \(order.rawValue); write it as \(example)")
        }
        return date
    }
}

extension CellRow {
    /// A quantity from a number field and a unit field; a number with its unit in one cell
    /// (`25 kg`) is accepted when the unit field is blank. A quantity without a unit is an issue.
    mutating func quantity(_ numberField: String, unitField: String) -> Quantity? {
        quantity(at: layout.slot(of: numberField)!, unitSlot: layout.slot(of: unitField)!)
    }

    /// The quantity in the fields of two slots (see ``quantity(_:unitField:)``).
    mutating func quantity(at numberSlot: Int, unitSlot: Int) -> Quantity? {
        let unitField = layout.columns[unitSlot]
        guard var amount = text(at: numberSlot) else { return nil }
        var unitText = text(at: unitSlot)
        if unitText == nil, let split = amount.firstIndex(where: { $0.isLetter }) {
            unitText = String(amount[split...]).trimmingWhitespace().description
            amount = String(amount[..<split]).trimmingWhitespace().description
        }
        let value: Double
        do {
            value = try CellParsing.number(amount)
        } catch {
            report(at: numberSlot, value: amount, reason: "\(error)")
            return nil
        }
        guard let unitText else {
            report(at: unitSlot, value: nil, reason: "the quantity \(amount) has no unit; give one in '\(unitField)' (kg, g, t, l…)")
            return nil
        }
        let unit: Quantity.Unit
        do {
            unit = try CellParsing.unit(unitText)
        } catch {
            report(at: unitSlot, value: unitText, reason: "\(error)")
            return nil
        }
        return Quantity(value: value, unit: unit)
    }
}
