//! The embedded DejaVu Sans fonts (see `assets/DejaVu-LICENSE.txt`) and text
//! measurement from their glyph advances, also used to encode text as glyphs.

use crate::{Error, Result};

/// DejaVu Sans, regular.
pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/DejaVuSans-Bold.ttf");

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

/// Glyph metrics of one font face, with the glyph and advance of every character
/// of the Basic Multilingual Plane looked up once, so that measuring and encoding
/// text costs two array reads a character.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// The glyph of each BMP character (0, the "missing glyph", when absent).
    glyphs: Vec<u16>,
    /// The advance of each glyph, in font units.
    advances: Vec<u16>,
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
        let glyphs = (0..=u16::MAX)
            .map(|code| {
                char::from_u32(u32::from(code)).and_then(|c| face.glyph_index(c)).map_or(0, |glyph| glyph.0)
            })
            .collect();
        let advances = (0..face.number_of_glyphs())
            .map(|glyph| face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0))
            .collect();
        Ok(Self { face, units_per_em, glyphs, advances })
    }

    /// The glyph that draws `c`; 0, the "missing glyph" box, when the font lacks it.
    pub fn glyph(&self, c: char) -> u16 {
        match u16::try_from(u32::from(c)) {
            Ok(code) => self.glyphs[usize::from(code)],
            Err(_) => self.face.glyph_index(c).map_or(0, |glyph| glyph.0),
        }
    }

    /// The advance of `glyph`, in font units.
    pub fn advance(&self, glyph: u16) -> u16 {
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0)
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// The parsed face, for the font's descriptor.
    pub fn face(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    /// Width of `text` at `size` points, in points. A character the font lacks is
    /// measured as its "missing glyph" box, which is what a viewer draws.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(self.glyph(c)))).sum();
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
        self.metrics(style.weight).width(text, style.size)
    }

    /// The metrics of `weight`.
    pub fn metrics(&self, weight: Weight) -> &Metrics {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
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

    #[test]
    fn the_glyph_table_agrees_with_the_font() {
        let fonts = Fonts::embedded().unwrap();
        for metrics in [&fonts.regular, &fonts.bold] {
            for c in ['A', 'z', ' ', 'ł', 'Ł', '’', '€', '\u{fffd}', '\u{1f600}', '\u{10ffff}', '\0'] {
                let expected = metrics.face().glyph_index(c).map_or(0, |glyph| glyph.0);
                assert_eq!(metrics.glyph(c), expected, "{c:?}");
            }
            assert!(metrics.glyph('A') != 0 && metrics.advance(metrics.glyph('A')) > 0);
            assert_eq!(metrics.advance(u16::MAX), 0, "a glyph past the font has no width");
        }
    }
}
