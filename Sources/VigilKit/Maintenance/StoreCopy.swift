public import VigilCore
public import VigilStore

/// Copies a whole store into an empty one (`vigil db copy`): SQLite into PostgreSQL or back, every
/// table of the logical schema with its identifiers, then checks that each table of the copy has
/// the same number of rows and the same SHA-256 over its rows as the original.
public struct StoreCopy: Sendable {
    /// What a store must offer to be copied from or into.
    public typealias Store = StoreMaintenance & StoreTransfer

    /// One table's outcome.
    public struct Table: Hashable, Sendable {
        /// The table.
        public var name: String
        /// Rows in the original.
        public var rows: Int
        /// SHA-256 (hex) over the original's rows in key order.
        public var checksum: String
        /// Whether the copy has the same rows and checksum.
        public var matches: Bool
    }

    private let source: any Store
    private let target: any Store

    /// Creates the use case.
    public init(from source: any Store, to target: any Store) {
        self.source = source
        self.target = target
    }

    /// Copies every table and checks the copy.
    /// - Returns: Each table's rows and checksum, and whether the copy matches.
    /// - Throws: ``VigilCore/DomainError`` when the target is not empty (nothing is written then);
    ///   store errors as they come.
    public func run() async throws -> [Table] {
        let existing = try await target.status()
        if let (table, rows) = existing.rows.filter({ $0.value > 0 }).min(by: { $0.key < $1.key }) {
            throw DomainError(
                code: .invalidValue,
                message: "the target \(existing.location) already holds \(rows) rows in table \(table); copy into an empty database")
        }
        var tables: [Table] = []
        for table in TransferTable.all {
            var digest = Digest()
            try await source.exportRows(of: table) { rows in
                digest.add(rows)
                try await target.importRows(rows, into: table)
            }
            tables.append(Table(name: table.name, rows: digest.rows, checksum: digest.hex, matches: false))
        }
        try await target.finishImport()
        for index in tables.indices {
            var digest = Digest()
            try await target.exportRows(of: TransferTable.all[index]) { digest.add($0) }
            tables[index].matches = digest.rows == tables[index].rows && digest.hex == tables[index].checksum
        }
        return tables
    }

    /// A running count and SHA-256 over rows: each value as its length and bytes, NULL apart.
    private struct Digest {
        private var hash = SHA256()
        private(set) var rows = 0

        mutating func add(_ batch: [[String?]]) {
            for row in batch {
                rows += 1
                for value in row {
                    if let value {
                        hash.update(Array("\(value.utf8.count):".utf8))
                        hash.update(value.utf8)
                    } else {
                        hash.update([0xFF])
                    }
                }
                hash.update([0x0A])
            }
        }

        var hex: String {
            var copy = hash
            return copy.finalize().map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        }
    }
}
