//! The Import page (File > Import…): pick a file and its layout, read it on a worker
//! thread into a [`Plan`], and preview what it will create, the parties it matched,
//! the rejected rows and the warnings before anything is written.
//!
//! Nothing here writes: "Import" pushes [`Command::ApplyImport`], which applies the
//! plan in one transaction.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use ropa::file_commands::ImportFile;
use ropa::import::detect::Layout;
use ropa::import::mapping::{Basis, ColumnMapping, MappingInput, Proposal, Target};
use ropa::import::preview::Preview;
use ropa::import::{self, Issue, Plan};
use ropa::model::Register;

use super::app::Command;
use super::file_dialog::FilePurpose;
use super::pack_review::PackReview;

/// The layouts a file can be read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportLayout {
    /// Told from the file's content.
    Detect,
    /// The ICO documentation template saved as CSV.
    IcoCsv,
    /// The ICO documentation template as a workbook (xlsx, xls, ods).
    Workbook,
    /// The full CSV written by this app's export.
    FullCsv,
    /// The JSON register written by this app.
    Json,
}

impl ImportLayout {
    /// Every layout, in the order offered.
    pub const ALL: [Self; 5] = [Self::Detect, Self::IcoCsv, Self::Workbook, Self::FullCsv, Self::Json];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Detect => "Tell from the file",
            Self::IcoCsv => "ICO documentation template (CSV)",
            Self::Workbook => "ICO documentation template (Excel or LibreOffice workbook)",
            Self::FullCsv => "Full register exported by ROPA Register (CSV)",
            Self::Json => "Register exported by ROPA Register (JSON)",
        }
    }

    /// The layout a file name suggests, if any.
    fn guess(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        match extension.as_str() {
            "json" => Some(Self::Json),
            "xlsx" | "xls" | "ods" | "xlsm" => Some(Self::Workbook),
            _ => None,
        }
    }
}

/// The Import page's state.
#[derive(Debug)]
pub struct ImportPage {
    /// The layout chosen.
    pub layout: ImportLayout,
    /// The file to read, as typed or chosen.
    pub file: String,
    /// The read under way.
    reading: Option<Receiver<ropa::Result<Read>>>,
    /// The field each heading fills, as proposed and then chosen (spreadsheets only).
    pub proposals: Vec<Proposal>,
    /// The officer's choices, sent with the next read.
    pub given: ColumnMapping,
    /// Whether the officer confirmed a mapping that holds guesses.
    pub mapping_confirmed: bool,
    /// The plan read, shown as a preview.
    pub preview: Option<Plan>,
    /// What the plan will write, item by item, against the register it was read for.
    pub preview_of: Option<Preview>,
    /// Whether the user accepts leaving the rejected rows out.
    pub skip_rejected: bool,
    /// A returned review pack read, its changes to accept or reject.
    pub pack: Option<PackReview>,
    /// Why the file could not be read or the plan not applied.
    pub problem: Option<String>,
    /// What the last import created.
    pub created: Option<String>,
    /// The names of the activities the last import created.
    pub created_activities: Vec<String>,
    /// The register's file, beside which column mappings are remembered
    /// (`None` for a register in memory).
    register_path: Option<PathBuf>,
}

impl Default for ImportPage {
    fn default() -> Self {
        Self {
            layout: ImportLayout::Detect,
            file: String::new(),
            reading: None,
            proposals: Vec::new(),
            given: ColumnMapping::default(),
            mapping_confirmed: false,
            preview: None,
            preview_of: None,
            skip_rejected: false,
            pack: None,
            problem: None,
            created: None,
            created_activities: Vec::new(),
            register_path: None,
        }
    }
}

impl ImportPage {
    /// Chooses `path` (from the file dialog) and reads it.
    pub fn choose(&mut self, path: &Path, register: &Register) {
        self.file = path.display().to_string();
        self.given = ColumnMapping::default();
        if let Some(layout) = ImportLayout::guess(path) {
            self.layout = layout;
        }
        self.read(register);
    }

    /// Sets the register's file, beside which mappings are remembered.
    pub fn set_register_path(&mut self, path: Option<&Path>) {
        if self.register_path.as_deref() != path {
            self.register_path = path.map(Path::to_path_buf);
        }
    }

    /// Remembers the mapping of the previewed read beside the register, as
    /// `ropa import` does, when its layout is not simply the ICO template's:
    /// the file written, or `None` when there is nothing to remember.
    pub fn remember_mapping(&self) -> ropa::Result<Option<PathBuf>> {
        let Some(register) = &self.register_path else { return Ok(None) };
        if !ropa::import::mapping::is_own_layout(&self.proposals) {
            return Ok(None);
        }
        ropa::file_commands::remember_mapping(register, ColumnMapping::of(&self.proposals)).map(Some)
    }

    /// Drops what was read (a preview or a returned pack) and any problem shown.
    pub fn discard(&mut self) {
        self.preview = None;
        self.preview_of = None;
        self.pack = None;
        self.problem = None;
        self.skip_rejected = false;
    }

    /// Whether a file is being read.
    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// Starts reading the chosen file against `register` on a worker thread.
    pub fn read(&mut self, register: &Register) {
        let path = PathBuf::from(self.file.trim());
        let layout = self.layout;
        let register = register.clone();
        let given = self.given.clone();
        let register_path = self.register_path.clone();
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let read = read_plan(&path, layout, &register, &given, register_path.as_deref());
            let _ignored_if_page_gone = sender.send(read);
        });
        self.proposals.clear();
        self.mapping_confirmed = false;
        self.reading = Some(receiver);
        self.preview = None;
        self.preview_of = None;
        self.pack = None;
        self.problem = None;
        self.created = None;
        self.created_activities.clear();
        self.skip_rejected = false;
    }

    /// Records that the plan was applied.
    pub fn applied(&mut self, plan: &Plan) {
        let mut text = created_text(plan);
        if let Some(preview) = &self.preview_of
            && !preview.organisation.is_empty()
        {
            text.push_str(&format!(
                " Organisation details taken from the file: {}.",
                preview.organisation.join("; ")
            ));
        }
        self.created = Some(text);
        // The choices were for that read; the next read proposes what is now remembered.
        self.given = ColumnMapping::default();
        self.preview_of = None;
        self.created_activities = plan.activities.iter().map(|a| a.fields.name.clone()).collect();
        self.preview = None;
        self.problem = None;
        self.skip_rejected = false;
    }

    /// Records that applying the plan failed; the preview stays.
    pub fn failed(&mut self, error: &ropa::Error) {
        self.problem = Some(format!("Nothing was imported: {error}"));
    }

    fn poll(&mut self, register: &Register) {
        let Some(receiver) = &self.reading else {
            return;
        };
        let result = match receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(ropa::Error::Import {
                file: self.file.clone(),
                message: "reading stopped unexpectedly".to_owned(),
            }),
        };
        self.reading = None;
        match result {
            Ok(Read { pack: Some(pack), .. }) => self.pack = Some(PackReview::new(pack)),
            Ok(Read { plan, proposals, pack: None }) => {
                self.preview_of = Some(Preview::of(&plan, register));
                self.preview = Some(plan);
                self.proposals = proposals;
            }
            Err(error) => self.problem = Some(error.to_string()),
        }
    }

    /// Why "Import" cannot be clicked, if it cannot.
    fn blocked_because(&self, plan: &Plan) -> Option<String> {
        if !plan.report.rejected.is_empty() && !self.skip_rejected {
            let rows = match plan.report.rejected.len() {
                1 => "1 row is".to_owned(),
                n => format!("{n} rows are"),
            };
            Some(format!(
                "{rows} rejected: fix the file and read it again, or tick \"Skip the rejected rows\"."
            ))
        } else if self.needs_confirming() && !self.mapping_confirmed {
            Some("Some columns were mapped by guess: check the field of each heading above, then tick \"The column mapping is right\".".to_owned())
        } else if plan.activities.is_empty() && plan.organisation.is_none() {
            Some("The file holds nothing new to import.".to_owned())
        } else {
            None
        }
    }
}

impl ImportPage {
    /// Whether some heading's field was guessed and not yet chosen.
    pub fn needs_confirming(&self) -> bool {
        self.proposals.iter().any(|p| p.basis == Basis::Guessed)
    }

    /// Sets the field of the heading in column `index` and reads the file again
    /// with every heading as now shown.
    pub fn choose_field(&mut self, index: usize, target: Target, register: &Register) {
        for proposal in self.proposals.iter_mut().filter(|p| p.index == index) {
            proposal.target = target;
            proposal.basis = Basis::Given;
        }
        self.given = ColumnMapping::of(&self.proposals);
        self.read(register);
    }
}

/// What a read gives: the plan and, for spreadsheets, the mapping of its headings.
#[derive(Debug)]
pub struct Read {
    plan: Plan,
    proposals: Vec<Proposal>,
    /// A service owner's returned review pack, read as proposed changes instead.
    pack: Option<ropa::review_pack::Proposal>,
}

impl From<Plan> for Read {
    fn from(plan: Plan) -> Self {
        Self { plan, proposals: Vec::new(), pack: None }
    }
}

/// Reads the file at `path` as `layout` into a plan against `register`, the
/// spreadsheets through the column mapping `given` completes, then the one
/// remembered beside the register at `register_path` for the same headings.
/// Every error names the file.
fn read_plan(
    path: &Path,
    layout: ImportLayout,
    register: &Register,
    given: &ColumnMapping,
    register_path: Option<&Path>,
) -> ropa::Result<Read> {
    let memory = match register_path {
        Some(register_path) => ropa::file_commands::remembered_mappings(register_path)?,
        None => ropa::import::mapping::Memory::default(),
    };
    let input = MappingInput { given: (!given.is_empty()).then_some(given), memory: Some(&memory) };
    let layout = match layout {
        ImportLayout::Detect => None,
        ImportLayout::IcoCsv => Some(Layout::IcoCsv),
        ImportLayout::Workbook => Some(Layout::Workbook),
        ImportLayout::FullCsv => Some(Layout::FullCsv),
        ImportLayout::Json => Some(Layout::Json),
    };
    match ropa::file_commands::read_import_file(path, register, layout, input)? {
        ImportFile::ReviewPack(bytes) => {
            let file = path.display().to_string();
            let returned = ropa::review_pack::read_pack(&bytes, &file)?;
            let pack = ropa::review_pack::propose(register, &returned, &file)?;
            Ok(Read { plan: Plan::default(), proposals: Vec::new(), pack: Some(pack) })
        }
        ImportFile::Plan(planned) => {
            let proposals = planned.mapped.map(|mapped| mapped.proposals).unwrap_or_default();
            Ok(Read { plan: planned.plan, proposals, pack: None })
        }
    }
}

/// "Created 3 activities, 1 service, ..." for the message after an import.
fn created_text(plan: &Plan) -> String {
    let text = format!(
        "Imported {} activities, {} new services, {} new parties, {} agreements and {} links.",
        plan.activities.len(),
        plan.services.len(),
        plan.parties.len(),
        plan.agreements.len(),
        plan.link_count()
    );
    text
}

/// Draws the Import page.
pub fn ui(ui: &mut egui::Ui, page: &mut ImportPage, register: &Register, commands: &mut Vec<Command>) {
    page.poll(register);
    if page.is_reading() {
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
    }
    ui.heading("Import activities");
    ui.label("Add activities from a spreadsheet or another register. You see a preview first; nothing is written until you click Import.");
    ui.add_space(8.0);
    ui.add_enabled_ui(!page.is_reading(), |ui| choose_ui(ui, page, register, commands));
    ui.add_space(8.0);
    if page.is_reading() {
        ui.label("Reading the file…");
    }
    if let Some(created) = &page.created {
        ui.label(egui::RichText::new(created).strong());
        egui::ScrollArea::vertical().max_height(300.0).auto_shrink([false, true]).show(ui, |ui| {
            for name in &page.created_activities {
                ui.label(format!("• {name}"));
            }
        });
    }
    if let Some(problem) = &page.problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    if page.preview.is_some() {
        ui.separator();
        mapping_ui(ui, page, register);
        preview_ui(ui, page, commands);
    }
    let reviewing = page.pack.is_some();
    super::pack_review::ui(ui, &mut page.pack, commands);
    if reviewing && page.pack.is_none() {
        page.problem = None; // Cancelled: its problem goes with it.
    }
}

fn choose_ui(ui: &mut egui::Ui, page: &mut ImportPage, register: &Register, commands: &mut Vec<Command>) {
    egui::Grid::new("import-choices").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
        ui.label("File");
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut page.file).desired_width(520.0))
                .accessible_name("File to import");
            if ui.button("Choose…").clicked() {
                commands.push(Command::ChooseFile(FilePurpose::Import));
            }
        });
        ui.end_row();
        ui.label("Layout");
        ui.vertical(|ui| {
            for layout in ImportLayout::ALL {
                ui.radio_value(&mut page.layout, layout, layout.label());
            }
        });
        ui.end_row();
    });
    let ready = !page.file.trim().is_empty();
    if ui.add_enabled(ready, egui::Button::new("Read and preview")).clicked() {
        page.read(register);
    }
}

fn preview_ui(ui: &mut egui::Ui, page: &mut ImportPage, commands: &mut Vec<Command>) {
    let Some(plan) = &page.preview else {
        return;
    };
    ui.heading("Preview");
    // Worked out once per read: the summary counts the DPIAs the plan makes.
    let summary = page.preview_of.as_ref().map_or_else(|| plan.summary(), |p| p.summary.clone());
    ui.label(egui::RichText::new(summary).strong());
    let blocked = page.blocked_because(plan);
    let rejected = plan.report.rejected.len();
    let mut apply = false;
    let mut cancel = false;
    ui.horizontal(|ui| {
        if rejected > 0 {
            ui.checkbox(&mut page.skip_rejected, "Skip the rejected rows");
        }
        if ui.add_enabled(blocked.is_none(), egui::Button::new("Import")).clicked() {
            apply = true;
        }
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
    });
    if let Some(reason) = &blocked {
        ui.colored_label(ui.visuals().warn_fg_color, reason);
    }
    egui::ScrollArea::vertical().auto_shrink([false, true]).show(ui, |ui| {
        if let Some(preview) = &page.preview_of {
            what_lands_ui(ui, preview);
        }
        if !plan.matched_parties.is_empty() {
            ui.add_space(6.0);
            ui.strong("Parties matched to existing ones");
            egui::Grid::new("import-matched").striped(true).num_columns(2).show(ui, |ui| {
                ui.strong("In the file");
                ui.strong("In the register");
                ui.end_row();
                for (file_name, register_name) in &plan.matched_parties {
                    ui.label(file_name);
                    ui.label(register_name);
                    ui.end_row();
                }
            });
        }
        issues_ui(ui, "import-rejected", &format!("Rejected rows ({rejected})"), &plan.report.rejected);
        let warnings = &plan.report.warnings;
        issues_ui(ui, "import-warnings", &format!("Warnings ({})", warnings.len()), warnings);
    });
    if apply {
        commands.push(Command::ApplyImport(Box::new(plan.clone())));
    }
    if cancel {
        page.preview = None;
        page.skip_rejected = false;
    }
}

/// The field each heading fills, with a chooser per heading; a change reads the
/// file again so that the preview below shows what the chosen mapping writes.
fn mapping_ui(ui: &mut egui::Ui, page: &mut ImportPage, register: &Register) {
    let template_heading = |p: &Proposal| matches!(p.target, Target::Column(c) if import::text::name_key(c.heading()) == import::text::name_key(&p.heading));
    if page.proposals.iter().all(|p| p.basis == Basis::Known && template_heading(p)) {
        return;
    }
    ui.heading("Column mapping");
    ui.label("The field each column of the sheet fills. Columns left as a note are kept in each activity's description as \"Heading: value\".");
    let mut chosen = None;
    egui::Grid::new("import-mapping").striped(true).num_columns(4).show(ui, |ui| {
        for title in ["Column", "Heading", "Field", "Why"] {
            ui.strong(title);
        }
        ui.end_row();
        for proposal in &page.proposals {
            ui.label(proposal.letters());
            wrapped_cell_ui(ui, 260.0, &proposal.heading);
            let mut target = proposal.target;
            egui::ComboBox::from_id_salt(("import-field", proposal.index))
                .selected_text(target.label())
                .width(320.0)
                .height(400.0)
                .show_ui(ui, |ui| {
                    for choice in Target::all() {
                        ui.selectable_value(&mut target, choice, choice.label());
                    }
                })
                .response
                .accessible_name(format!("Field for \"{}\"", proposal.heading));
            if target != proposal.target {
                chosen = Some((proposal.index, target));
            }
            ui.label(proposal.basis.describe());
            ui.end_row();
        }
    });
    if page.needs_confirming() {
        ui.checkbox(&mut page.mapping_confirmed, "The column mapping is right");
    }
    if let Some((index, target)) = chosen {
        page.choose_field(index, target, register);
    }
    ui.separator();
}

/// What the import will write: the organisation's details, each service, party,
/// agreement and activity, new or matched, and how many links.
fn what_lands_ui(ui: &mut egui::Ui, preview: &Preview) {
    ui.add_space(6.0);
    ui.strong("Organisation details");
    if preview.organisation.is_empty() {
        ui.label("None taken from the file.");
    }
    for change in &preview.organisation {
        ui.label(format!("Taken from the file: {change}"));
    }
    ui.add_space(6.0);
    ui.strong(format!("Services ({})", preview.services.len()));
    for (name, fate) in &preview.services {
        ui.label(format!("{name}: {}", fate.describe()));
    }
    ui.add_space(6.0);
    ui.strong(format!("Parties ({})", preview.parties.len()));
    for (name, fate, kind) in &preview.parties {
        let kind = kind.as_deref().map(|k| format!(" ({k})")).unwrap_or_default();
        ui.label(format!("{name}: {}{kind}", fate.describe()));
    }
    ui.add_space(6.0);
    ui.strong(format!("Agreements ({})", preview.agreements.len()));
    for (title, kind, parties) in &preview.agreements {
        ui.label(format!("{title} ({kind}): new, {parties} parties"));
    }
    ui.add_space(6.0);
    ui.strong(format!("Information assets ({})", preview.assets.len()));
    for (name, fate, detail) in &preview.assets {
        let detail = detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        ui.label(format!("{name}: {}{detail}", fate.describe()));
    }
    ui.add_space(6.0);
    ui.strong(format!("Links ({})", preview.links));
    ui.add_space(6.0);
    ui.strong(format!("Activities ({})", preview.activities.len()));
    egui::Grid::new("import-activities").striped(true).num_columns(4).show(ui, |ui| {
        for heading in ["Row", "Activity", "Service", "Links"] {
            ui.strong(heading);
        }
        ui.end_row();
        for line in &preview.activities {
            ui.label(line.row.map_or_else(String::new, |row| row.to_string()));
            wrapped_cell_ui(ui, 360.0, &line.name);
            ui.label(format!("{} ({})", line.service, line.service_fate.describe()));
            ui.label(line.links.to_string());
            ui.end_row();
        }
    });
}

/// A table of issues: row, column, reason.
fn issues_ui(ui: &mut egui::Ui, id: &str, title: &str, issues: &[Issue]) {
    if issues.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong(title);
    egui::Grid::new(id).striped(true).num_columns(3).min_col_width(60.0).show(ui, |ui| {
        ui.strong("Row");
        ui.strong("Column");
        ui.strong("Reason");
        ui.end_row();
        for issue in issues {
            ui.label(issue.row.map_or_else(String::new, |row| row.to_string()));
            wrapped_cell_ui(ui, 260.0, issue.column.as_deref().unwrap_or_default());
            wrapped_cell_ui(ui, 640.0, &issue.message);
            ui.end_row();
        }
    });
}

/// A table cell `width` points wide whose text wraps onto more lines.
fn wrapped_cell_ui(ui: &mut egui::Ui, width: f32, text: &str) {
    ui.scope(|ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(text).wrap());
    });
}
