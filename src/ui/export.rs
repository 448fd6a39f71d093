//! The Export page: choose a format, a scope and a file, then write it on a worker
//! thread with a progress bar and a Cancel button.
//!
//! Exports never write to the store, so the page starts the worker itself; the core
//! writes the file atomically, so a failed or cancelled export leaves nothing
//! half-written.

use crate::ui::dialog_keys::enter_confirms;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use ropa::export::{self, Format, Options, Scope};
use ropa::model::{Date, Register, ServiceId};

use super::app::{Command, Session};
use super::as_at::AsAtRegister;
use super::file_dialog::FilePurpose;

/// What the page can write: the core's formats and the JSON register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A CSV or PDF layout written by `ropa::export`.
    Core(Format),
    /// The whole register as versioned JSON (`ropa::import::json::to_json`).
    Json,
    /// The auditor's folder (`ropa::file_commands::write_audit_pack`): every
    /// export, the notices, the flow maps and a SHA-256 manifest.
    AuditPack,
    /// A review round (`ropa::file_commands::write_review_round`): a folder of
    /// review packs, one per service with activities, each recorded as sent.
    ReviewRound,
}

impl ExportFormat {
    /// Every format, in the order offered.
    pub const ALL: [Self; 13] = [
        Self::Core(Format::IcoCsv),
        Self::Core(Format::IcoXlsx),
        Self::Core(Format::ProcessorCsv),
        Self::Core(Format::LinksCsv),
        Self::Core(Format::AssetsCsv),
        Self::Core(Format::DpiasCsv),
        Self::Core(Format::FullCsv),
        Self::Core(Format::Pdf),
        Self::Core(Format::PdfTable),
        Self::Json,
        Self::Core(Format::PublicHtml),
        Self::AuditPack,
        Self::ReviewRound,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Core(format) => format.label(),
            Self::Json => "Register for backup or exchange (JSON)",
            Self::AuditPack => {
                "Audit pack for the ICO (a folder: every export, notices, flow maps, manifest)"
            }
            Self::ReviewRound => {
                "Review round: a pack for each service's owner (a folder; each recorded as sent, due back in 28 days)"
            }
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Core(format) => format.extension(),
            Self::Json => "json",
            Self::AuditPack | Self::ReviewRound => "",
        }
    }

    /// A short name for file names, e.g. "ico-csv".
    fn code(self) -> &'static str {
        match self {
            Self::Core(format) => format.code(),
            Self::Json => "json",
            Self::AuditPack => "audit-pack",
            Self::ReviewRound => "review-round",
        }
    }

    /// Whether the export is a new folder rather than a file.
    pub fn writes_folder(self) -> bool {
        match self {
            Self::Core(format) => format.writes_folder(),
            Self::Json => false,
            Self::AuditPack | Self::ReviewRound => true,
        }
    }

    /// Whether the export covers the whole register whatever scope is chosen.
    fn is_whole_register(self) -> bool {
        matches!(self, Self::AuditPack | Self::ReviewRound)
    }

    /// Whether the file is CSV, so a byte order mark applies.
    fn is_csv(self) -> bool {
        self.extension() == "csv"
    }
}

/// Which activities the export covers, as chosen on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeChoice {
    /// The whole register.
    Whole,
    /// One service.
    Service(ServiceId),
    /// The activities the Register page currently shows.
    CurrentFilter,
}

/// A message from the export worker.
#[derive(Debug)]
enum Message {
    /// `done` of `total` steps are finished.
    Progress { done: usize, total: usize },
    /// The export ended.
    Finished(ropa::Result<()>),
}

/// An export running on its worker thread.
#[derive(Debug)]
pub struct RunningExport {
    receiver: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    path: PathBuf,
    activities: usize,
    done: usize,
    total: usize,
}

impl RunningExport {
    /// The share finished, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 { 0.0 } else { self.done as f32 / self.total as f32 }
    }
}

/// How the last export ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// The file was written.
    Written {
        /// The file.
        path: PathBuf,
        /// How many activities it holds.
        activities: usize,
    },
    /// The export failed or was cancelled; the message says why.
    Failed(String),
}

/// The Export page's state.
#[derive(Debug)]
pub struct ExportPage {
    /// The format chosen.
    pub format: ExportFormat,
    /// The scope chosen.
    pub scope: ScopeChoice,
    /// Export the register as at the day shown on the Register page, when one is
    /// shown, rather than today's.
    pub as_at: bool,
    /// Whether CSV files start with a UTF-8 byte order mark.
    pub bom: bool,
    /// The file to write, as typed or chosen.
    pub destination: String,
    /// The export under way.
    pub running: Option<RunningExport>,
    /// How the last export ended.
    pub outcome: Option<ExportOutcome>,
    /// Why the folder could not be opened, if it could not.
    pub folder_problem: Option<String>,
    /// The existing file an export would replace, while the user is asked first.
    pub confirm_replace: Option<PathBuf>,
    /// Whether the export under way (or just ended) is a review round.
    round_started: bool,
}

impl Default for ExportPage {
    fn default() -> Self {
        Self {
            format: ExportFormat::Core(Format::IcoCsv),
            scope: ScopeChoice::Whole,
            as_at: true,
            bom: true,
            destination: String::new(),
            running: None,
            outcome: None,
            folder_problem: None,
            confirm_replace: None,
            round_started: false,
        }
    }
}

impl ExportPage {
    /// A file name for the export: organisation, layout and date, e.g.
    /// "northshire-council-ico-csv-2026-11-22.csv", or
    /// "northshire-council-ico-csv-as-at-2026-03-31.csv" for the register `as_at` a
    /// past day (when that register is the one chosen).
    pub fn suggested_name(&self, register: &Register, today: Date, as_at: Option<&AsAtRegister>) -> String {
        let organisation = slug(&register.organisation.controller.name);
        let organisation = if organisation.is_empty() { "register".to_owned() } else { organisation };
        let date = match as_at.filter(|_| self.as_at) {
            Some(shown) => format!("as-at-{}", shown.date),
            None => today.to_string(),
        };
        let name = format!("{organisation}-{}-{date}", self.format.code());
        if self.format.writes_folder() { name } else { format!("{name}.{}", self.format.extension()) }
    }

    /// Makes the destination's file name follow a change of format from `old`:
    /// the format's code in the name and the extension are changed, so a PDF is
    /// never written under the name of the CSV just exported.
    pub fn follow_format(&mut self, old: ExportFormat) {
        let new = self.format;
        let trimmed = self.destination.trim();
        if old == new || trimmed.is_empty() {
            return;
        }
        let path = Path::new(trimmed);
        let Some(name) = path.file_name().map(|name| name.to_string_lossy().into_owned()) else {
            return;
        };
        let renamed = renamed_for(&name, old, new);
        self.destination = path.with_file_name(renamed).display().to_string();
    }

    /// Sets the destination to `path` (from the file dialog).
    pub fn set_destination(&mut self, path: &Path) {
        self.destination = path.display().to_string();
    }

    /// Whether an export is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Takes the worker's news; called every frame while an export runs.
    fn poll(&mut self) {
        let Some(running) = &mut self.running else {
            return;
        };
        loop {
            match running.receiver.try_recv() {
                Ok(Message::Progress { done, total }) => {
                    running.done = done;
                    running.total = total;
                }
                Ok(Message::Finished(result)) => {
                    let (path, activities) = (running.path.clone(), running.activities);
                    self.running = None;
                    self.outcome = Some(match result {
                        Ok(()) => ExportOutcome::Written { path, activities },
                        Err(error) => ExportOutcome::Failed(error.to_string()),
                    });
                    return;
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    self.outcome = Some(ExportOutcome::Failed(
                        "The export stopped unexpectedly; no file was written.".to_owned(),
                    ));
                    return;
                }
            }
        }
    }

    /// Starts the export on a worker thread: of `session`'s register, or of the
    /// register `as_at` a past day when one is shown and chosen.
    fn start(&mut self, session: &Session, as_at: Option<&AsAtRegister>) {
        let path = PathBuf::from(self.destination.trim());
        let as_at = as_at.filter(|_| self.as_at);
        if self.format == ExportFormat::AuditPack {
            self.start_audit_pack(session, as_at.map(|shown| shown.date), path);
            return;
        }
        if self.format == ExportFormat::ReviewRound {
            self.start_review_round(session, path);
            return;
        }
        let (source, view) = match as_at {
            Some(shown) => (&shown.register, &shown.view),
            None => (&*session.register, &session.view),
        };
        let scope = match self.scope {
            ScopeChoice::Whole => Scope::Whole,
            ScopeChoice::Service(id) => Scope::Service(id),
            ScopeChoice::CurrentFilter => {
                Scope::Activities(view.visible_rows().map(|row| row.activity_id).collect())
            }
        };
        let register = scope.apply(source);
        let activities = register.activities.len();
        let options = Options { bom: self.bom && self.format.is_csv(), generated_at: now() };
        // Read once when the export starts, so acknowledged findings print as such.
        // The head read with the session's register, in one transaction; as at a
        // day, the head of that day, as an export made then carried.
        let log_head = match as_at {
            Some(shown) => session.store.log_head_as_at(shown.date).map(Some),
            None => Ok(session.log_head.clone()),
        };
        let context = match (session.store.acknowledgements(), session.store.is_public_authority(), log_head)
        {
            (Ok(mut acknowledgements), Ok(public_authority), Ok(log_head)) => {
                // As at a day, the checks take that day as today and know only the
                // acknowledgements made by then (as `ropa export --as-at` does).
                let today = as_at.map(|shown| shown.date);
                ropa::model::acknowledgements_as_at(&mut acknowledgements, today);
                export::ExportContext {
                    acknowledgements,
                    public_authority,
                    today,
                    log_head,
                    ..export::ExportContext::default()
                }
            }
            (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                self.outcome = Some(ExportOutcome::Failed(error.to_string()));
                return;
            }
        };
        let (sender, receiver) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let format = self.format;
        let worker_cancel = Arc::clone(&cancel);
        let worker_path = path.clone();
        std::thread::spawn(move || {
            let result =
                run_export(&register, &context, format, &options, &worker_path, &sender, &worker_cancel);
            let _ignored_if_page_gone = sender.send(Message::Finished(result));
        });
        self.outcome = None;
        self.folder_problem = None;
        self.running =
            Some(RunningExport { receiver, cancel, path, activities, done: 0, total: activities.max(1) });
    }
}

impl ExportPage {
    /// Starts a review round of the register's file on a worker thread, sent
    /// today (never as at a past day): as `ropa review-pack --all` does.
    fn start_review_round(&mut self, session: &Session, path: PathBuf) {
        let today = now().date();
        let started =
            self.start_from_file(session, path, "A review round is recorded in", move |db, path| {
                ropa::file_commands::write_review_round(db, path, today, None).map(|_| ())
            });
        self.round_started = started;
    }

    /// Whether a review round was written since last asked (the Reviews page
    /// then reads the packs sent again).
    pub fn take_round_written(&mut self) -> bool {
        let written = self.round_started
            && self.running.is_none()
            && matches!(self.outcome, Some(ExportOutcome::Written { .. }));
        if self.running.is_none() {
            self.round_started = false;
        }
        written
    }

    /// Starts the audit pack of the register's file on a worker thread: it reads
    /// the file itself (notice texts, acknowledgements, the log head), as
    /// `ropa audit-pack` does.
    fn start_audit_pack(&mut self, session: &Session, as_at: Option<Date>, path: PathBuf) {
        let options = Options { bom: false, generated_at: now() };
        self.start_from_file(session, path, "The audit pack is written from", move |db, path| {
            ropa::file_commands::write_audit_pack(db, path, as_at, &options).map(|_| ())
        });
    }

    /// Runs `write(register file, path)` on a worker thread, as the export
    /// under way; when the register has no file, says so (`needs_file` opens
    /// the sentence) and starts nothing. Returns whether it started.
    fn start_from_file(
        &mut self,
        session: &Session,
        path: PathBuf,
        needs_file: &str,
        write: impl FnOnce(&Path, &Path) -> ropa::Result<()> + Send + 'static,
    ) -> bool {
        let Some(db) = session.store.path().map(Path::to_path_buf) else {
            self.outcome = Some(ExportOutcome::Failed(format!(
                "{needs_file} a register file; save a copy of this register first (File > Save a copy…)."
            )));
            return false;
        };
        let (sender, receiver) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_path = path.clone();
        std::thread::spawn(move || {
            let result = write(&db, &worker_path);
            let _ignored_if_page_gone = sender.send(Message::Finished(result));
        });
        let activities = session.register.activities.len();
        self.outcome = None;
        self.folder_problem = None;
        self.running = Some(RunningExport { receiver, cancel, path, activities, done: 0, total: 1 });
        true
    }
}

/// Writes `register` (already scoped) as `format` to `path`, reporting progress on
/// `sender` and stopping when `cancel` is set.
fn run_export(
    register: &Register,
    context: &export::ExportContext,
    format: ExportFormat,
    options: &Options,
    path: &Path,
    sender: &Sender<Message>,
    cancel: &AtomicBool,
) -> ropa::Result<()> {
    let mut progress = |done: usize, total: usize| {
        let _ignored_if_page_gone = sender.send(Message::Progress { done, total });
        !cancel.load(Ordering::Relaxed)
    };
    match format {
        ExportFormat::Core(format) => {
            export::export_to_file_in(register, context, &Scope::Whole, format, options, path, &mut progress)
        }
        ExportFormat::AuditPack | ExportFormat::ReviewRound => Err(ropa::Error::Invalid {
            field: "Format".into(),
            message: "the audit pack and review packs are written from the register's file".into(),
        }),
        ExportFormat::Json => {
            let json = ropa::import::json::to_json(register)?;
            export::write_atomically(path, |out| {
                if !progress(0, 1) {
                    return Err(ropa::Error::ExportCancelled);
                }
                out.write_all(json.as_bytes()).map_err(|source| ropa::Error::Io {
                    action: "Writing the export",
                    path: path.to_path_buf(),
                    source,
                })?;
                if progress(1, 1) { Ok(()) } else { Err(ropa::Error::ExportCancelled) }
            })
        }
    }
}

/// `name` with `old`'s code and extension replaced by `new`'s:
/// "council-ico-csv-2026-11-22.csv" becomes "council-pdf-2026-11-22.pdf". A
/// name with no extension gets `new`'s; one with another extension the user
/// typed keeps it.
fn renamed_for(name: &str, old: ExportFormat, new: ExportFormat) -> String {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !old.writes_folder() => (stem, Some(extension)),
        _ => (name, None),
    };
    let extension = match extension {
        Some(typed) if !typed.eq_ignore_ascii_case(old.extension()) => typed.to_owned(),
        _ => new.extension().to_owned(),
    };
    let old_code = format!("-{}", old.code());
    let stem = match stem.rfind(&old_code) {
        Some(at)
            if stem[at + old_code.len()..].is_empty() || stem[at + old_code.len()..].starts_with('-') =>
        {
            format!("{}-{}{}", &stem[..at], new.code(), &stem[at + old_code.len()..])
        }
        _ => stem.to_owned(),
    };
    if new.writes_folder() || extension.is_empty() { stem } else { format!("{stem}.{extension}") }
}

/// The clock for the PDF's "generated at": local time when known, else UTC.
fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc())
}

/// `name` in lower case with runs of other characters turned into one "-".
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Opens the folder holding `path` in the system's file manager.
fn open_folder(path: &Path) -> Result<(), String> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|mut child| {
            // Reaped on a thread of its own so that no finished process lingers.
            std::thread::spawn(move || child.wait());
        })
        .map_err(|error| format!("Could not open the folder with {program} ({error}): {}", folder.display()))
}

/// Draws the Export page.
pub fn ui(
    ui: &mut egui::Ui,
    page: &mut ExportPage,
    session: &Session,
    as_at: Option<&AsAtRegister>,
    today: Date,
    commands: &mut Vec<Command>,
) {
    page.poll();
    if page.take_round_written() {
        commands.push(Command::RefreshRounds);
    }
    if page.is_running() {
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
    }
    ui.heading("Export the register");
    ui.label("Write the register, or part of it, to a file for the ICO, colleagues or a backup.");
    ui.add_space(8.0);
    ui.add_enabled_ui(!page.is_running(), |ui| {
        egui::Grid::new("export-choices").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
            format_ui(ui, page);
            if let Some(shown) = as_at {
                source_ui(ui, page, shown);
            }
            scope_ui(ui, page, session);
            let suggested = page.suggested_name(&session.register, today, as_at);
            destination_ui(ui, page, &suggested, commands);
        });
    });
    ui.add_space(10.0);
    run_ui(ui, page, session, as_at);
    ui.add_space(10.0);
    outcome_ui(ui, page);
}

fn format_ui(ui: &mut egui::Ui, page: &mut ExportPage) {
    ui.label("Format");
    ui.vertical(|ui| {
        let before = page.format;
        for format in ExportFormat::ALL {
            ui.radio_value(&mut page.format, format, format.label());
        }
        page.follow_format(before);
        ui.add_enabled_ui(page.format.is_csv(), |ui| {
            ui.checkbox(&mut page.bom, "Start the CSV with a byte order mark (for older Excel)");
        });
    });
    ui.end_row();
}

/// Today's register or the one shown as at a past day.
fn source_ui(ui: &mut egui::Ui, page: &mut ExportPage, shown: &AsAtRegister) {
    ui.label("Register");
    ui.vertical(|ui| {
        let then = format!(
            "As at the end of {} ({} activities then; shown on the Register page)",
            ropa::model::format_date(shown.date),
            shown.view.total()
        );
        ui.radio_value(&mut page.as_at, true, then)
            .on_hover_text("The register rebuilt from the change log; checks take that day as today.");
        ui.radio_value(&mut page.as_at, false, "Today's register");
    });
    ui.end_row();
}

fn scope_ui(ui: &mut egui::Ui, page: &mut ExportPage, session: &Session) {
    ui.label("Activities");
    if page.format.is_whole_register() {
        ui.label(if page.format == ExportFormat::ReviewRound {
            format!(
                "Every service with activities ({} activities): each gets its own pack, and the round is written whole or not at all",
                session.view.total()
            )
        } else {
            format!("The whole register ({} activities): an audit pack is never partial", session.view.total())
        });
        ui.end_row();
        return;
    }
    ui.vertical(|ui| {
        ui.radio_value(
            &mut page.scope,
            ScopeChoice::Whole,
            format!("The whole register ({} activities)", session.view.total()),
        );
        ui.radio_value(
            &mut page.scope,
            ScopeChoice::CurrentFilter,
            format!("As filtered on the Register page ({} activities)", session.view.visible_len()),
        );
        ui.horizontal(|ui| {
            let first = session.register.services.first().map(|service| service.id);
            let is_service = matches!(page.scope, ScopeChoice::Service(_));
            if ui.radio(is_service, "One service:").clicked()
                && !is_service
                && let Some(id) = first
            {
                page.scope = ScopeChoice::Service(id);
            }
            let chosen = match page.scope {
                ScopeChoice::Service(id) => session.register.service_name(id).to_owned(),
                _ => "Choose a service".to_owned(),
            };
            egui::ComboBox::from_id_salt("export-service")
                .selected_text(chosen)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for service in &session.register.services {
                        let id = ScopeChoice::Service(service.id);
                        ui.selectable_value(&mut page.scope, id, &service.fields.name);
                    }
                })
                .response
                .accessible_name("Service to export");
        });
    });
    ui.end_row();
}

fn destination_ui(ui: &mut egui::Ui, page: &mut ExportPage, suggested: &str, commands: &mut Vec<Command>) {
    ui.label("Save to");
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut page.destination).hint_text(suggested).desired_width(520.0))
            .accessible_name("Destination file");
        if ui.button("Choose…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::Export));
        }
    });
    ui.end_row();
}

fn run_ui(ui: &mut egui::Ui, page: &mut ExportPage, session: &Session, as_at: Option<&AsAtRegister>) {
    if let Some(running) = &page.running {
        ui.horizontal(|ui| {
            let text = format!("{} of {}", running.done, running.total);
            ui.add(egui::ProgressBar::new(running.fraction()).text(text).desired_width(420.0));
            if ui.button("Cancel").clicked() {
                running.cancel.store(true, Ordering::Relaxed);
            }
        });
        ui.weak(format!("Writing {}", running.path.display()));
        return;
    }
    let reason = if page.destination.trim().is_empty() {
        Some("Choose where to save the file first.")
    } else if !Path::new(page.destination.trim()).is_absolute() {
        Some("Type the file's full path (starting from a folder), or use Choose….")
    } else if page.scope == ScopeChoice::CurrentFilter && session.view.visible_len() == 0 {
        Some("The Register page's filter shows no activities.")
    } else {
        None
    };
    let button = egui::Button::new("Export").min_size(egui::vec2(120.0, 28.0));
    let response = ui.add_enabled(reason.is_none(), button);
    if let Some(reason) = reason {
        ui.weak(reason);
    }
    if page.format.writes_folder() {
        ui.weak("Writes a new folder at this path, whole or not at all; it must not exist yet.");
    }
    if response.clicked() {
        let path = PathBuf::from(page.destination.trim());
        if page.format.writes_folder() && std::fs::symlink_metadata(&path).is_ok() {
            page.outcome = Some(ExportOutcome::Failed(format!(
                "{} already exists; a folder export is written only as a new folder. Choose a new name.",
                path.display()
            )));
        } else if path.exists() {
            page.confirm_replace = Some(path);
        } else {
            page.start(session, as_at);
        }
    }
    if replace_prompt_ui(ui, page) {
        page.start(session, as_at);
    }
}

/// Asks before an export replaces an existing file; Enter replaces it, Escape
/// cancels. Returns whether the user chose to replace it.
fn replace_prompt_ui(ui: &mut egui::Ui, page: &mut ExportPage) -> bool {
    let Some(path) = &page.confirm_replace else {
        return false;
    };
    let mut replace = false;
    let mut cancel = false;
    let id = egui::Id::unique("export-replace");
    let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
        ui.set_max_width(480.0);
        let name = path.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        ui.heading(format!("Replace \"{name}\"?"));
        ui.add(
            egui::Label::new(format!(
                "A file with this name already exists. Replacing it overwrites what it holds:\n{}",
                path.display()
            ))
            .wrap(),
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            replace = ui.button("Replace").clicked();
            cancel = ui.button("Cancel").clicked();
        });
        replace |= enter_confirms(ui, id);
    });
    if cancel || modal.should_close() {
        page.confirm_replace = None;
        return false;
    }
    if replace {
        page.confirm_replace = None;
    }
    replace
}

fn outcome_ui(ui: &mut egui::Ui, page: &mut ExportPage) {
    let Some(outcome) = &page.outcome else {
        return;
    };
    match outcome {
        ExportOutcome::Written { path, activities } => {
            ui.label(format!("Exported {activities} activities to:"));
            ui.monospace(path.display().to_string());
            if ui.button("Open folder").clicked() {
                page.folder_problem = open_folder(path).err();
            }
        }
        ExportOutcome::Failed(message) => {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }
    if let Some(problem) = &page.folder_problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_follow_the_format() {
        let (ico, pdf, json) =
            (ExportFormat::Core(Format::IcoCsv), ExportFormat::Core(Format::Pdf), ExportFormat::Json);
        let table = ExportFormat::Core(Format::PdfTable);
        let check = |name: &str, old, new, expected: &str| {
            assert_eq!(renamed_for(name, old, new), expected, "{name}")
        };
        check("council-ico-csv-2026-11-22.csv", ico, pdf, "council-pdf-2026-11-22.pdf");
        check("council-pdf-2026-11-22.pdf", pdf, table, "council-pdf-table-2026-11-22.pdf");
        check("council-pdf-table-2026-11-22.pdf", table, pdf, "council-pdf-2026-11-22.pdf");
        check("council-ico-csv-as-at-2026-03-31.csv", ico, json, "council-json-as-at-2026-03-31.json");
        check("for the auditor.CSV", ico, pdf, "for the auditor.pdf");
        check("register", ico, pdf, "register.pdf");
        check("filtered.json", ico, json, "filtered.json");
        check("register-table.pdf", ico, table, "register-table.pdf");
        check("notes.txt", ico, pdf, "notes.txt");
        check(".csv", ico, pdf, ".csv.pdf");
        check("ropa-ico-csv.csv", ico, json, "ropa-json.json");
    }

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(slug("  Northshire County Council (ICO: Z123) "), "northshire-county-council-ico-z123");
        assert_eq!(slug("—"), "");
    }
}
