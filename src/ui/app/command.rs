//! The [`Command`] queue: what the pages ask for, and the one `match` that runs
//! it after the UI pass (the handlers live beside it, one file per what they act
//! on).

use std::path::PathBuf;

use ropa::model::{ActivityId, Date, Direction, Organisation, PartyKind};

use super::{App, Notice, Page, Session};
use crate::ui::activity_editor::{ActivityDraft, ActivityEditor};
use crate::ui::agreements::AgreementDraft;
use crate::ui::assets::AssetDraft;
use crate::ui::checks::FindingTarget;
use crate::ui::dpias::DpiaDraft;
use crate::ui::file_dialog::FilePurpose;
use crate::ui::parties::PartyDraft;

/// Something the user asked for, run after the UI pass.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Show another page (asks first if the editor has unsaved changes).
    Navigate(Page),
    /// Open the editor on a new activity.
    NewActivity,
    /// Open the editor on a stored activity.
    OpenActivity(ActivityId),
    /// Save the activity draft: insert it if new, otherwise update it from the
    /// version it was read at.
    SaveActivity(Box<ActivityDraft>),
    /// After a conflict: save the draft over the version someone else saved.
    OverwriteActivity(Box<ActivityDraft>),
    /// After a conflict: drop the draft and load the activity as saved now.
    ReloadActivity(ActivityId),
    /// Delete an activity (already confirmed); it can be undone.
    DeleteActivity(ActivityId),
    /// Undo the last change to an activity (a save, a new activity, a delete or
    /// a review), as a new logged change.
    Undo,
    /// Redo the change undone last.
    Redo,
    /// Add a service with this name and choose it in the editor.
    AddService(String),
    /// Create a party with this name and link it to the edited activity.
    CreateLinkParty {
        /// The new party's name.
        name: String,
        /// Its kind, chosen where it was created.
        kind: PartyKind,
        /// Whether it is a source or a recipient.
        direction: Direction,
    },
    /// Save a party draft.
    SaveParty(PartyDraft),
    /// Save an agreement draft.
    SaveAgreement(AgreementDraft),
    /// Save an information asset draft.
    SaveAsset(AssetDraft),
    /// Delete an information asset no activity names.
    DeleteAsset(ropa::model::AssetId),
    /// Save a DPIA draft: insert it if new, otherwise update it from the
    /// version it was read at.
    SaveDpia(DpiaDraft),
    /// Delete a DPIA (already confirmed); the activities it covered stay.
    DeleteDpia(ropa::model::DpiaId),
    /// Show a DPIA on the DPIAs page.
    OpenDpia(ropa::model::DpiaId),
    /// Start a DPIA covering the saved activity, titled after it, and show it.
    NewDpiaFor(ActivityId),
    /// Save the organisation profile.
    SaveOrganisation(Organisation),
    /// Ask for a file (native dialog, falling back to a typed path).
    ChooseFile(FilePurpose),
    /// Open the register at this path.
    OpenRegister(PathBuf),
    /// Create a new, empty register at this path and open it.
    NewRegister(PathBuf),
    /// Create a new register filled with the demo content and open it.
    OpenDemo,
    /// Write a copy of the open register to this path.
    SaveCopyAs(PathBuf),
    /// Use this file as the export's destination.
    ExportTo(PathBuf),
    /// Read this file on the Import page and preview it.
    ImportFrom(PathBuf),
    /// Apply a previewed import plan in one transaction.
    ApplyImport(Box<ropa::import::Plan>),
    /// Read the review packs sent again (a round was started on the Exports page).
    RefreshRounds,
    /// Apply a returned review pack's accepted changes.
    ApplyReviewPack(Box<crate::ui::pack_review::PackReview>),
    /// Close the window.
    Quit,
    /// Open what a finding concerns: the activity's field in the editor, or the agreement.
    OpenFinding(FindingTarget),
    /// Accept a finding for a reason (who and when are added).
    Acknowledge {
        /// The finding.
        key: ropa::checks::FindingKey,
        /// Why it is accepted.
        reason: String,
    },
    /// Withdraw the acknowledgement with this id.
    WithdrawAcknowledgement(i64),
    /// Record whether the controller is a public authority.
    SetPublicAuthority(bool),
    /// Record whether a controller named by a service is a public authority
    /// (`None`: not recorded).
    SetControllerPublicAuthority {
        /// The controller's name, as services give it.
        name: String,
        /// Its status.
        status: Option<bool>,
    },
    /// Set the name recorded beside the OS user name.
    SetDisplayName(String),
    /// Ask for the reviewer's note before marking the activity reviewed.
    AskReview {
        /// The activity.
        id: ActivityId,
        /// The version it was read at.
        version: i64,
    },
    /// Mark the activity, read at `version`, reviewed today, with the reviewer's note.
    MarkReviewed {
        /// The activity.
        id: ActivityId,
        /// The version it was read at.
        version: i64,
        /// The reviewer's note, recorded in the change log with the review.
        note: String,
    },
    /// Show or hide the history beside the editor.
    ToggleHistory,
    /// Show the register as it stood at the end of this day, read-only.
    ShowAsAt(Date),
    /// Go back to today's register.
    LeaveAsAt,
    /// Take a backup into the register's backup folder now.
    BackUpNow,
    /// List the register's backups to restore one.
    ChooseBackup,
    /// Replace the register with the backup at this path (already confirmed).
    RestoreBackup(PathBuf),
    /// Merge the duplicate party into the one kept (already confirmed).
    MergeParties {
        /// The party that stays.
        kept: ropa::model::PartyId,
        /// The party merged away and deleted.
        duplicate: ropa::model::PartyId,
    },
    /// Undo the last merge of parties.
    UndoMergeParties,
    /// Write the Data flows table to this CSV file.
    ExportFlowsCsv(PathBuf),
    /// Write the Data flows table to this PDF file.
    ExportFlowsPdf(PathBuf),
    /// Write the flow map shown to this SVG file.
    ExportFlowSvg(PathBuf),
    /// (Re)generate the privacy notice of the service chosen on the Notices page.
    PreviewNotice,
    /// Save the notice shown to this file, as Markdown or HTML.
    SaveNotice(PathBuf, FilePurpose),
}

impl Command {
    /// Whether the command reads or writes the register, and so waits while its
    /// snapshot loads. Moving between pages and leaving the register do not.
    fn needs_snapshot(&self) -> bool {
        !matches!(
            self,
            Self::Navigate(_)
                | Self::ChooseFile(FilePurpose::Open | FilePurpose::New)
                | Self::OpenRegister(_)
                | Self::NewRegister(_)
                | Self::OpenDemo
                | Self::Quit
        )
    }

    /// Whether running the command closes the activity editor.
    fn leaves_editor(&self, editor: &ActivityEditor) -> bool {
        match self {
            Self::Navigate(page) => *page != Page::Activity,
            Self::OpenActivity(id) | Self::OpenFinding(FindingTarget::Activity(id, _)) => {
                editor.activity_id() != Some(*id)
            }
            Self::OpenFinding(
                FindingTarget::Agreement(_) | FindingTarget::Asset(_) | FindingTarget::Dpia(_),
            )
            | Self::OpenDpia(_)
            | Self::NewDpiaFor(_)
            | Self::RestoreBackup(_) => true,
            Self::NewActivity
            | Self::OpenRegister(_)
            | Self::NewRegister(_)
            | Self::OpenDemo
            | Self::Quit => true,
            _ => false,
        }
    }
}

/// The command that uses a chosen file.
pub(super) fn path_command(purpose: FilePurpose, path: PathBuf) -> Command {
    match purpose {
        FilePurpose::Open => Command::OpenRegister(path),
        FilePurpose::New => Command::NewRegister(path),
        FilePurpose::SaveCopy => Command::SaveCopyAs(path),
        FilePurpose::Export => Command::ExportTo(path),
        FilePurpose::Import => Command::ImportFrom(path),
        FilePurpose::FlowsCsv => Command::ExportFlowsCsv(path),
        FilePurpose::FlowsPdf => Command::ExportFlowsPdf(path),
        FilePurpose::FlowSvg => Command::ExportFlowSvg(path),
        FilePurpose::NoticeMarkdown | FilePurpose::NoticeHtml => Command::SaveNotice(path, purpose),
    }
}

impl App {
    /// Runs the commands pushed during the UI pass, in order.
    /// Runs `command` at once, as if a widget had pushed it and the frame ended
    /// (benchmarks).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn run_now(&mut self, command: Command) {
        self.commands.push(command);
        self.run_commands();
    }

    pub fn run_commands(&mut self) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            if self.session.as_ref().is_some_and(Session::is_loading) && command.needs_snapshot() {
                self.waiting_for_snapshot.push(command);
                continue;
            }
            if let Some(editor) = &self.editor
                && editor.is_dirty()
                && command.leaves_editor(editor)
            {
                self.leave_prompt = Some(command);
                self.page = Page::Activity;
                continue;
            }
            self.run(command);
        }
    }

    fn run(&mut self, command: Command) {
        let outcome = match command {
            Command::Navigate(page) => {
                self.navigate(page);
                Ok(())
            }
            Command::NewActivity => self.new_activity(),
            Command::OpenActivity(id) => self.open_activity(id),
            Command::SaveActivity(draft) => self.save_activity(*draft),
            Command::OverwriteActivity(draft) => self.overwrite_activity(*draft),
            Command::ReloadActivity(id) => self.reload_activity(id),
            Command::DeleteActivity(id) => self.delete_activity(id),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::AddService(name) => self.add_service(&name),
            Command::CreateLinkParty { name, kind, direction } => {
                self.create_link_party(name, kind, direction)
            }
            Command::SaveParty(draft) => self.save_party(draft),
            Command::SaveAgreement(draft) => self.save_agreement(draft),
            Command::SaveAsset(draft) => self.save_asset(draft),
            Command::DeleteAsset(id) => self.delete_asset(id),
            Command::SaveDpia(draft) => self.save_dpia(draft),
            Command::DeleteDpia(id) => self.delete_dpia(id),
            Command::OpenDpia(id) => {
                self.open_dpia(id);
                Ok(())
            }
            Command::NewDpiaFor(id) => self.new_dpia_for(id),
            Command::SaveOrganisation(organisation) => self.save_organisation(&organisation),
            Command::ChooseFile(purpose) => {
                self.choose_file(purpose);
                Ok(())
            }
            Command::OpenRegister(path) => {
                self.open_register(&path);
                Ok(())
            }
            Command::NewRegister(path) => self.new_register(&path),
            Command::OpenDemo => self.open_demo(),
            Command::SaveCopyAs(path) => self.save_copy(&path),
            Command::ExportTo(path) => {
                self.export_page.set_destination(&path);
                Ok(())
            }
            Command::ImportFrom(path) => self.import_from(&path),
            Command::ApplyImport(plan) => self.apply_import(&plan),
            Command::ApplyReviewPack(review) => self.apply_review_pack(&review),
            Command::RefreshRounds => self.refresh_rounds(),
            Command::Quit => {
                self.quit_requested = true;
                Ok(())
            }
            Command::OpenFinding(target) => self.open_finding(target),
            Command::Acknowledge { key, reason } => self.acknowledge(&key, &reason),
            Command::WithdrawAcknowledgement(id) => self.withdraw_acknowledgement(id),
            Command::SetPublicAuthority(value) => self.set_public_authority(value),
            Command::SetControllerPublicAuthority { name, status } => {
                self.set_controller_public_authority(&name, status)
            }
            Command::SetDisplayName(name) => self.set_display_name(&name),
            Command::AskReview { id, version } => self.ask_review(id, version),
            Command::MarkReviewed { id, version, note } => self.mark_reviewed(id, version, &note),
            Command::ToggleHistory => self.toggle_history(),
            Command::ShowAsAt(date) => self.show_as_at(date),
            Command::LeaveAsAt => {
                self.as_at.shown = None;
                Ok(())
            }
            Command::BackUpNow => self.back_up_now(),
            Command::ChooseBackup => self.choose_backup(),
            Command::RestoreBackup(path) => self.restore_backup(&path),
            Command::MergeParties { kept, duplicate } => self.merge_parties(kept, duplicate),
            Command::UndoMergeParties => self.undo_merge_parties(),
            Command::ExportFlowsCsv(path) => self.export_flows_csv(&path),
            Command::ExportFlowsPdf(path) => self.export_flows_pdf(&path),
            Command::ExportFlowSvg(path) => self.export_flow_svg(&path),
            Command::PreviewNotice => self.preview_notice(),
            Command::SaveNotice(path, purpose) => self.save_notice(&path, purpose),
        };
        if let Err(error) = outcome {
            self.notice = Some(Notice::error(error.to_string()));
        }
    }

    fn navigate(&mut self, page: Page) {
        if page != Page::Activity {
            self.editor = None;
        }
        self.page = page;
    }
}
