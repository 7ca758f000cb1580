use std::process::ExitCode;

use clap::Parser;

/// A build allocates and frees small strings by the hundred thousand, on
/// every core: mimalloc does that in about half of the system allocator's time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors.
    privsite::cmd::main(privsite::cli::Cli::parse())
}
