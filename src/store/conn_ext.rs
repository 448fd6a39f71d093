//! Small helpers over a connection, in the style of Mozilla application-services'
//! `ConnExt`: one call for the prepare / query / collect blocks the store repeats.
//! A [`rusqlite::Transaction`] derefs to a [`Connection`], so they serve both.

use rusqlite::types::FromSql;
use rusqlite::{Connection, OptionalExtension, Params, Row};

/// Query helpers on a connection; statements are cached.
pub(super) trait ConnExt {
    /// The connection the helpers run on.
    fn conn(&self) -> &Connection;

    /// Every row of `sql` with `params`, each turned into a `T` by `mapper`.
    fn query_rows_and_then_cached<T, E, P, F>(&self, sql: &str, params: P, mapper: F) -> Result<Vec<T>, E>
    where
        E: From<rusqlite::Error>,
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T, E>,
    {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_and_then(params, mapper)?;
        rows.collect()
    }

    /// The first column of the first row of `sql`, or `None` when there is no row.
    fn try_query_one<T: FromSql, P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<Option<T>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        stmt.query_row(params, |row| row.get(0)).optional()
    }

    /// Whether `sql` returns at least one row.
    fn exists<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<bool> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        stmt.exists(params)
    }
}

impl ConnExt for Connection {
    fn conn(&self) -> &Connection {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (3), (1), (2);").unwrap();
        conn
    }

    #[test]
    fn rows_come_back_mapped_in_query_order() {
        let conn = numbers();
        let rows: Vec<i64> = conn
            .query_rows_and_then_cached("SELECT n FROM t ORDER BY n", [], |row| {
                row.get::<_, i64>(0).map(|n| n * 10)
            })
            .unwrap();
        assert_eq!(rows, [10, 20, 30]);
    }

    #[test]
    fn a_missing_row_is_none_and_exists_says_whether_any_matched() {
        let conn = numbers();
        assert_eq!(conn.try_query_one::<i64, _>("SELECT n FROM t WHERE n = ?1", [2]).unwrap(), Some(2));
        assert_eq!(conn.try_query_one::<i64, _>("SELECT n FROM t WHERE n = ?1", [9]).unwrap(), None);
        assert!(conn.exists("SELECT 1 FROM t WHERE n = ?1", [1]).unwrap());
        assert!(!conn.exists("SELECT 1 FROM t WHERE n = ?1", [9]).unwrap());
    }
}
