//! Reading the contact block above a register's heading row: the name, address,
//! email and telephone of the controller, the DPO and the representative.
//!
//! Officers lay it out three ways, all read here:
//! - one column per role, beside Name / Address / Email / Telephone labels down
//!   the side (this app's ICO export);
//! - one row per role, beside Name / Address / Email / Telephone headings across
//!   (the ICO template);
//! - label and value pairs: "Controller" then "Name | ...", "Address | ..." rows,
//!   or combined labels such as "DPO email | ...".

use super::grid::GridRow;
use super::text::{name_key, says_no};
use crate::model::{Contact, Organisation};

/// Which contact a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The controller.
    Controller,
    /// The Data Protection Officer.
    Dpo,
    /// The representative (Art 27).
    Representative,
}

impl Who {
    /// How reports name the contact.
    pub fn title(self) -> &'static str {
        match self {
            Self::Controller => "controller",
            Self::Dpo => "DPO",
            Self::Representative => "representative",
        }
    }
}

/// One detail of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Name.
    Name,
    /// Postal address.
    Address,
    /// Email address.
    Email,
    /// Telephone number.
    Telephone,
}

impl Detail {
    /// The four details in order.
    pub const ALL: [Self; 4] = [Self::Name, Self::Address, Self::Email, Self::Telephone];

    /// How reports name the detail.
    pub fn title(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Address => "address",
            Self::Email => "email",
            Self::Telephone => "telephone",
        }
    }

    /// The detail's field of a contact.
    pub fn of(self, contact: &Contact) -> &str {
        match self {
            Self::Name => &contact.name,
            Self::Address => &contact.address,
            Self::Email => &contact.email,
            Self::Telephone => &contact.telephone,
        }
    }

    fn of_mut(self, contact: &mut Contact) -> &mut String {
        match self {
            Self::Name => &mut contact.name,
            Self::Address => &mut contact.address,
            Self::Email => &mut contact.email,
            Self::Telephone => &mut contact.telephone,
        }
    }
}

/// The role a label names ("Controller", "Data Protection Officer (DPO)").
fn who(key: &str) -> Option<Who> {
    let words: Vec<&str> = key.split(' ').collect();
    if key.contains("data protection officer") || words.contains(&"dpo") {
        Some(Who::Dpo)
    } else if words.iter().any(|w| w.starts_with("representative")) {
        Some(Who::Representative)
    } else if words.iter().any(|w| *w == "controller" || *w == "controllers") && !words.contains(&"joint") {
        Some(Who::Controller)
    } else {
        None
    }
}

/// The detail a label names ("Name", "Email address", "Telephone number").
fn detail(key: &str) -> Option<Detail> {
    let words: Vec<&str> = key.split(' ').collect();
    let has = |options: &[&str]| words.iter().any(|w| options.contains(w));
    if (has(&["email", "e", "mail"]) && !key.contains("address")) || key.contains("email address") {
        Some(Detail::Email)
    } else if has(&["telephone", "phone", "tel", "telephone number", "mobile"])
        || key.contains("contact number")
    {
        Some(Detail::Telephone)
    } else if has(&["address", "postal"]) {
        Some(Detail::Address)
    } else if has(&["name"]) {
        Some(Detail::Name)
    } else {
        None
    }
}

/// What a label cell says: a role, a detail, or both ("DPO email").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    who: Option<Who>,
    detail: Option<Detail>,
}

/// Reads a cell as a label; values (long text, email addresses) are not labels.
fn label(cell: &str) -> Option<Label> {
    let cell = cell.trim();
    if cell.contains('@') || cell.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let key = name_key(cell.trim_end_matches(':'));
    let key = key.trim_end_matches(" details").trim_end_matches(" contact");
    if key.is_empty() || key.split(' ').count() > 7 {
        return None;
    }
    let found = Label { who: who(key), detail: detail(key) };
    (found.who.is_some() || found.detail.is_some()).then_some(found)
}

/// A header row: two or more labels of one sort, and nothing else but perhaps a
/// title in the first column.
fn header<T>(row: &GridRow, pick: impl Fn(Label) -> Option<T>) -> Option<Vec<(usize, T)>> {
    let filled: Vec<(usize, &str)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(i, c)| (i, c.as_str()))
        .collect();
    let found: Vec<(usize, T)> =
        filled.iter().filter_map(|&(i, c)| label(c).and_then(&pick).map(|t| (i, t))).collect();
    let others = filled.len() - found.len();
    let first_found = found.first().map(|(i, _)| *i);
    let title_only = others == 0
        || others == 1
            && filled
                .first()
                .is_some_and(|(i, c)| label(c).and_then(&pick).is_none() && Some(*i) < first_found);
    (found.len() >= 2 && title_only).then_some(found)
}

/// Reads the contact block in `rows` (those above the heading row) over the
/// register's `existing` details; `None` when the block gives no detail.
pub fn read_contacts(rows: &[GridRow], existing: &Organisation) -> Option<Organisation> {
    let mut organisation = existing.clone();
    let mut found = false;
    let mut roles_across: Vec<(usize, Who)> = Vec::new();
    let mut details_across: Vec<(usize, Detail)> = Vec::new();
    let mut current: Option<Who> = None;
    for row in rows {
        if let Some(roles) = header(row, |l| l.who.filter(|_| l.detail.is_none())) {
            roles_across = roles;
            details_across.clear();
            continue;
        }
        if let Some(details) = header(row, |l| l.detail.filter(|_| l.who.is_none())) {
            details_across = details;
            roles_across.clear();
            continue;
        }
        let Some((first, first_label)) = row
            .cells
            .iter()
            .enumerate()
            .find(|(_, c)| !c.trim().is_empty())
            .and_then(|(i, c)| label(c).map(|l| (i, l)))
        else {
            continue;
        };
        let mut set = |who: Who, detail: Detail, value: &str| {
            let value = value.trim();
            if !says_no(value) {
                *detail.of_mut(contact_mut(&mut organisation, who)) = value.to_string();
                found = true;
            }
        };
        match (first_label.who, first_label.detail) {
            (None, Some(detail)) if !roles_across.is_empty() => {
                for &(column, who) in roles_across.iter().filter(|(c, _)| *c > first) {
                    set(who, detail, row.cell(column));
                }
            }
            (Some(who), None) if !details_across.is_empty() => {
                for &(column, detail) in details_across.iter().filter(|(c, _)| *c > first) {
                    set(who, detail, row.cell(column));
                }
            }
            (Some(who), detail) => {
                current = Some(who);
                if let Some(value) = next_value(row, first) {
                    set(who, detail.unwrap_or(Detail::Name), value);
                }
            }
            (None, Some(detail)) => {
                if let (Some(who), Some(value)) = (current, next_value(row, first)) {
                    set(who, detail, value);
                }
            }
            (None, None) => {}
        }
    }
    found.then_some(organisation)
}

/// The first filled cell after column `after`.
fn next_value(row: &GridRow, after: usize) -> Option<&str> {
    row.cells.iter().skip(after + 1).map(String::as_str).find(|c| !c.trim().is_empty())
}

fn contact_mut(organisation: &mut Organisation, who: Who) -> &mut Contact {
    match who {
        Who::Controller => &mut organisation.controller,
        Who::Dpo => &mut organisation.dpo,
        Who::Representative => &mut organisation.representative,
    }
}

fn contact(organisation: &Organisation, who: Who) -> &Contact {
    match who {
        Who::Controller => &organisation.controller,
        Who::Dpo => &organisation.dpo,
        Who::Representative => &organisation.representative,
    }
}

/// What an import changes in the organisation's details, one line per contact:
/// "controller: name, address, email, telephone". Empty when nothing changes.
pub fn organisation_changes(existing: &Organisation, planned: &Organisation) -> Vec<String> {
    [Who::Controller, Who::Dpo, Who::Representative]
        .into_iter()
        .filter_map(|who| {
            let changed: Vec<&str> = Detail::ALL
                .into_iter()
                .filter(|d| d.of(contact(existing, who)) != d.of(contact(planned, who)))
                .map(Detail::title)
                .collect();
            (!changed.is_empty()).then(|| format!("{}: {}", who.title(), changed.join(", ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<GridRow> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| GridRow { number: i + 1, cells: cells.iter().map(|c| c.to_string()).collect() })
            .collect()
    }

    fn controller(o: &Organisation) -> [&str; 4] {
        [&o.controller.name, &o.controller.address, &o.controller.email, &o.controller.telephone]
            .map(String::as_str)
    }

    #[test]
    fn one_column_per_role_beside_labels() {
        let block = rows(&[
            &["Documentation of processing activities"],
            &["", "Controller", "Data Protection Officer", "Representative"],
            &["Name", "Wrexham County Borough Council", "Data Protection Officer", "N/A"],
            &["Address", "Guildhall, Wrexham, LL11 1AY", "Guildhall, Wrexham", ""],
            &["Email", "foi@wrexham.gov.uk", "dataprotection@wrexham.gov.uk", ""],
            &["Telephone", "01978 292000", "01978 292000", "-"],
        ]);
        let o = read_contacts(&block, &Organisation::default()).unwrap_or_default();
        assert_eq!(
            controller(&o),
            [
                "Wrexham County Borough Council",
                "Guildhall, Wrexham, LL11 1AY",
                "foi@wrexham.gov.uk",
                "01978 292000"
            ]
        );
        assert_eq!(o.dpo.name, "Data Protection Officer");
        assert_eq!(o.dpo.email, "dataprotection@wrexham.gov.uk");
        assert!(o.representative.is_empty(), "{:?}", o.representative);
    }

    #[test]
    fn one_row_per_role_beside_headings() {
        let block = rows(&[
            &["Name and contact details"],
            &["", "Name", "Address", "Email address", "Telephone number"],
            &[
                "Controller",
                "Manchester City Council",
                "Town Hall, Albert Square, M60 2LA",
                "privacy@manchester.gov.uk",
                "0161 234 5000",
            ],
            &[
                "Data Protection Officer (DPO)",
                "Information Governance Manager",
                "",
                "dpo@manchester.gov.uk",
                "",
            ],
            &["Representative (if applicable)", "", "", "", ""],
        ]);
        let o = read_contacts(&block, &Organisation::default()).unwrap_or_default();
        assert_eq!(
            controller(&o),
            [
                "Manchester City Council",
                "Town Hall, Albert Square, M60 2LA",
                "privacy@manchester.gov.uk",
                "0161 234 5000"
            ]
        );
        assert_eq!(o.dpo.name, "Information Governance Manager");
        assert_eq!(o.dpo.email, "dpo@manchester.gov.uk");
    }

    #[test]
    fn label_and_value_pairs() {
        let block = rows(&[
            &["Controller", "Leeds City Council"],
            &["Address", "Civic Hall, Leeds LS1 1UR"],
            &["DPO email", "dpo@leeds.gov.uk"],
            &["Data Protection Officer"],
            &["Name", "Aisha Khan"],
        ]);
        let o = read_contacts(&block, &Organisation::default()).unwrap_or_default();
        assert_eq!(o.controller.name, "Leeds City Council");
        assert_eq!(o.controller.address, "Civic Hall, Leeds LS1 1UR");
        assert_eq!(o.dpo.email, "dpo@leeds.gov.uk");
        assert_eq!(o.dpo.name, "Aisha Khan");
    }

    #[test]
    fn changes_name_what_was_taken() {
        let mut planned = Organisation::default();
        planned.controller.name = "Leeds City Council".into();
        planned.controller.email = "a@b".into();
        planned.dpo.telephone = "0113".into();
        assert_eq!(
            organisation_changes(&Organisation::default(), &planned),
            ["controller: name, email", "DPO: telephone"]
        );
        assert!(read_contacts(&rows(&[&["A title"], &[]]), &Organisation::default()).is_none());
    }
}
