//! The keys every dialog answers: Enter for its main button, Escape to cancel
//! (Escape comes from [`egui::ModalResponse::should_close`], which also closes on a
//! click outside).
//!
//! Enter is ignored on the pass in which the dialog first appears: the Enter that
//! pressed the button opening a dialog must not also confirm it.

/// Whether Enter (without Shift, which starts a new line in a note) was pressed
/// while the dialog `id` was already showing on the previous pass.
pub fn enter_confirms(ui: &egui::Ui, id: egui::Id) -> bool {
    let pass = ui.ctx().cumulative_pass_nr();
    let key = id.with("dialog-last-shown-pass");
    let shown_before = ui.ctx().data_mut(|data| {
        let last = data.get_temp::<u64>(key);
        data.insert_temp(key, pass);
        last.is_some_and(|last| last + 1 >= pass)
    });
    shown_before && ui.input(|input| input.key_pressed(egui::Key::Enter) && !input.modifiers.shift)
}
