//! Entry points for `benches/register.rs`, which compiles this module's source to
//! time the Register page's data and one frame of the real app. Nothing in the app
//! calls them.

use std::path::Path;

use ropa::model::{Date, Register};

use super::app::App;
use super::file_dialog::FileDialogs;
use super::register_view::{Filter, RegisterView, Sort};
use super::settings::Settings;

/// The Register page's data, built as the app builds it after loading.
pub fn register_view(register: &Register) -> RegisterView {
    RegisterView::build(register)
}

/// What the app does before it draws the Register page of the register at `path`:
/// open the file and read the page's rows (the snapshot then loads on a worker).
pub fn open_register_page(path: &Path) -> ropa::Result<RegisterView> {
    RegisterView::read(&mut ropa::Store::open(path)?)
}

/// Applies a text filter as one keystroke in the filter box does.
pub fn filter(view: &mut RegisterView, text: &str) {
    view.apply(&Filter { text: text.to_string(), ..Filter::default() }, Sort::default());
}

/// The real app on a register, drawn headless into a 1366x768 screen.
pub struct AppFrame {
    ctx: egui::Context,
    app: App,
}

impl AppFrame {
    /// Opens `path` in the app, as `ropa PATH` does, and waits for the snapshot
    /// that loads on a worker thread, so that every page can be drawn.
    pub fn open(path: &Path) -> Self {
        let today = Date::from_calendar_date(2026, time::Month::November, 22).unwrap_or(Date::MIN);
        let mut app = App::start(Some(path.to_path_buf()), Settings::default(), today, FileDialogs::native());
        app.wait_for_snapshot();
        Self { ctx: egui::Context::default(), app }
    }

    /// One frame: the UI pass, then tessellation into triangles (CPU only).
    pub fn run(&mut self) {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
        let input = egui::RawInput { screen_rect: Some(screen), ..egui::RawInput::default() };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let triangles = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(triangles);
    }
}
