//! Legislation cited as a basis that no longer applies: a table of repealed or
//! superseded instruments with the day each stopped applying in the UK, and the
//! rule that finds them in an activity's legislation and citations.
//!
//! Sources (checked with the search tool against legislation.gov.uk and
//! ico.org.uk; see docs/law.md):
//! - Data Protection Act 1998: repealed by the Data Protection Act 2018 from 25
//!   May 2018 (legislation.gov.uk's record of the 1998 Act ends its life cycle
//!   on 2018-05-25; the repealing paragraph, DPA 2018 Sch 19, was not read).
//! - Data Protection (Notification and Notification Fees) Regulations 2000 (SI
//!   2000/188): replaced from 25 May 2018 by the Data Protection (Charges and
//!   Information) Regulations 2018 (SI 2018/480, explanatory note).
//! - Directive 95/46/EC: repealed with effect from 25 May 2018 by the EU GDPR
//!   (Regulation (EU) 2016/679, Art 94(1)).
//! - The EU GDPR itself: since the end of the transition period (31 December
//!   2020) it applies in the UK only as retained, the UK GDPR (ICO, "The GDPR has
//!   been retained in UK law as the UK GDPR").

use time::macros::date;

use super::and_list;
use crate::checks::{Concern, Context, Field, Hit, Out};
use crate::model::{Activity, Date, format_date};

/// One instrument that no longer applies, and what replaced it.
#[derive(Debug, Clone, Copy)]
pub struct Superseded {
    /// Its name as the law gives it.
    pub name: &'static str,
    /// The first day it no longer applied.
    pub from: Date,
    /// What applies instead.
    pub replaced_by: &'static str,
    /// Lower-case phrases that identify a citation of it.
    patterns: &'static [&'static str],
    /// Lower-case phrases that show the citation is of the replacement instead.
    unless: &'static [&'static str],
}

/// The instruments the rule knows, oldest first.
pub static SUPERSEDED: &[Superseded] = &[
    Superseded {
        name: "Data Protection Act 1998",
        from: date!(2018 - 05 - 25),
        replaced_by: "the Data Protection Act 2018 and the UK GDPR",
        patterns: &["data protection act 1998", "dpa 1998", "dpa98", "data protection act, 1998"],
        unless: &[],
    },
    Superseded {
        name: "Data Protection (Notification and Notification Fees) Regulations 2000",
        from: date!(2018 - 05 - 25),
        replaced_by: "the Data Protection (Charges and Information) Regulations 2018",
        patterns: &["notification and notification fees", "2000/188"],
        unless: &[],
    },
    Superseded {
        name: "Directive 95/46/EC (the Data Protection Directive)",
        from: date!(2018 - 05 - 25),
        replaced_by: "the UK GDPR and the Data Protection Act 2018",
        patterns: &["95/46", "data protection directive"],
        unless: &[],
    },
    Superseded {
        name: "the EU General Data Protection Regulation (Regulation (EU) 2016/679)",
        from: date!(2021 - 01 - 01),
        replaced_by: "the UK GDPR",
        patterns: &["general data protection regulation", "gdpr", "2016/679"],
        unless: &["uk gdpr", "uk general data protection", "united kingdom general data protection"],
    },
];

impl Superseded {
    /// Whether `citation` cites this instrument.
    fn cited_by(&self, citation: &str) -> bool {
        let text = citation.to_lowercase();
        self.patterns.iter().any(|p| text.contains(p)) && !self.unless.iter().any(|u| text.contains(u))
    }
}

/// The superseded instrument `citation` cites, if it no longer applied on `today`.
pub fn superseded_citation(citation: &str, today: Date) -> Option<&'static Superseded> {
    SUPERSEDED.iter().find(|s| today >= s.from && s.cited_by(citation))
}

/// Legislation cited that had been repealed or superseded by today.
pub(super) fn repealed_legislation(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let f = &a.fields;
    let found: Vec<(Concern, &Superseded)> = f
        .legislation
        .iter()
        .chain(&f.unrecognised_citations)
        .filter_map(|c| {
            superseded_citation(c, cx.settings.today).map(|s| (Concern::item("legislation", c), s))
        })
        .collect();
    if found.is_empty() {
        return;
    }
    let described: Vec<String> = found
        .iter()
        .map(|(c, s)| {
            format!(
                "\"{}\" ({} no longer applies from {}; {} applies)",
                c.label,
                s.name,
                format_date(s.from),
                s.replaced_by
            )
        })
        .collect();
    out.add(
        Hit::new(
            Field::Legislation,
            format!("{} cites legislation that no longer applies in the UK: {}.", cx.record(a), and_list(&described)),
            "Replace each with the legislation in force (the UK GDPR and the Data Protection Act 2018), and correct the privacy notice that cites it.",
        )
        .concerning(found.into_iter().map(|(c, _)| c).collect()),
    );
}
