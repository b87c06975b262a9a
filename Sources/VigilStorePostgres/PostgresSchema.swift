import Logging
import PostgresNIO
import VigilCore
public import VigilStore

/// The versioned schema of the PostgreSQL store: the same logical schema as the SQLite store's
/// migrations (tables, columns, constraints, indexes, the append-only audit log), with the event
/// table partitioned by month. Migrations are append-only: a shipped migration is never edited; a
/// change is a new migration. Two servers starting together migrate one at a time (an advisory
/// lock held by the migrating transaction).
enum PostgresSchema {
    struct Migration {
        var version: Int
        var description: String
        var statements: [PostgresQuery]
    }

    /// Every migration, in order. Text that is compared, grouped or sorted uses the binary
    /// collation "C", as SQLite does, whatever the database's default.
    static let migrations: [Migration] = [
        Migration(
            version: 1, description: "events by month, import batches, quarantine, alerts, tokens, audit log, webhooks",
            statements: [
                """
                CREATE TABLE import_batch (
                    id BIGSERIAL PRIMARY KEY,
                    source_system TEXT COLLATE "C" NOT NULL,
                    origin TEXT NOT NULL,
                    mapping TEXT NOT NULL,
                    started_at BIGINT NOT NULL,
                    finished_at BIGINT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
                    rows_read BIGINT NOT NULL DEFAULT 0,
                    inserted BIGINT NOT NULL DEFAULT 0,
                    already_stored BIGINT NOT NULL DEFAULT 0,
                    quarantined BIGINT NOT NULL DEFAULT 0,
                    already_quarantined BIGINT NOT NULL DEFAULT 0
                )
                """,
                // A partitioned table can only enforce keys that include the month, so an event's
                // identity (source and record id, whatever its date) is kept unique here.
                """
                CREATE TABLE event_key (
                    id BIGSERIAL PRIMARY KEY,
                    source_system TEXT COLLATE "C" NOT NULL,
                    source_record_id TEXT COLLATE "C" NOT NULL,
                    UNIQUE (source_system, source_record_id)
                )
                """,
                """
                CREATE TABLE event (
                    id BIGINT NOT NULL,
                    source_system TEXT COLLATE "C" NOT NULL,
                    source_record_id TEXT COLLATE "C" NOT NULL,
                    batch_id BIGINT NOT NULL,
                    local_date DATE NOT NULL,
                    epoch_seconds BIGINT,
                    utc_offset_seconds INTEGER,
                    latitude DOUBLE PRECISION,
                    longitude DOUBLE PRECISION,
                    region TEXT COLLATE "C",
                    outcome TEXT COLLATE "C" NOT NULL,
                    naloxone_given BOOLEAN,
                    naloxone_doses INTEGER,
                    source_kind TEXT NOT NULL,
                    age_band TEXT,
                    sex TEXT,
                    PRIMARY KEY (id, local_date)
                ) PARTITION BY RANGE (local_date)
                """,
                "CREATE INDEX event_by_date_and_key ON event (local_date, source_system, source_record_id)",
                "CREATE INDEX event_by_region_date ON event (region, local_date)",
                """
                CREATE TABLE event_substance (
                    event_id BIGINT NOT NULL REFERENCES event_key (id),
                    position INTEGER NOT NULL,
                    substance TEXT COLLATE "C",
                    mention TEXT COLLATE "C" NOT NULL,
                    certainty TEXT NOT NULL,
                    PRIMARY KEY (event_id, position)
                )
                """,
                "CREATE INDEX event_substance_by_substance ON event_substance (substance, event_id)",
                """
                CREATE TABLE quarantine (
                    id BIGSERIAL PRIMARY KEY,
                    batch_id BIGINT NOT NULL REFERENCES import_batch (id),
                    source_system TEXT COLLATE "C" NOT NULL,
                    row_key TEXT COLLATE "C" NOT NULL,
                    origin TEXT NOT NULL,
                    line BIGINT NOT NULL,
                    raw_text TEXT NOT NULL,
                    issues TEXT NOT NULL,
                    UNIQUE (source_system, row_key)
                )
                """,
                "CREATE INDEX quarantine_by_batch ON quarantine (batch_id, line)",
                """
                CREATE TABLE alert (
                    id BIGSERIAL PRIMARY KEY,
                    kind TEXT NOT NULL,
                    method TEXT NOT NULL,
                    series TEXT NOT NULL,
                    region TEXT NOT NULL,
                    subgroup TEXT,
                    interval TEXT NOT NULL,
                    first_period TEXT NOT NULL,
                    last_period TEXT NOT NULL,
                    observed BIGINT NOT NULL,
                    expected DOUBLE PRECISION,
                    upper_bound DOUBLE PRECISION,
                    score DOUBLE PRECISION,
                    p_value DOUBLE PRECISION,
                    latest_severity TEXT NOT NULL CHECK (latest_severity IN ('yellow', 'red')),
                    severity TEXT NOT NULL CHECK (severity IN ('yellow', 'red')),
                    status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
                    note TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX alert_by_series ON alert (kind, method, series, status, last_period)",
                """
                CREATE TABLE api_token (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'investigator', 'reporter', 'public')),
                    jurisdictions TEXT NOT NULL,
                    secret_hash TEXT NOT NULL UNIQUE,
                    created_at BIGINT NOT NULL,
                    revoked_at BIGINT
                )
                """,
                """
                CREATE TABLE audit_log (
                    sequence BIGSERIAL PRIMARY KEY,
                    at BIGINT NOT NULL,
                    token_id TEXT,
                    role TEXT,
                    action TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    status INTEGER NOT NULL
                )
                """,
                """
                CREATE FUNCTION vigil_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                """,
                """
                CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION vigil_audit_log_append_only()
                """,
                """
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_log_append_only()
                """,
                """
                CREATE TABLE webhook_subscription (
                    id BIGSERIAL PRIMARY KEY,
                    url TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    jurisdictions TEXT NOT NULL,
                    minimum_severity TEXT NOT NULL CHECK (minimum_severity IN ('yellow', 'red')),
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE webhook_delivery (
                    id BIGSERIAL PRIMARY KEY,
                    subscription_id BIGINT NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
                    alert_id BIGINT NOT NULL,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    payload TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at BIGINT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
                    last_error TEXT
                )
                """,
                "CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at)",
            ]),
        // Daily counts kept as events arrive, one row per region and day with a column per outcome, so
        // that series over years of events read one row per region and day, in key order, instead of
        // every event.
        Migration(
            version: 2, description: "daily counts by region and day, per outcome",
            statements: [
                """
                CREATE TABLE event_daily (
                    region TEXT COLLATE "C" NOT NULL,
                    local_date DATE NOT NULL,
                    fatal BIGINT NOT NULL,
                    nonfatal BIGINT NOT NULL,
                    unknown BIGINT NOT NULL,
                    PRIMARY KEY (region, local_date)
                )
                """,
                dailyCountsRebuild,
            ]),
        // Mentions are only ever written by the statement that writes their event, so the reference
        // to the event's identity held by construction while its per-row check cost a third of an
        // import's time.
        Migration(
            version: 3, description: "substance mentions without a per-row reference check",
            statements: ["ALTER TABLE event_substance DROP CONSTRAINT IF EXISTS event_substance_event_id_fkey"]),
        Migration(
            version: 4, description: "precursor screening runs, their lines and decisions",
            statements: [
                """
                CREATE TABLE screening_run (
                    id BIGSERIAL PRIMARY KEY,
                    origin TEXT NOT NULL,
                    watchlist_version TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    started_by TEXT,
                    started_at BIGINT NOT NULL,
                    lines_screened BIGINT NOT NULL,
                    lines_flagged BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE screening_line (
                    run_id BIGINT NOT NULL REFERENCES screening_run (id),
                    position BIGINT NOT NULL,
                    file_line BIGINT NOT NULL,
                    shipment_id TEXT,
                    line_number BIGINT,
                    description TEXT NOT NULL,
                    consignee TEXT,
                    risk DOUBLE PRECISION NOT NULL,
                    matched_id TEXT,
                    match_rule TEXT,
                    confidence DOUBLE PRECISION,
                    reasons TEXT NOT NULL,
                    decision TEXT CHECK (decision IN ('cleared', 'referred')),
                    decided_by TEXT,
                    decided_at BIGINT,
                    note TEXT,
                    PRIMARY KEY (run_id, position)
                )
                """,
                "CREATE TABLE screening_consignee (name TEXT COLLATE \"C\" PRIMARY KEY)",
            ]),
        Migration(
            version: 5, description: "network entities and links",
            statements: [
                """
                CREATE TABLE entity (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    schema TEXT NOT NULL,
                    name TEXT NOT NULL,
                    properties TEXT NOT NULL,
                    source TEXT,
                    record TEXT
                )
                """,
                "CREATE INDEX entity_by_schema ON entity (schema, id)",
                """
                CREATE TABLE link (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    kind TEXT NOT NULL,
                    source_id TEXT COLLATE "C" NOT NULL REFERENCES entity (id),
                    target_id TEXT COLLATE "C" NOT NULL REFERENCES entity (id),
                    start_date TEXT,
                    end_date TEXT,
                    weight DOUBLE PRECISION,
                    dataset TEXT,
                    record TEXT
                )
                """,
                "CREATE INDEX link_by_source ON link (source_id)",
                "CREATE INDEX link_by_target ON link (target_id)",
            ]),
        Migration(
            version: 6, description: "drug samples",
            statements: [
                """
                CREATE TABLE drug_sample (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    collected_on TEXT COLLATE "C" NOT NULL,
                    region TEXT COLLATE "C",
                    latitude DOUBLE PRECISION,
                    longitude DOUBLE PRECISION,
                    place TEXT,
                    source_kind TEXT NOT NULL,
                    form TEXT,
                    sold_as TEXT,
                    laboratory TEXT,
                    substances TEXT NOT NULL
                )
                """,
                "CREATE INDEX drug_sample_by_date ON drug_sample (collected_on, id)",
                "CREATE INDEX drug_sample_by_region ON drug_sample (region, collected_on)",
            ]),
        Migration(version: 7, description: "alert evidence", statements: ["ALTER TABLE alert ADD COLUMN evidence TEXT"]),
        Migration(
            version: 8, description: "service locations",
            statements: [
                """
                CREATE TABLE service_location (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('otp', 'treatment', 'naloxone', 'outreach')),
                    name TEXT NOT NULL,
                    latitude DOUBLE PRECISION NOT NULL,
                    longitude DOUBLE PRECISION NOT NULL,
                    region TEXT COLLATE "C",
                    address TEXT,
                    capacity BIGINT,
                    hours TEXT
                )
                """,
                "CREATE INDEX service_location_by_kind ON service_location (kind, region)",
            ]),
    ]

    /// Fills the (empty) daily counts from the events.
    static let dailyCountsRebuild: PostgresQuery = """
        INSERT INTO event_daily (region, local_date, fatal, nonfatal, unknown)
        SELECT region, local_date, COUNT(*) FILTER (WHERE outcome = 'fatal'), COUNT(*) FILTER (WHERE outcome = 'nonfatal'),
            COUNT(*) FILTER (WHERE outcome = 'unknown')
        FROM event WHERE region IS NOT NULL GROUP BY 1, 2
        """

    /// The schema version this build writes.
    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The key of the advisory lock that serialises migrations and partition creation.
    static let lockKey: Int64 = 0x5649_4749_4C00  // "VIGIL"

    /// The version a database is at (0 before the first migration); the migration table must exist.
    static func version(_ store: PostgresStore) async throws -> Int {
        let rows = try await store.client.query("SELECT COALESCE(MAX(version), 0) FROM vigil_migration")
        for try await version in rows.decode(Int.self) { return version }
        return 0
    }

    /// Applies the migrations a database lacks, each in its own transaction.
    /// - Throws: ``VigilStore/StoreError`` `schemaTooNew` for a database from a newer Vigil.
    static func migrate(_ store: PostgresStore) async throws {
        try await store.client.query(
            """
            CREATE TABLE IF NOT EXISTS vigil_migration (
                version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """)
        let current = try await version(store)
        guard current <= latestVersion else {
            throw StoreError(
                code: .schemaTooNew,
                message: "the PostgreSQL database \(store.location) is at schema version \(current), newer than this Vigil "
                    + "(\(latestVersion)); upgrade Vigil to use it")
        }
        for migration in migrations where migration.version > current {
            try await store.transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: store.logger)
                let applied = try await connection.query("SELECT 1 FROM vigil_migration WHERE version = \(migration.version)", logger: store.logger)
                for try await _ in applied { return }  // another server applied it while this one waited
                for statement in migration.statements { try await connection.query(statement, logger: store.logger) }
                try await connection.query(
                    "INSERT INTO vigil_migration (version, description) VALUES (\(migration.version), \(migration.description))",
                    logger: store.logger)
            }
        }
    }
}
