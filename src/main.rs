use std::process::ExitCode;

use clap::Parser;

/// A build allocates and frees small strings by the hundred thousand, on
/// every core: glibc's malloc took 13 % of a first build's CPU, and with
/// mimalloc the 30k benchmark site builds about a tenth faster.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors.
    privsite::cmd::main(privsite::cli::Cli::parse())
}
