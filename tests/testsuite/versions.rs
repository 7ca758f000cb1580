//! Releases, the stored record, "last modified" dates and effective dates.

use crate::support::{Site, main_of, section};

/// The `<time datetime>` shown as the "last modified" date of section `slug`.
fn section_modified(html: &str, slug: &str) -> String {
    let start = html.find(&format!("<section id=\"{slug}\"")).unwrap_or_else(|| panic!("no section {slug}"));
    let rest = &html[start..];
    let marker = "class=\"modified\"";
    let at = rest.find(marker).unwrap();
    let time = &rest[at..];
    let iso = time.split("datetime=\"").nth(1).unwrap();
    iso[..10].to_string()
}

fn release_notes(site: &Site, doc: &str) {
    for (lang, text) in [("de", "Änderungen"), ("en", "Changes"), ("sv", "Ändringar")] {
        site.write(&format!("content/{doc}/_release.{lang}.md"), &format!("- {text}\n"));
    }
}

#[test]
fn last_modified_per_section_and_language_across_two_releases() {
    let site = Site::released();
    // v2 changes the German and English text of `data` and only the German of `rights`.
    site.write(
        "content/policy/20-data.de.md",
        &section("Daten", "Wir speichern nichts mehr. Siehe [Rechte](#rights)."),
    );
    site.write(
        "content/policy/20-data.en.md",
        &section("Data", "We store nothing any more. See [rights](#rights)."),
    );
    site.write("content/policy/30-rights.de.md", &section("Ihre Rechte", "Sie haben viele Rechte."));
    release_notes(&site, "policy");
    site.run(&["release", "policy", "--minor", "--date", "2024-06-01", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-07-01"]).ok();

    let de = site.read("public/de/policy/index.html");
    assert_eq!(section_modified(&de, "intro"), "2024-01-10");
    assert_eq!(section_modified(&de, "data"), "2024-06-01");
    assert_eq!(section_modified(&de, "rights"), "2024-06-01");
    let en = site.read("public/en/policy/index.html");
    assert_eq!(section_modified(&en, "intro"), "2024-01-10");
    assert_eq!(section_modified(&en, "data"), "2024-06-01");
    assert_eq!(section_modified(&en, "rights"), "2024-01-10", "the English text of `rights` did not change");
    let sv = site.read("public/sv/policy/index.html");
    assert_eq!(section_modified(&sv, "data"), "2024-01-10");
    // The version page of v1 shows the dates as they were.
    let v1 = site.read("public/de/policy/v1/index.html");
    assert_eq!(section_modified(&v1, "data"), "2024-01-10");
    // Document-level dates per language, in each language's CLDR long format.
    assert!(de.contains("<time datetime=\"2024-06-01\">1. Juni 2024</time>"), "{}", main_of(&de));
    assert!(en.contains("<time datetime=\"2024-06-01\">June 1, 2024</time>"));
    assert!(sv.contains("<time datetime=\"2024-01-10\">10 januari 2024</time>"), "sv changed nothing in v2");
    // The terms were not released again: their dates stay.
    assert!(site.read("public/de/terms/index.html").contains("10. Januar 2024"));
}

#[test]
fn the_three_long_date_formats() {
    let site = Site::fixture("basic");
    site.run(&["release", "policy", "--major", "--date", "2022-05-17"]).ok();
    site.run(&["release", "terms", "--major", "--date", "2022-05-17"]).ok();
    site.run(&["build", "--date", "2023-01-01"]).ok();
    assert!(site.read("public/de/policy/index.html").contains(">17. Mai 2022</time>"));
    assert!(site.read("public/en/policy/index.html").contains(">May 17, 2022</time>"));
    assert!(site.read("public/sv/policy/index.html").contains(">17 maj 2022</time>"));
}

#[test]
fn a_future_effective_date_keeps_the_old_version_current() {
    let site = Site::released();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neue Einleitung."));
    site.write("content/policy/10-intro.en.md", &section("Introduction", "New introduction."));
    site.write("content/policy/10-intro.sv.md", &section("Inledning", "Ny inledning."));
    release_notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--major", "--date", "2024-03-01", "--effective", "2024-04-01"]).ok();

    site.run(&["build", "--date", "2024-03-15"]).ok();
    let current = site.read("public/en/policy/index.html");
    assert!(current.contains("We are Test AG."), "v1 is still in effect");
    assert!(!current.contains("New introduction."));
    assert!(
        current.contains("A new version (version 2) takes effect on April 1, 2024."),
        "{}",
        main_of(&current)
    );
    assert!(current.contains("href=\"v2/\""), "links to the announced version");
    assert!(site.read("public/en/policy/v2/index.html").contains("New introduction."));
    assert!(site.read("public/en/policy/history/index.html").contains("Announced"));

    site.run(&["build", "--date", "2024-04-01"]).ok();
    let current = site.read("public/en/policy/index.html");
    assert!(current.contains("New introduction."), "v2 is in effect from its effective date");
    assert!(!current.contains("takes effect on"));
}

#[test]
fn a_version_published_after_the_build_date_is_not_published() {
    let site = Site::released();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neue Einleitung."));
    release_notes(&site, "policy");
    site.run(&["release", "policy", "--minor", "--date", "2024-05-01", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-04-30"]).ok();
    assert!(!site.path("public/de/policy/v2").exists());
    assert!(!site.read("public/de/policy/history/index.html").contains("Version 2"));
}

#[test]
fn release_stores_the_text_and_consumes_the_notes() {
    let site = Site::fixture("basic");
    let run = site.run(&["release", "policy", "--major", "--date", "2024-01-10"]).ok();
    assert!(run.stderr.contains("Released policy v1"), "{}", run.stderr);
    assert!(!site.path("content/policy/_release.de.md").exists(), "notes moved into the version");
    assert_eq!(site.read("versions/policy/v1/10-intro.de.md"), site.read("content/policy/10-intro.de.md"));
    let meta = site.read("versions/policy/v1/version.toml");
    assert!(meta.contains("kind = \"major\""), "{meta}");
    assert!(meta.contains("\"_release.de.md\" = \""), "{meta}");
    // Nothing changed since: a second release is refused.
    release_notes(&site, "policy");
    let run = site.run(&["release", "policy", "--minor", "--date", "2024-01-11"]).fails();
    assert!(run.stderr.contains("no change since v1"), "{}", run.stderr);
    assert!(!site.path("versions/policy/v2").exists());
}

#[test]
fn release_refuses_bad_dates_missing_notes_and_missing_translations() {
    let site = Site::released();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu."));
    let run = site.run(&["release", "policy", "--minor", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("content/policy/_release.de.md"), "{}", run.stderr);
    release_notes(&site, "policy");
    let run = site.run(&["release", "policy", "--minor", "--date", "2023-12-31"]).fails();
    assert!(run.stderr.contains("before that of v1"), "{}", run.stderr);
    let run = site
        .run(&["release", "policy", "--minor", "--date", "2024-02-01", "--effective", "2024-01-31"])
        .fails();
    assert!(run.stderr.contains("before the publication date"), "{}", run.stderr);
    site.remove("content/policy/30-rights.sv.md");
    let run = site.run(&["release", "policy", "--minor", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("section `rights` is not translated into `sv`"), "{}", run.stderr);
    assert!(!site.path("versions/policy/v2").exists());
    site.run(&["release", "policy", "--minor", "--date", "2024-02-01", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-02-02"]).ok();
    let sv = site.read("public/sv/policy/index.html");
    assert!(sv.contains("Detta avsnitt har ännu inte översatts."), "missing section shows a notice");
    assert!(sv.contains("Sie haben das Recht auf Auskunft."), "and the German text");
}

#[test]
fn a_tampered_version_is_refused_by_every_command() {
    let site = Site::released();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let before = site.snapshot("public");
    let stored = site.read("versions/policy/v1/20-data.en.md");
    site.write("versions/policy/v1/20-data.en.md", &stored.replace("e-mail", "postal"));
    for args in
        [&["build", "--date", "2024-02-01"][..], &["check"][..], &["release", "policy", "--minor"][..]]
    {
        let run = site.run(args).fails();
        assert!(run.stderr.contains("versions/policy/v1/20-data.en.md"), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("changed after its release"), "{}", run.stderr);
        assert_eq!(run.stderr.matches("error:").count(), 1, "one message: {}", run.stderr);
    }
    assert_eq!(before, site.snapshot("public"));
    site.write("versions/policy/v1/20-data.en.md", &stored);
    // A file added to it: that one message, whatever the file's name or
    // text would earn it elsewhere.
    for (name, text) in [
        ("99-extra.de.md", section("X", "x")),
        ("99-extra.en.md", "no front matter\n".to_string()),
        ("notes.txt", "a note\n".to_string()),
    ] {
        let rel = format!("versions/policy/v1/{name}");
        site.write(&rel, &text);
        let run = site.run(&["check"]).fails();
        assert!(
            run.stderr.contains(&format!("{rel}: error: this file was added to a released version")),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.matches("error:").count(), 1, "one message: {}", run.stderr);
        site.remove(&rel);
    }
}

/// A build whose inputs' stamps are those of the last build does not load
/// them again; an edit that keeps the size and puts the modification time
/// back still moves the change time, so the tampered version is found.
#[test]
fn a_same_size_edit_with_its_old_time_is_refused_by_the_next_build() {
    let site = Site::released();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    // Stamps fresher than a clock tick are not taken on trust: let them settle.
    std::thread::sleep(std::time::Duration::from_millis(50));
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let run = site.run(&["build", "--date", "2024-02-01"]).ok();
    assert!(run.stderr.contains("up to date"), "{}", run.stderr);
    let rel = "versions/policy/v1/20-data.en.md";
    edit_keeping_size_and_time(&site, rel);
    let run = site.run(&["build", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains(rel) && run.stderr.contains("changed after its release"), "{}", run.stderr);
}

/// Commands take a document whose files kept their stamps from the snapshot
/// an earlier command left (`.privsite/cache/load/`); a hand edit to a
/// stored version moves a stamp, even one that keeps the size and puts the
/// modification time back, so the version is verified again and refused.
#[test]
fn a_tampered_version_is_refused_though_a_snapshot_of_its_document_exists() {
    let site = Site::released();
    // Stamps fresher than a clock tick are not taken on trust: let them settle.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let clean = site.run(&["status"]).ok().stdout;
    let snapshot = site.path(".privsite/cache/load/policy");
    assert!(snapshot.is_file(), "status left a snapshot of the policy");
    assert_eq!(site.run(&["status"]).ok().stdout, clean, "the same from the snapshot");
    let rel = "versions/policy/v1/20-data.en.md";
    let stored = edit_keeping_size_and_time(&site, rel);
    for args in [&["status"][..], &["check"][..], &["diff", "policy"][..]] {
        let run = site.run(args).fails();
        assert!(
            run.stderr.contains(rel) && run.stderr.contains("changed after its release"),
            "{}",
            run.stderr
        );
    }
    // Put back, the text loads again; a snapshot that is not whole is
    // ignored and made anew.
    std::fs::write(site.path(rel), &stored).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(site.run(&["status"]).ok().stdout, clean);
    let whole = std::fs::read(&snapshot).unwrap();
    let mut broken = whole.clone();
    let middle = broken.len() / 2;
    broken[middle] ^= 0x20;
    std::fs::write(&snapshot, &broken).unwrap();
    assert_eq!(site.run(&["status"]).ok().stdout, clean);
    std::fs::write(&snapshot, &whole[..whole.len() / 3]).unwrap();
    assert_eq!(site.run(&["status"]).ok().stdout, clean);
    assert_eq!(std::fs::read(&snapshot).unwrap(), whole, "made anew");
}

/// A document whose working copy changed is loaded again, taking from what
/// its last load read (`.privsite/cache/reads/`) each file whose stamp did
/// not move: the same result as a load without it, and a stored version
/// edited by hand in the meantime is still found and refused.
#[test]
fn an_edit_reloads_a_document_from_what_its_last_load_read_and_still_finds_a_tampered_version() {
    let site = Site::released();
    let settle = || std::thread::sleep(std::time::Duration::from_millis(50));
    let edit = |text: &str| {
        let file = "content/policy/20-data.de.md";
        site.write(file, &format!("{}\n{text}\n", site.read(file)));
        settle();
    };
    let afresh = || {
        let kept = site.path(".privsite.kept");
        std::fs::rename(site.path(".privsite"), &kept).unwrap();
        let out = site.run(&["status"]).ok().stdout;
        std::fs::remove_dir_all(site.path(".privsite")).unwrap();
        std::fs::rename(&kept, site.path(".privsite")).unwrap();
        out
    };
    settle();
    site.run(&["status"]).ok();
    let reads = site.path(".privsite/cache/reads/policy");
    assert!(reads.is_file(), "status left what it read beside the snapshot");
    edit("Neu.");
    let warm = site.run(&["status"]).ok().stdout;
    assert!(warm.contains("outdated"), "the edit is seen: {warm}");
    assert_eq!(warm, afresh(), "the same as a load that takes nothing");
    // What the last load read, damaged: ignored.
    let whole = std::fs::read(&reads).unwrap();
    std::fs::write(&reads, &whole[..whole.len() / 2]).unwrap();
    edit("Noch mehr.");
    assert_eq!(site.run(&["status"]).ok().stdout, afresh());
    // A stored version edited by hand along with the working copy.
    let rel = "versions/policy/v1/20-data.en.md";
    edit_keeping_size_and_time(&site, rel);
    edit("Mehr.");
    for args in [&["status"][..], &["release", "policy", "--minor", "--allow-incomplete"][..]] {
        let run = site.run(args).fails();
        assert!(
            run.stderr.contains(rel) && run.stderr.contains("changed after its release"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// Edits `rel` by hand the sly way: the same size, the old modification
/// time put back (only its change time tells). Returns what it held.
fn edit_keeping_size_and_time(site: &Site, rel: &str) -> String {
    let stored = site.read(rel);
    let modified = std::fs::metadata(site.path(rel)).unwrap().modified().unwrap();
    let edited = stored.replacen("e-mail", "E-MAIL", 1);
    assert!(edited.len() == stored.len() && edited != stored);
    std::fs::write(site.path(rel), &edited).unwrap();
    std::fs::File::options().write(true).open(site.path(rel)).unwrap().set_modified(modified).unwrap();
    stored
}

#[test]
fn renumbering_a_section_is_not_a_change() {
    let site = Site::released();
    for lang in ["de", "en", "sv"] {
        let text = site.read(&format!("content/policy/30-rights.{lang}.md"));
        site.remove(&format!("content/policy/30-rights.{lang}.md"));
        site.write(&format!("content/policy/35-rights.{lang}.md"), &text);
    }
    release_notes(&site, "policy");
    let run = site.run(&["release", "policy", "--minor", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("no change since v1"), "{}", run.stderr);
}

#[test]
fn a_release_stores_only_what_changed_and_the_older_history_still_reads() {
    // `init` writes the example with v1 and v2 as earlier privsite stored
    // them: every file in every version, no SHA256SUMS (v3 changed every file).
    let site = Site::init();
    assert!(!site.path("versions/privacy-policy/v2/SHA256SUMS").exists());
    site.run(&["build", "--date", "2025-12-01"]).ok();
    let before: serde_json::Value = serde_json::from_str(&site.read("public/versions.json")).unwrap();

    for (lang, text) in [
        ("de", "Wir löschen alles sofort."),
        ("en", "We delete everything at once."),
        ("sv", "Vi raderar allt direkt."),
    ] {
        let file = format!("content/privacy-policy/70-retention.{lang}.md");
        let old = site.read(&file);
        let title = old.lines().find(|l| l.starts_with("title")).unwrap().to_string();
        site.write(&file, &format!("+++\n{title}\n+++\n\n{text}\n"));
    }
    release_notes(&site, "privacy-policy");
    for lang in ["en", "sv"] {
        site.run(&["mark-translated", lang, "privacy-policy"]).ok();
        site.run(&["mark-translated", lang, "privacy-policy/_release"]).ok();
    }
    site.run(&["release", "privacy-policy", "--minor", "--date", "2025-12-01"]).ok();

    let mut held: Vec<String> = std::fs::read_dir(site.path("versions/privacy-policy/v4"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    held.sort();
    assert_eq!(
        held,
        [
            "70-retention.de.md",
            "70-retention.en.md",
            "70-retention.sv.md",
            "SHA256SUMS",
            "_release.de.md",
            "_release.en.md",
            "_release.sv.md",
            "version.toml"
        ]
    );
    let sums = site.read("versions/privacy-policy/v4/SHA256SUMS");
    assert!(sums.contains("  ../v3/10-controller.de.md\n"), "{sums}");
    let check = std::process::Command::new("sha256sum")
        .args(["--quiet", "-c", "SHA256SUMS"])
        .current_dir(site.path("versions/privacy-policy/v4"))
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));

    // The same text keeps the same hashes; the new version reads like any other.
    site.run(&["build", "--date", "2025-12-01"]).ok();
    let after: serde_json::Value = serde_json::from_str(&site.read("public/versions.json")).unwrap();
    for d in 0..2 {
        for v in 0..3 {
            let languages =
                |json: &serde_json::Value| json["documents"][d]["versions"][v]["languages"].clone();
            assert_eq!(languages(&before), languages(&after));
        }
    }
    assert!(
        main_of(&site.read("public/en/privacy-policy/index.html")).contains("We delete everything at once.")
    );
    assert!(
        main_of(&site.read("public/en/privacy-policy/index.html")).contains(
            &main_of(&site.read("public/en/privacy-policy/v3/index.html"))
                .split("id=\"controller-title\"")
                .nth(1)
                .and_then(|s| s.split_once("</h2>"))
                .unwrap()
                .1[..200]
        )
    );

    // A file kept for v4 in v3 is still checked: one error, naming it.
    let kept = site.read("versions/privacy-policy/v3/10-controller.de.md");
    site.write("versions/privacy-policy/v3/10-controller.de.md", &kept.replace("Berlin", "Bremen"));
    let run = site.run(&["build", "--date", "2025-12-01"]).fails();
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("versions/privacy-policy/v3/10-controller.de.md"), "{}", run.stderr);
    site.write("versions/privacy-policy/v3/10-controller.de.md", &kept);

    // SHA256SUMS is part of the record too.
    site.write(
        "versions/privacy-policy/v4/SHA256SUMS",
        &sums.replace("../v3/50-recipients.de.md", "../v1/50-recipients.de.md"),
    );
    let run = site.run(&["check"]).fails();
    assert!(run.stderr.contains("versions/privacy-policy/v4/SHA256SUMS"), "{}", run.stderr);
    site.write("versions/privacy-policy/v4/SHA256SUMS", &sums.replacen("  ../v3/", "  ../v9/", 1));
    let run = site.run(&["check"]).fails();
    assert!(run.stderr.contains("SHA256SUMS does not match version.toml"), "{}", run.stderr);
    site.write("versions/privacy-policy/v4/SHA256SUMS", &sums);
    site.run(&["check"]).ok();
}
