//! Helpers shared by the app's egui_kittest tests: the injected date, the demo
//! register in memory, a harness at the smallest screen the app supports, and
//! clicking or typing by accessible label.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::Store;
use ropa::model::Date;
use time::macros::date;

use super::app::App;
use super::file_dialog::FileDialogs;

/// The date the tests treat as today.
pub const TODAY: Date = date!(2026 - 11 - 22);

/// The demo register, in memory.
pub fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    store
}

/// A harness drawing `app` at 1366x768.
pub fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// The app on `store`, with today injected and no native file dialogs.
pub fn app_on(store: Store) -> App {
    App::with_store(store, TODAY, FileDialogs::typed_only()).unwrap()
}

/// Scrolls the widget named `label` into view and clicks it.
pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Focuses the field named `label` and types `text` into it.
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}
