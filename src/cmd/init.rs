//! `privsite init DIR`: writes the example privacy center.

use std::fs;
use std::path::Path;

use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, io_error};

/// Writes the example into `dir`, with `authoritative` binding (default: the
/// example's own) in `languages` (default: every language it is written in).
pub(crate) fn run(
    dir: &Path,
    authoritative: Option<&str>,
    languages: Option<&[String]>,
) -> Result<(), Diagnostics> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(Diagnostic::error(format!("{} is not empty", dir.display()))
            .help("choose a new folder; init never overwrites files")
            .into());
    }
    let mut files = crate::embedded::example_site();
    if authoritative.is_some() || languages.is_some() {
        let default: Vec<String> = crate::example::languages(&files).into_iter().collect();
        let languages = languages.unwrap_or(&default);
        let authoritative = authoritative.or(languages.first().map(String::as_str)).unwrap_or("de");
        files = crate::example::localise(files, authoritative, languages)?;
    }
    files.push((
        ".gitignore".to_string(),
        b"/public/
/.public.prev/
/.privsite/
# Left behind only by a command that was killed; the next one removes them.
/.public.new-*/
/.public.old-*/
/versions/*/.release-*/
*.tmp
/.privsite.lock
"
        .to_vec(),
    ));
    files.extend(crate::embedded::ci_workflows());
    for (path, bytes) in files {
        let file = dir.join(&path);
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error("create", parent, &e))?;
        }
        fs::write(&file, bytes).map_err(|e| io_error("write", &file, &e))?;
    }
    say!("Created an example privacy center in {}.", dir.display());
    // No `cd` to the folder the user is in already (`privsite init .`).
    let here = std::env::current_dir().is_ok_and(|cwd| std::path::absolute(dir).is_ok_and(|d| d == cwd));
    let cd = if here { String::new() } else { format!("`cd {}`, then ", dir.display()) };
    say!(
        "Next: {cd}`privsite serve` to preview it while you edit content/, `privsite release <doc> --minor` to publish a change, `privsite build` to write public/."
    );
    say!(
        "CI: .github/workflows/privsite.yml (GitHub Pages) and .gitlab-ci.yml (GitLab Pages) publish on every push; `privsite publish --target …` puts the site on object storage or a folder."
    );
    Ok(())
}
