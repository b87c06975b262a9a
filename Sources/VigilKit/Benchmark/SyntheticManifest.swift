import Foundation
import VigilCore
import VigilIngest

/// Writes a large manifest for the screening benchmark from a seed: lines of a labelled manifest
/// with their descriptions perturbed as clerks perturb them (case, hyphens and spaces, packing and
/// purity text, an occasional slip of the keyboard), mixed with benign lines of ordinary goods and
/// uncontrolled chemicals. The same seed, source and line count give the same bytes.
public enum SyntheticManifest {
    /// The header of Vigil's manifest layout.
    public static let header = ManifestReader.fields.joined(separator: ",")

    /// Writes `lines` lines to `path`, a `controlledShare` of them drawn from `labelled`.
    /// - Throws: ``VigilIngest/IngestError`` when the labelled file cannot be read; file-system errors.
    public static func write(
        lines: Int, from labelled: String, controlledShare: Double = 0.3, to path: String, using generator: inout some RandomNumberGenerator
    ) throws {
        let source = try ManifestReader(path: labelled).next(limit: 100_000).lines
        guard !source.isEmpty else {
            throw IngestError(code: .emptyInput, origin: labelled, message: "'\(labelled)' has no manifest lines to perturb")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var text = header + "\n"
        for index in 0..<lines {
            let line: ManifestLine
            if Double.random(in: 0..<1, using: &generator) < controlledShare {
                var drawn = source[Int.random(in: 0..<source.count, using: &generator)]
                drawn.description = perturb(drawn.description, using: &generator)
                line = drawn
            } else {
                line = benign(using: &generator)
            }
            append(line, shipment: "SYN-\(index / 4)", number: index % 4 + 1, to: &text)
            if text.utf8.count > 1 << 22 {
                handle.write(Data(text.utf8))
                text.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(text.utf8))
    }

    private static let packing = [
        "", "", ", 25 kg drums", " 99%", ", AR grade", " (tech grade)", ", 200 L drums", ", sample", " - sealed bags", ", IBC totes",
    ]

    private static func perturb(_ description: String, using generator: inout some RandomNumberGenerator) -> String {
        var text = description
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: text = text.uppercased()
        case 1: text = text.lowercased()
        default: break
        }
        if Bool.random(using: &generator) { text = text.replacingOccurrences(of: "-", with: " ") }
        if Int.random(in: 0..<10, using: &generator) == 0 {
            // One adjacent transposition inside a long word.
            var characters = Array(text)
            let starts = characters.indices.filter { $0 + 10 < characters.count && characters[$0...($0 + 9)].allSatisfy(\.isLetter) }
            if let start = starts.randomElement(using: &generator) {
                let at = start + Int.random(in: 2...6, using: &generator)
                characters.swapAt(at, at + 1)
                text = String(characters)
            }
        }
        return text + packing[Int.random(in: 0..<packing.count, using: &generator)]
    }

    private static let goods = [
        "cotton t-shirts", "LED bulbs", "auto parts, brake pads", "ceramic floor tiles", "office chairs", "frozen shrimp",
        "solar panels", "smartphone cases", "canned tomatoes", "garden hoses", "stainless steel cookware", "yoga mats",
        "paper towels", "wooden dining chairs", "bicycle tyres", "denim jeans", "kitchen sponges", "plastic toys",
        "ethyl acetate", "sodium chloride", "citric acid anhydrous", "isopropyl alcohol", "dichloromethane", "glycerol 99.5%",
        "maleic anhydride", "4-methylpiperidine", "2-piperidone", "piperazine anhydrous", "benzyl alcohol", "acetic acid 99.8%",
        "sodium hydroxide pearls", "PVP K30 powder", "NPK fertilizer 15-15-15", "PPE gloves, nitrile", "PMMA sheet 3 mm",
        "calcium chloride flakes", "methanol", "ethanol 96%", "hydrogen peroxide 50%", "titanium dioxide pigment",
    ]
    private static let parties = ["Placeholder Trading Co., Ltd.", "Notreal Logistics Inc.", "Example Imports SA", "Sample Goods GmbH"]
    private static let ports = ["Shanghai", "Ningbo", "Manzanillo", "Long Beach", "Rotterdam", "Colombo", "Busan"]

    private static func benign(using generator: inout some RandomNumberGenerator) -> ManifestLine {
        ManifestLine(
            date: CalendarDate(year: 2026, month: Int.random(in: 1...12, using: &generator), day: Int.random(in: 1...28, using: &generator)),
            description: goods[Int.random(in: 0..<goods.count, using: &generator)] + packing[Int.random(in: 0..<packing.count, using: &generator)],
            hsCode: ["6109.10", "8539.50", "8708.30", "2915.31", "2933.59", "3102.20"][Int.random(in: 0..<6, using: &generator)],
            quantity: Quantity(value: Double(Int.random(in: 1...500, using: &generator)), unit: .kg),
            value: Double(Int.random(in: 100...90_000, using: &generator)),
            shipper: parties[Int.random(in: 0..<parties.count, using: &generator)],
            consignee: parties[Int.random(in: 0..<parties.count, using: &generator)], origin: "CN", destination: "MX",
            portOfLoading: ports[Int.random(in: 0..<2, using: &generator)], transshipmentPorts: [ports[Int.random(in: 5..<7, using: &generator)]],
            portOfDischarge: ports[Int.random(in: 2..<4, using: &generator)])
    }

    private static func append(_ line: ManifestLine, shipment: String, number: Int, to text: inout String) {
        let fields: [String?] = [
            shipment, String(number), line.date?.description, line.description, line.hsCode, line.cas,
            line.quantity.map { String($0.value) }, line.quantity?.unit.rawValue, line.value.map { String($0) }, line.shipper,
            line.consignee, line.notifyParty, line.origin, line.destination, line.portOfLoading,
            line.transshipmentPorts.joined(separator: ";"), line.portOfDischarge,
        ]
        text += fields.map { field in
            guard let field else { return "" }
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
        text += "\n"
    }
}
