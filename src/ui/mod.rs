//! The desktop app: an eframe window over the `ropa` core.
//!
//! [`app::App`] holds the open register and the page state; each page lives in its
//! own file and draws from a data struct built once from the store. Widgets never
//! write: they push an [`app::Command`], and the app runs the queue after the UI
//! pass.

mod activity_editor;
mod agreements;
mod app;
mod as_at;
mod assets;
mod backups;
#[allow(dead_code)] // Used only by benches/register.rs.
pub mod bench;
mod checks;
mod dialog_keys;
mod dpias;
mod export;
mod field_notes;
mod file_dialog;
mod flow_canvas;
mod flow_dashes;
mod flow_questions;
mod flows;
mod history;
mod import;
mod links_editor;
mod menus;
mod notice_preview;
mod organisation;
mod pack_review;
mod parties;
mod register;
mod register_columns;
mod register_view;
mod review_dialog;
mod reviews;
mod settings;
mod theme;
mod undo;
mod widgets;

#[cfg(test)]
mod assets_tests;
#[cfg(test)]
mod checks_page_tests;
#[cfg(test)]
mod checks_tests;
#[cfg(test)]
mod desk_tests;
#[cfg(test)]
mod dialog_tests;
#[cfg(test)]
mod dpias_tests;
#[cfg(test)]
mod export_tests;
#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod links_editor_tests;
#[cfg(test)]
mod tab_order_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_flows;

use std::path::PathBuf;

use anyhow::Context as _;

pub use app::App;

/// Opens the desktop app on `path`, or on the last register used, or (the first
/// time) on a screen asking where the register should live; returns when the
/// window closes.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ROPA Register")
            .with_inner_size([1280.0, 760.0])
            .with_min_inner_size([900.0, 560.0]),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "ROPA Register",
        options,
        Box::new(move |creation| {
            let remembered = creation.storage.and_then(settings::Settings::load).unwrap_or_default();
            Ok(Box::new(App::start(path, remembered, settings::today(), file_dialog::FileDialogs::native())))
        }),
    )
    .map_err(|error| anyhow::anyhow!("{error}"))
    .context("Opening the ROPA Register window")
}
