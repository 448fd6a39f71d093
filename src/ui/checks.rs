//! The Checks page: every finding of the compliance checks grouped by service and
//! severity, each with its message (citing the provision), the parties or items
//! it concerns and the suggested fix; a severity filter and the findings counted
//! by rule (a rule's count filters the list to it); each controller's
//! public-authority status; completeness per service; acknowledging a finding
//! with a reason, and withdrawing it. The report is built once after each change
//! ([`ChecksPage::refresh`]), never per frame. The page opens at its top.

use crate::ui::dialog_keys::enter_confirms;
use ropa::Store;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use ropa::checks::{self, Field, Finding, FindingKey, Report, RuleCount, RuleId, Severity};
use ropa::model::{ActivityId, AgreementId, Date, Register, ServiceId, format_date};

use super::app::Command;
use super::widgets::VirtualList;

/// The Checks page's state: the report, the rows listed and the acknowledgement
/// being written.
#[derive(Debug, Default)]
pub struct ChecksPage {
    /// The checks running on a worker thread after a change, until they land;
    /// the report shown until then is the one before the change.
    running: Option<Receiver<Report>>,
    /// The last run of the checks (`None` until a register is loaded), shared
    /// with each frame rather than copied.
    report: Option<Arc<Report>>,
    /// Counts drawn every frame, counted once per run.
    counts: Counts,
    /// Whether the controller is a public authority, as stored.
    public_authority: bool,
    /// The finding being acknowledged, with the reason typed so far.
    acknowledging: Option<AcknowledgeDialog>,
    /// The display name as typed (set when focus leaves the box).
    display_name: String,
    /// The display name as last set.
    stored_name: String,
    /// Which severities the officer has hidden (errors, warnings, advice).
    hidden: [bool; 3],
    /// The one rule listed, when the officer picked a rule's count.
    only_rule: Option<RuleId>,
    /// The groups (services, agreements, organisation) the officer has folded.
    folded: Vec<GroupKey>,
    /// What the scrolled list shows, one entry a row, built when the report or
    /// the filters change.
    rows: Vec<Row>,
    /// The rows' heights: only the rows in view are laid out.
    list: VirtualList,
    /// Controllers named by services, with their recorded status.
    controllers: Vec<(String, Option<bool>)>,
    /// The pass the page was last drawn in, so that it opens at its top.
    last_pass: Option<u64>,
    /// The day the register was checked as at, under the law of that day, for
    /// the as-at view: the page is then read-only. `None` for today's report.
    as_at: Option<Date>,
}

/// The counts the page and the navigation show, by severity in
/// [`Severity::ALL`]'s order.
#[derive(Debug, Clone, Default)]
struct Counts {
    open: [usize; 3],
    all: [usize; 3],
    by_rule: Vec<RuleCount>,
}

impl Counts {
    fn of(report: &Report) -> Self {
        let mut counts = Self { by_rule: report.counts_by_rule(), ..Self::default() };
        for finding in &report.findings {
            let index = severity_index(finding.severity);
            counts.all[index] += 1;
            if finding.is_open() {
                counts.open[index] += 1;
            }
        }
        counts
    }

    fn open(&self, severity: Severity) -> usize {
        self.open[severity_index(severity)]
    }
}

fn severity_index(severity: Severity) -> usize {
    Severity::ALL.iter().position(|s| *s == severity).unwrap_or(0)
}

/// A group of findings: a service's, the agreements' or the organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GroupKey {
    service: Option<ServiceId>,
    /// Whether the group is the agreements' (when `service` is `None`).
    agreements: bool,
}

impl GroupKey {
    fn of(finding: &Finding) -> Self {
        Self {
            service: finding.service_id,
            agreements: finding.service_id.is_none() && finding.agreement_id.is_some(),
        }
    }
}

/// One row of the scrolled list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    /// Completeness by service.
    Completeness,
    /// The findings counted by rule.
    ByRule,
    /// No finding at all, or none that the filters let through.
    Nothing { filtered: bool },
    /// A group's heading, with its open and listed counts.
    Group { key: GroupKey, open: usize, listed: usize },
    /// The severity heading within a group.
    Severity(Severity),
    /// The finding at this index of the report.
    Finding(usize),
}

impl Row {
    /// A first guess at the row's height, until it is drawn.
    fn estimated_height(self, report: &Report, counts: &Counts) -> f32 {
        match self {
            Self::Completeness => 40.0 + 22.0 * report.completeness.len() as f32,
            Self::ByRule => 40.0 + 22.0 * counts.by_rule.len() as f32,
            Self::Nothing { .. } | Self::Severity(_) => 22.0,
            Self::Group { .. } => 26.0,
            Self::Finding(_) => 96.0,
        }
    }
}

/// The small dialog that asks why a finding is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AcknowledgeDialog {
    key: FindingKey,
    message: String,
    reason: String,
    /// Whether the reason box has been given the keyboard focus.
    focused: bool,
}

/// Where a click on a finding leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingTarget {
    /// A field of an activity, opened in the editor.
    Activity(ActivityId, Field),
    /// An agreement, opened on the Agreements page.
    Agreement(AgreementId),
    /// The Information assets page, on the asset the finding names first.
    Asset(Option<ropa::model::AssetId>),
    /// The DPIAs page, on the DPIA the finding names first.
    Dpia(Option<ropa::model::DpiaId>),
}

impl ChecksPage {
    /// Runs the checks again over `register` with the acknowledgements and the
    /// controller's status read from `store`: on a worker thread when `worker`
    /// (the report lands in [`Self::poll`]; a run started later wins), otherwise
    /// at once.
    pub fn refresh(
        &mut self,
        store: &Store,
        register: &Arc<Register>,
        today: Date,
        worker: bool,
    ) -> ropa::Result<()> {
        self.as_at = None;
        let (acknowledgements, settings) = self.prepare(store, register, today)?;
        if !worker {
            self.running = None;
            self.install(checks::run(register, &acknowledgements, settings));
            return Ok(());
        }
        let (sender, receiver) = channel();
        let register = Arc::clone(register);
        std::thread::spawn(move || {
            let _ignored_if_a_later_run_replaced_this_one =
                sender.send(checks::run(&register, &acknowledgements, settings));
        });
        self.running = Some(receiver);
        Ok(())
    }

    /// Runs the checks, at once, over `register` as it stood at the end of
    /// `date`, with that day as today (so under the law in force that day) and
    /// only the acknowledgements made by then; the controller's status is as
    /// stored. The page is then read-only.
    pub fn refresh_as_at(&mut self, store: &Store, register: &Register, date: Date) -> ropa::Result<()> {
        self.as_at = Some(date);
        let (acknowledgements, settings) = self.prepare(store, register, date)?;
        self.running = None;
        self.install(checks::run(register, &acknowledgements, settings));
        Ok(())
    }

    /// Reads what a run needs from `store` (the acknowledgements made by the
    /// as-at day, if any) and lists the named controllers' status.
    fn prepare(
        &mut self,
        store: &Store,
        register: &Register,
        today: Date,
    ) -> ropa::Result<(Vec<ropa::model::Acknowledgement>, checks::Settings)> {
        let mut acknowledgements = store.acknowledgements()?;
        ropa::model::acknowledgements_as_at(&mut acknowledgements, self.as_at);
        self.public_authority = store.is_public_authority()?;
        let settings =
            checks::Settings { public_authority: self.public_authority, ..checks::Settings::new(today) };
        self.controllers = register
            .named_controllers()
            .into_iter()
            .map(|name| (name.to_owned(), register.controller_status(name)))
            .collect();
        Ok((acknowledgements, settings))
    }

    /// Installs the report of the checks run on a worker thread, if it has
    /// landed; returns whether it did.
    pub fn poll(&mut self) -> bool {
        let Some(receiver) = &self.running else {
            return false;
        };
        match receiver.try_recv() {
            Ok(report) => {
                self.running = None;
                self.install(report);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                false
            }
        }
    }

    /// Blocks until the checks running on a worker thread land (benchmarks and
    /// tests); returns whether a report landed.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn wait(&mut self) -> bool {
        let Some(receiver) = self.running.take() else {
            return false;
        };
        receiver.recv().map(|report| self.install(report)).is_ok()
    }

    /// Whether checks are running on a worker thread.
    pub fn is_checking(&self) -> bool {
        self.running.is_some()
    }

    fn install(&mut self, report: Report) {
        self.counts = Counts::of(&report);
        self.report = Some(Arc::new(report));
        self.list_rows();
    }

    /// Whether findings of `severity` are listed.
    fn shows(&self, severity: Severity) -> bool {
        !self.hidden.get(severity_index(severity)).copied().unwrap_or(false)
    }

    /// Whether `finding` passes the filters.
    fn lists(&self, finding: &Finding) -> bool {
        self.shows(finding.severity) && self.only_rule.is_none_or(|rule| rule == finding.rule)
    }

    /// Builds the rows of the list from the report and the filters: each group's
    /// heading, then (unless folded) its findings under their severity's heading.
    fn list_rows(&mut self) {
        let Some(report) = self.report.clone() else {
            self.rows.clear();
            self.list.reset([]);
            return;
        };
        let mut rows = vec![Row::Completeness, Row::ByRule];
        let listed: Vec<usize> =
            (0..report.findings.len()).filter(|&i| self.lists(&report.findings[i])).collect();
        if listed.is_empty() {
            rows.push(Row::Nothing { filtered: !report.findings.is_empty() });
        }
        for group in
            listed.chunk_by(|a, b| GroupKey::of(&report.findings[*a]) == GroupKey::of(&report.findings[*b]))
        {
            let key = GroupKey::of(&report.findings[group[0]]);
            let open = group.iter().filter(|i| report.findings[**i].is_open()).count();
            rows.push(Row::Group { key, open, listed: group.len() });
            if self.folded.contains(&key) {
                continue;
            }
            for severity in Severity::ALL {
                let mut of_severity =
                    group.iter().filter(|i| report.findings[**i].severity == severity).peekable();
                if of_severity.peek().is_some() {
                    rows.push(Row::Severity(severity));
                    rows.extend(of_severity.map(|i| Row::Finding(*i)));
                }
            }
        }
        self.list.reset(rows.iter().map(|row| row.estimated_height(&report, &self.counts)));
        self.rows = rows;
    }

    /// Shows `name` in the "Your name" box.
    pub fn set_display_name(&mut self, name: &str) {
        self.display_name = name.to_owned();
        self.stored_name = name.to_owned();
    }

    /// The day the report checks the register as at, if it is the as-at view's.
    #[cfg(test)]
    pub fn as_at(&self) -> Option<Date> {
        self.as_at
    }

    /// Open errors, warnings and advice, in words: "2 errors, 5 warnings, 1 advice".
    pub fn open_summary(&self) -> String {
        let [errors, warnings, advice] = self.counts.open;
        format!("{errors} errors, {warnings} warnings, {advice} advice open")
    }

    /// Open (unacknowledged) errors and warnings.
    pub fn open_counts(&self) -> (usize, usize) {
        (self.counts.open(Severity::Error), self.counts.open(Severity::Warning))
    }

    /// The open findings about activity `id`.
    pub fn open_findings_of(&self, id: ActivityId) -> Vec<Finding> {
        self.report
            .as_ref()
            .map(|report| report.for_activity(id).filter(|f| f.is_open()).cloned().collect())
            .unwrap_or_default()
    }

    /// The report, if the checks have run.
    #[cfg(test)]
    pub fn report(&self) -> Option<&Report> {
        self.report.as_deref()
    }
}

/// The colour of a severity in the theme in use (see [`super::theme::severity_color`]).
pub fn severity_color(ui: &egui::Ui, severity: Severity) -> egui::Color32 {
    super::theme::severity_color(ui.visuals(), severity)
}

/// A severity in words for one finding.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Advice => "Advice",
    }
}

/// The open errors and warnings for the navigation, coloured; nothing when clear.
/// They always count today's register; while the as-at view is shown
/// (`as_at_shown`) they say so, since the Checks page then shows that day's.
pub fn navigation_counts_ui(ui: &mut egui::Ui, page: &ChecksPage, as_at_shown: bool) {
    let (errors, warnings) = page.open_counts();
    // One count a line, never broken inside ("38 / warnings") however narrow the
    // navigation is.
    let line = |ui: &mut egui::Ui, text: egui::RichText| {
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            ui.add(egui::Label::new(text).extend());
        });
    };
    if as_at_shown {
        line(ui, egui::RichText::new("Today:").weak());
    }
    if errors == 0 && warnings == 0 {
        line(ui, egui::RichText::new("No open errors").weak());
        line(ui, egui::RichText::new("or warnings").weak());
        return;
    }
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    line(ui, egui::RichText::new(plural(errors, "error")).color(severity_color(ui, Severity::Error)));
    line(ui, egui::RichText::new(plural(warnings, "warning")).color(severity_color(ui, Severity::Warning)));
}

/// The as-at report's banner: the day, the law applied, and the way back.
fn as_at_banner_ui(ui: &mut egui::Ui, date: Date, commands: &mut Vec<Command>) {
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.linear_multiply(0.15))
        .inner_margin(egui::Margin::symmetric(8, 6))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!(
                    "Checks as at the end of {}, under the law in force that day",
                    format_date(date)
                ));
                ui.weak(ropa::law::currency_note(date));
                ui.weak(
                    "Read-only: acknowledgements made by then count; acknowledging is done on today's report.",
                );
                if ui.button("Back to today").clicked() {
                    commands.push(Command::LeaveAsAt);
                }
            });
        });
}

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, page: &mut ChecksPage, register: &Register, commands: &mut Vec<Command>) {
    let Some(report) = page.report.clone() else {
        ui.weak(if page.is_checking() { "Checking the register…" } else { "The checks have not run yet." });
        return;
    };
    let pass = ui.ctx().cumulative_pass_nr();
    let opened = page.last_pass.is_none_or(|last| last + 1 < pass);
    page.last_pass = Some(pass);
    ui.horizontal(|ui| {
        ui.heading("Checks");
        ui.weak(page.open_summary());
        if page.is_checking() {
            ui.weak("· checking the change…");
        }
    });
    if let Some(date) = page.as_at {
        as_at_banner_ui(ui, date, commands);
    } else {
        today_controls_ui(ui, page, register, commands);
    }
    list_ui(ui, page, &report, register, commands, opened);
}

/// Today's controls: the public-authority status and the name recorded.
fn today_controls_ui(
    ui: &mut egui::Ui,
    page: &mut ChecksPage,
    register: &Register,
    commands: &mut Vec<Command>,
) {
    controllers_ui(ui, page, register, commands);
    // Wrapped: a row wider than the window widens the page, and the findings
    // below would then be cut at the window's edge instead of wrapping.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Your name for the record");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut page.display_name).hint_text("optional").desired_width(200.0),
            )
            .labelled_by(label.id);
        if response.lost_focus() && page.display_name.trim() != page.stored_name {
            commands.push(Command::SetDisplayName(page.display_name.clone()));
        }
        ui.weak("Recorded with your changes, reviews and acknowledgements, after the computer's user name.");
    });
}

/// Draws the rest of the page: the filters and the list.
fn list_ui(
    ui: &mut egui::Ui,
    page: &mut ChecksPage,
    report: &Report,
    register: &Register,
    commands: &mut Vec<Command>,
    opened: bool,
) {
    let mut relist = filter_ui(ui, page);
    ui.separator();
    // Its own id, so that it never takes the scroll offset of another page's
    // area, and back at the top whenever the page is opened.
    let mut area = egui::ScrollArea::vertical().id_salt("checks-page").auto_shrink(false);
    if opened {
        area = area.vertical_scroll_offset(0.0);
    }
    let read_only = page.as_at.is_some();
    let ChecksPage { rows, list, counts, only_rule, folded, acknowledging, .. } = page;
    area.show_viewport(ui, |ui, viewport| {
        ui.set_max_width(ui.available_width().min(1000.0));
        list.show(ui, viewport, |ui, index| {
            let Some(row) = rows.get(index) else {
                return;
            };
            match *row {
                Row::Completeness => completeness_ui(ui, report),
                Row::ByRule => relist |= by_rule_ui(ui, only_rule, counts),
                Row::Nothing { filtered: false } => {
                    ui.label("No findings: every check passes.");
                }
                Row::Nothing { filtered: true } => {
                    ui.label("No findings match the filter.");
                }
                Row::Group { key, open, listed } => {
                    relist |= group_heading_ui(ui, register, key, open, listed, folded);
                }
                Row::Severity(severity) => {
                    ui.colored_label(severity_color(ui, severity), severity.heading());
                }
                Row::Finding(at) => {
                    if let Some(finding) = report.findings.get(at) {
                        finding_ui(ui, finding, read_only, acknowledging, commands);
                    }
                }
            }
        });
    });
    if relist {
        page.list_rows();
    }
    acknowledge_dialog_ui(ui, &mut page.acknowledging, commands);
}

/// The organisation's public-authority status, and each named controller's.
fn controllers_ui(ui: &mut egui::Ui, page: &ChecksPage, register: &Register, commands: &mut Vec<Command>) {
    let mut public_authority = page.public_authority;
    let own = register.organisation.controller.name.trim();
    let hover = "UK GDPR Art 6(1), last sentence: a public authority cannot rely on legitimate interests for its tasks";
    let response =
        ui.checkbox(&mut public_authority, "The controller is a public authority").on_hover_text(hover);
    if !own.is_empty() {
        response.clone().on_hover_text(format!("{own}, this register's controller"));
    }
    if response.changed() {
        commands.push(Command::SetPublicAuthority(public_authority));
    }
    for (name, status) in &page.controllers {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{name}:"));
            for (value, text) in [
                (Some(true), "public authority"),
                (Some(false), "not a public authority"),
                (None, "not recorded"),
            ] {
                if ui
                    .radio(*status == value, text)
                    .on_hover_text(hover)
                    .accessible_name(format!("{name}: {text}"))
                    .clicked()
                    && *status != value
                {
                    commands
                        .push(Command::SetControllerPublicAuthority { name: name.clone(), status: value });
                }
            }
        });
    }
}

/// The severity filter, with the open count of each severity. Returns whether
/// the filter changed.
fn filter_ui(ui: &mut egui::Ui, page: &mut ChecksPage) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        ui.label("Show:");
        for (index, severity) in Severity::ALL.iter().enumerate() {
            let text = format!(
                "{} ({} open of {})",
                severity.heading(),
                page.counts.open[index],
                page.counts.all[index]
            );
            let mut shown = page.shows(*severity);
            let name = format!("Show {}", severity.heading().to_lowercase());
            if ui
                .checkbox(&mut shown, egui::RichText::new(text).color(severity_color(ui, *severity)))
                .accessible_name(name)
                .changed()
                && let Some(slot) = page.hidden.get_mut(index)
            {
                *slot = !shown;
                changed = true;
            }
        }
        if let Some(rule) = page.only_rule {
            ui.weak(format!("Only [{rule}]"));
            if ui.small_button("Show every rule").clicked() {
                page.only_rule = None;
                changed = true;
            }
        }
    });
    changed
}

/// The findings counted by rule; picking a rule lists only its findings.
/// Returns whether the rule picked changed.
fn by_rule_ui(ui: &mut egui::Ui, only_rule: &mut Option<RuleId>, counts: &Counts) -> bool {
    let mut changed = false;
    if counts.by_rule.is_empty() {
        return changed;
    }
    egui::CollapsingHeader::new("Findings by rule").id_salt("checks-by-rule").default_open(true).show(
        ui,
        |ui| {
            egui::Grid::new("checks-by-rule-grid").num_columns(3).spacing([12.0, 2.0]).striped(true).show(
                ui,
                |ui| {
                    for count in &counts.by_rule {
                        ui.colored_label(
                            severity_color(ui, count.rule.severity),
                            severity_word(count.rule.severity),
                        );
                        let selected = *only_rule == Some(count.rule.id);
                        let response = ui
                            .selectable_label(
                                selected,
                                format!("{} ({} open of {})", count.rule.title, count.open, count.total),
                            )
                            .on_hover_text(format!("{} · {}", count.rule.id, count.rule.citation))
                            .accessible_name(format!("Only {}", count.rule.title));
                        if response.clicked() {
                            *only_rule = if selected { None } else { Some(count.rule.id) };
                            changed = true;
                        }
                        // Wrapped within the window: a long citation must not run off it.
                        ui.add(egui::Label::new(egui::RichText::new(count.rule.citation).weak()).wrap());
                        ui.end_row();
                    }
                },
            );
        },
    );
    changed
}

/// Above this many services the completeness table starts folded, so that the
/// findings are on the first screen (a council of 200 services would push them
/// four screens down).
const COMPLETENESS_OPEN_UP_TO: usize = 12;

fn completeness_ui(ui: &mut egui::Ui, report: &Report) {
    let open = report.completeness.len() <= COMPLETENESS_OPEN_UP_TO;
    egui::CollapsingHeader::new("Completeness by service").default_open(open).show(ui, |ui| {
        ui.weak("The share of the required ICO and Article 30 fields that are filled.");
        egui::Grid::new("completeness").num_columns(3).spacing([12.0, 4.0]).show(ui, |ui| {
            for service in &report.completeness {
                ui.label(&service.service_name);
                let fraction =
                    if service.required == 0 { 1.0 } else { service.filled as f32 / service.required as f32 };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(220.0)
                        .text(format!("{}%", service.percent())),
                )
                .on_hover_text(format!("{} of {} required fields filled", service.filled, service.required));
                let noun = if service.activities == 1 { "activity" } else { "activities" };
                ui.weak(format!("{} {noun}", service.activities));
                ui.end_row();
            }
        });
    });
}

/// A group's heading, which folds and unfolds the group's findings. Returns
/// whether it was clicked.
fn group_heading_ui(
    ui: &mut egui::Ui,
    register: &Register,
    key: GroupKey,
    open: usize,
    listed: usize,
    folded: &mut Vec<GroupKey>,
) -> bool {
    let title = match (key.service, key.agreements) {
        (Some(id), _) => register.service_name(id).to_owned(),
        (None, true) => "Agreements".to_owned(),
        (None, false) => "Organisation".to_owned(),
    };
    let is_folded = folded.contains(&key);
    let hint = if is_folded { "Show this group's findings" } else { "Fold this group's findings" };
    let header = format!("{title} ({open} open of {listed})");
    let clicked = ui
        .horizontal(|ui| {
            let size = egui::vec2(ui.spacing().icon_width, ui.spacing().icon_width);
            let (_, icon) = ui.allocate_exact_size(size, egui::Sense::click());
            egui::collapsing_header::paint_default_icon(ui, if is_folded { 0.0 } else { 1.0 }, &icon);
            let label = ui
                .add(egui::Label::new(egui::RichText::new(header).strong()).sense(egui::Sense::click()))
                .on_hover_text(hint);
            icon.on_hover_text(hint).clicked() || label.clicked()
        })
        .inner;
    if !clicked {
        return false;
    }
    if is_folded {
        folded.retain(|k| *k != key);
    } else {
        folded.push(key);
    }
    true
}

/// One finding; `read_only` (the as-at report) leaves out the buttons and the
/// link to the editor, which act on today's register.
fn finding_ui(
    ui: &mut egui::Ui,
    finding: &Finding,
    read_only: bool,
    acknowledging: &mut Option<AcknowledgeDialog>,
    commands: &mut Vec<Command>,
) {
    let color =
        if finding.is_open() { severity_color(ui, finding.severity) } else { ui.visuals().weak_text_color() };
    egui::Frame::new().inner_margin(egui::Margin::symmetric(8, 4)).show(ui, |ui| {
        ui.horizontal_top(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(4.0, 34.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.vertical(|ui| {
                let message = if finding.is_open() {
                    egui::RichText::new(&finding.message)
                } else {
                    egui::RichText::new(&finding.message).weak()
                };
                if read_only {
                    ui.add(egui::Label::new(message).wrap());
                } else if let Some(target) = target(finding) {
                    if ui
                        .add(egui::Label::new(message).wrap().sense(egui::Sense::click()))
                        .on_hover_text(open_hint(&target))
                        .on_hover_cursor(egui::CursorIcon::PointingHand)
                        .clicked()
                    {
                        commands.push(Command::OpenFinding(target));
                    }
                } else {
                    ui.add(egui::Label::new(message).wrap());
                }
                concerns_ui(ui, finding);
                ui.weak(format!("Fix: {}", finding.fix));
                let rule = finding.rule_info().map_or(String::new(), |rule| rule.citation.to_owned());
                ui.horizontal_wrapped(|ui| {
                    ui.weak(format!(
                        "{} · {} · {}",
                        severity_word(finding.severity),
                        finding.field.label(),
                        rule
                    ));
                    match &finding.acknowledged {
                        None if read_only => {}
                        None => {
                            if ui
                                .small_button("Acknowledge…")
                                .accessible_name(format!("Acknowledge: {}", finding.message))
                                .clicked()
                            {
                                *acknowledging = Some(AcknowledgeDialog {
                                    key: finding.key(),
                                    message: finding.message.clone(),
                                    reason: String::new(),
                                    focused: false,
                                });
                            }
                        }
                        Some(ack) => {
                            ui.weak(format!(
                                "Acknowledged by {} on {}: {}",
                                ack.acknowledged_by,
                                format_date(ack.acknowledged_on),
                                ack.reason
                            ));
                            if !read_only
                                && ui
                                    .small_button("Withdraw")
                                    .accessible_name(format!("Withdraw acknowledgement: {}", finding.message))
                                    .clicked()
                            {
                                for id in finding.acknowledgement_ids() {
                                    commands.push(Command::WithdrawAcknowledgement(id));
                                }
                            }
                        }
                    }
                });
            });
        });
    });
}

/// The parties or items a finding lists, when it lists more than one, with
/// those already acknowledged marked.
fn concerns_ui(ui: &mut egui::Ui, finding: &Finding) {
    if finding.concerns.len() < 2 {
        return;
    }
    let acknowledged = finding.concerns.iter().filter(|c| c.acknowledged.is_some()).count();
    let title = if acknowledged == 0 {
        format!("Concerns {} parties or items", finding.concerns.len())
    } else {
        format!("Concerns {} parties or items, {acknowledged} acknowledged", finding.concerns.len())
    };
    egui::CollapsingHeader::new(title).id_salt(("concerns", finding.key())).default_open(false).show(
        ui,
        |ui| {
            for concern in &finding.concerns {
                match &concern.acknowledged {
                    None => ui.label(format!("• {}", concern.label)),
                    Some(ack) => ui.weak(format!(
                        "• {} (acknowledged by {} on {})",
                        concern.label,
                        ack.acknowledged_by,
                        format_date(ack.acknowledged_on)
                    )),
                };
            }
        },
    );
}

/// Where clicking `finding` leads.
pub fn target(finding: &Finding) -> Option<FindingTarget> {
    match (finding.activity_id, finding.agreement_id) {
        (Some(activity), _) => Some(FindingTarget::Activity(activity, finding.field)),
        (None, Some(agreement)) => Some(FindingTarget::Agreement(agreement)),
        (None, None) if finding.field == Field::Assets => {
            Some(FindingTarget::Asset(first_subject(finding, "asset:").map(ropa::model::AssetId)))
        }
        (None, None) if finding.field == Field::Dpias => {
            Some(FindingTarget::Dpia(first_subject(finding, "dpia:").map(ropa::model::DpiaId)))
        }
        (None, None) => None,
    }
}

/// What clicking a finding that leads to `target` does, as its tooltip says.
pub fn open_hint(target: &FindingTarget) -> String {
    match target {
        FindingTarget::Activity(_, field) => format!("Open {} in the editor", field.label().to_lowercase()),
        FindingTarget::Agreement(_) => "Open the agreement on the Agreements page".to_owned(),
        FindingTarget::Asset(Some(_)) => "Open the asset on the Information assets page".to_owned(),
        FindingTarget::Asset(None) => "Open the Information assets page".to_owned(),
        FindingTarget::Dpia(Some(_)) => "Open the DPIA on the DPIAs page".to_owned(),
        FindingTarget::Dpia(None) => "Open the DPIAs page".to_owned(),
    }
}

/// The row id of the first thing `finding` concerns whose subject is `prefix`
/// and an id ("asset:12", "dpia:3").
fn first_subject(finding: &Finding, prefix: &str) -> Option<i64> {
    finding.concerns.iter().find_map(|c| c.subject.strip_prefix(prefix)?.parse().ok())
}

fn acknowledge_dialog_ui(
    ui: &mut egui::Ui,
    acknowledging: &mut Option<AcknowledgeDialog>,
    commands: &mut Vec<Command>,
) {
    let Some(dialog) = acknowledging else {
        return;
    };
    let mut close = false;
    let id = egui::Id::unique("acknowledge-finding");
    let modal = egui::Modal::new(id).show(ui.ctx(), |ui| {
        let enter = enter_confirms(ui, id);
        ui.set_max_width(480.0);
        ui.heading("Acknowledge this finding");
        ui.label(&dialog.message);
        ui.label("It stays listed, greyed, with your name, today's date and the reason.");
        ui.weak("Enter acknowledges, Shift+Enter starts a new line, Escape cancels.");
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut dialog.reason)
                    .hint_text("Why is this accepted? (required)")
                    .desired_rows(3)
                    .desired_width(460.0),
            )
            .accessible_name("Reason for accepting the finding");
        if !dialog.focused {
            response.request_focus();
            dialog.focused = true;
        }
        ui.horizontal(|ui| {
            let ready = !dialog.reason.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Acknowledge")).clicked() || (enter && ready) {
                commands.push(Command::Acknowledge {
                    key: dialog.key.clone(),
                    reason: dialog.reason.trim().to_owned(),
                });
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        *acknowledging = None;
    }
}
