public import VigilCore

/// What `vigil migrate` and `vigil db status` need from a backend.
public protocol StoreMaintenance: Sendable {
    /// Where the store is, for messages: the file, or the URL without its password.
    var location: String { get }

    /// The schema version and how many rows the main tables hold.
    func status() async throws -> StoreStatus

    /// Work beyond the schema that keeps the store ready for the coming data: PostgreSQL creates
    /// the event partitions of the months up to `date`; SQLite has nothing to do.
    func prepare(through date: CalendarDate) async throws
}

/// A store's schema version and size.
public struct StoreStatus: Hashable, Sendable {
    /// `sqlite` or `postgresql`.
    public var backend: String
    /// The file or the URL (without its password).
    public var location: String
    /// The schema version the store is at.
    public var version: Int
    /// The newest schema version this build of Vigil writes.
    public var latestVersion: Int
    /// Rows per table, by table name.
    public var rows: [String: Int]

    /// Creates a status.
    public init(backend: String, location: String, version: Int, latestVersion: Int, rows: [String: Int]) {
        (self.backend, self.location, self.version, self.latestVersion, self.rows) = (backend, location, version, latestVersion, rows)
    }

    /// The tables counted, in the order they are reported.
    public static let tables = [
        "import_batch", "event", "event_substance", "quarantine", "alert", "api_token", "audit_log", "webhook_subscription",
        "webhook_delivery",
    ]
}
