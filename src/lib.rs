//! ROPA Register core: the Record of Processing Activities (UK GDPR Article 30), its
//! SQLite store, the demo register, and everything that reads or writes a register
//! without a screen.
//!
//! Architecture invariant: nothing in this crate's library names a GUI type. The
//! egui app and the command line live in the binary (`src/main.rs`) on top of it.

pub mod cells;
pub mod checks;
pub mod demo;
pub mod error;
pub mod export;
pub mod file_commands;
pub mod flows;
pub mod fsio;
pub mod generate;
pub mod ico_template;
pub mod import;
pub mod law;
pub mod model;
pub mod notice;
pub mod processor_template;
pub mod review_pack;
pub mod store;
pub mod typeset;

pub use error::{Error, Result};
pub use store::Store;
