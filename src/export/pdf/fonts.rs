//! The embedded DejaVu Sans fonts (see `assets/DejaVu-LICENSE.txt`) and text
//! measurement from their glyph advances, since printpdf does not measure text.

use crate::{Error, Result};

/// DejaVu Sans, regular.
pub const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub const BOLD_TTF: &[u8] = include_bytes!("../../../assets/DejaVuSans-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// A font and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Regular or bold.
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
}

impl Style {
    /// Regular text of `size` points.
    pub const fn regular(size: f32) -> Self {
        Self { weight: Weight::Regular, size }
    }

    /// Bold text of `size` points.
    pub const fn bold(size: f32) -> Self {
        Self { weight: Weight::Bold, size }
    }

    /// Distance between baselines of wrapped lines, in points.
    pub fn line_height(self) -> f32 {
        self.size * 1.25
    }
}

/// Glyph metrics of one font face.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").field("units_per_em", &self.units_per_em).finish()
    }
}

impl Metrics {
    /// Reads the metrics of the font in `bytes`.
    pub fn parse(bytes: &'static [u8]) -> Result<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|error| Error::Export {
            message: format!("the embedded font cannot be read ({error})"),
        })?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Self { face, units_per_em })
    }

    /// Width of `text` at `size` points, in points. A character the font lacks is
    /// measured as its "missing glyph" box, which is what a viewer draws.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 / self.units_per_em * size
    }
}

/// The report's two faces.
#[derive(Debug)]
pub struct Fonts {
    /// DejaVu Sans.
    pub regular: Metrics,
    /// DejaVu Sans Bold.
    pub bold: Metrics,
}

impl Fonts {
    /// The embedded fonts.
    pub fn embedded() -> Result<Self> {
        Ok(Self { regular: Metrics::parse(REGULAR_TTF)?, bold: Metrics::parse(BOLD_TTF)? })
    }

    /// Width of `text` in `style`, in points.
    pub fn width(&self, text: &str, style: Style) -> f32 {
        match style.weight {
            Weight::Regular => self.regular.width(text, style.size),
            Weight::Bold => self.bold.width(text, style.size),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let fonts = Fonts::embedded().unwrap();
        let narrow = fonts.width("iiii", Style::regular(10.0));
        let wide = fonts.width("WWWW", Style::regular(10.0));
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} {wide}");
        let double = fonts.width("WWWW", Style::regular(20.0));
        assert!((double - 2.0 * wide).abs() < 0.01);
        assert!(fonts.width("Łódź", Style::bold(10.0)) > fonts.width("Łódź", Style::regular(10.0)));
        assert_eq!(fonts.width("", Style::regular(10.0)), 0.0);
    }
}
