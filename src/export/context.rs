//! What an export needs besides the register: the inputs of the checks (for the
//! findings CSV and the findings section of the PDF report) and the scope of the
//! flow map.

use crate::checks::{self, Acknowledgement, Settings};
use crate::flows;
use crate::model::{Date, LogHead, Register, Snapshot};

use super::Options;

/// The checks' inputs and the flow map's scope for one export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportContext {
    /// Acknowledged findings: they are exported as acknowledged, with who, when and why.
    pub acknowledgements: Vec<Acknowledgement>,
    /// Whether the controller is a public authority (Art 6(1), last sentence).
    pub public_authority: bool,
    /// The date the checks treat as today; `None` means the date of
    /// [`Options::generated_at`] (UTC).
    pub today: Option<Date>,
    /// What the flow map (SVG) shows.
    pub flow_scope: flows::Scope,
    /// The change log's head when the register was read (`head N:HEX`), printed on
    /// the PDF cover, in the ICO CSV's contact block and in the JSON, so that a log
    /// rewritten afterwards is caught by `ropa verify --head`. `None` leaves it out.
    pub log_head: Option<LogHead>,
}

impl Default for ExportContext {
    /// No acknowledgements, a public authority, today from the export's time, and
    /// the whole register's flow map.
    fn default() -> Self {
        Self {
            acknowledgements: Vec::new(),
            public_authority: true,
            today: None,
            flow_scope: flows::Scope::Register,
            log_head: None,
        }
    }
}

impl ExportContext {
    /// The context of an export of `snapshot`: its acknowledgements, its
    /// organisation's status, its log head, and its as-at day as today; the
    /// whole register's flow map.
    pub fn of(snapshot: &Snapshot) -> Self {
        Self {
            acknowledgements: snapshot.acknowledgements.clone(),
            public_authority: snapshot.public_authority,
            today: snapshot.as_at,
            flow_scope: flows::Scope::Register,
            log_head: snapshot.log_head.clone(),
        }
    }

    /// The date the checks treat as today for an export made with `options`.
    pub fn today(&self, options: &Options) -> Date {
        self.today.unwrap_or_else(|| options.generated_at.to_offset(time::UtcOffset::UTC).date())
    }

    /// Runs the checks over `register` for an export made with `options`.
    pub fn report(&self, register: &Register, options: &Options) -> checks::Report {
        let settings =
            Settings { public_authority: self.public_authority, ..Settings::new(self.today(options)) };
        checks::run(register, &self.acknowledgements, settings)
    }
}
