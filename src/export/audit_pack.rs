//! The audit pack: what an ICO auditor asks for, in one folder. The register in
//! the ICO layout, the full PDF report, the findings, the links table, the
//! information asset register, the whole
//! register as JSON, the flow maps (whole register and per service), every
//! service's privacy notice (or why it is blocked), and a `MANIFEST.txt` with each
//! file's SHA-256 in the form `sha256sum -c MANIFEST.txt` checks, followed by the
//! date and the change-log head as comment lines.
//!
//! [`build`] makes the files in memory from a [`Snapshot`] and is pure;
//! [`write_pack`] puts them on disk as a whole ([`crate::fsio::write_folder`]), so a
//! failed pack never leaves half a folder.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::public_html::service_file_stem;
use super::{ExportContext, Format, NoProgress, Options, write_in};
use crate::Result;
/// The notice texts the pack's notices are built with (kept in the model).
pub use crate::model::NoticeTexts;
use crate::model::{Date, Register, ServiceId, Snapshot, format_date};
use crate::notice;

/// One file of the pack: its path inside the folder and its bytes.
pub type PackFile = crate::fsio::FolderFile;

/// What the pack says about the register besides its files.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PackHeader {
    /// The organisation, as the cover names it.
    organisation: String,
    /// The date the register is as at (today, or the as-at date).
    as_at: Date,
    /// The change-log head, `head N:HEX`, when known.
    log_head: Option<String>,
}

/// The pack's files for `snapshot`, the manifest last: the register as the
/// snapshot holds it (now or as at its date), its acknowledgements and
/// organisation's status for the checks, its notice texts for the notices, and
/// its log head in every export that carries one and in the manifest.
pub fn build(snapshot: &Snapshot, options: &Options) -> Result<Vec<PackFile>> {
    let register = &snapshot.register;
    let context = ExportContext::of(snapshot);
    let header = PackHeader {
        organisation: register.organisation.controller.name.clone(),
        as_at: context.today(options),
        log_head: snapshot.log_head.as_ref().map(ToString::to_string),
    };
    let mut files = Vec::new();
    for (path, format) in [
        ("register-ico.csv", Format::IcoCsv),
        ("register-report.pdf", Format::Pdf),
        ("findings.csv", Format::FindingsCsv),
        ("links.csv", Format::LinksCsv),
        ("assets.csv", Format::AssetsCsv),
        ("dpias.csv", Format::DpiasCsv),
        ("register.json", Format::Json),
        ("flow-map.svg", Format::FlowSvg),
    ] {
        files.push(PackFile { path: path.into(), bytes: render(register, &context, format, options)? });
    }
    let report = context.report(register, options);
    for (index, service) in register.services.iter().enumerate() {
        let stem = service_file_stem(index, service);
        let scoped =
            ExportContext { flow_scope: crate::flows::Scope::Service(service.id), ..context.clone() };
        files.push(PackFile {
            path: format!("flow-maps/{stem}.svg"),
            bytes: render(register, &scoped, Format::FlowSvg, options)?,
        });
        files.push(notice_file(register, &report, service.id, &stem, &snapshot.notices, &context, options)?);
    }
    let manifest = manifest(&files, &header);
    files.push(PackFile { path: "MANIFEST.txt".into(), bytes: manifest.into_bytes() });
    Ok(files)
}

fn render(
    register: &Register,
    context: &ExportContext,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_in(register, context, format, options, &mut bytes, &mut NoProgress)?;
    Ok(bytes)
}

/// The service's notice as HTML, or, while error-level findings block it, a text
/// file listing them: the auditor sees either the notice or why there is none.
fn notice_file(
    register: &Register,
    report: &crate::checks::Report,
    service: ServiceId,
    stem: &str,
    texts: &NoticeTexts,
    context: &ExportContext,
    options: &Options,
) -> Result<PackFile> {
    let scope = notice::Scope::Service(service);
    let activities = notice::activities_in_scope(register, scope)?;
    let reasons = notice::block_reasons(report, register, &activities);
    if !reasons.is_empty() {
        let mut text = format!(
            "The privacy notice of {} is not in this pack: open error-level findings block it.\n\n",
            register.service_name(service)
        );
        for reason in &reasons {
            let _ = writeln!(text, "- {reason}");
        }
        return Ok(PackFile { path: format!("notices/{stem}-blocked.txt"), bytes: text.into_bytes() });
    }
    let today = context.today(options);
    let notice_options = notice::Options { today, public_authority: context.public_authority };
    let extra = texts.extra_of(service);
    let notice = notice::build(register, scope, &texts.template, &extra, notice_options)?;
    Ok(PackFile { path: format!("notices/{stem}.html"), bytes: notice::to_html(&notice).into_bytes() })
}

/// `sha256sum` lines for every file, then the pack's facts as `#` comments (which
/// `sha256sum -c` skips).
fn manifest(files: &[PackFile], header: &PackHeader) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "# ROPA Register audit pack: {}", header.organisation);
    text.push_str("# Check every file with: sha256sum -c MANIFEST.txt\n");
    for file in files {
        let digest = Sha256::digest(&file.bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(text, "{hex}  {}", file.path);
    }
    let _ = writeln!(text, "# Register as at: {}", format_date(header.as_at));
    let _ = writeln!(
        text,
        "# Law applied: UK GDPR and the DPA 2018 as in force on {}. {}",
        crate::law::long_date(header.as_at),
        crate::law::currency_note(header.as_at)
    );
    match &header.log_head {
        Some(head) => {
            let _ = writeln!(text, "# Change log: {head} (check with: ropa verify --db REGISTER --head ...)");
        }
        None => text.push_str("# Change log: head not recorded\n"),
    }
    text
}

/// Writes the pack as the new folder `out`, whole or not at all
/// ([`crate::fsio::write_folder`]); an existing `out` is refused.
pub fn write_pack(out: &Path, files: &[PackFile]) -> Result<()> {
    crate::fsio::write_folder(out, files)
}
