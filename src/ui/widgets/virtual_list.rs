//! A vertical list of rows of different heights that lays out only the rows in
//! view: a page listing tens of thousands of findings costs a frame what the
//! screen shows, not what the register holds (issue 19).
//!
//! Each row's height is estimated until it is first drawn, then measured; the
//! space above and below the rows drawn is kept as empty space of the summed
//! heights, so the scroll bar stays true to the whole list. A short list is laid
//! out whole, so that every row stays in the accessibility tree (screen readers,
//! and the tests that find widgets by label).

/// The rows' heights, as estimated and then measured.
#[derive(Debug, Clone, Default)]
pub struct VirtualList {
    heights: Vec<f32>,
    /// `offsets[i]` is the sum of the heights of the rows before row `i`;
    /// one longer than `heights` (its last entry is the whole list's height).
    offsets: Vec<f32>,
    /// Whether a height changed since `offsets` was summed.
    stale: bool,
}

/// Lists of at most this many rows are laid out whole.
pub const WHOLE_UP_TO: usize = 150;

impl VirtualList {
    /// Starts over with one estimated height per row.
    pub fn reset(&mut self, estimates: impl IntoIterator<Item = f32>) {
        self.heights = estimates.into_iter().collect();
        self.stale = true;
    }

    /// Keeps the measured heights if the list still has `len` rows; otherwise
    /// starts over with every row estimated at `estimate`.
    pub fn ensure_len(&mut self, len: usize, estimate: f32) {
        if self.len() != len {
            self.reset(std::iter::repeat_n(estimate, len));
        }
    }

    /// How many rows the list has.
    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// Draws the rows that fall in `viewport` (the part of the list in view, as
    /// `egui::ScrollArea::show_viewport` gives it), with `row` drawing row `i`,
    /// and empty space for the rest.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        viewport: egui::Rect,
        mut row: impl FnMut(&mut egui::Ui, usize),
    ) {
        self.sum_if_stale();
        let (first, end) = self.in_view(viewport);
        ui.add_space(self.offset(first));
        let mut changed = false;
        for index in first..end {
            let top = ui.cursor().min.y;
            row(ui, index);
            let height = ui.cursor().min.y - top;
            if let Some(known) = self.heights.get_mut(index)
                && (*known - height).abs() > 0.5
            {
                *known = height;
                changed = true;
            }
        }
        ui.add_space((self.offset(self.len()) - self.offset(end)).max(0.0));
        if changed {
            self.stale = true;
            // The space above and below is summed again on the next frame.
            ui.ctx().request_repaint();
        }
    }

    /// The rows to draw: `first..end`.
    fn in_view(&self, viewport: egui::Rect) -> (usize, usize) {
        let len = self.len();
        if len <= WHOLE_UP_TO {
            return (0, len);
        }
        // The first row whose bottom is below the top of the view, and the
        // first row that starts below its bottom.
        let first = self.offsets[1..].partition_point(|bottom| *bottom <= viewport.min.y).min(len);
        let end = self.offsets[..len].partition_point(|top| *top < viewport.max.y).max(first);
        (first, end)
    }

    fn offset(&self, index: usize) -> f32 {
        self.offsets.get(index).copied().unwrap_or(0.0)
    }

    fn sum_if_stale(&mut self) {
        if !self.stale && self.offsets.len() == self.heights.len() + 1 {
            return;
        }
        self.offsets.clear();
        self.offsets.push(0.0);
        let mut sum = 0.0;
        for height in &self.heights {
            sum += height;
            self.offsets.push(sum);
        }
        self.stale = false;
    }
}

/// A scrolled list of selectable entries (a title in bold over a weak detail),
/// such as the Parties and Agreements pages' lists, laid out only in view.
/// `entry(i)` gives the `i`th entry's key, title and detail; returns the key of
/// the entry clicked.
pub fn selectable_list_ui<'a, K: Copy + PartialEq>(
    ui: &mut egui::Ui,
    list: &mut VirtualList,
    len: usize,
    selected: Option<K>,
    entry: impl Fn(usize) -> Option<(K, &'a str, &'a str)>,
) -> Option<K> {
    list.ensure_len(len, 36.0);
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink(false).show_viewport(ui, |ui, viewport| {
        list.show(ui, viewport, |ui, index| {
            let Some((key, title, detail)) = entry(index) else {
                return;
            };
            let is_selected = selected == Some(key);
            let text = super::title_and_detail(ui, title, detail);
            let button =
                egui::Button::selectable(is_selected, text).min_size(egui::vec2(ui.available_width(), 32.0));
            if ui.add(button).clicked() && !is_selected {
                clicked = Some(key);
            }
        });
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(n: usize, height: f32) -> VirtualList {
        let mut list = VirtualList::default();
        list.reset(std::iter::repeat_n(height, n));
        list.sum_if_stale();
        list
    }

    fn view(top: f32, bottom: f32) -> egui::Rect {
        egui::Rect::from_min_max(egui::pos2(0.0, top), egui::pos2(100.0, bottom))
    }

    #[test]
    fn a_short_list_is_laid_out_whole() {
        assert_eq!(list(WHOLE_UP_TO, 20.0).in_view(view(0.0, 100.0)), (0, WHOLE_UP_TO));
    }

    #[test]
    fn a_long_list_lays_out_only_the_rows_in_view() {
        let list = list(10_000, 20.0);
        assert_eq!(list.in_view(view(0.0, 100.0)), (0, 5));
        assert_eq!(list.in_view(view(1_010.0, 1_050.0)), (50, 53), "the row cut at the top is drawn");
        assert_eq!(list.in_view(view(199_990.0, 200_500.0)), (9_999, 10_000), "the end");
        assert_eq!(list.in_view(view(300_000.0, 300_500.0)), (10_000, 10_000), "past the end: none");
    }

    #[test]
    fn measured_heights_move_the_rows_below() {
        let mut list = list(1_000, 20.0);
        list.heights[0] = 120.0;
        list.stale = true;
        list.sum_if_stale();
        assert_eq!(list.offset(1), 120.0);
        assert_eq!(list.offset(1_000), 120.0 + 999.0 * 20.0, "the whole list's height");
        assert_eq!(list.in_view(view(0.0, 130.0)), (0, 2));
    }
}
