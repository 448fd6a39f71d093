//! `ropa`: the desktop app and the command line, both on top of the `ropa` core.

mod cli;
mod ui;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
