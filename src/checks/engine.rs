//! Running the rules over a register: the context rules read, the sink they
//! write to, and the walk that calls them.

use std::collections::{HashMap, HashSet};

use super::{
    Acknowledgement, Concern, Field, Finding, RULES, Report, Rule, Scope, Settings,
    completeness::completeness,
};
use crate::model::{Activity, ActivityId, ActivityStatus, AgreementId, Date, Lookup, Register, Snapshot};

/// What every rule can read: the register, its indexes and the settings.
#[derive(Debug)]
pub struct Context<'a> {
    /// The register being checked.
    pub register: &'a Register,
    /// Hash indexes over it.
    pub lookup: Lookup<'a>,
    /// Today, notice period, the organisation's public-authority status.
    pub settings: Settings,
    /// Agreements that at least one link relies on.
    pub agreements_in_use: HashSet<AgreementId>,
}

impl<'a> Context<'a> {
    /// A context over `register`.
    pub fn new(register: &'a Register, settings: Settings) -> Self {
        let agreements_in_use = register.links.iter().filter_map(|link| link.fields.agreement_id).collect();
        Self { register, lookup: register.lookup(), settings, agreements_in_use }
    }

    /// How a message names an activity: its name in quotes and its service.
    pub fn record(&self, activity: &Activity) -> String {
        let service = self.lookup.service_name(activity.fields.service_id);
        if service.is_empty() {
            format!("\"{}\"", activity.fields.name)
        } else {
            format!("\"{}\" ({service})", activity.fields.name)
        }
    }

    /// The date `days` days after today (saturating at the calendar's end).
    pub fn days_ahead(&self, days: i64) -> Date {
        self.settings.today.checked_add(time::Duration::days(days)).unwrap_or(Date::MAX)
    }

    /// The controller responsible for `activity`: the name its service gives in
    /// a partnership register, or `None` for the register's own organisation.
    pub fn controller_of(&self, activity: &Activity) -> Option<&'a str> {
        let controller = self.lookup.services.get(&activity.fields.service_id)?.fields.controller.trim();
        (!controller.is_empty()).then_some(controller)
    }

    /// Whether the controller responsible for `activity` is a public authority:
    /// the organisation's status for its own services, the named controller's
    /// recorded status otherwise, `None` when nobody has recorded it.
    pub fn is_public_authority(&self, activity: &Activity) -> Option<bool> {
        match self.controller_of(activity) {
            None => Some(self.settings.public_authority),
            Some(name) => self.register.controller_status(name),
        }
    }
}

/// One problem a rule reports, before the engine adds the rule's metadata.
#[derive(Debug, Clone)]
pub struct Hit {
    field: Field,
    message: String,
    fix: String,
    concerns: Vec<Concern>,
    agreement_id: Option<AgreementId>,
}

impl Hit {
    /// A problem with `field`, explained by `message`, fixed by `fix`.
    pub fn new(field: Field, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self { field, message: message.into(), fix: fix.into(), concerns: Vec::new(), agreement_id: None }
    }

    /// The problem concerns these parties or items, listed in the message.
    pub fn concerning(mut self, concerns: Vec<Concern>) -> Self {
        self.concerns = concerns;
        self
    }

    /// The problem is about one agreement.
    pub fn on_agreement(mut self, agreement_id: AgreementId) -> Self {
        self.agreement_id = Some(agreement_id);
        self
    }
}

/// Where a rule writes its hits; the engine turns them into [`Finding`]s, at
/// most one per rule and record.
#[derive(Debug)]
pub struct Out<'a> {
    rule: &'static Rule,
    activity: Option<&'a Activity>,
    findings: &'a mut Vec<Finding>,
    /// Where this record's finding is, once the rule has reported one.
    reported: Option<usize>,
}

impl Out<'_> {
    /// Reports one problem. A second report for the same record joins the first:
    /// its concerns are added and its message appended, so that a record never
    /// has two findings of one rule.
    pub fn add(&mut self, hit: Hit) {
        if let Some(index) = self.reported
            && let Some(finding) = self.findings.get_mut(index)
            && finding.agreement_id == hit.agreement_id
        {
            finding.concerns.extend(hit.concerns);
            finding.message = format!("{} {}", finding.message, hit.message);
            return;
        }
        self.reported = Some(self.findings.len());
        self.findings.push(Finding {
            rule: self.rule.id,
            severity: self.rule.severity,
            activity_id: self.activity.map(|a| a.id),
            service_id: self.activity.map(|a| a.fields.service_id),
            agreement_id: hit.agreement_id,
            concerns: hit.concerns,
            field: hit.field,
            message: hit.message,
            fix: hit.fix,
            acknowledged: None,
        });
    }
}

/// Runs every rule in [`RULES`] over `register`, marks the findings that
/// `acknowledgements` cover, and scores completeness per service.
pub fn run(register: &Register, acknowledgements: &[Acknowledgement], settings: Settings) -> Report {
    let cx = Context::new(register, settings);
    let mut findings = Vec::new();
    for rule in RULES {
        apply(rule, &cx, &mut findings);
    }
    mark_acknowledged(&mut findings, acknowledgements);
    sort(&cx, &mut findings);
    Report { today: settings.today, findings, completeness: completeness(register) }
}

/// Runs the checks over `snapshot` for `today`, with its acknowledgements and its
/// organisation's public-authority status.
pub fn check(snapshot: &Snapshot, today: Date, due_soon_days: i64) -> Report {
    let settings = Settings { today, due_soon_days, public_authority: snapshot.public_authority };
    run(&snapshot.register, &snapshot.acknowledgements, settings)
}

fn apply(rule: &'static Rule, cx: &Context<'_>, findings: &mut Vec<Finding>) {
    match rule.scope {
        Scope::Activity(check) => {
            for activity in &cx.register.activities {
                if activity.fields.status != ActivityStatus::Retired {
                    check(cx, activity, &mut out(rule, Some(activity), findings));
                }
            }
        }
        Scope::Agreement(check) => {
            for agreement in &cx.register.agreements {
                check(cx, agreement, &mut out(rule, None, findings));
            }
        }
        Scope::Organisation(check) => check(cx, &mut out(rule, None, findings)),
    }
}

fn out<'a>(rule: &'static Rule, activity: Option<&'a Activity>, findings: &'a mut Vec<Finding>) -> Out<'a> {
    Out { rule, activity, findings, reported: None }
}

/// Marks what `acknowledgements` cover. A finding with no concerns is covered by
/// an acknowledgement of its key; each concern by any acknowledgement of the same
/// rule and record whose subject covers it; a finding with concerns counts as
/// acknowledged when all of them are.
fn mark_acknowledged(findings: &mut [Finding], acknowledgements: &[Acknowledgement]) {
    let mut by_record: HashMap<(&str, Option<ActivityId>), Vec<Covering<'_>>> = HashMap::new();
    for ack in acknowledgements {
        by_record
            .entry((ack.key.rule.as_str(), ack.key.activity_id))
            .or_default()
            .push((ack, ack.key.covered_subjects()));
    }
    for finding in findings {
        let Some(acks) = by_record.get(&(finding.rule.0, finding.activity_id)) else { continue };
        if finding.concerns.is_empty() {
            let key = finding.key();
            finding.acknowledged = latest(acks.iter().filter(|(a, _)| a.key == key).map(|(a, _)| *a));
            continue;
        }
        for concern in &mut finding.concerns {
            concern.acknowledged = latest(
                acks.iter().filter(|(_, covered)| covered.contains(&concern.subject)).map(|(a, _)| *a),
            );
        }
        if finding.concerns.iter().all(|c| c.acknowledged.is_some()) {
            finding.acknowledged = latest(finding.concerns.iter().filter_map(|c| c.acknowledged.as_ref()));
        }
    }
}

/// An acknowledgement with the concern subjects it covers.
type Covering<'a> = (&'a Acknowledgement, Vec<String>);

/// The most recent of `acknowledgements` (by date, then by id).
fn latest<'a>(acknowledgements: impl Iterator<Item = &'a Acknowledgement>) -> Option<Acknowledgement> {
    acknowledgements.max_by_key(|a| (a.acknowledged_on, a.id)).cloned()
}

/// Orders findings by service name, severity, activity name and rule; findings
/// with no activity (agreements, the organisation) come last. Names are ranked
/// once, so sorting compares integers, not strings.
fn sort(cx: &Context<'_>, findings: &mut [Finding]) {
    let services = rank(cx.register.services.iter().map(|s| (s.id, s.fields.name.to_lowercase())));
    let activities = rank(cx.register.activities.iter().map(|a| (a.id, a.fields.name.to_lowercase())));
    let key = |f: &Finding| {
        let service = f.service_id.and_then(|id| services.get(&id).copied()).unwrap_or(usize::MAX);
        let activity = f.activity_id.and_then(|id| activities.get(&id).copied()).unwrap_or(usize::MAX);
        (service, f.agreement_id.is_some(), f.severity, activity, f.rule, f.agreement_id)
    };
    findings.sort_by_key(key);
}

/// Each id's position when the names are sorted.
fn rank<Id: std::hash::Hash + Eq>(named: impl Iterator<Item = (Id, String)>) -> HashMap<Id, usize> {
    let mut named: Vec<(Id, String)> = named.collect();
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named.into_iter().enumerate().map(|(position, (id, _))| (id, position)).collect()
}

/// Reads a `--today` argument ("2026-11-22").
pub fn parse_today(text: &str) -> std::result::Result<Date, String> {
    crate::model::parse_date(text).ok_or_else(|| format!("expected a date as YYYY-MM-DD, got {text:?}"))
}
