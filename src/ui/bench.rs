//! Entry points for `benches/register.rs`, which compiles this module's source to
//! time the Register page's data and one frame of the real app. Nothing in the app
//! calls them.

use std::path::Path;

use ropa::model::{Date, Register};

use super::app::{App, Command, Page};
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

/// The pages of the app a benchmark visits, by the name [`AppFrame::navigate`] takes.
pub const PAGES: [&str; 12] = [
    "register",
    "activity",
    "history",
    "checks",
    "reviews",
    "parties",
    "agreements",
    "flows",
    "flows-expanded",
    "notices",
    "organisation",
    "export",
];

/// A point over the middle of the page (right of the navigation, below the menus).
const PAGE_POINT: egui::Pos2 = egui::pos2(700.0, 420.0);

/// The real app on a register, drawn headless into a 1366x768 screen.
pub struct AppFrame {
    ctx: egui::Context,
    app: App,
}

impl Drop for AppFrame {
    /// Lets the backup taken on open finish, as quitting the app does.
    fn drop(&mut self) {
        self.app.wait_for_backup();
    }
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

    /// Starts the app on `path` without waiting for anything: the first frame
    /// can then be drawn while the snapshot loads, as on a real start.
    pub fn start(path: &Path) -> Self {
        let today = Date::from_calendar_date(2026, time::Month::November, 22).unwrap_or(Date::MIN);
        let app = App::start(Some(path.to_path_buf()), Settings::default(), today, FileDialogs::native());
        Self { ctx: egui::Context::default(), app }
    }

    /// Waits for the snapshot that loads on a worker thread (after [`Self::start`]).
    pub fn wait_for_snapshot(&mut self) {
        self.app.wait_for_snapshot();
    }

    /// Goes to the page called `name` in [`PAGES`], as a click in the navigation
    /// does (the activity editor and its history open the first activity).
    pub fn navigate(&mut self, name: &str) {
        let first = self.app.session.as_ref().and_then(|s| s.register.activities.first()).map(|a| a.id);
        let command = match name {
            "register" => Command::Navigate(Page::Register),
            "activity" | "history" => match first {
                Some(id) => Command::OpenActivity(id),
                None => return,
            },
            "checks" => Command::Navigate(Page::Checks),
            "reviews" => Command::Navigate(Page::Reviews),
            "parties" => Command::Navigate(Page::Parties),
            "agreements" => Command::Navigate(Page::Agreements),
            "flows" | "flows-expanded" => Command::Navigate(Page::Flows),
            "notices" => Command::Navigate(Page::Notices),
            "organisation" => Command::Navigate(Page::Organisation),
            "export" => Command::Navigate(Page::Export),
            _ => return,
        };
        self.app.run_now(command);
        if name == "history" {
            self.app.run_now(Command::ToggleHistory);
        }
        let largest = ropa::model::PartyKind::PublicAuthority;
        if name == "flows-expanded" && !self.app.flows_page.is_expanded(largest) {
            // The overview with its largest kind (public authorities: at 10,000
            // activities 469 parties and 23,419 links) shown as its parties.
            self.app.flows_page.toggle_kind(largest);
        }
    }

    /// Whether the page shown has everything it builds in the background (the
    /// flow map's layout, the checks' report).
    pub fn page_ready(&self) -> bool {
        match self.app.page {
            Page::Flows => self.app.flows_page.is_ready(),
            Page::Checks => !self.app.checks_page.is_checking(),
            _ => true,
        }
    }

    /// One frame with the mouse wheel turned down one notch over the page.
    pub fn scroll(&mut self) {
        self.run_with(vec![
            egui::Event::PointerMoved(PAGE_POINT),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, -3.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            },
        ]);
    }

    /// One frame with the pointer moved to `step`'s place over the page.
    pub fn hover(&mut self, step: usize) {
        let offset = (step % 8) as f32 * 37.0;
        self.run_with(vec![egui::Event::PointerMoved(
            PAGE_POINT + egui::vec2(offset - 140.0, offset - 140.0),
        )]);
    }

    /// One frame: the UI pass, then tessellation into triangles (CPU only).
    pub fn run(&mut self) {
        self.run_with(Vec::new());
    }

    fn run_with(&mut self, events: Vec<egui::Event>) {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
        let input = egui::RawInput { screen_rect: Some(screen), events, ..egui::RawInput::default() };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let triangles = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(triangles);
    }
}
