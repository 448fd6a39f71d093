//! The order a register's records are presented in, defined once: services and
//! parties by name, agreements by title, activities by service then name, links by
//! activity, sources before recipients, then party name. Names compare as SQLite's
//! NOCASE collation does. Loading sorts in memory rather than in SQL (cheaper than
//! SQLite's temporary sort trees at 100,000 links), and the as-at rebuild uses the
//! same functions, so both give the same order.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

use crate::model::{
    Activity, ActivityId, ActivitySummary, Direction, Link, LinkId, PartyId, Register, Service, ServiceId,
};

/// SQLite's NOCASE collation: bytes compared with ASCII letters folded.
pub(super) fn nocase(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// The key NOCASE orders by: the bytes with ASCII letters folded.
fn nocase_key(text: &str) -> Vec<u8> {
    text.bytes().map(|c| c.to_ascii_lowercase()).collect()
}

/// Each id's rank when the names are put in NOCASE order (ties keep their order).
fn ranks<Id: Copy + Eq + std::hash::Hash>(names: impl Iterator<Item = (Id, Vec<u8>)>) -> HashMap<Id, usize> {
    let mut keyed: Vec<(Vec<u8>, Id)> = names.map(|(id, key)| (key, id)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().enumerate().map(|(rank, (_, id))| (id, rank)).collect()
}

/// Activities by service name, then activity name, then id.
pub(super) fn sort_activities(activities: &mut [Activity], services: &[Service]) {
    sort_by_service_then_name(activities, services, |a| (a.fields.service_id, &a.fields.name, a.id));
}

/// Activity summaries in the order of [`sort_activities`].
pub(super) fn sort_summaries(activities: &mut [ActivitySummary], services: &[Service]) {
    sort_by_service_then_name(activities, services, |a| (a.service_id, &a.name, a.id));
}

/// Sorts by service name, then name, then id, as `key` gives them.
fn sort_by_service_then_name<T>(
    items: &mut [T],
    services: &[Service],
    key: impl Fn(&T) -> (ServiceId, &str, ActivityId),
) {
    let service_rank: HashMap<ServiceId, usize> =
        ranks(services.iter().map(|s| (s.id, nocase_key(&s.fields.name))));
    items.sort_by_cached_key(|item| {
        let (service_id, name, id) = key(item);
        (service_rank.get(&service_id).copied(), nocase_key(name), id)
    });
}

/// Links by activity, sources before recipients, party name, then id. Each
/// party's place in name order is worked out once, so sorting compares integers.
pub(super) fn sort_links<'a>(links: &mut [Link], party_name: impl Fn(PartyId) -> &'a str) {
    let mut parties: Vec<PartyId> = links.iter().map(|l| l.fields.party_id).collect();
    parties.sort_unstable();
    parties.dedup();
    let party_rank = party_ranks(parties.into_iter().map(|id| (id, party_name(id))));
    links.sort_by_cached_key(|l| {
        link_key(l.activity_id, l.fields.direction, party_rank.get(&l.fields.party_id).copied(), l.id)
    });
}

/// Each party's place when the names are put in NOCASE order; give the parties in
/// id order so that equal names are ranked by id.
pub(super) fn party_ranks<'a>(parties: impl Iterator<Item = (PartyId, &'a str)>) -> HashMap<PartyId, usize> {
    ranks(parties.map(|(id, name)| (id, nocase_key(name))))
}

/// What links are sorted by: activity, sources before recipients, the party's
/// place in name order (from [`party_ranks`]), then id.
pub(super) type LinkKey = (ActivityId, Reverse<&'static str>, Option<usize>, LinkId);

/// The [`LinkKey`] of a link.
pub(super) fn link_key(
    activity_id: ActivityId,
    direction: Direction,
    party_rank: Option<usize>,
    id: LinkId,
) -> LinkKey {
    (activity_id, Reverse(direction.code()), party_rank, id)
}

/// Puts every list of a register in presentation order.
pub(super) fn sort_register(register: &mut Register) {
    register.services.sort_by(|a, b| nocase(&a.fields.name, &b.fields.name));
    register.parties.sort_by(|a, b| nocase(&a.fields.name, &b.fields.name));
    register.assets.sort_by(|a, b| nocase(&a.fields.name, &b.fields.name).then(a.id.cmp(&b.id)));
    register.dpias.sort_by(|a, b| nocase(&a.fields.title, &b.fields.title).then(a.id.cmp(&b.id)));
    register.agreements.sort_by(|a, b| a.fields.title.cmp(&b.fields.title).then(a.id.cmp(&b.id)));
    sort_activities(&mut register.activities, &register.services);
    let names: HashMap<PartyId, &str> =
        register.parties.iter().map(|p| (p.id, p.fields.name.as_str())).collect();
    sort_links(&mut register.links, |id| names.get(&id).copied().unwrap_or(""));
}
