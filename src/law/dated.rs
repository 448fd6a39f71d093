//! When the law says what: the commencement dates the register knows, the day
//! its law tables are current to, and the in-force span and amended wording
//! that every legal value carries.
//!
//! Sources (legislation.gov.uk; see docs/law.md for each provision):
//! - The Data (Use and Access) Act 2025 (Commencement No. 1) Regulations 2025
//!   (SI 2025/904), reg 2: s.74 (Art 11A) and others in force on 20 August 2025.
//! - The Data (Use and Access) Act 2025 (Commencement No. 6 and Transitional and
//!   Saving Provisions) Regulations 2026 (SI 2026/82), reg 2: ss.67-68, 70-71,
//!   76-77, 80-81, 85-87 and others in force on 5 February 2026; reg 3: the
//!   complaints provisions (s.103, Sch 10, DPA 2018 s.164A) on 19 June 2026.

use crate::model::Date;

/// A date known at compile time; a wrong literal fails the build, not a user.
const fn day(year: i32, month: time::Month, day: u8) -> Date {
    match Date::from_calendar_date(year, month, day) {
        Ok(date) => date,
        Err(_) => panic!("invalid date in the law tables"),
    }
}

/// The day the register's law tables are current to: changes to the law made
/// or commenced after it are not known to this version of the register.
pub const LAW_CURRENT_TO: Date = day(2026, time::Month::December, 1);

/// DUAA 2025 s.74 (UK GDPR Art 11A, power to add special categories) in force
/// (SI 2025/904, reg 2(c)).
pub const DUAA_COMMENCEMENT_1: Date = day(2025, time::Month::August, 20);

/// Most of DUAA 2025 Part 5 in force (SI 2026/82, reg 2): Art 6(1)(ea) and
/// Annex 1, Arts 22A-22D, Art 12A, the new Chapter V, Art 84B.
pub const DUAA_MAIN_COMMENCEMENT: Date = day(2026, time::Month::February, 5);

/// DUAA 2025 s.103 and Sch 10 (DPA 2018 s.164A, complaints to controllers) in
/// force (SI 2026/82, reg 3).
pub const DUAA_COMPLAINTS_COMMENCEMENT: Date = day(2026, time::Month::June, 19);

/// The span of days a provision is in force: from its first day (none: in force
/// before any date the register deals in) until its last day (none: still in
/// force). Both ends are inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InForce {
    /// The first day the provision is in force, if it commenced within the
    /// register's horizon.
    pub from: Option<Date>,
    /// The last day the provision is in force, if it has been repealed or
    /// replaced.
    pub until: Option<Date>,
}

impl InForce {
    /// In force throughout.
    pub const ALWAYS: Self = Self { from: None, until: None };

    /// In force from `from` on.
    pub const fn from(from: Date) -> Self {
        Self { from: Some(from), until: None }
    }

    /// In force up to and including `until`.
    pub const fn until(until: Date) -> Self {
        Self { from: None, until: Some(until) }
    }

    /// Whether the provision is in force on `day`.
    pub fn on(self, day: Date) -> bool {
        self.from.is_none_or(|from| day >= from) && self.until.is_none_or(|until| day <= until)
    }

    /// "in force from 5 February 2026", "in force until 4 February 2026" or
    /// "in force" for a provision the register treats as always in force.
    pub fn describe(self) -> String {
        match (self.from, self.until) {
            (None, None) => "in force".to_string(),
            (Some(from), None) => format!("in force from {}", long_date(from)),
            (None, Some(until)) => format!("in force until {}", long_date(until)),
            (Some(from), Some(until)) => {
                format!("in force from {} until {}", long_date(from), long_date(until))
            }
        }
    }
}

/// The words of a provision at one time: citation, short title and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text {
    /// The citation, e.g. "Art 6(1)(e)".
    pub citation: &'static str,
    /// A short title, e.g. "Public task".
    pub title: &'static str,
    /// The wording of the provision.
    pub wording: &'static str,
}

/// A later text of a provision that replaces the original from a day on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amendment {
    /// The first day the amended text applies.
    pub from: Date,
    /// The amended text.
    pub text: Text,
}

/// "5 February 2026".
pub fn long_date(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// What a report says about the law it applies, as at `day`: "Law current to 1
/// December 2026." and, for a later day, that later changes are not known.
pub fn currency_note(day: Date) -> String {
    let mut note = format!("Law current to {}.", long_date(LAW_CURRENT_TO));
    if day > LAW_CURRENT_TO {
        note.push_str(&format!(
            " Checked as at {}, later than that: changes to the law after {} are not known to this register.",
            long_date(day),
            long_date(LAW_CURRENT_TO)
        ));
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn spans_include_both_ends() {
        let span = InForce { from: Some(date!(2026 - 02 - 05)), until: Some(date!(2026 - 06 - 18)) };
        assert!(!span.on(date!(2026 - 02 - 04)));
        assert!(span.on(date!(2026 - 02 - 05)));
        assert!(span.on(date!(2026 - 06 - 18)));
        assert!(!span.on(date!(2026 - 06 - 19)));
        assert!(InForce::ALWAYS.on(date!(1998 - 07 - 16)));
    }

    #[test]
    fn commencement_dates_are_the_verified_ones() {
        assert_eq!(DUAA_MAIN_COMMENCEMENT, date!(2026 - 02 - 05));
        assert_eq!(DUAA_COMPLAINTS_COMMENCEMENT, date!(2026 - 06 - 19));
        assert_eq!(DUAA_COMMENCEMENT_1, date!(2025 - 08 - 20));
        assert_eq!(long_date(DUAA_MAIN_COMMENCEMENT), "5 February 2026");
    }

    #[test]
    fn the_currency_note_warns_only_after_the_current_to_date() {
        assert_eq!(currency_note(LAW_CURRENT_TO), "Law current to 1 December 2026.");
        let later = currency_note(date!(2027 - 03 - 01));
        assert!(later.starts_with("Law current to 1 December 2026."), "{later}");
        assert!(later.contains("changes to the law after 1 December 2026 are not known"), "{later}");
    }
}
