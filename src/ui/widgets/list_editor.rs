//! Editing a list of short texts (purposes, data subjects, categories of data):
//! each entry editable in place, a box to add one, and suggestions from values
//! already used in the register.

/// How many suggestions show under the add box.
const SUGGESTION_LIMIT: usize = 6;

/// Edits `items` under `label`; `suggestions` are offered while typing a new entry.
/// Returns whether the list changed.
pub fn list_editor_ui(
    ui: &mut egui::Ui,
    label: &str,
    items: &mut Vec<String>,
    suggestions: &[String],
) -> bool {
    let mut changed = false;
    super::form_row(ui, label, |ui, _label_id| {
        ui.vertical(|ui| {
            let mut remove = None;
            let width = (ui.available_width() - 34.0).max(120.0);
            for (index, item) in items.iter_mut().enumerate() {
                let name = format!("{label} {}", index + 1);
                let size = egui::vec2(width + 34.0, ui.spacing().interact_size.y);
                ui.allocate_ui_with_layout(size, egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let remove_name = format!("Remove {name}");
                    if ui.small_button("×").on_hover_text(&remove_name).accessible_name(remove_name).clicked()
                    {
                        remove = Some(index);
                    }
                    let full_text = item.clone();
                    let response = ui
                        .add(egui::TextEdit::singleline(item).desired_width(ui.available_width()))
                        .accessible_name(&name);
                    changed |= response.on_hover_text(full_text).changed();
                });
            }
            if let Some(index) = remove {
                items.remove(index);
                changed = true;
            }
            changed |= add_box(ui, label, width, items, suggestions);
        });
    });
    changed
}

/// The box that adds an entry, with matching suggestions below it.
fn add_box(
    ui: &mut egui::Ui,
    label: &str,
    width: f32,
    items: &mut Vec<String>,
    suggestions: &[String],
) -> bool {
    let id = ui.make_persistent_id(("list-editor-new", label));
    let mut new_item: String = ui.data_mut(|data| data.get_temp(id).unwrap_or_default());
    let mut added = None;
    ui.horizontal(|ui| {
        let add_label = format!("Add to {}", label.to_lowercase());
        // A stable id: the rows added above the box must not shift it, or the focus
        // kept on it after Enter would land on the new row's remove button.
        let response = ui.add(
            egui::TextEdit::singleline(&mut new_item)
                .id(id.with("box"))
                .hint_text("type and press Enter")
                .desired_width(width - 12.0),
        );
        let response = response.on_hover_text(&add_label).accessible_name(&add_label);
        let entered = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        let add_button = ui.button("Add").accessible_name(format!("Add {}", label.to_lowercase()));
        if (add_button.clicked() || entered) && !new_item.trim().is_empty() {
            added = Some(new_item.trim().to_owned());
            if entered {
                response.request_focus();
            }
        }
    });
    let needle = new_item.trim().to_lowercase();
    if added.is_none() && !needle.is_empty() {
        let matches: Vec<&String> = suggestions
            .iter()
            .filter(|s| s.to_lowercase().contains(&needle) && !items.iter().any(|item| item == *s))
            .take(SUGGESTION_LIMIT)
            .collect();
        if !matches.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.weak("Used elsewhere:");
                for suggestion in matches {
                    if ui.small_button(suggestion.as_str()).clicked() {
                        added = Some(suggestion.clone());
                    }
                }
            });
        }
    }
    let changed = if let Some(value) = added {
        if !items.iter().any(|item| item.eq_ignore_ascii_case(&value)) {
            items.push(value);
        }
        new_item.clear();
        true
    } else {
        false
    };
    ui.data_mut(|data| data.insert_temp(id, new_item));
    changed
}
