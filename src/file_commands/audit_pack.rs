//! `ropa audit-pack` on a register file: the pack as at today or a past date.

use std::path::Path;

use crate::export::audit_pack::{self, NoticeTexts, PackHeader};
use crate::export::{ExportContext, Options};
use crate::model::Date;
use crate::{Result, Store};

/// What the written pack holds, for the command's confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSummary {
    /// How many files, the manifest included.
    pub files: usize,
    /// The date the register is as at.
    pub as_at: Date,
}

/// Opens the register at `db` for reading and writes its audit pack as the new
/// folder `out`: the register now, or as it stood at the end of `as_at` (rebuilt
/// from the change log, with only the acknowledgements made by then).
pub fn write_audit_pack(
    db: &Path,
    out: &Path,
    as_at: Option<Date>,
    options: &Options,
) -> Result<PackSummary> {
    let mut store = Store::open_read(db)?;
    let register = match as_at {
        Some(date) => store.register_as_at(date)?,
        None => store.load_register()?,
    };
    let log_head = match as_at {
        Some(date) => store.log_head_as_at(date)?,
        None => store.log_head()?,
    };
    let mut acknowledgements = store.acknowledgements()?;
    if let Some(date) = as_at {
        acknowledgements.retain(|a| a.acknowledged_on <= date);
    }
    let context = ExportContext {
        acknowledgements,
        public_authority: store.is_public_authority()?,
        today: as_at,
        log_head: Some(log_head.clone()),
        ..ExportContext::default()
    };
    let mut texts = NoticeTexts { template: store.notice_template()?, ..NoticeTexts::default() };
    for service in &register.services {
        texts.extra.insert(service.id, store.notice_extra(service.id)?);
    }
    let day = context.today(options);
    let header = PackHeader {
        organisation: register.organisation.controller.name.clone(),
        as_at: day,
        log_head: Some(log_head.to_string()),
    };
    let files = audit_pack::build(&register, &context, options, &texts, &header)?;
    audit_pack::write_pack(out, &files)?;
    Ok(PackSummary { files: files.len(), as_at: day })
}
