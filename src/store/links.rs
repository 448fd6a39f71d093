//! Links between activities and parties, written together with their activity.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, named_params};

use super::codec::{columns, decode, get_code, get_str, scope};
use super::conn_ext::ConnExt;
use crate::law::{LawfulBasis, LegalItem, SpecialCategory};
use crate::model::{ActivityId, Direction, Link, LinkDraft, LinkFields, LinkId, PartyId, SpecialData};
use crate::{Error, Result};

columns! {
    /// Where [`select_links`]'s query puts each column.
    LinkColumns {
        id, activity_id, party_id, direction, special_data, criminal_offence_data, lawful_basis, basis_detail,
        method, agreement_id, notes, party_name,
    }
}

/// Every link (or those of one activity), by activity, direction, then party name.
pub(super) fn select_links(conn: &Connection, only: Option<ActivityId>) -> Result<Vec<Link>> {
    let mut categories = select_link_categories(conn, only)?;
    let mut specials = select_link_specials(conn, only)?;
    let scope_l_activity_id = scope("l.activity_id", only);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.activity_id, l.party_id, l.direction, l.special_data, l.criminal_offence_data, l.lawful_basis,
                l.basis_detail, l.method, l.agreement_id, l.notes, p.name AS party_name
         FROM link l JOIN party p ON p.id = l.party_id
         WHERE {scope_l_activity_id}
         ORDER BY l.id"
    ))?;
    let c = LinkColumns::of(&stmt)?;
    let mut party_names: HashMap<PartyId, String> = HashMap::new();
    let rows = stmt.query_map(named_params! {":only": only}, |row| {
        let party_id: PartyId = row.get(c.party_id)?;
        if let std::collections::hash_map::Entry::Vacant(entry) = party_names.entry(party_id) {
            entry.insert(row.get(c.party_name)?);
        }
        let id: LinkId = row.get(c.id)?;
        let basis: Option<&str> = row.get_ref(c.lawful_basis)?.as_str_or_null()?;
        Ok(Link {
            id,
            activity_id: row.get(c.activity_id)?,
            fields: LinkFields {
                party_id,
                direction: get_code(row, c.direction, Direction::from_code)?,
                data_categories: categories.take(id),
                special_data: get_code(row, c.special_data, SpecialData::from_code)?,
                special_categories: specials.take(id),
                criminal_offence_data: row.get(c.criminal_offence_data)?,
                lawful_basis: basis
                    .map(|code| decode(code, "lawful_basis", LawfulBasis::from_code))
                    .transpose()?,
                basis_detail: row.get(c.basis_detail)?,
                method: row.get(c.method)?,
                agreement_id: row.get(c.agreement_id)?,
                notes: row.get(c.notes)?,
            },
        })
    })?;
    let mut links: Vec<Link> = rows.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    super::order::sort_links(&mut links, |id| party_names.get(&id).map_or("", String::as_str));
    Ok(links)
}

/// Values grouped by link, in link id order, taken out while the links are read in
/// the same order: a merge of two sorted lists, with no hashing.
struct ByLink<T> {
    groups: std::iter::Peekable<std::vec::IntoIter<(LinkId, T)>>,
}

impl<T: Default> ByLink<T> {
    /// Groups `(link id, value)` pairs that arrive in link id order.
    fn read<V>(
        pairs: impl Iterator<Item = rusqlite::Result<(LinkId, V)>>,
        mut add: impl FnMut(&mut T, V),
    ) -> rusqlite::Result<Self> {
        let mut groups: Vec<(LinkId, T)> = Vec::new();
        for pair in pairs {
            let (id, value) = pair?;
            match groups.last_mut() {
                Some((last, group)) if *last == id => add(group, value),
                _ => {
                    let mut group = T::default();
                    add(&mut group, value);
                    groups.push((id, group));
                }
            }
        }
        Ok(Self { groups: groups.into_iter().peekable() })
    }

    /// The values of link `id` (empty if it has none); links must be asked for in id order.
    fn take(&mut self, id: LinkId) -> T {
        while self.groups.next_if(|(at, _)| *at < id).is_some() {}
        self.groups.next_if(|(at, _)| *at == id).map(|(_, group)| group).unwrap_or_default()
    }
}

/// The join, condition and order that limit a link list table to one activity's
/// links, or read it whole in key order (no join) when `only` is `None`. Binds `:only`.
fn link_scope(only: Option<ActivityId>, order: &str) -> String {
    match only {
        Some(_) => format!(
            "JOIN link l ON l.id = {} WHERE l.activity_id = :only ORDER BY {order}",
            order.split(',').next().unwrap_or("")
        ),
        None => format!("WHERE :only IS NULL ORDER BY {order}"),
    }
}

fn select_link_categories(conn: &Connection, only: Option<ActivityId>) -> Result<ByLink<Vec<String>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.link_id, c.value FROM link_data_category c {}",
        link_scope(only, "c.link_id, c.position")
    ))?;
    let rows = stmt.query_map(named_params! {":only": only}, |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(ByLink::read(rows, |list: &mut Vec<String>, value| list.push(value))?)
}

fn select_link_specials(
    conn: &Connection,
    only: Option<ActivityId>,
) -> Result<ByLink<BTreeSet<SpecialCategory>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.link_id, s.category FROM link_special_category s {}",
        link_scope(only, "s.link_id, s.category")
    ))?;
    let rows = stmt.query_map(named_params! {":only": only}, |row| {
        Ok((row.get(0)?, decode(get_str(row, 1)?, "category", SpecialCategory::from_code)?))
    })?;
    Ok(ByLink::read(rows, |set: &mut BTreeSet<SpecialCategory>, value| {
        set.insert(value);
    })?)
}

/// Makes the activity's stored links equal to `drafts`: deletes the ones no longer
/// listed, updates the listed ones, inserts the new ones.
pub(super) fn sync_links(conn: &Connection, activity_id: ActivityId, drafts: &[LinkDraft]) -> Result<()> {
    let kept: BTreeSet<LinkId> = drafts.iter().filter_map(|draft| draft.id).collect();
    let stored: Vec<LinkId> = conn.query_rows_and_then_cached(
        "SELECT id FROM link WHERE activity_id = ?1",
        [activity_id],
        |row| row.get(0),
    )?;
    let mut delete = conn.prepare_cached("DELETE FROM link WHERE id = ?1")?;
    for id in stored.iter().filter(|id| !kept.contains(id)) {
        delete.execute([id])?;
    }
    for draft in drafts {
        match draft.id {
            Some(id) if stored.contains(&id) => update_link(conn, id, &draft.fields)?,
            Some(id) => return Err(Error::NotFound { what: format!("link {id}") }),
            None => {
                insert_link(conn, activity_id, None, &draft.fields)?;
            }
        }
    }
    Ok(())
}

/// Inserts the links of a new activity, and returns them as [`select_links`]
/// would read them back: in its order, each party's name taken from the register.
/// A draft that names a stored link is refused, as [`sync_links`] refuses it for
/// an activity that has none.
pub(super) fn insert_new_links(
    conn: &Connection,
    activity_id: ActivityId,
    drafts: &[LinkDraft],
) -> Result<Vec<Link>> {
    let mut links = Vec::with_capacity(drafts.len());
    for draft in drafts {
        if let Some(id) = draft.id {
            return Err(Error::NotFound { what: format!("link {id}") });
        }
        let id = insert_link(conn, activity_id, None, &draft.fields)?;
        links.push(Link { id, activity_id, fields: draft.fields.clone() });
    }
    let mut party_names: HashMap<PartyId, String> = HashMap::new();
    let mut name_of = conn.prepare_cached("SELECT name FROM party WHERE id = ?1")?;
    for link in &links {
        if let std::collections::hash_map::Entry::Vacant(entry) = party_names.entry(link.fields.party_id) {
            entry.insert(name_of.query_row([link.fields.party_id], |row| row.get(0))?);
        }
    }
    super::order::sort_links(&mut links, |id| party_names.get(&id).map_or("", String::as_str));
    Ok(links)
}

/// Inserts a link (with a given id when restoring a deleted activity).
pub(super) fn insert_link(
    conn: &Connection,
    activity_id: ActivityId,
    id: Option<LinkId>,
    fields: &LinkFields,
) -> Result<LinkId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO link (id, activity_id, party_id, direction, special_data, criminal_offence_data,
                           lawful_basis, basis_detail, method, agreement_id, notes)
         VALUES (:id, :activity, :party, :direction, :special, :criminal, :basis, :detail, :method, :agreement,
                 :notes)",
    )?;
    stmt.execute(named_params! {
        ":id": id, ":activity": activity_id, ":party": fields.party_id, ":direction": fields.direction.code(),
        ":special": fields.special_data.code(), ":criminal": fields.criminal_offence_data, ":basis": fields.lawful_basis.map(LegalItem::code),
        ":detail": fields.basis_detail, ":method": fields.method, ":agreement": fields.agreement_id,
        ":notes": fields.notes,
    })?;
    let id = LinkId(conn.last_insert_rowid());
    insert_link_lists(conn, id, fields)?;
    Ok(id)
}

fn update_link(conn: &Connection, id: LinkId, fields: &LinkFields) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE link SET party_id = :party, direction = :direction, special_data = :special,
            criminal_offence_data = :criminal,
            lawful_basis = :basis, basis_detail = :detail, method = :method, agreement_id = :agreement,
            notes = :notes
         WHERE id = :id",
    )?;
    stmt.execute(named_params! {
        ":id": id, ":party": fields.party_id, ":direction": fields.direction.code(),
        ":special": fields.special_data.code(), ":criminal": fields.criminal_offence_data, ":basis": fields.lawful_basis.map(LegalItem::code),
        ":detail": fields.basis_detail, ":method": fields.method, ":agreement": fields.agreement_id,
        ":notes": fields.notes,
    })?;
    conn.prepare_cached("DELETE FROM link_data_category WHERE link_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM link_special_category WHERE link_id = ?1")?.execute([id])?;
    insert_link_lists(conn, id, fields)
}

fn insert_link_lists(conn: &Connection, id: LinkId, fields: &LinkFields) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO link_data_category (link_id, position, value) VALUES (?1, ?2, ?3)")?;
    for (position, value) in fields.data_categories.iter().enumerate() {
        stmt.execute((id, position as i64, value))?;
    }
    let mut stmt =
        conn.prepare_cached("INSERT INTO link_special_category (link_id, category) VALUES (?1, ?2)")?;
    for category in &fields.special_categories {
        stmt.execute((id, category.code()))?;
    }
    Ok(())
}
