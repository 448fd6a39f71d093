//! Conversions between the model's types and SQL values.

use rusqlite::Row;
use rusqlite::types::Type;

use crate::model::{Date, format_date, parse_date};

/// Turns a stored code back into its enum, or a conversion error naming the column.
pub(super) fn decode<T>(code: &str, column: &str, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(code).ok_or_else(|| unknown_code(code, column))
}

/// The error for a stored code this build does not know.
pub(super) fn unknown_code(code: &str, column: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        Type::Text,
        format!("unknown value {code:?} in column {column}").into(),
    )
}

/// Declares a struct holding the positions of a query's columns, found by name once
/// per statement with `of(&stmt)`, so that rows are read by index: rusqlite's lookup
/// by name compares the names of the columns on every call, for every row.
macro_rules! columns {
    ($(#[$meta:meta])* $name:ident { $($column:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        struct $name {
            $($column: usize,)+
        }

        impl $name {
            /// The positions of the columns in `stmt`'s result.
            fn of(stmt: &rusqlite::Statement<'_>) -> rusqlite::Result<Self> {
                Ok(Self { $($column: stmt.column_index(stringify!($column))?,)+ })
            }
        }
    };
}
pub(super) use columns;

/// The name of column `index` of `row`'s statement, for error messages.
fn column_name<'r>(row: &'r Row<'_>, index: usize) -> &'r str {
    row.as_ref().column_name(index).unwrap_or("?")
}

/// Reads the text column at `index` holding an enum code.
pub(super) fn get_code<T>(
    row: &Row<'_>,
    index: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let code = get_str(row, index)?;
    decode(code, column_name(row, index), parse)
}

/// Reads the nullable ISO date column at `index`.
pub(super) fn get_date(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<Date>> {
    let text: Option<&str> = row.get_ref(index)?.as_str_or_null().map_err(rusqlite::Error::from)?;
    text.map(|text| decode(text, column_name(row, index), parse_date)).transpose()
}

/// Borrows the text column at `index` without copying it.
pub(super) fn get_str<'r>(row: &'r Row<'_>, index: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(index)?.as_str().map_err(rusqlite::Error::from)
}

/// A date as stored: ISO text or NULL.
pub(super) fn date_sql(date: Option<Date>) -> Option<String> {
    date.map(format_date)
}

/// An optional flag as stored: 0, 1 or NULL.
pub(super) fn flag_sql(flag: Option<bool>) -> Option<i64> {
    flag.map(i64::from)
}

/// Trims a name and refuses an empty one, naming the field.
pub(super) fn required_name(value: &str, field: &str) -> crate::Result<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(crate::Error::Invalid { field: field.to_string(), message: "a name is required".into() });
    }
    Ok(trimmed.to_string())
}

/// Whether `error` is a UNIQUE constraint failure.
pub(super) fn is_unique_violation(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

/// The WHERE condition limiting a query to one record, or none: `column = :only`
/// when `only` is set (so SQLite uses the index), `:only IS NULL` otherwise.
/// Both forms bind `:only`.
pub(super) fn scope<T>(column: &str, only: Option<T>) -> String {
    if only.is_some() { format!("{column} = :only") } else { ":only IS NULL".to_string() }
}
