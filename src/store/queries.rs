//! Questions asked across the whole register, each one indexed query.

use rusqlite::named_params;

use super::Store;
use super::conn_ext::ConnExt;
use crate::Result;
use crate::law::{LegalItem, SpecialCategory};
use crate::model::{ActivityId, Direction, LinkId, PartyId};

impl Store {
    /// Activities that record `category` of special category data.
    pub fn activities_with_special_category(&self, category: SpecialCategory) -> Result<Vec<ActivityId>> {
        self.conn.query_rows_and_then_cached(
            "SELECT activity_id FROM activity_special_category WHERE category = :category ORDER BY activity_id",
            named_params! {":category": category.code()},
            |row| Ok(row.get(0)?),
        )
    }

    /// Activities that list `category` among their categories of personal data
    /// (ignoring case).
    pub fn activities_with_personal_data(&self, category: &str) -> Result<Vec<ActivityId>> {
        self.conn.query_rows_and_then_cached(
            "SELECT DISTINCT activity_id FROM activity_item
             WHERE list = 'personal_data' AND value = :value COLLATE NOCASE ORDER BY activity_id",
            named_params! {":value": category.trim()},
            |row| Ok(row.get(0)?),
        )
    }

    /// Links to or from `party`, optionally in one direction only.
    pub fn links_with_party(&self, party: PartyId, direction: Option<Direction>) -> Result<Vec<LinkId>> {
        self.conn.query_rows_and_then_cached(
            "SELECT id FROM link WHERE party_id = :party AND (:direction IS NULL OR direction = :direction)
             ORDER BY id",
            named_params! {":party": party, ":direction": direction.map(Direction::code)},
            |row| Ok(row.get(0)?),
        )
    }
}
