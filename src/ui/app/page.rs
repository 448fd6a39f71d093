//! The pages of the main window: which one is shown, what each is called, how
//! each hears that the snapshot changed, and the central panel that draws the page
//! shown (or the welcome screen when no register is open).

use ropa::model::Register;

use super::{App, Command};
use crate::ui::file_dialog::FilePurpose;
use crate::ui::{
    activity_editor, agreements, as_at, assets, checks, dpias, export, flows, history, import,
    notice_preview, organisation, parties, register, reviews,
};

/// A page of the main window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The table of activities.
    Register,
    /// The activity editor.
    Activity,
    /// Parties and the activities linked to them.
    Parties,
    /// Agreements and the links relying on them.
    Agreements,
    /// Information assets and the activities holding data in them.
    Assets,
    /// Data protection impact assessments and the activities each covers.
    Dpias,
    /// Who keeps the record.
    Organisation,
    /// Exports to CSV, PDF and JSON.
    Export,
    /// Import with a preview (File > Import…).
    Import,
    /// The findings of the compliance checks.
    Checks,
    /// Activities and agreements due for review.
    Reviews,
    /// The flow map, the ready questions and the party view.
    Flows,
    /// Privacy notice preview.
    Notices,
}

impl Page {
    /// The pages listed in the navigation, in order.
    pub(super) const NAVIGATION: [Self; 11] = [
        Self::Register,
        Self::Checks,
        Self::Reviews,
        Self::Parties,
        Self::Agreements,
        Self::Flows,
        Self::Notices,
        Self::Organisation,
        Self::Export,
        Self::Assets,
        Self::Dpias,
    ];

    /// The page's name in the navigation.
    pub(super) fn title(self) -> &'static str {
        match self {
            Self::Register | Self::Activity => "Register",
            Self::Parties => "Parties",
            Self::Agreements => "Agreements",
            Self::Assets => "Assets",
            Self::Dpias => "DPIAs",
            Self::Organisation => "Organisation",
            Self::Export => "Exports",
            Self::Import => "Import",
            Self::Checks => "Checks",
            Self::Reviews => "Reviews due",
            Self::Flows => "Data flows",
            Self::Notices => "Privacy notices",
        }
    }
}

/// A page that keeps data built from the snapshot: told once, after every change
/// and when the snapshot lands, so no one keeps a list of what to refresh.
pub trait SnapshotPage {
    /// Rebuilds (or marks stale) what the page built from the snapshot before.
    fn snapshot_changed(&mut self, register: &Register);
}

impl App {
    pub(super) fn page_ui(&mut self, ui: &mut egui::Ui) {
        let Some(session) = &mut self.session else {
            welcome_ui(ui, &mut self.commands);
            return;
        };
        if session.is_loading() && self.page != Page::Register {
            loading_ui(ui);
            return;
        }
        match self.page {
            Page::Register => {
                as_at::bar_ui(ui, &mut self.as_at, &mut self.commands);
                match &self.as_at.shown {
                    Some(shown) => as_at::ui(ui, shown),
                    None => {
                        register::ui(ui, &mut self.register_page, session, self.today, &mut self.commands)
                    }
                }
            }
            Page::Checks => match &mut self.as_at.shown {
                Some(shown) => checks::ui(ui, &mut shown.checks, &shown.register, &mut self.commands),
                None => checks::ui(ui, &mut self.checks_page, &session.register, &mut self.commands),
            },
            Page::Reviews => {
                reviews::ui(ui, &mut self.reviews_page, &session.register, self.today, &mut self.commands);
            }
            Page::Activity => match &mut self.editor {
                Some(editor) => {
                    history::panel_ui(ui, &mut self.history, editor, &mut self.commands);
                    editor.set_law_day(self.today);
                    activity_editor::ui(
                        ui,
                        editor,
                        &session.register,
                        &session.view.suggestions,
                        &mut self.commands,
                    )
                }
                None => self.page = Page::Register,
            },
            Page::Parties => parties::ui(ui, &mut self.parties_page, &session.register, &mut self.commands),
            Page::Agreements => {
                agreements::ui(ui, &mut self.agreements_page, &session.register, &mut self.commands);
            }
            Page::Assets => assets::ui(ui, &mut self.assets_page, &session.register, &mut self.commands),
            Page::Dpias => {
                dpias::ui(ui, &mut self.dpias_page, &session.register, self.today, &mut self.commands);
            }
            Page::Organisation => organisation::ui(ui, &mut self.organisation_page, &mut self.commands),
            Page::Export => {
                let as_at = self.as_at.shown.as_ref();
                export::ui(ui, &mut self.export_page, session, as_at, self.today, &mut self.commands);
            }
            Page::Import => {
                self.import_page.set_register_path(session.store.path());
                import::ui(ui, &mut self.import_page, &session.register, &mut self.commands);
            }
            Page::Flows => flows::ui(ui, &mut self.flows_page, &session.register, &mut self.commands),
            Page::Notices => {
                notice_preview::ui(ui, &mut self.notice_page, &session.register, &mut self.commands);
            }
        }
    }
}

/// Shown instead of a page that needs the snapshot while it loads.
fn loading_ui(ui: &mut egui::Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        // No spinner: it repaints every frame, and the load takes under a second.
        ui.label("Loading the register…");
    });
}

/// Shown when no register is open (the first run, too): where should the
/// organisation's register live?
fn welcome_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("ROPA Register");
        ui.label("Keep your Record of Processing Activities (UK GDPR Article 30).");
        ui.add_space(12.0);
        ui.label("Where should your organisation's register live?");
        ui.weak("Choose a shared or backed-up folder for a new register, open the one you keep already, or look around the demo first.");
        ui.add_space(8.0);
        welcome_buttons_ui(ui, commands);
    });
}

/// New / Open / Open demo, offered when no register or an empty one is open.
pub fn welcome_buttons_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui.button("New register…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::New));
        }
        if ui.button("Open a register…").clicked() {
            commands.push(Command::ChooseFile(FilePurpose::Open));
        }
        if ui.button("Open the demo register").clicked() {
            commands.push(Command::OpenDemo);
        }
    });
}
