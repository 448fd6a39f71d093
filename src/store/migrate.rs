//! Schema creation and forward migrations.
//!
//! A new register gets `schema.sql` whole. An older register runs the steps in
//! [`MIGRATIONS`] from its `user_version` up, all in one immediate transaction.
//! Steps are append-only: never edit or remove one, and keep `schema.sql` equal to
//! what the steps produce (a test checks this).

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::audit::{Stamp, Tx};
use super::open::APPLICATION_ID;
use crate::Result;

/// The schema a new register gets.
pub(super) const SCHEMA: &str = include_str!("../../schema.sql");

/// One forward step, taking a register from version `index + 1` to `index + 2`:
/// its SQL, then, where rows must move in ways that are logged, a function run in
/// the same transaction, then SQL that needs the rows moved first (dropping the
/// columns they came from).
#[derive(Clone, Copy)]
struct Migration {
    sql: &'static str,
    data: Option<fn(&Tx<'_>) -> Result<()>>,
    finish: &'static str,
}

impl Migration {
    const fn sql(sql: &'static str) -> Self {
        Self { sql, data: None, finish: "" }
    }
}

/// The migrations, oldest first. `MIGRATIONS[0]` upgrades version 1 to version 2.
const MIGRATIONS: &[Migration] = &[
    // 1 -> 2: each named controller's public-authority status (issue 17).
    Migration::sql(include_str!("migrations/controllers.sql")),
    // 2 -> 3: a link's three-way answer for special category and criminal offence data (issue 16).
    Migration::sql(include_str!("migrations/link_special_data.sql")),
    // 3 -> 4: the Annex 1 condition, the retention reason and each transfer's data protection test (issue 17).
    Migration::sql(include_str!("migrations/law_fields.sql")),
    // 4 -> 5: information assets, the activities' systems moved into them, logged (issue 21).
    Migration {
        sql: include_str!("migrations/assets.sql"),
        data: Some(super::asset_migration::move_systems),
        finish: "",
    },
    // 5 -> 6: DPIAs as records, the activities' DPIA answers moved into them, logged;
    // the review packs sent to service owners (issue 21).
    Migration {
        sql: include_str!("migrations/dpias.sql"),
        data: Some(super::dpia_migration::move_answers),
        finish: concat!(
            include_str!("migrations/dpias_drop.sql"),
            include_str!("migrations/review_rounds.sql")
        ),
    },
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1 + MIGRATIONS.len() as i64;

/// Applies the whole schema to an empty database.
pub(super) fn create_schema(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Brings a register up to [`SCHEMA_VERSION`], in one transaction; what a step
/// logs is stamped with `stamp`, its actor followed by "(schema upgrade to
/// version N)" for the step's version.
pub(super) fn upgrade(conn: &mut Connection, stamp: Stamp) -> Result<()> {
    run_steps(conn, MIGRATIONS, stamp)
}

/// Refuses a register whose tables lack a table or column that `schema.sql`
/// creates: a file with our identity but a damaged or foreign layout.
pub(super) fn check_schema(conn: &Connection, path: &std::path::Path) -> Result<()> {
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(SCHEMA)?;
    let columns = |conn: &Connection| -> Result<std::collections::BTreeSet<(String, String)>> {
        let mut stmt = conn.prepare(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let present = columns(conn)?;
    if let Some((table, column)) = columns(&fresh)?.difference(&present).next() {
        return Err(crate::Error::WrongSchema {
            path: path.to_path_buf(),
            detail: format!("table {table} has no column {column}"),
        });
    }
    Ok(())
}

fn run_steps(conn: &mut Connection, steps: &[Migration], stamp: Stamp) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = current_version(&tx)?;
    let target = 1 + steps.len() as i64;
    for (index, step) in steps.iter().enumerate().skip(usize::try_from(version - 1).unwrap_or(0)) {
        let to = index as i64 + 2;
        tx.execute_batch(step.sql)?;
        if let Some(data) = step.data {
            let actor = format!("{} (schema upgrade to version {to})", stamp.actor);
            data(&Tx { tx: &tx, stamp: Stamp { at: stamp.at.clone(), actor } })?;
        }
        tx.execute_batch(step.finish)?;
        // Statements prepared before a column was dropped would read by stale positions.
        tx.flush_prepared_statement_cache();
        tx.pragma_update(None, "user_version", to)?;
    }
    if version < target {
        tx.commit()?;
    }
    Ok(())
}

fn current_version(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp { at: "2026-12-03T10:00:00Z".into(), actor: "test".into() }
    }

    #[test]
    fn a_failing_data_step_leaves_the_database_as_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER); PRAGMA user_version = 1;").unwrap();
        fn fails(tx: &Tx<'_>) -> Result<()> {
            tx.execute("INSERT INTO t (a) VALUES (1)", [])?;
            Err(crate::Error::Invalid { field: "test".into(), message: "the data step failed".into() })
        }
        let steps = &[Migration { sql: "ALTER TABLE t ADD COLUMN b TEXT;", data: Some(fails), finish: "" }];
        assert!(run_steps(&mut conn, steps, stamp()).is_err());
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
        assert_eq!(version, 1);
        let rows: i64 = conn.query_row("SELECT count(*) FROM t", [], |row| row.get(0)).unwrap();
        assert_eq!(rows, 0);
    }

    #[test]
    fn steps_run_from_the_current_version_up() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER); PRAGMA user_version = 2;").unwrap();
        let steps = &[
            Migration::sql("CREATE TABLE never_run (x INTEGER);"),
            Migration::sql("ALTER TABLE t ADD COLUMN b TEXT;"),
            Migration::sql("CREATE INDEX t_b ON t(b);"),
        ];
        run_steps(&mut conn, steps, stamp()).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
        assert_eq!(version, 4);
        let never_run: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'never_run'", [], |row| row.get(0))
            .unwrap();
        assert_eq!(never_run, 0);
        conn.execute("INSERT INTO t (a, b) VALUES (1, 'x')", []).unwrap();
    }

    #[test]
    fn a_failing_step_leaves_the_database_as_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER); PRAGMA user_version = 1;").unwrap();
        let steps = &[Migration::sql("ALTER TABLE t ADD COLUMN b TEXT;"), Migration::sql("THIS IS NOT SQL;")];
        assert!(run_steps(&mut conn, steps, stamp()).is_err());
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
        assert_eq!(version, 1);
        let columns: i64 =
            conn.query_row("SELECT count(*) FROM pragma_table_info('t')", [], |row| row.get(0)).unwrap();
        assert_eq!(columns, 1);
    }
}
