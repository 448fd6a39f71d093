//! The PDF report.
use std::io::Write;
use super::{Options, Progress};
use crate::Result;
use crate::model::Register;
/// Writes the report.
pub fn write(_register: &Register, _options: &Options, _out: &mut dyn Write, _progress: &mut dyn Progress) -> Result<()> { Ok(()) }
