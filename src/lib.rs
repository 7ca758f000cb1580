//! privsite: a versioned, trilingual static privacy center from Markdown.
//!
//! The pipeline is `load` (disk → [`site::Site`]) → `check` (→ diagnostics)
//! → `render` (→ [`render::Output`], in memory) → `write` (→ disk, atomically).
//! Commands in `cmd` only wire these together.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod embedded;
pub mod load;
pub mod mark;
pub mod mime;
pub mod notify;
pub mod pdf_cache;
pub mod publish;
pub mod release;
pub mod render;
pub mod serve;
pub mod site;
pub mod translation;
pub mod write;

use std::io::IsTerminal;

use cli::{Cli, Command};
use diag::{Diagnostic, Diagnostics};

/// Runs one command. Diagnostics are the failures a user can fix (exit 1).
pub fn run(cli: Cli) -> Result<(), Diagnostics> {
    match cli.command {
        Command::Init { dir } => cmd::init::run(&dir),
        Command::Build(args) => cmd::build::run(cli.root.as_deref(), &args),
        Command::Serve(args) => cmd::serve::run(cli.root.as_deref(), &args),
        Command::Check { format } => cmd::check::run(cli.root.as_deref(), format),
        Command::Release(args) => cmd::release::run(cli.root.as_deref(), &args),
        Command::Diff(args) => cmd::diff::run(cli.root.as_deref(), &args),
        Command::Status => cmd::status::run(cli.root.as_deref()),
        Command::MarkTranslated { lang, target } => cmd::mark::run(cli.root.as_deref(), &lang, &target),
        Command::Publish(args) => cmd::publish::run(cli.root.as_deref(), &args),
        Command::Notify(args) => cmd::notify::run(cli.root.as_deref(), &args),
        Command::Pdf(args) => cmd::pdf::run(cli.root.as_deref(), &args),
    }
}

/// Whether stderr gets colour.
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Prints diagnostics to stderr.
pub fn report(diagnostics: &[Diagnostic]) {
    let color = color();
    for d in diagnostics {
        eprint!("{}", d.render(color));
    }
}
