//! A checkbox per item of a legal list, labelled with its citation and title, with
//! the wording of the law as the tooltip.

use std::collections::BTreeSet;

use ropa::law::LegalItem;

/// One checkbox per item in `T::ALL` for `items`; returns whether the set changed.
pub fn legal_checkboxes_ui<T: LegalItem>(ui: &mut egui::Ui, items: &mut BTreeSet<T>) -> bool {
    legal_checkboxes_of(ui, T::ALL, items)
}

/// One checkbox per item of `choices`; returns whether the set changed.
pub fn legal_checkboxes_of<T: LegalItem>(ui: &mut egui::Ui, choices: &[T], items: &mut BTreeSet<T>) -> bool {
    let mut changed = false;
    for &item in choices {
        let mut ticked = items.contains(&item);
        let response = ui.checkbox(&mut ticked, item.label()).on_hover_text(format!(
            "{}: \"{}\"",
            item.citation(),
            item.wording()
        ));
        if response.changed() {
            changed = true;
            if ticked {
                items.insert(item);
            } else {
                items.remove(&item);
            }
        }
    }
    changed
}
