import Foundation

/// The mappings that ship with Vigil, and loading of a mapping from a file.
public enum MappingCatalog {
    /// The names of the built-in mappings.
    public static let builtInNames = ["vigil", "ct-ocme", "allegheny-me", "tempe-ems"]

    /// Loads a built-in mapping by name, or a mapping file by path.
    /// - Throws: ``IngestError`` `unknownMapping` when neither exists, `invalidMapping` when the
    ///   file is not a valid mapping.
    public static func load(_ nameOrPath: String) throws -> EventMapping {
        if builtInNames.contains(nameOrPath) {
            // Built-in mappings are read once; the API maps every submitted event with one.
            if let loaded = builtIns[nameOrPath] { return loaded }
            guard let url = Bundle.module.url(forResource: nameOrPath, withExtension: "json", subdirectory: "Mappings")
            else {
                throw IngestError(
                    code: .unknownMapping, origin: nameOrPath,
                    message: "the built-in mapping '\(nameOrPath)' is missing from this installation; reinstall Vigil")
            }
            return try decode(url: url, origin: nameOrPath)
        }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw IngestError(
                code: .unknownMapping, origin: nameOrPath,
                message: "no mapping '\(nameOrPath)': give a built-in name (\(builtInNames.joined(separator: ", "))) "
                    + "or the path of a mapping JSON file")
        }
        return try decode(url: URL(fileURLWithPath: nameOrPath), origin: nameOrPath)
    }

    /// The built-in mappings, decoded at first use (a missing or broken one is left out and
    /// reported by ``load(_:)``).
    private static let builtIns: [String: EventMapping] = Dictionary(uniqueKeysWithValues: builtInNames.compactMap { name in
        Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Mappings")
            .flatMap { try? decode(url: $0, origin: name) }.map { (name, $0) }
    })

    private static func decode(url: URL, origin: String) throws -> EventMapping {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw IngestError(code: .cannotRead, origin: origin, message: "cannot read mapping '\(origin)': \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(EventMapping.self, from: data)
        } catch let error as DecodingError {
            throw IngestError(code: .invalidMapping, origin: origin, message: "mapping '\(origin)' is not valid: \(error.readableDescription)")
        }
    }
}
