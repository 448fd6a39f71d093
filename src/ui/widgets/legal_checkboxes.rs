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
        let hover = format!("{}: \"{}\"", item.citation(), item.wording());
        changed |= item_checkbox(ui, item, item.label(), hover, items);
    }
    changed
}

/// One checkbox adding `item` to or removing it from `items`; returns whether
/// it changed.
fn item_checkbox<T: LegalItem>(
    ui: &mut egui::Ui,
    item: T,
    label: String,
    hover: String,
    items: &mut BTreeSet<T>,
) -> bool {
    let mut ticked = items.contains(&item);
    let changed = ui.checkbox(&mut ticked, label).on_hover_text(hover).changed();
    if changed {
        if ticked {
            items.insert(item);
        } else {
            items.remove(&item);
        }
    }
    changed
}

/// One checkbox per item of `choices` in force on `day`, and per item already
/// in `items` that is not (kept, and marked "not in force on D", so that a saved
/// value is never silently dropped), each labelled and quoted as the law stood
/// on `day`; returns whether the set changed.
pub fn legal_checkboxes_on<T: LegalItem>(
    ui: &mut egui::Ui,
    choices: &[T],
    items: &mut BTreeSet<T>,
    day: ropa::model::Date,
) -> bool {
    let mut changed = false;
    let shown: Vec<T> =
        choices.iter().copied().filter(|item| item.is_in_force_on(day) || items.contains(item)).collect();
    for item in shown {
        changed |= item_checkbox(ui, item, dated_label(item, day), dated_quote(item, day), items);
    }
    changed
}

/// The item's label as the law stood on `day`, marked when it was not in force then.
pub fn dated_label<T: LegalItem>(item: T, day: ropa::model::Date) -> String {
    if item.is_in_force_on(day) {
        item.label_on(day)
    } else {
        format!("{} (not in force on {})", item.label_on(day), ropa::law::long_date(day))
    }
}

/// The item's citation and wording on `day`, and when it is in force: the tooltip.
pub fn dated_quote<T: LegalItem>(item: T, day: ropa::model::Date) -> String {
    format!("{}: \"{}\" ({})", item.citation_on(day), item.wording_on(day), item.in_force().describe())
}
