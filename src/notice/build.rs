//! Writing a notice from the register: one function per section, each reading
//! the activities the notice covers and the parties their links name.

use std::collections::{BTreeSet, HashSet};

use super::document::{Notice, Section};
use super::template::{ExtraText, ParagraphKey, SectionKey, Template, fill, paragraphs};
use super::wording;
use crate::law::{Article9Condition, LawfulBasis, LegalItem, Right, rights_for};
use crate::model::{
    Activity, ActivityId, ActivityStatus, Date, Direction, Party, PartyKind, Register, Retention, Role,
    ServiceId,
};
use crate::{Error, Result};

/// What a notice covers: a whole service, or one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every activity of the service that is not retired.
    Service(ServiceId),
    /// One activity.
    Activity(ActivityId),
}

/// What a notice needs besides the register and the editable text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The "last updated" date.
    pub today: Date,
    /// Whether the register's organisation is a public authority: where it is
    /// the notice's controller, public task is then explained as "our public
    /// tasks and duties as a local authority".
    pub public_authority: bool,
}

/// The Information Commissioner's Office, as it publishes its contact details.
pub const ICO_CONTACT: [&str; 4] = [
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF",
    "Helpline: 0303 123 1113",
    "Website: https://ico.org.uk",
    "Make a complaint online: https://ico.org.uk/make-a-complaint/",
];

/// The activities a notice for `scope` covers, in register order.
pub fn activities_in_scope(register: &Register, scope: Scope) -> Result<Vec<&Activity>> {
    let activities: Vec<&Activity> = match scope {
        Scope::Service(id) => {
            if register.service(id).is_none() {
                return Err(Error::NotFound { what: format!("service {id}") });
            }
            register
                .activities
                .iter()
                .filter(|a| a.fields.service_id == id && a.fields.status != ActivityStatus::Retired)
                .collect()
        }
        Scope::Activity(id) => {
            vec![register.activity(id).ok_or_else(|| Error::NotFound { what: format!("activity {id}") })?]
        }
    };
    if activities.is_empty() {
        return Err(Error::Invalid {
            field: "Privacy notice".into(),
            message: "the service has no current processing activities to describe; add one first".into(),
        });
    }
    Ok(activities)
}

/// Writes the notice for `scope` from the register, the template and the
/// service's extra text.
pub fn build(
    register: &Register,
    scope: Scope,
    template: &Template,
    extra: &ExtraText,
    options: Options,
) -> Result<Notice> {
    let activities = activities_in_scope(register, scope)?;
    let Some(service_id) = activities.first().map(|a| a.fields.service_id) else {
        return Err(Error::NotFound { what: "activity".into() });
    };
    let service_name = register.service_name(service_id).to_string();
    let cx = Cx {
        register,
        activities,
        template,
        controller: controller_name(register, service_id),
        service_id,
        service_name: service_name.clone(),
        public_authority: options.public_authority,
        today: options.today,
    };
    let title = match scope {
        Scope::Service(_) => format!("{service_name} privacy notice"),
        Scope::Activity(_) => {
            format!("{}: privacy notice", cx.activities.first().map_or("", |a| &a.fields.name))
        }
    };
    let mut sections = vec![
        cx.summary(extra),
        cx.personal_information(),
        cx.purposes(),
        cx.lawful_basis(),
        cx.parties(SectionKey::Sources, Direction::Source),
        cx.parties(SectionKey::Sharing, Direction::Recipient),
        cx.transfers(),
        cx.retention(),
        cx.automated_decisions(),
        cx.rights(),
        cx.complaints(),
        cx.contact(),
    ];
    let closing = paragraphs(&extra.closing);
    if !closing.is_empty() {
        let mut section = cx.section(SectionKey::MoreInformation);
        closing.into_iter().for_each(|text| section.paragraph(text));
        sections.push(section);
    }
    Ok(Notice {
        title,
        publisher: cx.controller.clone(),
        updated_on: options.today,
        sections,
        overridden: Vec::new(),
    })
}

/// The controller a service's notice names: the service's own controller in a
/// partnership register, otherwise the organisation.
pub fn controller_name(register: &Register, service_id: ServiceId) -> String {
    let own = register.service(service_id).map_or("", |s| s.fields.controller.trim());
    let name = if own.is_empty() { register.organisation.controller.name.trim() } else { own };
    if name.is_empty() { "We".to_string() } else { name.to_string() }
}

/// Everything the section writers read.
struct Cx<'a> {
    register: &'a Register,
    activities: Vec<&'a Activity>,
    template: &'a Template,
    controller: String,
    service_id: ServiceId,
    service_name: String,
    public_authority: bool,
    /// The day the notice is written for: its law is the law in force then.
    today: Date,
}

impl Cx<'_> {
    fn section(&self, key: SectionKey) -> Section {
        Section::new(key, self.template.heading(key))
    }

    fn text(&self, key: ParagraphKey) -> String {
        fill(self.template.paragraph(key), &self.controller, &self.service_name)
    }

    /// One list gathered from every activity, without repeats (ignoring case).
    fn gather(&self, items: impl Fn(&Activity) -> Vec<String>) -> Vec<String> {
        unique(self.activities.iter().flat_map(|a| items(a)))
    }

    fn summary(&self, extra: &ExtraText) -> Section {
        let mut section = self.section(SectionKey::Summary);
        section.paragraph(self.text(ParagraphKey::Intro));
        for text in paragraphs(&extra.intro) {
            section.paragraph(text);
        }
        if self.activities.len() > 1 {
            section.paragraph("This notice covers:");
            section.bullets(self.activities.iter().map(|a| a.fields.name.clone()).collect());
        }
        section.subheading("Who we are");
        section.paragraph(format!(
            "{} is the data controller for the personal information in this notice. This means we decide how and why it is used, and we are responsible for looking after it.",
            self.controller
        ));
        for role in unique(self.activities.iter().filter_map(|a| role_sentence(&a.fields.role))) {
            section.paragraph(role);
        }
        section.paragraph(self.text(ParagraphKey::RelatedNotice));
        section
    }

    fn personal_information(&self) -> Section {
        let mut section = self.section(SectionKey::PersonalInformation);
        let subjects = self.gather(|a| a.fields.data_subjects.clone());
        if !subjects.is_empty() {
            section.paragraph("We use information about:");
            section.bullets(subjects.iter().map(|s| capitalise(s)).collect());
        }
        let ordinary = self.gather(|a| {
            a.fields.personal_data.iter().chain(&a.fields.other_special_items).cloned().collect()
        });
        section.paragraph("The information we use includes:");
        section.bullets(ordinary.iter().map(|s| capitalise(s)).collect());
        let special: BTreeSet<_> =
            self.activities.iter().flat_map(|a| a.fields.special_categories.iter().copied()).collect();
        if !special.is_empty() {
            section.subheading("More sensitive information");
            section.paragraph(
                "We also use some information that the law treats as more sensitive. This is called special category personal information. It may include information about:",
            );
            section.bullets(special.into_iter().map(wording::special_category).collect());
        }
        if self.activities.iter().any(|a| a.fields.criminal_offence_data.is_some()) {
            section.subheading("Information about criminal offences");
            let details = self.gather(|a| a.fields.criminal_offence_data.iter().cloned().collect());
            if details.is_empty() {
                section.paragraph("We may also use information about criminal offences, including offences you have committed or are accused of committing.");
            }
            details.into_iter().for_each(|detail| section.paragraph(detail));
        }
        section
    }

    fn purposes(&self) -> Section {
        let mut section = self.section(SectionKey::Purposes);
        section.paragraph("We use your information:");
        if self.activities.len() == 1 {
            section
                .bullets(self.gather(|a| a.fields.purposes.clone()).iter().map(|p| capitalise(p)).collect());
            return section;
        }
        for activity in &self.activities {
            section.subheading(activity.fields.name.clone());
            section.bullets(
                unique(activity.fields.purposes.iter().cloned()).iter().map(|p| capitalise(p)).collect(),
            );
        }
        section
    }

    fn lawful_basis(&self) -> Section {
        let mut section = self.section(SectionKey::LawfulBasis);
        let bases = self.bases();
        section
            .paragraph("The law only lets us use your information when we have a lawful basis. We rely on:");
        // "As a local authority" only where the register's own organisation is the
        // controller and a public authority; a partner controller gets the
        // general wording.
        let local_authority =
            self.public_authority && self.controller == self.register.organisation.controller.name.trim();
        section
            .bullets(bases.iter().map(|&b| wording::lawful_basis(b, local_authority, self.today)).collect());
        for interests in self.gather(|a| vec![a.fields.legitimate_interests.clone()]) {
            if !interests.trim().is_empty() {
                section.paragraph(format!("Our legitimate interests are: {}", interests.trim()));
            }
        }
        let article9: BTreeSet<_> =
            self.activities.iter().flat_map(|a| a.fields.article9_conditions.iter().copied()).collect();
        if !article9.is_empty() {
            section.subheading("More sensitive information");
            section.paragraph("For more sensitive (special category) information, we also rely on:");
            section.bullets(article9.into_iter().map(|c| wording::article9(c, self.today)).collect());
        }
        let schedule1: BTreeSet<_> =
            self.activities.iter().flat_map(|a| a.fields.schedule1_conditions.iter().copied()).collect();
        if !schedule1.is_empty() {
            section.paragraph(
                "The Data Protection Act 2018 also sets conditions for more sensitive information and information about criminal offences. We meet these conditions:",
            );
            section.bullets(schedule1.into_iter().map(|c| wording::schedule1(c, self.today)).collect());
        }
        let legislation = self.gather(|a| a.fields.legislation.clone());
        if !legislation.is_empty() {
            section.subheading("The law that gives us these tasks");
            section.paragraph("We use your information to carry out our duties and powers under:");
            section.bullets(legislation);
        }
        section
    }

    fn bases(&self) -> BTreeSet<LawfulBasis> {
        self.activities.iter().flat_map(|a| a.fields.lawful_bases.iter().copied()).collect()
    }

    /// The distinct parties at the other end of the activities' links in `direction`.
    fn linked_parties(&self, direction: Direction) -> Vec<(&Party, Vec<String>)> {
        let mut seen = HashSet::new();
        let mut parties: Vec<(&Party, Vec<String>)> = Vec::new();
        for activity in &self.activities {
            for link in self.register.links_of(activity.id, direction) {
                let Some(party) = self.register.party(link.fields.party_id) else { continue };
                if party.fields.internal_service == Some(self.service_id) {
                    // The service itself ("supplied by us"): not a source or recipient to name.
                    continue;
                }
                let passes = crate::model::Passes::of(link, activity);
                if seen.insert(party.id) {
                    parties.push((party, passes.data_categories));
                } else if let Some(entry) = parties.iter_mut().find(|(p, _)| p.id == party.id) {
                    entry.1 = unique(entry.1.iter().chain(&passes.data_categories).cloned());
                }
            }
        }
        parties
    }

    /// Whether some activity's data comes from the service itself (a source
    /// link to the party that is this service), which is not named as a source.
    fn sourced_from_own_service(&self) -> bool {
        self.activities.iter().any(|activity| {
            self.register.links_of(activity.id, Direction::Source).any(|link| {
                self.register
                    .party(link.fields.party_id)
                    .is_some_and(|party| party.fields.internal_service == Some(self.service_id))
            })
        })
    }

    fn parties(&self, key: SectionKey, direction: Direction) -> Section {
        let mut section = self.section(key);
        let parties = self.linked_parties(direction);
        let from_you = parties.iter().any(|(p, _)| p.fields.kind == PartyKind::DataSubjects);
        if direction == Direction::Source {
            if from_you {
                section.paragraph("We get most of your information from you: you give it to us directly.");
                section.paragraph(wording::must_provide(&self.bases()));
            }
        } else if parties.is_empty() {
            section.paragraph("We do not share your information with anyone else.");
            return section;
        } else {
            section.paragraph(
                "We only share your information where it is necessary and the law allows it. We share it securely with:",
            );
        }
        let others: Vec<_> =
            parties.iter().filter(|(p, _)| p.fields.kind != PartyKind::DataSubjects).collect();
        if direction == Direction::Source && !others.is_empty() {
            section.paragraph(if from_you {
                "We also get information from:"
            } else {
                "We get your information from:"
            });
        }
        for group in Group::ALL {
            let mut members: Vec<_> =
                others.iter().filter(|(p, _)| Group::of(p.fields.kind) == group).collect();
            members.sort_by_key(|(p, _)| p.fields.name.to_lowercase());
            let items: Vec<String> = members.iter().map(|(p, data)| party_item(p, data, direction)).collect();
            if !items.is_empty() {
                section.subheading(group.heading(&self.controller));
                section.bullets(items);
            }
        }
        if direction == Direction::Source {
            match (from_you, others.is_empty()) {
                (_, false) => section.paragraph(wording::SOURCES_NOT_FROM_YOU),
                (false, true) if self.sourced_from_own_service() => section.paragraph(format!(
                    "This information comes from records {} already holds.",
                    self.service_name
                )),
                (false, true) => section.paragraph(wording::SOURCES_NOT_RECORDED),
                (true, true) => {}
            }
        }
        section
    }

    fn transfers(&self) -> Section {
        let mut section = self.section(SectionKey::Transfers);
        let mut items: Vec<String> = self
            .activities
            .iter()
            .flat_map(|a| &a.fields.transfers)
            .map(|t| {
                let safeguard = t.safeguard.map_or_else(
                    || "No safeguard is recorded yet".to_string(),
                    |s| {
                        format!(
                            "Protected by: {} ({})",
                            s.title_on(self.today),
                            wording::citation(s, self.today)
                        )
                    },
                );
                let detail =
                    if t.detail.trim().is_empty() { String::new() } else { format!(" {}", t.detail.trim()) };
                format!("{}. {safeguard}.{detail}", t.destination.trim())
            })
            .collect();
        for direction in [Direction::Recipient] {
            for (party, _) in self.linked_parties(direction) {
                if party.fields.is_outside_uk() {
                    items.push(format!("{} is based in {}.", party.fields.name, party.fields.country.trim()));
                }
            }
        }
        let items = unique(items.into_iter());
        if items.is_empty() {
            section.paragraph(self.text(ParagraphKey::NoTransfers));
        } else {
            section.paragraph(
                "Some of your information is sent outside the UK. The law requires safeguards to protect it there:",
            );
            section.bullets(items);
            section.paragraph(wording::SAFEGUARD_COPY);
        }
        section
    }

    fn retention(&self) -> Section {
        let mut section = self.section(SectionKey::Retention);
        let describe = |a: &Activity| match &a.fields.retention {
            Retention::NotStated => "We have not yet set how long we keep this information.".to_string(),
            Retention::Period { .. } => format!("We keep it for {}.", a.fields.retention.describe()),
            other => capitalise(other.describe().trim()),
        };
        if self.activities.len() == 1 {
            section.paragraph("We keep your information only as long as we need it.");
            section.paragraph(self.activities.iter().map(|a| describe(a)).collect::<Vec<_>>().join(" "));
        } else {
            section.paragraph("We keep your information only as long as we need it:");
            section.bullets(
                self.activities.iter().map(|a| format!("{}: {}", a.fields.name, describe(a))).collect(),
            );
        }
        section
    }

    fn automated_decisions(&self) -> Section {
        let mut section = self.section(SectionKey::AutomatedDecisions);
        let details: Vec<&str> =
            self.activities.iter().filter_map(|a| a.fields.automated_decision_making.as_deref()).collect();
        if details.is_empty() {
            section.paragraph(self.text(ParagraphKey::NoAutomatedDecisions));
            return section;
        }
        section.paragraph("We sometimes use your information to make decisions by automated means:");
        section.bullets(
            unique(details.iter().map(|d| d.trim().to_string()))
                .into_iter()
                .filter(|d| !d.is_empty())
                .collect(),
        );
        section.paragraph(wording::automated_decision_safeguards(self.today));
        section
    }

    fn rights(&self) -> Section {
        let mut section = self.section(SectionKey::Rights);
        section.paragraph(self.text(ParagraphKey::RightsIntro));
        let per_activity: Vec<(&Activity, BTreeSet<Right>)> =
            self.activities.iter().map(|a| (*a, rights_for(&a.fields.lawful_bases))).collect();
        let mut available = Vec::new();
        let mut unavailable = Vec::new();
        for &right in Right::ALL {
            let having: Vec<&str> = per_activity
                .iter()
                .filter(|(_, r)| r.contains(&right))
                .map(|(a, _)| a.fields.name.as_str())
                .collect();
            if having.len() == per_activity.len() {
                available.push(wording::right(right, self.today));
            } else if having.is_empty() {
                unavailable.push(wording::right_not_available(
                    right,
                    &basis_titles(&self.bases()),
                    self.today,
                ));
            } else {
                available.push(format!(
                    "{} This applies to: {}.",
                    wording::right(right, self.today),
                    having.join("; ")
                ));
            }
        }
        section.bullets(available);
        if !unavailable.is_empty() {
            section.paragraph("Some rights do not apply here:");
            section.bullets(unavailable);
        }
        let explicit_consent = self
            .activities
            .iter()
            .any(|a| a.fields.article9_conditions.contains(&Article9Condition::ExplicitConsent));
        if self.bases().contains(&LawfulBasis::Consent) || explicit_consent {
            section.paragraph(wording::CONSENT_WITHDRAWAL);
        }
        section.paragraph(self.text(ParagraphKey::UsingRights));
        if let Some(time) = wording::response_time(self.today) {
            section.paragraph(time);
        }
        section
    }

    fn complaints(&self) -> Section {
        let mut section = self.section(SectionKey::Complaints);
        if let Some(duty) = wording::complaints_to_us(self.today) {
            section.paragraph(duty);
        }
        section.paragraph(self.text(ParagraphKey::Complaints));
        section.bullets(ICO_CONTACT.iter().map(|line| (*line).to_string()).collect());
        section
    }

    fn contact(&self) -> Section {
        let mut section = self.section(SectionKey::Contact);
        let organisation = &self.register.organisation;
        let own_controller = self.controller == organisation.controller.name.trim();
        section.subheading("The data controller");
        if own_controller {
            contact_block(&mut section, &organisation.controller);
            if !organisation.ico_registration.trim().is_empty() {
                section.paragraph(format!(
                    "Our ICO registration number is {}.",
                    organisation.ico_registration.trim()
                ));
            }
        } else {
            section.paragraph(self.controller.clone());
        }
        section.subheading("Our Data Protection Officer");
        if own_controller && !organisation.dpo.is_empty() {
            section.paragraph("You can contact our Data Protection Officer about anything in this notice:");
            contact_block(&mut section, &organisation.dpo);
        } else {
            section.paragraph(format!(
                "Contact {} and ask for their Data Protection Officer about anything in this notice.",
                self.controller
            ));
        }
        section.paragraph(format!(
            "This notice follows the data protection law in force on {}. {}",
            crate::law::long_date(self.today),
            crate::law::currency_note(self.today)
        ));
        section
    }
}

/// Groups of parties in "where it comes from" and "who we share it with".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Internal,
    Public,
    Others,
}

impl Group {
    const ALL: [Self; 3] = [Self::Internal, Self::Public, Self::Others];

    fn of(kind: PartyKind) -> Self {
        match kind {
            PartyKind::InternalService => Self::Internal,
            PartyKind::PublicAuthority => Self::Public,
            _ => Self::Others,
        }
    }

    fn heading(self, controller: &str) -> String {
        match self {
            Self::Internal => format!("Other services within {controller}"),
            Self::Public => "Public bodies".to_string(),
            Self::Others => "Other organisations".to_string(),
        }
    }
}

/// A party as a list item, with the information that passes when recorded.
fn party_item(party: &Party, data: &[String], direction: Direction) -> String {
    let mut item = party.fields.name.trim().to_string();
    if party.fields.kind == PartyKind::Processor && direction == Direction::Recipient {
        item.push_str(", which works for us under contract");
    }
    if !data.is_empty() {
        item.push_str(": ");
        item.push_str(&data.join(", "));
    }
    item
}

/// A sentence about the role, when the organisation is not the sole controller.
fn role_sentence(role: &Role) -> Option<String> {
    match role {
        Role::Controller => None,
        Role::JointController { with, lead } => {
            let mut text = String::new();
            if !with.trim().is_empty() {
                text = format!("We are joint controllers with {}.", with.trim());
            }
            if !lead.trim().is_empty() {
                text = format!("{text} The lead partner is {}.", lead.trim());
            }
            Some(if text.trim().is_empty() {
                "We are joint controllers with our partners.".to_string()
            } else {
                text.trim().to_string()
            })
        }
        Role::Processor { for_controller } => Some(format!(
            "We use some of this information on behalf of {}, who decides how it is used.",
            for_controller.trim()
        )),
    }
}

/// Titles of the bases, in words: "public task and legal obligation".
fn basis_titles(bases: &BTreeSet<LawfulBasis>) -> String {
    let titles: Vec<String> = bases.iter().map(|b| b.title().to_lowercase()).collect();
    match titles.split_last() {
        None => "no recorded lawful basis".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A contact: a paragraph when only the name is known, a list of lines otherwise.
fn contact_block(section: &mut Section, contact: &crate::model::Contact) {
    let lines = contact_lines(contact);
    if lines.len() == 1 {
        section.paragraph(lines.concat());
    } else {
        section.bullets(lines);
    }
}

/// A contact block as lines, leaving out empty fields.
fn contact_lines(contact: &crate::model::Contact) -> Vec<String> {
    [
        ("", &contact.name),
        ("Address: ", &contact.address),
        ("Email: ", &contact.email),
        ("Telephone: ", &contact.telephone),
    ]
    .iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(label, value)| format!("{label}{}", value.trim()))
    .collect()
}

/// Items in order without repeats, compared ignoring case and surrounding space;
/// blank items are dropped.
fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty() && seen.insert(item.to_lowercase()))
        .collect()
}

/// The text with its first letter in capitals, for list items.
fn capitalise(text: &str) -> String {
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
