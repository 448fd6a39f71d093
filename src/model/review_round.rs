//! Review rounds with service owners (issue 21): each review pack sent to a
//! service, when it is due back, and what came back.

use super::{Date, ServiceId, format_date};

/// One review pack sent to a service's owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSent {
    /// Row id (never reused).
    pub id: i64,
    /// The service.
    pub service_id: ServiceId,
    /// When it was written.
    pub sent_on: Date,
    /// When it is due back.
    pub due_on: Date,
    /// Who wrote it (the operating-system user).
    pub sent_by: String,
    /// How many activities it held.
    pub activities: usize,
    /// What came back, once it has.
    pub returned: Option<PackReturned>,
}

/// What a returned pack held and what the officer did with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackReturned {
    /// When it was read in.
    pub on: Date,
    /// Who returned it, as written in the pack.
    pub by: String,
    /// Cells the owner changed.
    pub proposed: usize,
    /// Of them, the ones the officer accepted (applied).
    pub accepted: usize,
    /// Activities returned unchanged (recorded as reviewed by the owner).
    pub unchanged: usize,
}

/// Where a pack stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundState {
    /// Sent, not back, not yet due.
    Sent,
    /// Sent, not back, and its due date has passed.
    Overdue,
    /// Returned and read in.
    Returned,
}

impl RoundState {
    /// The state as the Reviews page and `ropa review-pack --status` say it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Overdue => "overdue",
            Self::Returned => "returned",
        }
    }
}

impl PackSent {
    /// Where the pack stands on `today`: overdue the day after its due date.
    pub fn state(&self, today: Date) -> RoundState {
        match &self.returned {
            Some(_) => RoundState::Returned,
            None if self.due_on < today => RoundState::Overdue,
            None => RoundState::Sent,
        }
    }
}

impl PackSent {
    /// The pack in one line, as `ropa review-pack --status` prints it and the
    /// Reviews page shows it: "Early Help: overdue (sent 2026-11-01, due
    /// 2026-11-29, 12 activities)".
    pub fn summary(&self, service: &str, today: Date) -> String {
        let sent = format!("sent {}, due {}", format_date(self.sent_on), format_date(self.due_on));
        match &self.returned {
            Some(back) => format!(
                "{service}: returned {} by {} ({sent}): {} of {} change(s) accepted, {} activit{} unchanged",
                format_date(back.on),
                if back.by.trim().is_empty() { "its owner" } else { back.by.trim() },
                back.accepted,
                back.proposed,
                back.unchanged,
                if back.unchanged == 1 { "y" } else { "ies" },
            ),
            None => format!(
                "{service}: {} ({sent}, {} activit{})",
                self.state(today).label(),
                self.activities,
                if self.activities == 1 { "y" } else { "ies" }
            ),
        }
    }
}

/// The latest pack of each service that has been sent one, in `packs`' order of
/// services first sent.
pub fn latest_per_service(packs: &[PackSent]) -> Vec<&PackSent> {
    let mut latest: Vec<&PackSent> = Vec::new();
    for pack in packs {
        match latest.iter_mut().find(|kept| kept.service_id == pack.service_id) {
            Some(kept) if kept.id < pack.id => *kept = pack,
            Some(_) => {}
            None => latest.push(pack),
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn pack(id: i64, service: i64, due_on: Date, returned: bool) -> PackSent {
        PackSent {
            id,
            service_id: ServiceId(service),
            sent_on: date!(2026 - 11 - 01),
            due_on,
            sent_by: "officer".into(),
            activities: 3,
            returned: returned.then(|| PackReturned {
                on: date!(2026 - 11 - 20),
                by: "Head of Early Help".into(),
                proposed: 2,
                accepted: 1,
                unchanged: 1,
            }),
        }
    }

    #[test]
    fn a_pack_is_overdue_the_day_after_it_was_due_unless_it_came_back() {
        let due = date!(2026 - 11 - 29);
        assert_eq!(pack(1, 1, due, false).state(due), RoundState::Sent);
        assert_eq!(pack(1, 1, due, false).state(date!(2026 - 11 - 30)), RoundState::Overdue);
        assert_eq!(pack(1, 1, due, true).state(date!(2026 - 12 - 30)), RoundState::Returned);
    }

    #[test]
    fn the_latest_pack_of_each_service_stands_for_it() {
        let due = date!(2026 - 11 - 29);
        let packs = [pack(1, 1, due, true), pack(2, 2, due, false), pack(3, 1, due, false)];
        let latest: Vec<i64> = latest_per_service(&packs).iter().map(|p| p.id).collect();
        assert_eq!(latest, [3, 2]);
    }
}
