//! What a new user ran into in their first week (issue: from the example to
//! your own privacy center), each as they did it.

use crate::support::Site;

/// With unreleased edits, `diff DOC` shows what `release` would add.
#[test]
fn diff_shows_the_draft_against_the_last_release() {
    let site = Site::init();
    let file = "content/privacy-policy/20-data-protection-officer.de.md";
    let text = site.read(file);
    site.write(
        file,
        &text.replace(
            "Wir haben einen Datenschutzbeauftragten benannt",
            "Wir haben eine Datenschutzbeauftragte benannt",
        ),
    );
    // As shell completion names the folder.
    let run = site.run(&["diff", "privacy-policy/"]).ok();
    assert!(
        run.stdout.starts_with("privacy-policy v2 → draft (unreleased, content/) (de)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("#data-protection-officer (changed)"), "{}", run.stdout);
    // Piped: one run of changed words, one deletion and one insertion.
    assert!(
        run.stdout
            .contains("Wir haben [-einen Datenschutzbeauftragten-]{+eine Datenschutzbeauftragte+} benannt"),
        "{}",
        run.stdout
    );
    let explicit = site.run(&["diff", "privacy-policy", "1", "draft"]).ok();
    assert!(
        explicit.stdout.starts_with("privacy-policy v1 → draft (unreleased, content/) (de)"),
        "{}",
        explicit.stdout
    );
    let released = site.run(&["diff", "privacy-policy", "1", "2"]).ok();
    assert!(released.stdout.starts_with("privacy-policy v1 → v2 (de)"), "{}", released.stdout);
    let bad = site.run(&["diff", "privacy-policy", "7"]).fails();
    assert!(
        bad.stderr.contains("its versions are v1 to v2, and `draft`, the text in content/"),
        "{}",
        bad.stderr
    );
}
