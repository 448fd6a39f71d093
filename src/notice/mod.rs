//! Privacy notices written from the register (UK GDPR Articles 13 and 14).
//!
//! A service's notice (or one activity's) is built from its register entries, so
//! that what the organisation tells people always matches what it records:
//! [`build`] writes a structured [`Notice`] (title, sections, paragraphs,
//! sub-headings, bullet lists) that any renderer can walk; [`to_markdown`],
//! [`to_html`] and [`to_pdf`] render it. The wording around the facts comes from an editable
//! [`Template`] and per-service [`ExtraText`], both kept in the register.
//!
//! [`generate`] adds the blocking rule: while an activity the notice covers has
//! an unacknowledged error-level finding from [`crate::checks`], the notice is
//! [`Outcome::Blocked`] with the reasons, unless the caller overrides.

mod blocking;
mod build;
mod document;
mod format;
mod html;
mod markdown;
mod pdf;
mod template;
mod wording;

pub use blocking::{BlockReason, block_reasons};
pub use build::{ICO_CONTACT, Options, Scope, activities_in_scope, build, controller_name};
pub use document::{Block, Notice, Section};
pub use format::Format;
pub use html::to_html;
pub use markdown::to_markdown;
pub use pdf::{layout as layout_pdf, to_pdf};
pub use template::{ExtraText, ParagraphKey, SectionKey, Template};

use crate::Result;
use crate::checks::Settings;
use crate::model::{Date, Register, ServiceId, Snapshot};

/// The result of asking for a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The notice, ready to render. When the user overrode a block, the findings
    /// overridden are in [`Notice::overridden`].
    Ready(Notice),
    /// The notice is blocked by these open error-level findings.
    Blocked(Vec<BlockReason>),
}

/// Writes the notice for `scope` from `snapshot`, applying the blocking rule: the
/// checks run for `today` with the snapshot's acknowledgements and its
/// organisation's status; open error-level findings on the notice's activities
/// block it unless `allow_override` is set. The wording around the facts is the
/// snapshot's template and the service's extra text.
pub fn generate(snapshot: &Snapshot, scope: Scope, today: Date, allow_override: bool) -> Result<Outcome> {
    let register = &snapshot.register;
    let settings = Settings { public_authority: snapshot.public_authority, ..Settings::new(today) };
    let activities = activities_in_scope(register, scope)?;
    let report = crate::checks::run(register, &snapshot.acknowledgements, settings);
    let reasons = block_reasons(&report, register, &activities);
    if !reasons.is_empty() && !allow_override {
        return Ok(Outcome::Blocked(reasons));
    }
    let options = Options { today, public_authority: settings.public_authority };
    let extra = snapshot.notices.extra_of(service_of(register, scope)?);
    let mut notice = build(register, scope, &snapshot.notices.template, &extra, options)?;
    notice.overridden = reasons.iter().map(ToString::to_string).collect();
    Ok(Outcome::Ready(notice))
}

/// The service a scope belongs to.
fn service_of(register: &Register, scope: Scope) -> Result<ServiceId> {
    let activities = activities_in_scope(register, scope)?;
    match (scope, activities.first()) {
        (Scope::Service(id), _) => Ok(id),
        (Scope::Activity(_), Some(activity)) => Ok(activity.fields.service_id),
        (Scope::Activity(id), None) => Err(crate::Error::NotFound { what: format!("activity {id}") }),
    }
}
