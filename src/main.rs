use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors.
    let cli = privsite::cli::Cli::parse();
    match privsite::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            privsite::report(&failure.0);
            let errors = failure.0.iter().filter(|d| d.is_error()).count();
            if errors > 1 {
                eprintln!("{errors} errors");
            }
            ExitCode::from(1)
        }
    }
}
