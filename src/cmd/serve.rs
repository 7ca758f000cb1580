//! `privsite serve`: see `crate::serve`.

use std::path::Path;

use crate::cli::ServeArgs;
use crate::diag::Diagnostics;
use crate::serve::{self, Options};

pub(crate) fn run(root: Option<&Path>, args: &ServeArgs) -> Result<(), Diagnostics> {
    serve::serve(&Options {
        root: root.map(Path::to_path_buf),
        bind: args.bind,
        port: args.port,
        open: args.open,
    })
}
