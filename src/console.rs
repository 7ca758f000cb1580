//! What privsite says on the terminal. `println!` and `eprintln!` panic
//! when their reader has gone (`privsite status | head -1`, a pipe closed
//! early): these do not. Results go to stdout, where only a reader that
//! stopped reading is forgiven; messages go to stderr, a line in one write,
//! so that it cannot interleave with another program's output there.

use std::fmt;
use std::io::{self, ErrorKind, Write};

use crate::diag::Diagnostic;

/// A message line on stderr, written as `eprintln!` would, without its panic.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::console::say_line(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// [`say!`]'s line. If stderr cannot take it there is nowhere left to tell,
/// and the command goes on.
pub(crate) fn say_line(args: fmt::Arguments<'_>) {
    let mut line = args.to_string();
    line.push('\n');
    say_text(&line);
}

/// Text that ends its own lines (a rendered diagnostic), on stderr.
pub(crate) fn say_text(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// A command's result on stdout. A reader that stopped reading has what it
/// wanted; any other failure would leave the result cut short unseen, and
/// is an error.
pub(crate) fn print(text: &str) -> Result<(), Diagnostic> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(Diagnostic::error(format!(
            "cannot write the result to standard output: {e}"
        ))
        .help("check where standard output goes (a full disk, a closed file), then run the command again")),
        _ => Ok(()),
    }
}
