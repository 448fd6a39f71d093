//! The Register table's columns as the officer arranged them in View > Register
//! columns: which are hidden and in what order, remembered in the settings.

use std::collections::BTreeSet;

use super::register_view::SortColumn;

/// The standard order, left to right: what an officer scans for (the activity, its
/// status and next review) comes first, so that it stays in view however narrow
/// the window; the longer texts follow and scroll sideways.
pub const STANDARD_ORDER: [SortColumn; 7] = [
    SortColumn::Service,
    SortColumn::Name,
    SortColumn::Status,
    SortColumn::NextReview,
    SortColumn::Purposes,
    SortColumn::LawfulBases,
    SortColumn::SpecialCategories,
];

/// The hidden columns and the chosen order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterColumns {
    /// Columns the officer hid (never the activity's name).
    pub hidden: BTreeSet<SortColumn>,
    /// The order chosen, left to right; columns it leaves out follow in the
    /// standard order (so a remembered order from an older version stays whole).
    pub order: Vec<SortColumn>,
}

impl RegisterColumns {
    /// Every column, left to right.
    pub fn in_order(&self) -> Vec<SortColumn> {
        let mut columns: Vec<SortColumn> = Vec::with_capacity(STANDARD_ORDER.len());
        for column in self.order.iter().chain(&STANDARD_ORDER) {
            if !columns.contains(column) {
                columns.push(*column);
            }
        }
        columns
    }

    /// The columns the table shows, left to right.
    pub fn shown(&self) -> Vec<SortColumn> {
        self.in_order().into_iter().filter(|column| self.is_shown(*column)).collect()
    }

    /// Whether `column` is shown (the activity's name always is, whatever the
    /// settings file says).
    pub fn is_shown(&self, column: SortColumn) -> bool {
        !Self::can_hide(column) || !self.hidden.contains(&column)
    }

    /// Whether `column` may be hidden: the activity's name always shows.
    pub fn can_hide(column: SortColumn) -> bool {
        column != SortColumn::Name
    }

    /// Shows or hides `column` (the activity's name stays).
    pub fn set_shown(&mut self, column: SortColumn, shown: bool) {
        if shown {
            self.hidden.remove(&column);
        } else if Self::can_hide(column) {
            self.hidden.insert(column);
        }
    }

    /// Moves `column` one place left (`-1`) or right (`1`); nothing past either end.
    pub fn move_by(&mut self, column: SortColumn, step: isize) {
        let mut columns = self.in_order();
        let Some(from) = columns.iter().position(|c| *c == column) else {
            return;
        };
        let Some(to) = from.checked_add_signed(step).filter(|to| *to < columns.len()) else {
            return;
        };
        columns.swap(from, to);
        self.order = columns;
    }

    /// Back to the standard order (hidden columns stay hidden).
    pub fn reset_order(&mut self) {
        self.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_a_column_swaps_it_with_its_neighbour_and_stops_at_the_ends() {
        let mut columns = RegisterColumns::default();
        assert_eq!(columns.in_order(), STANDARD_ORDER);
        columns.move_by(SortColumn::Purposes, -1);
        assert_eq!(
            &columns.in_order()[2..5],
            [SortColumn::Status, SortColumn::Purposes, SortColumn::NextReview]
        );
        columns.move_by(SortColumn::Service, -1);
        columns.move_by(SortColumn::SpecialCategories, 1);
        assert_eq!(columns.in_order().first(), Some(&SortColumn::Service));
        assert_eq!(columns.in_order().last(), Some(&SortColumn::SpecialCategories));
        columns.reset_order();
        assert_eq!(columns.in_order(), STANDARD_ORDER);
    }

    #[test]
    fn a_partial_or_repeated_remembered_order_still_lists_every_column_once() {
        let columns = RegisterColumns {
            hidden: BTreeSet::from([SortColumn::Status, SortColumn::Name]),
            order: vec![SortColumn::Purposes, SortColumn::Purposes, SortColumn::Name],
        };
        let order = columns.in_order();
        assert_eq!(order.len(), STANDARD_ORDER.len());
        assert_eq!(&order[..2], [SortColumn::Purposes, SortColumn::Name]);
        assert!(!columns.shown().contains(&SortColumn::Status));
        assert!(columns.shown().contains(&SortColumn::Name), "the name shows, whatever the file says");
        let mut columns = RegisterColumns::default();
        columns.set_shown(SortColumn::Name, false);
        assert!(columns.hidden.is_empty(), "the name cannot be hidden");
    }
}
