//! Running the rules over a register: the context rules read, the sink they
//! write to, and the walk that calls them.

use std::collections::{HashMap, HashSet};

use super::{
    Acknowledgement, Finding, FindingKey, RULES, Report, Rule, Scope, Settings, completeness::completeness,
};
use crate::Result;
use crate::model::{Activity, ActivityStatus, AgreementId, Date, LinkId, Lookup, PartyId, Register};
use crate::store::Store;

/// What every rule can read: the register, its indexes and the settings.
#[derive(Debug)]
pub struct Context<'a> {
    /// The register being checked.
    pub register: &'a Register,
    /// Hash indexes over it.
    pub lookup: Lookup<'a>,
    /// Today, notice period, public-authority status.
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
}

/// One problem a rule reports, before the engine adds the rule's metadata.
#[derive(Debug, Clone)]
pub struct Hit {
    field: super::Field,
    message: String,
    fix: String,
    subject: String,
    link_id: Option<LinkId>,
    party_id: Option<PartyId>,
    agreement_id: Option<AgreementId>,
}

impl Hit {
    /// A problem with `field`, explained by `message`, fixed by `fix`.
    pub fn new(field: super::Field, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            fix: fix.into(),
            subject: String::new(),
            link_id: None,
            party_id: None,
            agreement_id: None,
        }
    }

    /// The problem is about one link (and the party at its other end).
    pub fn on_link(mut self, link_id: LinkId, party_id: PartyId) -> Self {
        self.subject = format!("link:{link_id}");
        self.link_id = Some(link_id);
        self.party_id = Some(party_id);
        self
    }

    /// The problem is about one agreement.
    pub fn on_agreement(mut self, agreement_id: AgreementId) -> Self {
        self.subject = format!("agreement:{agreement_id}");
        self.agreement_id = Some(agreement_id);
        self
    }

    /// The problem is about one item of a list, e.g. `("item", "Nationality")`.
    pub fn on_item(mut self, kind: &str, item: &str) -> Self {
        self.subject = format!("{kind}:{}", item.trim());
        self
    }
}

/// Where a rule writes its hits; the engine turns them into [`Finding`]s.
#[derive(Debug)]
pub struct Out<'a> {
    rule: &'static Rule,
    activity: Option<&'a Activity>,
    findings: &'a mut Vec<Finding>,
}

impl Out<'_> {
    /// Reports one problem.
    pub fn add(&mut self, hit: Hit) {
        self.findings.push(Finding {
            rule: self.rule.id,
            severity: self.rule.severity,
            activity_id: self.activity.map(|a| a.id),
            service_id: self.activity.map(|a| a.fields.service_id),
            link_id: hit.link_id,
            party_id: hit.party_id,
            agreement_id: hit.agreement_id,
            subject: hit.subject,
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

/// Loads the register, its acknowledgements and the controller's status from
/// `store`, then runs the checks for `today`.
pub fn check_store(store: &mut Store, today: Date, due_soon_days: i64) -> Result<Report> {
    let register = store.load_register()?;
    let acknowledgements = store.acknowledgements()?;
    let settings = Settings { today, due_soon_days, public_authority: store.is_public_authority()? };
    Ok(run(&register, &acknowledgements, settings))
}

fn apply(rule: &'static Rule, cx: &Context<'_>, findings: &mut Vec<Finding>) {
    match rule.scope {
        Scope::Activity(check) => {
            for activity in &cx.register.activities {
                if activity.fields.status != ActivityStatus::Retired {
                    check(cx, activity, &mut Out { rule, activity: Some(activity), findings });
                }
            }
        }
        Scope::Agreement(check) => {
            for agreement in &cx.register.agreements {
                check(cx, agreement, &mut Out { rule, activity: None, findings });
            }
        }
    }
}

fn mark_acknowledged(findings: &mut [Finding], acknowledgements: &[Acknowledgement]) {
    let by_key: HashMap<&FindingKey, &Acknowledgement> =
        acknowledgements.iter().map(|a| (&a.key, a)).collect();
    for finding in findings {
        finding.acknowledged = by_key.get(&finding.key()).map(|a| (*a).clone());
    }
}

/// Orders findings by service name, severity, activity name and rule; findings
/// with no activity (agreements) come last. Names are ranked once, so sorting
/// compares integers, not strings.
fn sort(cx: &Context<'_>, findings: &mut [Finding]) {
    let services = rank(cx.register.services.iter().map(|s| (s.id, s.fields.name.to_lowercase())));
    let activities = rank(cx.register.activities.iter().map(|a| (a.id, a.fields.name.to_lowercase())));
    let key = |f: &Finding| {
        let service = f.service_id.and_then(|id| services.get(&id).copied()).unwrap_or(usize::MAX);
        let activity = f.activity_id.and_then(|id| activities.get(&id).copied()).unwrap_or(usize::MAX);
        (service, f.severity, activity, f.rule)
    };
    findings.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.subject.cmp(&b.subject)));
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
