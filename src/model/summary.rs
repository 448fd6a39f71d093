//! What a list of the register's activities shows and searches, without the whole
//! snapshot: each activity's name, service, purposes, legal bases, status, review
//! date, linked parties and one lower-cased search text. Built from a [`Register`]
//! by [`Register::summary`], or read straight from the store (much faster than
//! loading the snapshot) by `Store::register_summary`; both give the same result.

use std::collections::BTreeSet;

use super::{
    Activity, ActivityId, ActivityStatus, Date, PartyId, Register, Retention, ServiceId, format_date,
};
use crate::law::{LawfulBasis, LegalItem, SpecialCategory};

/// The register's activities as a list shows them, with the choices a list filters by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterSummary {
    /// Every service's id and name, by name.
    pub services: Vec<(ServiceId, String)>,
    /// Every party's id and name, by name.
    pub parties: Vec<(PartyId, String)>,
    /// Every activity, by service name then activity name (the register's order).
    pub activities: Vec<ActivitySummary>,
}

/// One activity as a list of the register shows and searches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySummary {
    /// The activity.
    pub id: ActivityId,
    /// Its service.
    pub service_id: ServiceId,
    /// Its service's name ("" if the service is missing).
    pub service_name: String,
    /// The activity's name.
    pub name: String,
    /// Its purposes, in order.
    pub purposes: Vec<String>,
    /// Its Article 6 lawful bases.
    pub lawful_bases: BTreeSet<LawfulBasis>,
    /// The special categories it processes.
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Draft, active or retired.
    pub status: ActivityStatus,
    /// When its next review is due.
    pub next_review_due: Option<Date>,
    /// The parties it receives data from or sends data to.
    pub party_ids: BTreeSet<PartyId>,
    /// Its fields one per line, lower-cased: see [`SearchFields`].
    pub search_text: String,
}

/// The fields an activity's search text covers, in the order they are written:
/// service, name, description, owner, purposes, special categories, status, data
/// subjects, personal data, legislation, systems, retention, next review date, then
/// one line per lawful basis and one per link's party name.
#[derive(Debug, Clone, Copy)]
pub struct SearchFields<'a> {
    /// Service name.
    pub service_name: &'a str,
    /// Activity name.
    pub name: &'a str,
    /// Description.
    pub description: &'a str,
    /// Information asset owner.
    pub owner: &'a str,
    /// Purposes, joined with "; ".
    pub purposes: &'a str,
    /// Special categories.
    pub special_categories: &'a BTreeSet<SpecialCategory>,
    /// Status.
    pub status: ActivityStatus,
    /// Categories of data subjects, joined with "; ".
    pub data_subjects: &'a str,
    /// Categories of personal data, joined with "; ".
    pub personal_data: &'a str,
    /// Legislation, joined with "; ".
    pub legislation: &'a str,
    /// Systems, joined with "; ".
    pub systems: &'a str,
    /// Retention.
    pub retention: &'a Retention,
    /// Next review date.
    pub next_review_due: Option<Date>,
    /// Lawful bases.
    pub lawful_bases: &'a BTreeSet<LawfulBasis>,
}

impl SearchFields<'_> {
    /// The search text: the fields, then `party_names` (of the activity's links, in
    /// the register's link order), one per line, lower-cased.
    ///
    /// Each line is lower-cased as it is written, ASCII lines in place: the same
    /// text as lower-casing the joined lines, because a line break ends a word for
    /// the one context-dependent rule (final sigma), and one pass and one string
    /// fewer over megabytes of text.
    pub fn search_text<'p>(&self, party_names: impl Iterator<Item = &'p str>) -> String {
        let lists = [self.purposes, self.data_subjects, self.personal_data, self.legislation, self.systems];
        let mut text = String::with_capacity(
            self.description.len() + lists.iter().map(|l| l.len()).sum::<usize>() + 1024,
        );
        let mut first = true;
        let mut line = |part: &str| {
            if !first {
                text.push('\n');
            }
            first = false;
            push_lower_case(&mut text, part);
        };
        line(self.service_name);
        line(self.name);
        line(self.description);
        line(self.owner);
        line(self.purposes);
        line(&self.special_categories.iter().map(|c| c.title()).collect::<Vec<_>>().join("; "));
        line(self.status.label());
        for list in [self.data_subjects, self.personal_data, self.legislation, self.systems] {
            line(list);
        }
        line(&self.retention.describe());
        line(&self.next_review_due.map(format_date).unwrap_or_default());
        for basis in self.lawful_bases {
            line(&basis.label());
        }
        for party in party_names {
            line(party);
        }
        text
    }
}

/// Appends `part` lower-cased to `text`.
fn push_lower_case(text: &mut String, part: &str) {
    if part.is_ascii() {
        let start = text.len();
        text.push_str(part);
        text[start..].make_ascii_lowercase();
    } else {
        text.push_str(&part.to_lowercase());
    }
}

impl Register {
    /// What a list of the register's activities shows and searches.
    pub fn summary(&self) -> RegisterSummary {
        let lookup = self.lookup();
        let activities = self
            .activities
            .iter()
            .map(|activity| {
                let links = lookup.links_of(activity.id);
                let party_names = links.iter().map(|link| lookup.party_name(link.fields.party_id));
                let service_name = lookup.service_name(activity.fields.service_id);
                let fields = &activity.fields;
                let lists = [
                    &fields.purposes,
                    &fields.data_subjects,
                    &fields.personal_data,
                    &fields.legislation,
                    &fields.systems,
                ]
                .map(|list| list.join("; "));
                let search_text = search_fields(activity, service_name, &lists).search_text(party_names);
                ActivitySummary {
                    id: activity.id,
                    service_id: activity.fields.service_id,
                    service_name: service_name.to_owned(),
                    name: activity.fields.name.clone(),
                    purposes: activity.fields.purposes.clone(),
                    lawful_bases: activity.fields.lawful_bases.clone(),
                    special_categories: activity.fields.special_categories.clone(),
                    status: activity.fields.status,
                    next_review_due: activity.fields.next_review_due,
                    party_ids: links.iter().map(|link| link.fields.party_id).collect(),
                    search_text,
                }
            })
            .collect();
        RegisterSummary {
            services: self.services.iter().map(|s| (s.id, s.fields.name.clone())).collect(),
            parties: self.parties.iter().map(|p| (p.id, p.fields.name.clone())).collect(),
            activities,
        }
    }
}

/// The fields of `activity` its search text covers; `lists` are its purposes, data
/// subjects, personal data, legislation and systems, each joined with "; ".
fn search_fields<'a>(
    activity: &'a Activity,
    service_name: &'a str,
    lists: &'a [String; 5],
) -> SearchFields<'a> {
    let fields = &activity.fields;
    let [purposes, data_subjects, personal_data, legislation, systems] = lists;
    SearchFields {
        service_name,
        name: &fields.name,
        description: &fields.description,
        owner: &fields.owner,
        purposes,
        special_categories: &fields.special_categories,
        status: fields.status,
        data_subjects,
        personal_data,
        legislation,
        systems,
        retention: &fields.retention,
        next_review_due: fields.next_review_due,
        lawful_bases: &fields.lawful_bases,
    }
}

#[cfg(test)]
mod tests {
    use super::push_lower_case;

    /// Lower-casing line by line gives what lower-casing the joined lines did.
    fn check(lines: &[&str]) {
        let mut text = String::new();
        for (at, line) in lines.iter().enumerate() {
            if at > 0 {
                text.push('\n');
            }
            push_lower_case(&mut text, line);
        }
        assert_eq!(text, lines.join("\n").to_lowercase());
    }

    #[test]
    fn lower_casing_by_line_equals_lower_casing_the_whole() {
        check(&["Social Care", "ÉCOLE Ōtautahi", "Ünïcödé"]);
        check(&["ΟΔΟΣ", "Σ", "ΣΑΣ", "aΣ", "Σb"]);
        check(&["ΌΣΟΣ ΣΑΣ", "", "İstanbul", "ẞ straße"]);
    }
}
