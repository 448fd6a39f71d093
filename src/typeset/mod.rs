//! The typesetter, shared by exports and notices: a small layout engine: greedy word wrap, a top-to-bottom flow of
//! headings, paragraphs and tables over as many pages as needed, and tables whose
//! header row repeats on every page and whose rows break only between lines.
//!
//! Layout produces [`Page`]s of positioned [`Item`]s in points from the bottom-left
//! corner; nothing is drawn until every page exists, so running headers and footers
//! ("Page X of Y") are added once the page count is known. It knows nothing about
//! registers: reports (`export::pdf`) and notices (`notice::pdf`) bring the content.
//!
//! `page` holds what a page is, `wrap` measures and wraps text, `table` fits a
//! table's columns, `flow` places content down the pages, `fonts` is the embedded
//! face and its metrics, `draw` writes finished pages as PDF.

pub mod draw;
pub mod flow;
pub mod fonts;
pub mod page;
pub mod table;
pub mod wrap;

pub use flow::Flow;
pub use page::{Geometry, Item, Page, Rgb, decorate, items_outside};
pub use table::{Column, Table};
pub use wrap::wrap;
