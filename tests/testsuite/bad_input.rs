//! Every kind of bad input: exit 1, a message naming file, line and column
//! and how to fix it, no panic, and the previous output untouched.

use crate::support::{Site, section};

/// Breaks a built site with `change`, runs `build` and checks the failure.
#[track_caller]
fn refused(change: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::released();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let before = site.snapshot("public");
    change(&site);
    let run = site.run(&["build", "--date", "2024-02-01"]).fails();
    for e in expected {
        assert!(run.stderr.contains(e), "expected `{e}` in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("help:"), "says how to fix it:\n{}", run.stderr);
    assert_eq!(before, site.snapshot("public"), "nothing written");
    let check = site.run(&["check"]).fails();
    assert!(check.stderr.contains(expected[0]), "check reports it too:\n{}", check.stderr);
    assert_eq!(error_count(&check.stderr), 1, "one broken thing, one message:\n{}", check.stderr);
    run.stderr
}

/// The errors `check` counted (its last line: `N errors, M warnings`).
pub fn error_count(stderr: &str) -> usize {
    let last = stderr.lines().rev().find(|l| l.ends_with(" warnings")).expect("the summary line");
    last.split(' ').next().and_then(|n| n.parse().ok()).expect("a count")
}

#[test]
fn unclosed_front_matter() {
    refused(
        |s| s.write("content/policy/10-intro.de.md", "+++\ntitle = \"Einleitung\"\nText\n"),
        &["content/policy/10-intro.de.md:1:1", "front matter is not closed"],
    );
}

#[test]
fn malformed_front_matter_toml() {
    refused(
        |s| s.write("content/policy/10-intro.de.md", "+++\ntitle = \"Einleitung\ncolour = 1\n+++\nText\n"),
        &["content/policy/10-intro.de.md:2:", "invalid front matter"],
    );
}

#[test]
fn unknown_front_matter_key() {
    let err = refused(
        |s| {
            s.write(
                "content/policy/10-intro.de.md",
                "+++\ntitle = \"Einleitung\"\ntitel = \"x\"\n+++\nText\n",
            )
        },
        &["content/policy/10-intro.de.md:3:1", "unknown field `titel`"],
    );
    assert!(err.contains("3 | titel = \"x\""), "shows the line:\n{err}");
}

#[test]
fn missing_title() {
    refused(
        |s| s.write("content/policy/10-intro.de.md", "+++\n+++\nText\n"),
        &["content/policy/10-intro.de.md:2:1", "missing `title`"],
    );
}

#[test]
fn duplicate_section_numbers() {
    refused(
        |s| s.write("content/policy/10-other.de.md", &section("Anderes", "x")),
        &["content/policy/10-other.de.md", "section number 10 is used twice"],
    );
}

/// One error naming every file, not one per language.
#[test]
fn duplicate_section_numbers_in_every_language() {
    let err = refused(
        |s| {
            for lang in ["de", "en", "sv"] {
                s.write(&format!("content/policy/10-other.{lang}.md"), &section("Other", "x"));
            }
        },
        &["content/policy/10-other.de.md", "section number 10 is used twice"],
    );
    for lang in ["de", "en", "sv"] {
        for slug in ["intro", "other"] {
            assert!(err.contains(&format!("content/policy/10-{slug}.{lang}.md")), "{err}");
        }
    }
}

#[test]
fn a_tampered_stored_version() {
    refused(
        |s| {
            let file = "versions/policy/v1/10-intro.de.md";
            s.write(file, &s.read(file).replace("Test AG", "Tampered AG"));
        },
        &["versions/policy/v1/10-intro.de.md", "changed"],
    );
}

#[cfg(unix)]
#[test]
fn a_looping_section_file() {
    refused(
        |s| std::os::unix::fs::symlink("99-x.de.md", s.path("content/policy/99-x.de.md")).unwrap(),
        &["content/policy/99-x.de.md", "loops"],
    );
}

#[test]
fn duplicate_slugs() {
    refused(
        |s| s.write("content/policy/40-intro.de.md", &section("Nochmal", "x")),
        &["content/policy/40-intro.de.md", "section `intro` has the number 40 here but 10"],
    );
}

#[test]
fn unknown_language_in_a_file_name() {
    refused(
        |s| s.write("content/policy/10-intro.fr.md", &section("Introduction", "x")),
        &["content/policy/10-intro.fr.md", "unknown language `fr`"],
    );
}

#[test]
fn a_file_name_privsite_does_not_know() {
    refused(
        |s| s.write("content/policy/notes.txt", "x"),
        &["content/policy/notes.txt", "unexpected file name"],
    );
}

#[test]
fn non_utf8_text() {
    refused(
        |s| {
            std::fs::write(s.path("content/policy/10-intro.de.md"), b"+++\ntitle = \"A\"\n+++\nGr\xfc\xdfe\n")
                .unwrap()
        },
        &["content/policy/10-intro.de.md:4:3", "not valid UTF-8"],
    );
}

#[test]
fn fluent_syntax_error() {
    refused(
        |s| s.write("locales/de/site.ftl", "site-title = Datenschutz\nkaputt\n"),
        &["locales/de/site.ftl:2:", "Fluent syntax error"],
    );
}

#[test]
fn fluent_unclosed_placeable_is_pointed_at_not_the_line_after() {
    let stderr = refused(
        |s| {
            s.write(
                "locales/de/site.ftl",
                "a = x\nsite-title = Datenschutz bei { $name\nskip-to-content = Zum Inhalt\n",
            )
        },
        &["locales/de/site.ftl:2:30: error: Fluent syntax error: this `{` is never closed"],
    );
    assert!(
        stderr.contains("2 | site-title = Datenschutz bei { $name\n  |                              ^\n"),
        "{stderr}"
    );
}

#[test]
fn a_long_source_line_is_cropped_around_the_column() {
    let long = format!("{} [broken](#nowhere) {}", "Wort ".repeat(200), "Ende ".repeat(200));
    let stderr = refused(
        |s| s.write("content/policy/10-intro.de.md", &section("Einleitung", &long)),
        &["content/policy/10-intro.de.md:4:1002", "link to `#nowhere` leads nowhere"],
    );
    let shown = stderr.lines().find(|l| l.starts_with("4 | ")).unwrap();
    assert!(shown.chars().count() < 120, "{stderr}");
    assert!(shown.contains("...") && shown.contains("[broken](#nowhere)"), "{stderr}");
    assert!(stderr.lines().all(|l| l.chars().count() < 200), "no line of 1,000 characters:\n{stderr}");
    let caret = stderr.lines().find(|l| l.trim_start().starts_with("|") && l.ends_with('^')).unwrap();
    assert_eq!(caret.find('^'), shown.find("[broken]"), "the caret is under the link:\n{stderr}");
}

#[test]
fn template_syntax_error() {
    refused(
        |s| {
            s.write(
                "themes/default/templates/center.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
            )
        },
        &["themes/default/templates/center.html:3:", "template error"],
    );
}

#[test]
fn link_to_a_missing_anchor() {
    refused(
        |s| s.write("content/policy/10-intro.de.md", &section("Einleitung", "Siehe\n[Rechte](#rechte).")),
        &["content/policy/10-intro.de.md:5:1", "link to `#rechte` leads nowhere"],
    );
}

#[test]
fn link_to_a_missing_document() {
    refused(
        |s| s.write("content/policy/10-intro.de.md", &section("Einleitung", "Siehe [AGB](../agb/).")),
        &["content/policy/10-intro.de.md:4:7", "there is no document `agb`"],
    );
}

#[test]
fn link_to_a_missing_anchor_in_another_document() {
    refused(
        |s| s.write("content/terms/10-scope.en.md", &section("Scope", "See [x](../policy/#nothing).")),
        &["content/terms/10-scope.en.md:4:", "policy has no section or heading `nothing`"],
    );
}

#[test]
fn unknown_key_in_the_configuration() {
    refused(
        |s| {
            let config = s.read("privsite.toml");
            s.write("privsite.toml", &format!("colour = \"blue\"\n{config}"));
        },
        &["privsite.toml:1:1", "unknown field `colour`"],
    );
}

#[test]
fn authoritative_text_missing() {
    refused(
        |s| s.remove("content/policy/30-rights.de.md"),
        &["content/policy/30-rights.", "section `rights` has no de text"],
    );
}

#[test]
fn unknown_document_on_the_command_line() {
    let site = Site::released();
    let run = site.run(&["release", "agb", "--minor"]).fails();
    assert!(run.stderr.contains("unknown document `agb`"), "{}", run.stderr);
    assert!(run.stderr.contains("policy, terms"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::released();
    let run = site.run(&["release", "policy"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let run = site.run(&["build", "--date", "yesterday"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
}

#[test]
fn no_site_here() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::binary().arg("build").current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("privsite init"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    refused(
        |s| std::os::unix::fs::symlink("loop", s.path("content/loop")).unwrap(),
        &["content/loop", "cannot be followed"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "x").unwrap();
    let target = outside.path().join("secret.md");
    refused(
        move |s| std::os::unix::fs::symlink(&target, s.path("content/policy/40-secret.de.md")).unwrap(),
        &["content/policy/40-secret.de.md", "leads outside the site root"],
    );
}

/// Regression: a broken German section also reported "section has no de text".
#[test]
fn one_broken_file_gives_one_message() {
    let site = Site::init();
    let file = "content/privacy-policy/70-retention.de.md";
    site.write(file, &site.read(file).replacen("title =", "titel =", 1));
    let run = site.run(&["build"]).fails();
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!("{file}:2:1: error: invalid front matter: unknown field `titel`")),
        "{}",
        run.stderr
    );

    let site = Site::init();
    let file = "content/privacy-policy/30-data-we-process.de.md";
    site.write(file, &site.read(file).replace("(#retention)", "(#retentoin)"));
    let run = site.run(&["build"]).fails();
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("warnings not shown: `privsite check` lists everything"), "{}", run.stderr);
}

/// The bad inputs of SPEC §7 that are not in the site: each one error.
#[test]
fn command_line_and_unreachable_servers_are_one_error_each() {
    let site = Site::released();
    let config = site.read("privsite.toml");
    site.write(
        "privsite.toml",
        &format!("{config}\n[mail]\nfrom = \"T <t@example.com>\"\nsubscribers = \"s.csv\"\nsmtp = \"smtp://127.0.0.1:1\"\n"),
    );
    site.write("s.csv", "email,language\nanna@example.com,en\n");
    // Credentials given, so that only the endpoint is wrong (and no instance metadata is asked).
    let secret =
        [("PRIVSITE_UNSUBSCRIBE_SECRET", "s"), ("AWS_ACCESS_KEY_ID", "x"), ("AWS_SECRET_ACCESS_KEY", "y")];
    for (args, expected) in [
        (&["release", "agb", "--minor"][..], "unknown document `agb`"),
        (&["notify", "policy", "--version", "7", "--dry-run"], "policy has no version 7"),
        (&["notify", "policy"], "cannot connect to the SMTP server 127.0.0.1:1"),
        (
            &["publish", "--target", "s3://b/p?endpoint=http://127.0.0.1:1&region=us-east-1"],
            "could not be reached",
        ),
    ] {
        let run = site.run_env(args, &secret).fails();
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        let errors =
            run.stderr.lines().filter(|l| l.starts_with("error: ") || l.contains(": error: ")).count();
        assert_eq!(errors, 1, "{args:?}: one error:\n{}", run.stderr);
    }
}

#[test]
fn init_over_a_file_says_how_to_fix_it_and_keeps_the_file() {
    let site = Site::released();
    let config = site.read("privsite.toml");
    let run = site.run(&["init", "privsite.toml"]).fails();
    assert!(run.stderr.contains("privsite.toml") && run.stderr.contains("help:"), "{}", run.stderr);
    assert_eq!(site.read("privsite.toml"), config);
}

#[test]
fn a_base_url_on_the_command_line_is_held_to_the_rule_of_privsite_toml() {
    let site = Site::released();
    for url in ["javascript:alert(1)", "//evil.example/", "https://a b.example/"] {
        let run = site.run(&["build", "--date", "2024-02-01", "--base-url", url]);
        assert_eq!(run.status, 2, "a usage error:\n{}", run.stderr);
        assert!(run.stderr.contains("--base-url") && run.stderr.contains("e.g. https://"), "{}", run.stderr);
    }
    assert!(!site.path("public").exists(), "nothing built");
    site.run(&["build", "--date", "2024-02-01", "--base-url", "https://mirror.example/privacy"]).ok();
    assert!(site.read("public/sitemap.xml").contains("https://mirror.example/privacy/de/"));
}

/// `mark-translated` takes DOC or DOC/SECTION: a path is one error that
/// quotes it whole (it used to name a fragment, "unknown document `..`"),
/// and nothing is marked.
#[test]
fn mark_translated_with_a_path_is_one_error_quoting_it() {
    let site = Site::released();
    let content = site.snapshot("content");
    for target in ["../../etc", "/etc/passwd", "policy/../terms", "./policy", "policy/intro/x"] {
        let run = site.run(&["mark-translated", "en", target]).fails();
        let expected = format!("`{target}` is not a document or a section of one");
        assert!(run.stderr.contains(&expected), "{target}: {}", run.stderr);
        assert!(run.stderr.contains("help:"), "{}", run.stderr);
        assert_eq!(run.stderr.matches("error:").count(), 1, "{target}: one error:\n{}", run.stderr);
    }
    assert_eq!(site.snapshot("content"), content);
    site.run(&["mark-translated", "en", "policy/"]).ok();
}
