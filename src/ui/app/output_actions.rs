//! The commands that write what the register says to files, run by
//! [`App::run`](super::App): the Data flows table and map, and privacy notices
//! (the Export page writes its own, on a worker thread).

use std::path::Path;

use super::{App, Notice};
use crate::ui::file_dialog::FilePurpose;
use crate::ui::{flow_questions, notice_preview};

impl App {
    pub(super) fn export_flows_csv(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        let answer = self.flows_page.questions.answer(&session.register).clone();
        flow_questions::write_csv(&answer, path)?;
        self.notice = Some(Notice::info(format!("Wrote {} rows to {}", answer.rows.len(), path.display())));
        Ok(())
    }

    pub(super) fn export_flows_pdf(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        let questions = &mut self.flows_page.questions;
        let answer = questions.answer(&session.register).clone();
        flow_questions::write_pdf(questions.question.title(), &answer, &session.register, path)?;
        self.notice = Some(Notice::info(format!("Wrote {} rows to {}", answer.rows.len(), path.display())));
        Ok(())
    }

    pub(super) fn export_flow_svg(&mut self, path: &Path) -> ropa::Result<()> {
        let session = self.session.as_ref().ok_or(ropa::Error::NoRegisterOpen)?;
        self.flows_page.write_svg(&session.register, path)?;
        self.notice = Some(Notice::info(format!("Wrote the flow map to {}", path.display())));
        Ok(())
    }

    pub(super) fn preview_notice(&mut self) -> ropa::Result<()> {
        let today = self.today;
        let session = self.session.as_mut().ok_or(ropa::Error::NoRegisterOpen)?;
        notice_preview::generate(&mut self.notice_page, &mut session.store, today)
    }

    pub(super) fn save_notice(&mut self, path: &Path, purpose: FilePurpose) -> ropa::Result<()> {
        notice_preview::save(&self.notice_page, path, purpose)?;
        self.notice = Some(Notice::info(format!("Saved the notice to {}", path.display())));
        Ok(())
    }
}
