//! The schema and its versions. Each migration runs in one transaction and sets
//! `user_version`; a file from a newer version is refused before anything is written.

use rusqlite::{Connection, TransactionBehavior};

/// Identifies a rapport database in the SQLite header ("RAPP").
pub const APPLICATION_ID: i64 = 0x5241_5050;

/// Migrations in order; migration `n` (1-based) brings the schema to version `n`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    -- rev counts write transactions; each refreshed summary carries the rev that wrote it.
    INSERT INTO meta (key, value) VALUES ('rev', '0');

    CREATE TABLE customers (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
        company        TEXT NOT NULL DEFAULT '',
        email          TEXT COLLATE NOCASE UNIQUE,
        phone          TEXT NOT NULL DEFAULT '',
        tags           TEXT NOT NULL DEFAULT '',
        notes          TEXT NOT NULL DEFAULT '',
        relationship   TEXT NOT NULL CHECK (relationship IN
                         ('transactional','long_term','loyal','collaborative','communal','contractual','supportive')),
        pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
        stage          TEXT NOT NULL CHECK (stage IN ('prospect','one_time','repeat','advocate')),
        referred_by    INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        owner          TEXT NOT NULL DEFAULT '',
        next_follow_up TEXT CHECK (next_follow_up IS NULL OR next_follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        created        TEXT NOT NULL CHECK (created GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
    );
    CREATE INDEX customers_name ON customers (name COLLATE NOCASE);
    CREATE INDEX customers_referred_by ON customers (referred_by) WHERE referred_by IS NOT NULL;

    CREATE TABLE interactions (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind         TEXT NOT NULL CHECK (kind IN
                       ('purchase','call','email','meeting','support','referral','co_creation','community','note')),
        summary      TEXT NOT NULL DEFAULT '',
        amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
        sentiment    INTEGER CHECK (sentiment IS NULL OR sentiment BETWEEN -2 AND 2)
    );
    CREATE INDEX interactions_customer_date ON interactions (customer_id, date);

    CREATE TABLE feedback (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        nps         INTEGER CHECK (nps IS NULL OR nps BETWEEN 0 AND 10),
        csat        INTEGER CHECK (csat IS NULL OR csat BETWEEN 1 AND 5),
        kind        TEXT NOT NULL CHECK (kind IN ('praise','complaint','idea','general')),
        comment     TEXT NOT NULL DEFAULT '',
        resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
        CHECK (nps IS NOT NULL OR csat IS NOT NULL OR length(trim(comment)) > 0)
    );
    CREATE INDEX feedback_customer_date ON feedback (customer_id, date);

    CREATE TABLE contracts (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('supply','distribution','franchise','service','other')),
        start       TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        end         TEXT CHECK (end IS NULL OR end >= start),
        value_cents INTEGER CHECK (value_cents IS NULL OR value_cents >= 0),
        note        TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX contracts_customer ON contracts (customer_id);

    CREATE TABLE history (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        date        TEXT NOT NULL,
        from_type   TEXT,
        to_type     TEXT NOT NULL,
        by          TEXT NOT NULL CHECK (by IN ('engine', 'user')),
        reason      TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX history_customer ON history (customer_id, id);

    -- The engine's open proposals: at most one per customer.
    CREATE TABLE suggestions (
        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        from_type   TEXT NOT NULL,
        to_type     TEXT NOT NULL,
        reasons     TEXT NOT NULL,
        since       TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('pending', 'rejected'))
    );

    -- What the screens read: each customer's signals, kept current with every write.
    CREATE TABLE summaries (
        customer_id        INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        rev                INTEGER NOT NULL,
        health             INTEGER NOT NULL,
        band               TEXT NOT NULL,
        satisfaction       REAL,
        latest_nps         INTEGER,
        csat_answers_90    INTEGER NOT NULL,
        csat_good_90       INTEGER NOT NULL,
        trend              TEXT,
        last_interaction   TEXT,
        follow_up_on       TEXT NOT NULL,
        open_complaints    INTEGER NOT NULL,
        interactions_total INTEGER NOT NULL,
        purchases_365      INTEGER NOT NULL,
        spend_365_cents    INTEGER NOT NULL,
        monthly            BLOB NOT NULL
    );
    CREATE INDEX summaries_rev ON summaries (rev);
    "#,
    // 2: each summary carries its customer's list card (see card.rs); forgetting the
    // summary date makes the next command that opens the file write them all.
    r#"
    ALTER TABLE summaries ADD COLUMN card BLOB;
    DELETE FROM meta WHERE key = 'summary_date';
    "#,
    // 3: another system's id for the customer, and what they bought before rapport (a
    // shop's order totals). Signals count the history and never-contacted customers
    // differently now, so the summaries are written again.
    r#"
    ALTER TABLE customers ADD COLUMN source_ref TEXT CHECK (source_ref IS NULL OR length(trim(source_ref)) > 0);
    ALTER TABLE customers ADD COLUMN prior_orders INTEGER NOT NULL DEFAULT 0 CHECK (prior_orders >= 0);
    ALTER TABLE customers ADD COLUMN prior_spend_cents INTEGER NOT NULL DEFAULT 0 CHECK (prior_spend_cents >= 0);
    ALTER TABLE customers ADD COLUMN prior_last_order TEXT
        CHECK (prior_last_order IS NULL OR prior_last_order GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
    ALTER TABLE customers ADD COLUMN prior_since TEXT
        CHECK (prior_since IS NULL OR prior_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
    CREATE UNIQUE INDEX customers_source_ref ON customers (source_ref) WHERE source_ref IS NOT NULL;
    DELETE FROM meta WHERE key = 'summary_date';
    "#,
    // 4: several people on one database. The rule set and the settings live here (the
    // first values are written by `seed`), each summary says which day and rules it was
    // computed for, history says who decided, and the activity table keeps every change:
    // who, when, and the records before and after, so that anyone can undo it later.
    r#"
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    ALTER TABLE summaries ADD COLUMN basis TEXT NOT NULL DEFAULT '';
    ALTER TABLE history ADD COLUMN who TEXT NOT NULL DEFAULT '';
    CREATE TABLE activity (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        who         TEXT NOT NULL,
        customer_id INTEGER,
        description TEXT NOT NULL,
        change      TEXT NOT NULL,
        undoes      INTEGER,
        undone_by   INTEGER
    );
    CREATE INDEX activity_customer ON activity (customer_id, id) WHERE customer_id IS NOT NULL;
    DELETE FROM meta WHERE key IN ('summary_date', 'rules_fingerprint', 'summaries_basis');
    "#,
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// What a migration writes that its SQL cannot say: the first rule set (the built-in
/// one) and the time zone of whoever creates or upgrades the file.
fn seed(tx: &Connection, version: i64) -> rusqlite::Result<()> {
    if version == 4 {
        let mut insert = tx.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)")?;
        insert.execute([crate::store::settings::RULES, crate::domain::rules::DEFAULT_RULES_TOML])?;
        insert.execute([crate::store::settings::TIMEZONE, &crate::store::system_timezone()])?;
    }
    Ok(())
}

/// Brings the schema up to date, one transaction per migration.
pub fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= version {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(sql)?;
        seed(&tx, version)?;
        tx.pragma_update(None, "user_version", version)?;
        if version == 1 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit()?;
    }
    Ok(())
}
