//! Dashed lines for the flow map, many to one mesh.
//!
//! The overview can show thousands of dashed lines at once (every bundle with an
//! outside body and no agreement). egui's `Shape::dashed_line` makes one shape
//! per dash, and tessellating a hundred thousand shapes a frame took most of the
//! Data flows page's frame time; here every dash is a few triangles appended to
//! one mesh, with the same one-pixel feathered edge that egui gives its lines.

use egui::{Color32, Mesh, Pos2, Stroke};

/// Dashed lines collected into one mesh, drawn with [`Dashes::into_shape`].
#[derive(Debug, Default)]
pub struct Dashes {
    mesh: Mesh,
}

/// The pattern, as the legend shows it too: pixels drawn, then pixels left.
pub const DASH: f32 = 6.0;
pub const GAP: f32 = 4.0;

impl Dashes {
    /// Adds the line through `points`, dashed.
    pub fn add(&mut self, points: &[Pos2], stroke: Stroke) {
        self.dashed(points, stroke, DASH, GAP);
    }

    /// Whether no dash has been added.
    pub fn is_empty(&self) -> bool {
        self.mesh.is_empty()
    }

    /// The dashes as one shape. (Reserving the mesh for every dash first was
    /// measured slower than letting it grow.)
    pub fn into_shape(self) -> egui::Shape {
        egui::Shape::mesh(self.mesh)
    }

    /// Adds the line through `points`, dashed: `dash` pixels drawn, `gap` left.
    fn dashed(&mut self, points: &[Pos2], stroke: Stroke, dash: f32, gap: f32) {
        let mut drawing = true;
        let mut left = dash;
        for pair in points.windows(2) {
            let (mut from, to) = (pair[0], pair[1]);
            let mut length = from.distance(to);
            while length > 0.0 {
                let step = left.min(length);
                let next = from + (to - from) * (step / length);
                if drawing {
                    self.segment(from, next, stroke);
                }
                left -= step;
                length -= step;
                from = next;
                if left <= 0.0 {
                    drawing = !drawing;
                    left = if drawing { dash } else { gap };
                }
            }
        }
    }

    /// One dash from `a` to `b`: a core of the stroke's colour, fading to
    /// transparent over one pixel on each side. Eight vertices, six triangles.
    fn segment(&mut self, a: Pos2, b: Pos2, stroke: Stroke) {
        let along = (b - a).normalized();
        if !along.is_finite() {
            return;
        }
        let normal = along.rot90();
        // A line thinner than the feathering is drawn fainter instead.
        let (inner, colour) = if stroke.width >= 1.0 {
            ((stroke.width - 1.0) / 2.0, stroke.color)
        } else {
            (0.0, stroke.color.gamma_multiply(stroke.width.max(0.0)))
        };
        let outer = inner + 1.0;
        let base = self.mesh.vertices.len() as u32;
        for end in [a, b] {
            self.mesh.colored_vertex(end + normal * outer, Color32::TRANSPARENT);
            self.mesh.colored_vertex(end + normal * inner, colour);
            self.mesh.colored_vertex(end - normal * inner, colour);
            self.mesh.colored_vertex(end - normal * outer, Color32::TRANSPARENT);
        }
        for k in 0..3 {
            let (p, q) = (base + k, base + 4 + k);
            self.mesh.add_triangle(p, p + 1, q);
            self.mesh.add_triangle(p + 1, q + 1, q);
        }
    }
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;

    /// The dashes' lengths along a straight line, from the mesh's vertices.
    fn dash_lengths(dashes: &Dashes) -> Vec<f32> {
        dashes.mesh.vertices.chunks(8).map(|v| v[1].pos.distance(v[5].pos)).collect()
    }

    #[test]
    fn a_dashed_line_is_dashes_and_gaps_of_the_lengths_asked_across_its_bends() {
        let mut dashes = Dashes::default();
        let stroke = Stroke::new(2.0, Color32::RED);
        // 25 pixels right, then 15 down: dashes of 6 with gaps of 4 run on
        // across the bend (the third dash is split by it).
        dashes.add(&[pos2(0.0, 0.0), pos2(25.0, 0.0), pos2(25.0, 15.0)], stroke);
        let lengths = dash_lengths(&dashes);
        let expected = [6.0, 6.0, 5.0, 1.0, 6.0];
        assert_eq!(lengths.len(), expected.len(), "{lengths:?}");
        for (got, want) in lengths.iter().zip(expected) {
            assert!((got - want).abs() < 1e-4, "{lengths:?}");
        }
        assert_eq!(dashes.mesh.indices.len(), expected.len() * 18);
        // The core is the stroke's colour, the feathered edge transparent.
        assert_eq!(dashes.mesh.vertices[1].color, Color32::RED);
        assert_eq!(dashes.mesh.vertices[0].color, Color32::TRANSPARENT);
        let width = dashes.mesh.vertices[0].pos.distance(dashes.mesh.vertices[3].pos);
        assert!((width - 3.0).abs() < 1e-4, "2 px of line and a pixel of feathering each side: {width}");
    }

    #[test]
    fn a_line_of_no_length_adds_nothing() {
        let mut dashes = Dashes::default();
        dashes.add(&[pos2(5.0, 5.0), pos2(5.0, 5.0)], Stroke::new(1.0, Color32::RED));
        dashes.add(&[pos2(5.0, 5.0)], Stroke::new(1.0, Color32::RED));
        assert!(dashes.is_empty());
    }
}
