import GRDB

/// The versioned schema of the SQLite store. Migrations are append-only: a shipped migration is
/// never edited; a change is a new migration.
enum SQLiteSchema {
    /// The secondary indexes of the current schema, which a bulk load drops and rebuilds. Every
    /// store open re-creates any that are missing (an import killed during a bulk load leaves
    /// them dropped). A migration that changes an index must change this list too.
    static let secondaryIndexes: [(name: String, definition: String)] = [
        ("event_by_date_and_key", "event(local_date, source_system, source_record_id)"),
        ("event_by_region_date", "event(region, local_date)"),
        ("event_substance_by_substance", "event_substance(substance, event_id)"),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, import batches, quarantine") { db in
            try db.execute(
                sql: """
                    CREATE TABLE import_batch (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source_system TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        mapping TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        finished_at INTEGER,
                        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
                        rows_read INTEGER NOT NULL DEFAULT 0,
                        inserted INTEGER NOT NULL DEFAULT 0,
                        already_stored INTEGER NOT NULL DEFAULT 0,
                        quarantined INTEGER NOT NULL DEFAULT 0,
                        already_quarantined INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE event (
                        id INTEGER PRIMARY KEY,
                        source_system TEXT NOT NULL,
                        source_record_id TEXT NOT NULL,
                        batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                        local_date TEXT NOT NULL,
                        epoch_seconds INTEGER,
                        utc_offset_seconds INTEGER,
                        latitude REAL,
                        longitude REAL,
                        region TEXT,
                        outcome TEXT NOT NULL,
                        naloxone_given INTEGER,
                        naloxone_doses INTEGER,
                        source_kind TEXT NOT NULL,
                        age_band TEXT,
                        sex TEXT,
                        UNIQUE (source_system, source_record_id)
                    );
                    CREATE INDEX event_by_date ON event(local_date);
                    CREATE INDEX event_by_region_date ON event(region, local_date);
                    CREATE TABLE event_substance (
                        event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        substance TEXT,
                        mention TEXT NOT NULL,
                        certainty TEXT NOT NULL,
                        PRIMARY KEY (event_id, position)
                    ) WITHOUT ROWID;
                    CREATE INDEX event_substance_by_substance ON event_substance(substance, event_id);
                    CREATE TABLE quarantine (
                        id INTEGER PRIMARY KEY,
                        batch_id INTEGER NOT NULL REFERENCES import_batch(id),
                        source_system TEXT NOT NULL,
                        row_key TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        line INTEGER NOT NULL,
                        raw_text TEXT NOT NULL,
                        issues TEXT NOT NULL,
                        UNIQUE (source_system, row_key)
                    );
                    CREATE INDEX quarantine_by_batch ON quarantine(batch_id, line);
                    """)
        }
        migrator.registerMigration("v2: alerts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE alert (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        method TEXT NOT NULL,
                        series TEXT NOT NULL,
                        region TEXT NOT NULL,
                        subgroup TEXT,
                        interval TEXT NOT NULL,
                        first_period TEXT NOT NULL,
                        last_period TEXT NOT NULL,
                        observed INTEGER NOT NULL,
                        expected REAL,
                        upper_bound REAL,
                        score REAL,
                        p_value REAL,
                        latest_severity TEXT NOT NULL CHECK (latest_severity IN ('yellow', 'red')),
                        severity TEXT NOT NULL CHECK (severity IN ('yellow', 'red')),
                        status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
                        note TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE INDEX alert_by_series ON alert(kind, method, series, status, last_period);
                    """)
        }
        migrator.registerMigration("v3: API tokens and the audit log") { db in
            // The audit log is append-only: triggers refuse every UPDATE and DELETE.
            try db.execute(
                sql: """
                    CREATE TABLE api_token (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'investigator', 'reporter', 'public')),
                        jurisdictions TEXT NOT NULL,
                        secret_hash TEXT NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL,
                        revoked_at INTEGER
                    );
                    CREATE TABLE audit_log (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        token_id TEXT,
                        role TEXT,
                        action TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        status INTEGER NOT NULL
                    );
                    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
        }
        migrator.registerMigration("v4: webhook subscriptions and the delivery outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE webhook_subscription (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL,
                        secret TEXT NOT NULL,
                        jurisdictions TEXT NOT NULL,
                        minimum_severity TEXT NOT NULL CHECK (minimum_severity IN ('yellow', 'red')),
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE webhook_delivery (
                        id INTEGER PRIMARY KEY,
                        subscription_id INTEGER NOT NULL REFERENCES webhook_subscription(id) ON DELETE CASCADE,
                        alert_id INTEGER NOT NULL,
                        idempotency_key TEXT NOT NULL UNIQUE,
                        payload TEXT NOT NULL,
                        attempts INTEGER NOT NULL,
                        next_attempt_at INTEGER NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
                        last_error TEXT
                    );
                    CREATE INDEX webhook_delivery_due ON webhook_delivery(state, next_attempt_at);
                    """)
        }
        migrator.registerMigration("v5: events indexed in the order the API pages them") { db in
            // Listing events orders by date and then key; with the date alone SQLite sorted a whole
            // day's events for every page.
            try db.execute(
                sql: """
                    DROP INDEX IF EXISTS event_by_date;
                    CREATE INDEX IF NOT EXISTS event_by_date_and_key ON event(local_date, source_system, source_record_id);
                    """)
        }
        migrator.registerMigration("v6: precursor screening runs, their lines and decisions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE screening_run (
                        id INTEGER PRIMARY KEY,
                        origin TEXT NOT NULL,
                        watchlist_version TEXT NOT NULL,
                        parameters TEXT NOT NULL,
                        started_by TEXT,
                        started_at INTEGER NOT NULL,
                        lines_screened INTEGER NOT NULL,
                        lines_flagged INTEGER NOT NULL
                    );
                    CREATE TABLE screening_line (
                        run_id INTEGER NOT NULL REFERENCES screening_run(id),
                        position INTEGER NOT NULL,
                        file_line INTEGER NOT NULL,
                        shipment_id TEXT,
                        line_number INTEGER,
                        description TEXT NOT NULL,
                        consignee TEXT,
                        risk REAL NOT NULL,
                        matched_id TEXT,
                        match_rule TEXT,
                        confidence REAL,
                        reasons TEXT NOT NULL,
                        decision TEXT CHECK (decision IN ('cleared', 'referred')),
                        decided_by TEXT,
                        decided_at INTEGER,
                        note TEXT,
                        PRIMARY KEY (run_id, position)
                    );
                    CREATE TABLE screening_consignee (name TEXT PRIMARY KEY);
                    """)
        }
        migrator.registerMigration("v7: network entities and links") { db in
            try db.execute(
                sql: """
                    CREATE TABLE entity (
                        id TEXT PRIMARY KEY,
                        schema TEXT NOT NULL,
                        name TEXT NOT NULL,
                        properties TEXT NOT NULL,
                        source TEXT,
                        record TEXT
                    );
                    CREATE INDEX entity_by_schema ON entity(schema, id);
                    CREATE TABLE link (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL,
                        source_id TEXT NOT NULL REFERENCES entity(id),
                        target_id TEXT NOT NULL REFERENCES entity(id),
                        start_date TEXT,
                        end_date TEXT,
                        weight REAL,
                        dataset TEXT,
                        record TEXT
                    );
                    CREATE INDEX link_by_source ON link(source_id);
                    CREATE INDEX link_by_target ON link(target_id);
                    """)
        }
        migrator.registerMigration("v8: drug samples") { db in
            try db.execute(
                sql: """
                    CREATE TABLE drug_sample (
                        id TEXT PRIMARY KEY,
                        collected_on TEXT NOT NULL,
                        region TEXT,
                        latitude REAL,
                        longitude REAL,
                        place TEXT,
                        source_kind TEXT NOT NULL,
                        form TEXT,
                        sold_as TEXT,
                        laboratory TEXT,
                        substances TEXT NOT NULL
                    );
                    CREATE INDEX drug_sample_by_date ON drug_sample(collected_on, id);
                    CREATE INDEX drug_sample_by_region ON drug_sample(region, collected_on);
                    """)
        }
        migrator.registerMigration("v9: alert evidence") { db in
            try db.execute(sql: "ALTER TABLE alert ADD COLUMN evidence TEXT")
        }
        migrator.registerMigration("v10: service locations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE service_location (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('otp', 'treatment', 'naloxone', 'outreach')),
                        name TEXT NOT NULL,
                        latitude REAL NOT NULL,
                        longitude REAL NOT NULL,
                        region TEXT,
                        address TEXT,
                        capacity INTEGER,
                        hours TEXT
                    );
                    CREATE INDEX service_location_by_kind ON service_location(kind, region);
                    """)
        }
        return migrator
    }
}
