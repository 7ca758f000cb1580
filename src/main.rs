use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors.
    privsite::cmd::main(privsite::cli::Cli::parse())
}
