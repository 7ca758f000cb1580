//! `privsite withdraw DOC [--date D]`: see `crate::withdraw`.

use std::path::Path;

use crate::cli::WithdrawArgs;
use crate::console::say;
use crate::diag::Diagnostics;

pub(crate) fn run(root: Option<&Path>, args: &WithdrawArgs) -> Result<(), Diagnostics> {
    let _lock = super::lock(root)?;
    // Only load: the very problem withdrawing solves (content/DOC/ deleted) is an error of `check`.
    let pipeline = super::open(root)?;
    let site = &pipeline.site;
    let slug = super::doc_arg(&args.doc);
    let date = super::build_date(args.date)?;
    crate::withdraw::withdraw(site, slug, date)?;
    say!(
        "Withdrew {slug} on {date}: from then on it is not in the privacy center, its page says so and its versions stay online."
    );
    if site.root.join(crate::load::CONTENT).join(slug).is_dir() {
        say!("You can now delete content/{slug}/; its released text is kept in versions/{slug}/.");
    }
    Ok(())
}
