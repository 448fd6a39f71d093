//! Reading just what a list of the register's activities shows and searches
//! ([`RegisterSummary`]), in one transaction and without loading the snapshot: the
//! app draws its Register page from this while the snapshot loads.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, Row};

use super::Store;
use super::activities::retention_from_row;
use super::codec::{columns, decode, get_code, get_date, get_str, unknown_code};
use super::order::{LinkKey, link_key, party_ranks, sort_summaries};
use super::services::select_services;
use crate::Result;
use crate::law::{LawfulBasis, LegalItem, SpecialCategory};
use crate::model::{
    ActivityId, ActivityStatus, ActivitySummary, Date, Direction, PartyId, RegisterSummary, Retention,
    SearchFields, ServiceId,
};

impl Store {
    /// What a list of the register's activities shows and searches, read in one
    /// transaction; equal to `load_register()?.summary()`, several times faster.
    pub fn register_summary(&mut self) -> Result<RegisterSummary> {
        self.read(|tx| select_summary(tx))
    }
}

/// An activity's fields as read, before its search text is written.
struct Draft {
    id: ActivityId,
    service_id: ServiceId,
    name: String,
    description: String,
    owner: String,
    status: ActivityStatus,
    retention: Retention,
    next_review_due: Option<Date>,
    purposes: Vec<String>,
    /// The data subjects, personal data, legislation and systems lists, each
    /// joined with "; " (only the search text needs them).
    data_subjects: JoinedList,
    personal_data: JoinedList,
    legislation: JoinedList,
    systems: JoinedList,
    lawful_bases: BTreeSet<LawfulBasis>,
    special_categories: BTreeSet<SpecialCategory>,
}

/// A list's items joined with "; " as they are read (as `join` would, empty items included).
#[derive(Default)]
struct JoinedList {
    text: String,
    items: usize,
}

impl JoinedList {
    fn push(&mut self, item: &str) {
        if self.items > 0 {
            self.text.push_str("; ");
        }
        self.text.push_str(item);
        self.items += 1;
    }
}

fn select_summary(conn: &Connection) -> Result<RegisterSummary> {
    let services = select_services(conn)?;
    let parties = select_party_names(conn)?;
    let mut drafts = select_drafts(conn)?;
    fill_lists(conn, &mut drafts)?;
    fill_codes(conn, &mut drafts)?;
    let links = select_link_parties(conn, &parties)?;
    let service_names: HashMap<ServiceId, &str> =
        services.iter().map(|s| (s.id, s.fields.name.as_str())).collect();
    let party_names: HashMap<PartyId, &str> = parties.iter().map(|(id, name)| (*id, name.as_str())).collect();
    let mut links = links.as_slice();
    let mut activities = Vec::with_capacity(drafts.len());
    for draft in drafts {
        // Both lists are in activity id order, so each activity's links are the next run.
        let start = links.partition_point(|(key, _)| key.0 < draft.id);
        let end = links.partition_point(|(key, _)| key.0 <= draft.id);
        let own = &links[start..end];
        links = &links[end..];
        let service_name = service_names.get(&draft.service_id).copied().unwrap_or("");
        let names = own.iter().map(|(_, party)| party_names.get(party).copied().unwrap_or(""));
        activities.push(summary_of(
            draft,
            service_name,
            names,
            own.iter().map(|(_, party)| *party).collect(),
        ));
    }
    sort_summaries(&mut activities, &services);
    Ok(RegisterSummary {
        services: services.into_iter().map(|s| (s.id, s.fields.name)).collect(),
        parties,
        activities,
    })
}

fn summary_of<'p>(
    draft: Draft,
    service_name: &str,
    party_names: impl Iterator<Item = &'p str>,
    party_ids: BTreeSet<PartyId>,
) -> ActivitySummary {
    let search_text = SearchFields {
        service_name,
        name: &draft.name,
        description: &draft.description,
        owner: &draft.owner,
        purposes: &draft.purposes.join("; "),
        special_categories: &draft.special_categories,
        status: draft.status,
        data_subjects: &draft.data_subjects.text,
        personal_data: &draft.personal_data.text,
        legislation: &draft.legislation.text,
        systems: &draft.systems.text,
        retention: &draft.retention,
        next_review_due: draft.next_review_due,
        lawful_bases: &draft.lawful_bases,
    }
    .search_text(party_names);
    ActivitySummary {
        id: draft.id,
        service_id: draft.service_id,
        service_name: service_name.to_owned(),
        name: draft.name,
        purposes: draft.purposes,
        lawful_bases: draft.lawful_bases,
        special_categories: draft.special_categories,
        status: draft.status,
        next_review_due: draft.next_review_due,
        party_ids,
        search_text,
    }
}

/// Every party's id and name, by name.
fn select_party_names(conn: &Connection) -> Result<Vec<(PartyId, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM party ORDER BY name")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

columns! {
    /// Where [`select_drafts`]'s query puts each column.
    DraftColumns {
        id, service_id, name, description, owner, status, retention_kind, retention_months, retention_text,
        next_review_due,
    }
}

/// Every activity's own columns that a summary needs, in id order.
fn select_drafts(conn: &Connection) -> Result<Vec<Draft>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service_id, name, description, owner, status, retention_kind, retention_months,
                retention_text, next_review_due
         FROM activity ORDER BY id",
    )?;
    let c = DraftColumns::of(&stmt)?;
    let rows = stmt.query_map([], |row| draft_from_row(row, &c))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn draft_from_row(row: &Row<'_>, c: &DraftColumns) -> rusqlite::Result<Draft> {
    Ok(Draft {
        id: row.get(c.id)?,
        service_id: row.get(c.service_id)?,
        name: row.get(c.name)?,
        description: row.get(c.description)?,
        owner: row.get(c.owner)?,
        status: get_code(row, c.status, ActivityStatus::from_code)?,
        retention: retention_from_row(row, c.retention_kind, c.retention_months, c.retention_text)?,
        next_review_due: get_date(row, c.next_review_due)?,
        purposes: Vec::new(),
        data_subjects: JoinedList::default(),
        personal_data: JoinedList::default(),
        legislation: JoinedList::default(),
        systems: JoinedList::default(),
        lawful_bases: BTreeSet::new(),
        special_categories: BTreeSet::new(),
    })
}

/// The draft of activity `id`, found by binary search (drafts are in id order).
fn draft_mut(drafts: &mut [Draft], id: ActivityId) -> Option<&mut Draft> {
    let at = drafts.binary_search_by_key(&id, |draft| draft.id).ok()?;
    drafts.get_mut(at)
}

/// Adds the free-text lists the search text covers, in their stored order.
fn fill_lists(conn: &Connection, drafts: &mut [Draft]) -> Result<()> {
    // `+list`: scan in key order rather than use the index on list, which would
    // need a temporary sort tree for the order.
    let mut stmt = conn.prepare_cached(
        "SELECT activity_id, list, value FROM activity_item
         WHERE +list IN ('purpose', 'data_subject', 'personal_data', 'legislation')
         ORDER BY activity_id, list, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let Some(draft) = draft_mut(drafts, row.get(0)?) else { continue };
        let list = match get_str(row, 1)? {
            "purpose" => {
                draft.purposes.push(row.get(2)?);
                continue;
            }
            "data_subject" => &mut draft.data_subjects,
            "personal_data" => &mut draft.personal_data,
            "legislation" => &mut draft.legislation,
            other => return Err(unknown_code(other, "activity_item.list").into()),
        };
        list.push(get_str(row, 2)?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT l.activity_id, a.name FROM activity_asset l JOIN asset a ON a.id = l.asset_id
         ORDER BY l.activity_id, l.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let Some(draft) = draft_mut(drafts, row.get(0)?) else { continue };
        draft.systems.push(get_str(row, 1)?);
    }
    Ok(())
}

/// Adds the lawful bases and special categories.
fn fill_codes(conn: &Connection, drafts: &mut [Draft]) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT activity_id, basis FROM activity_lawful_basis")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let Some(draft) = draft_mut(drafts, row.get(0)?) else { continue };
        draft.lawful_bases.insert(decode(get_str(row, 1)?, "basis", LawfulBasis::from_code)?);
    }
    let mut stmt = conn.prepare_cached("SELECT activity_id, category FROM activity_special_category")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let Some(draft) = draft_mut(drafts, row.get(0)?) else { continue };
        draft.special_categories.insert(decode(get_str(row, 1)?, "category", SpecialCategory::from_code)?);
    }
    Ok(())
}

/// Every link's party, in the register's link order.
fn select_link_parties(conn: &Connection, parties: &[(PartyId, String)]) -> Result<Vec<(LinkKey, PartyId)>> {
    let mut by_id: Vec<(PartyId, &str)> = parties.iter().map(|(id, name)| (*id, name.as_str())).collect();
    by_id.sort_unstable_by_key(|(id, _)| *id);
    let rank = party_ranks(by_id.into_iter());
    let mut stmt = conn.prepare_cached("SELECT id, activity_id, direction, party_id FROM link")?;
    let rows = stmt.query_map([], |row| {
        let party: PartyId = row.get(3)?;
        let direction = get_code(row, 2, Direction::from_code)?;
        Ok((link_key(row.get(1)?, direction, rank.get(&party).copied(), row.get(0)?), party))
    })?;
    let mut links: Vec<(LinkKey, PartyId)> = rows.collect::<rusqlite::Result<_>>()?;
    links.sort_unstable_by_key(|(key, _)| *key);
    Ok(links)
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use crate::generate::{Spec, generate};

    fn check(mut store: Store) {
        let summary = store.register_summary().unwrap();
        assert!(!summary.activities.is_empty());
        assert_eq!(summary, store.load_register().unwrap().summary());
    }

    #[test]
    fn the_summary_read_from_the_store_equals_the_snapshots_on_the_demo_register() {
        let mut store = Store::in_memory().unwrap();
        crate::demo::populate(&mut store).unwrap();
        check(store);
    }

    #[test]
    fn the_summary_read_from_the_store_equals_the_snapshots_on_a_generated_register() {
        let mut store = Store::in_memory().unwrap();
        generate(&mut store, Spec { activities: 400, seed: 3 }).unwrap();
        check(store);
    }
}
