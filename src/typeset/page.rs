//! A laid-out page: positioned items in points from the bottom-left corner, the
//! page's geometry, and the helpers that run over finished pages.

use super::fonts::Style;

/// A positioned thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `y` is the baseline and `width` the measured width.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Measured width.
        width: f32,
        /// Font and size.
        style: Style,
        /// The text, one line.
        text: String,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Grey level, 0 black to 1 white.
        grey: f32,
    },
    /// A filled rectangle.
    Fill {
        /// Left edge.
        x: f32,
        /// Bottom edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Grey level, 0 black to 1 white.
        grey: f32,
    },
    /// A line through several points in colour, solid or dashed (the flow map).
    Stroke {
        /// The points, in order.
        points: Vec<(f32, f32)>,
        /// Red, green and blue, each 0 to 1.
        colour: Rgb,
        /// Line width.
        width: f32,
        /// Drawn dashed.
        dashed: bool,
    },
    /// A rectangle filled and outlined in colour (the flow map's boxes).
    Shape {
        /// Left edge.
        x: f32,
        /// Bottom edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill colour.
        fill: Rgb,
        /// Outline colour.
        stroke: Rgb,
    },
}

/// A colour as red, green and blue, each from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// The colour written `#rrggbb`; black when it cannot be read.
    pub fn from_hex(hex: &str) -> Self {
        let channel = |range: std::ops::Range<usize>| {
            hex.trim_start_matches('#').get(range).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0)
        };
        Self(
            f32::from(channel(0..2)) / 255.0,
            f32::from(channel(2..4)) / 255.0,
            f32::from(channel(4..6)) / 255.0,
        )
    }
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What to draw, in order.
    pub items: Vec<Item>,
}

/// Page size and the box that flowing content may use, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left edge of the content box.
    pub left: f32,
    /// Right edge of the content box.
    pub right: f32,
    /// Top edge of the content box.
    pub top: f32,
    /// Bottom edge of the content box.
    pub bottom: f32,
}

impl Geometry {
    /// A4 landscape (297 × 210 mm) with room for a running header and footer.
    pub fn a4_landscape() -> Self {
        let (width, height) = (841.89, 595.28);
        Self { width, height, left: 36.0, right: width - 36.0, top: height - 48.0, bottom: 44.0 }
    }

    /// A4 portrait (210 × 297 mm) with room for a running header and footer.
    pub fn a4_portrait() -> Self {
        let (width, height) = (595.28, 841.89);
        Self { width, height, left: 56.0, right: width - 56.0, top: height - 56.0, bottom: 52.0 }
    }

    /// Width of the content box.
    pub fn content_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Adds a running header and footer to every page: `decorate(index, count)` returns
/// the items for page `index` (from 0) of `count`.
pub fn decorate(pages: &mut [Page], mut decorate: impl FnMut(usize, usize) -> Vec<Item>) {
    let count = pages.len();
    for (index, page) in pages.iter_mut().enumerate() {
        page.items.extend(decorate(index, count));
    }
}

/// Items that fall outside the page, by a margin of `tolerance` points: a test aid
/// and a guard in the report.
pub fn items_outside(page: &Page, geometry: Geometry, tolerance: f32) -> Vec<Item> {
    let inside_x = |x: f32| x >= -tolerance && x <= geometry.width + tolerance;
    let inside_y = |y: f32| y >= -tolerance && y <= geometry.height + tolerance;
    page.items
        .iter()
        .filter(|item| match item {
            Item::Text { x, y, width, style, .. } => {
                !(inside_x(*x)
                    && inside_x(x + width)
                    && inside_y(*y - style.size * 0.25)
                    && inside_y(y + style.size))
            }
            Item::Line { from, to, .. } => {
                !(inside_x(from.0) && inside_x(to.0) && inside_y(from.1) && inside_y(to.1))
            }
            Item::Fill { x, y, width, height, .. } | Item::Shape { x, y, width, height, .. } => {
                !(inside_x(*x) && inside_x(x + width) && inside_y(*y) && inside_y(y + height))
            }
            Item::Stroke { points, .. } => !points.iter().all(|(x, y)| inside_x(*x) && inside_y(*y)),
        })
        .cloned()
        .collect()
}
