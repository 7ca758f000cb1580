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
        run.stdout.starts_with("privacy-policy v3 → draft (unreleased, content/) (de)"),
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
        bad.stderr.contains("its versions are v1 to v3, and `draft`, the text in content/"),
        "{}",
        bad.stderr
    );
}

/// The release notes are the only thing left: one message says what to do.
#[test]
fn release_says_in_one_message_what_the_notes_need() {
    let site = Site::init();
    let file = "content/privacy-policy/20-data-protection-officer";
    for (lang, line) in [("de", "Neu."), ("en", "New."), ("sv", "Ny.")] {
        let path = format!("{file}.{lang}.md");
        site.write(&path, &format!("{}{line}\n", site.read(&path)));
    }
    site.run(&["mark-translated", "en", "privacy-policy"]).ok();
    site.run(&["mark-translated", "sv", "privacy-policy"]).ok();
    site.write("content/privacy-policy/_release.de.md", "Neu.\n");
    site.write("content/privacy-policy/_release.en.md", "New.\n");
    let run = site.run(&["release", "privacy-policy", "--minor", "--date", "2026-06-01"]).fails();
    assert_eq!(run.stderr.matches("error").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: the release notes must exist in every language of the document, each marked as translated: content/privacy-policy/_release.en.md is not marked as translated, content/privacy-policy/_release.sv.md is missing"), "{}", run.stderr);
    assert!(run.stderr.contains("then run `privsite mark-translated en privacy-policy/_release` and `privsite mark-translated sv privacy-policy/_release`"), "{}", run.stderr);
    let status = site.run(&["status"]).ok().stdout;
    let notes = status.lines().find(|l| l.trim_start().starts_with("_release")).unwrap();
    assert_eq!(
        notes.split_whitespace().collect::<Vec<_>>(),
        ["_release", "to", "release", "not", "marked", "missing"]
    );
    assert!(status.contains("0 outdated, 1 not marked as translated, 1 missing translations"), "{status}");
}

/// A translation never marked is "not marked as translated", not
/// "outdated"; many of one document get the one command that marks them all.
#[test]
fn never_marked_translations_are_reported_once_per_document() {
    let site = Site::init();
    for stem in ["_index", "10-controller", "20-data-protection-officer"] {
        let path = format!("content/privacy-policy/{stem}.en.md");
        let text = site.read(&path);
        let unmarked: String =
            text.lines().filter(|l| !l.starts_with("translated_from")).map(|l| format!("{l}\n")).collect();
        site.write(&path, &unmarked);
    }
    let check = site.run(&["check"]).ok();
    assert!(!check.stderr.contains("outdated"), "{}", check.stderr);
    assert!(check.stderr.contains("content/privacy-policy: warning: 3 files of privacy-policy are not marked as translated into `en`: _index.en.md, 10-controller.en.md, 20-data-protection-officer.en.md"), "{}", check.stderr);
    assert_eq!(check.stderr.matches("privsite mark-translated").count(), 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("`privsite mark-translated en privacy-policy` marks them all at once"),
        "{}",
        check.stderr
    );
    let status = site.run(&["status"]).ok().stdout;
    assert!(status.contains("0 outdated, 3 not marked as translated, 0 missing translations"), "{status}");
}

/// Date errors name what the user did.
#[test]
fn date_errors_name_what_the_user_did() {
    let site = Site::init();
    let index = "content/privacy-policy/_index.de.md";
    let release = |date: &str, extra: &[&str]| {
        site.write(index, &format!("{}Neu {date}.\n", site.read(index)));
        site.write("content/privacy-policy/_release.de.md", "Neu.\n");
        let args =
            [&["release", "privacy-policy", "--minor", "--allow-incomplete", "--date", date][..], extra]
                .concat();
        site.run(&args)
    };
    // An announced version: published 2026-01-01, in effect from 2026-02-01.
    release("2026-01-01", &["--effective", "2026-02-01"]).ok();
    let run = release("2025-12-01", &[]).fails();
    assert!(
        run.stderr.contains("error: the publication date 2025-12-01 is before that of v4 (2026-01-01)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pass --date 2026-01-01 or later"), "{}", run.stderr);
    assert!(!run.stderr.contains("effective"), "--date alone: nothing about --effective\n{}", run.stderr);
    let run = release("2026-01-15", &[]).fails();
    assert!(
        run.stderr.contains("error: the effective date 2026-01-15 (the publication date, as --effective was not given) is before that of v4 (2026-02-01)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pass --effective 2026-02-01 or later"), "{}", run.stderr);
    let run = release("01.01.2027", &[]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`01.01.2027` is not a date of the form YYYY-MM-DD"), "{}", run.stderr);
    assert!(!site.path("versions/privacy-policy/v5").exists());
}

#[test]
fn an_unknown_language_suffix_close_to_a_site_language_gets_a_suggestion() {
    let site = Site::init();
    let from = "content/privacy-policy/10-controller.sv.md";
    std::fs::rename(site.path(from), site.path("content/privacy-policy/10-controller.se.md")).unwrap();
    let run = site.run(&["check"]).fails();
    assert!(
        run.stderr.contains(
            "content/privacy-policy/10-controller.se.md: error: unknown language `se` in the file name"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: did you mean `sv`? the site's languages are de, en, sv (privsite.toml)"),
        "{}",
        run.stderr
    );
    std::fs::rename(
        site.path("content/privacy-policy/10-controller.se.md"),
        site.path("content/privacy-policy/10-controller.EN.md"),
    )
    .unwrap();
    let run = site.run(&["check"]).fails();
    assert!(run.stderr.contains("did you mean `en`?"), "{}", run.stderr);
}

/// Every page names an icon the site has, so no browser logs a 404 for
/// /favicon.ico. (A count of one agrees with its noun: the walkthrough test.)
#[test]
fn the_built_site_ships_its_icon_and_counts_agree() {
    let site = Site::init();
    std::fs::remove_dir_all(site.path("content/cookie-policy")).unwrap();
    site.run(&["withdraw", "cookie-policy", "--date", "2026-05-01"]).ok();
    let run = site.run(&["build", "--date", "2026-06-01"]).ok();
    assert!(run.stderr.contains(" of 2 documents in 3 languages "), "{}", run.stderr);
    assert!(site.read("public/favicon.svg").starts_with("<svg"));
    for page in ["public/index.html", "public/en/privacy-policy/v1/index.html", "public/404.html"] {
        assert!(site.read(page).contains("favicon.svg\" type=\"image/svg+xml\">"), "{page}");
    }
    assert!(
        site.read("public/en/privacy-policy/v1/index.html")
            .contains(r#"<link rel="icon" href="../../../favicon.svg""#)
    );
}

/// An error in unreleased text stops `build`, which says so and how to
/// build the released site anyway; `--released-only` never shows the draft.
#[test]
fn a_build_blocked_by_unreleased_text_says_how_to_build_the_released_site() {
    let site = Site::init();
    site.write("content/privacy-policy/95-new.de.md", "+++\ntitle = \"Neu\"\nbogus = 1\n+++\nEntwurf\n");
    let run = site.run(&["build", "--date", "2026-06-01"]).fails();
    assert!(
        run.stderr.contains("content/privacy-policy/95-new.de.md:3:1: error: invalid front matter"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("This error is in unreleased text in content/, so nothing was built. Fix it, or build the released versions alone with `privsite build --released-only`."), "{}", run.stderr);
    assert!(!site.path("public").exists());
    site.run(&["build", "--date", "2026-06-01", "--released-only"]).ok();
    let page = site.read("public/de/privacy-policy/index.html");
    assert!(page.contains("Datenschutz") && !page.contains("Entwurf"), "{page}");
    // An error that is not in unreleased text gets no such hint.
    site.remove("content/privacy-policy/95-new.de.md");
    std::fs::remove_dir_all(site.path("content/cookie-policy")).unwrap();
    let run = site.run(&["build", "--date", "2026-06-01"]).fails();
    assert!(run.stderr.contains("content/cookie-policy/ is missing"), "{}", run.stderr);
    assert!(!run.stderr.contains("--released-only"), "{}", run.stderr);
}
