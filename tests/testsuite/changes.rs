//! What changed: word-level changes pages, `privsite diff`, the Atom feed,
//! the sitemap and versions.json, over a document with three versions.

use sha2::{Digest, Sha256};

use crate::support::{Site, section};

fn notes(site: &Site, doc: &str) {
    // Each version's own notes: the same notes twice are refused as left over.
    let n = std::fs::read_dir(site.path(&format!("versions/{doc}"))).map_or(0, Iterator::count) + 1;
    for lang in ["de", "en", "sv"] {
        site.write(
            &format!("content/{doc}/_release.{lang}.md"),
            &format!("+++\ntitle = \"Update\"\n+++\n- Update {n}\n"),
        );
    }
}

/// v1: the fixture; v2: one sentence changed; v3: a section added and one removed.
fn three_versions() -> Site {
    let site = Site::released();
    site.write(
        "content/policy/20-data.de.md",
        &section("Daten", "Wir speichern Ihre Telefonnummer. Siehe [Ihre Rechte](#rights) und die [Nutzungsbedingungen](../terms/#scope)."),
    );
    site.write(
        "content/policy/20-data.en.md",
        &section(
            "Data",
            "We store your phone number. See [your rights](#rights) and the [terms](../terms/#scope).",
        ),
    );
    notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01"]).ok();
    for lang in ["de", "en", "sv"] {
        site.remove(&format!("content/policy/10-intro.{lang}.md"));
        site.write(
            &format!("content/policy/40-contact.{lang}.md"),
            &section("Kontakt", "Schreiben Sie uns."),
        );
    }
    notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--major", "--date", "2024-06-01"]).ok();
    site
}

#[test]
fn changes_pages_mark_words_and_sections() {
    let site = three_versions();
    site.run(&["build", "--date", "2024-07-01"]).ok();
    let v2 = site.read("public/de/policy/v2/changes/index.html");
    assert!(
        v2.contains("<p>Wir speichern Ihre <del>E-Mail-Adresse.</del><ins>Telefonnummer.</ins> Siehe"),
        "{v2}"
    );
    assert!(v2.contains("<h1>Änderungen in Version 2</h1>"));
    assert!(v2.contains("<a href=\"../#intro\">Einleitung</a>"), "unchanged sections are folded into links");
    assert!(!v2.contains("Wir sind die Test AG."), "unchanged text is not repeated");
    // The Swedish text did not change: its page says so for the section.
    let sv = site.read("public/sv/policy/v2/changes/index.html");
    assert!(!sv.contains("class=\"change changed\""), "{sv}");

    let v3 = site.read("public/de/policy/v3/changes/index.html");
    let added = &v3[v3.find("<section id=\"contact\" class=\"change added\">").expect("added section")..];
    assert!(added.contains("Neuer Abschnitt"));
    assert!(added.contains("<ins class=\"block\">\n<p>Schreiben Sie uns.</p>"), "{added}");
    let removed = &v3[v3.find("<section id=\"intro\" class=\"change removed\">").expect("removed section")..];
    assert!(removed.contains("Abschnitt entfernt"));
    assert!(removed.contains("<del class=\"block\">\n<p>Wir sind die Test AG.</p>"), "{removed}");
    // The removed section stands where it was: first, before the added one.
    let (intro, contact) = (v3.find("id=\"intro\"").unwrap(), v3.find("id=\"contact\"").unwrap());
    assert!(intro < contact);

    // Any older version compared with the current one, at a predictable URL.
    let compare = site.read("public/en/policy/compare/v1/index.html");
    assert!(compare.contains("Changes from version 1 to version 3"));
    assert!(compare.contains("<del>e-mail address.</del><ins>phone number.</ins>"), "{compare}");
    assert!(compare.contains("class=\"change added\"") && compare.contains("class=\"change removed\""));
    // The history links each version's changes.
    let history = site.read("public/en/policy/history/index.html");
    assert!(history.contains("href=\"../v3/changes/\""), "{history}");
}

#[test]
fn terminal_diff() {
    let site = three_versions();
    let run = site.run(&["diff", "policy", "1", "2"]).ok();
    assert!(run.stdout.starts_with("policy v1 → v2 (de)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Wir speichern Ihre [-E-Mail-Adresse.-]{+Telefonnummer.+} Siehe"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("unchanged: intro, rights"), "{}", run.stdout);
    assert!(!run.stdout.contains('\x1b'), "no colour when piped");
    let run = site.run(&["diff", "policy", "--lang", "en"]).ok();
    assert!(run.stdout.starts_with("policy v2 → v3 (en)"), "defaults to the last two: {}", run.stdout);
    assert!(run.stdout.contains("#contact (added)"));
    assert!(run.stdout.contains("#intro (removed)\n[-## Introduction"), "{}", run.stdout);
    let run = site.run(&["diff", "policy", "v4"]).fails();
    assert!(run.stderr.contains("policy has no version `v4`"), "{}", run.stderr);
    let run = site.run(&["diff", "nope"]).fails();
    assert!(run.stderr.contains("unknown document `nope`"), "{}", run.stderr);
}

/// A load snapshot keeps texts without their bodies: a `diff` that takes
/// the document from the snapshot an earlier command left reads the stored
/// words again from their files, and shows what it shows without one.
#[test]
fn diff_from_a_snapshot_shows_what_it_shows_without_one() {
    let site = three_versions();
    let _ = std::fs::remove_dir_all(site.path(".privsite"));
    // Stamps younger than a clock tick vouch for nothing: then no snapshot.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let fresh = site.run(&["diff", "policy", "1", "2"]).ok().stdout;
    let snapshot = std::fs::read(site.path(".privsite/cache/load/policy")).expect("diff leaves a snapshot");
    let words = "Telefonnummer".as_bytes();
    assert!(fresh.contains("Telefonnummer"));
    assert!(!snapshot.windows(words.len()).any(|w| w == words), "the snapshot holds a body");
    let kept = site.run(&["diff", "policy", "1", "2"]).ok().stdout;
    assert_eq!(kept, fresh);
}

/// `diff` and `mark-translated` are about one document: they read that one
/// (its stored versions verified as always), not the whole history.
#[test]
fn diff_and_mark_read_only_their_document() {
    let site = Site::released();
    // A hand edit to a stored version of the other document…
    let tampered = "versions/terms/v1/10-scope.de.md";
    site.write(tampered, &format!("{}Geändert.\n", site.read(tampered)));
    let run = site.run(&["check"]).fails();
    assert!(run.stderr.contains(tampered), "{}", run.stderr);
    // …does not concern a diff or the marks of the policy.
    let edited = "content/policy/30-rights.de.md";
    site.write(edited, &section("Ihre Rechte", "Sie haben das Recht auf Auskunft und Löschung."));
    let run = site.run(&["diff", "policy"]).ok();
    assert!(run.stdout.contains("[-Auskunft.-]{+Auskunft und Löschung.+}"), "{}", run.stdout);
    assert!(!run.stderr.contains(tampered), "{}", run.stderr);
    let run = site.run(&["mark-translated", "en", "policy/rights"]).ok();
    assert!(run.stderr.contains("marked content/policy/30-rights.en.md"), "{}", run.stderr);
    // A stored version of the policy itself is still verified.
    let own = "versions/policy/v1/20-data.de.md";
    site.write(own, &format!("{}Geändert.\n", site.read(own)));
    let run = site.run(&["diff", "policy"]).fails();
    assert!(run.stderr.contains(own), "{}", run.stderr);
}

#[test]
fn an_announced_version_shows_a_banner_with_its_date() {
    let site = three_versions();
    site.write("content/policy/30-rights.de.md", &section("Ihre Rechte", "Neu."));
    notes(&site, "policy");
    site.run(&[
        "release",
        "policy",
        "--major",
        "--date",
        "2024-08-01",
        "--effective",
        "2024-09-15",
        "--allow-incomplete",
    ])
    .ok();
    site.run(&["build", "--date", "2024-08-02"]).ok();
    let page = site.read("public/sv/policy/index.html");
    assert!(page.contains("En ny version (version 4) börjar gälla den 15 september 2024."), "{page}");
    assert!(page.contains("<a href=\"v4/\">Läs den nya versionen</a>"));
    assert!(site.read("public/sv/index.html").contains("15 september 2024"), "the center announces it too");
}

#[test]
fn atom_feed_parses_with_stable_ids() {
    let site = three_versions();
    site.run(&["build", "--date", "2024-07-01"]).ok();
    let xml = site.read("public/en/feed.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("a valid Atom feed");
    assert_eq!(feed.entries.len(), 4, "three versions of the policy and one of the terms");
    let newest = &feed.entries[0];
    assert_eq!(newest.id, "tag:privacy.test.example,2024-06-01:en/policy/v3");
    assert_eq!(newest.published.map(|d| d.to_rfc3339()), Some("2024-06-01T00:00:00+00:00".into()));
    assert_eq!(newest.links[0].href, "https://privacy.test.example/en/policy/v3/changes/");
    let v2 = feed.entries.iter().find(|e| e.id.ends_with("en/policy/v2")).expect("v2 entry");
    let body = v2.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
    assert!(body.contains("<del>e-mail address.</del><ins>phone number.</ins>"), "the change itself: {body}");
    assert!(body.contains("href=\"https://privacy.test.example/en/terms/#scope\""), "absolute links: {body}");
    assert!(body.contains("href=\"https://privacy.test.example/en/policy/v2/#rights\""), "{body}");
    // Ids never change: a later build keeps them.
    site.run(&["build", "--date", "2025-01-01"]).ok();
    let later = feed_rs::parser::parse(site.read("public/en/feed.xml").as_bytes()).expect("valid");
    let ids = |f: &feed_rs::model::Feed| f.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&feed), ids(&later));
    // Every page links its language's feed.
    let page = site.read("public/en/policy/index.html");
    assert!(
        page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../feed.xml\""),
        "{page}"
    );
}

#[test]
fn sitemap_validates_against_the_protocol_schema() {
    let site = three_versions();
    site.run(&["build", "--date", "2024-07-01"]).ok();
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://privacy.test.example/en/policy/v2/changes/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://privacy.test.example/de/policy/\"/>"
    ));
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemas/sitemap.xsd");
    match std::process::Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(site.path("public/sitemap.xml"))
        .output()
    {
        Ok(out) => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr)),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("xmllint not installed: sitemap schema check skipped")
        }
        Err(e) => panic!("CI must run the schema check, but xmllint cannot run: {e}"),
    }
}

/// The built-in sitemap is written without its template, for speed: byte
/// for byte what Tera renders of it, as a theme's copy of it shows, with a
/// base URL whose characters a template escapes.
#[test]
fn the_built_in_sitemap_is_what_its_template_renders() {
    let site = three_versions();
    let build = |out: &str| {
        site.run(&[
            "build",
            "--date",
            "2024-07-01",
            "--base-url",
            "https://example.test/a&b'c/",
            "--out",
            out,
        ])
        .ok();
        site.read(&format!("{out}/sitemap.xml"))
    };
    let direct = build("direct");
    assert!(
        direct.contains("<loc>https://example.test/a&amp;b&#39;c/en/policy/v2/changes/</loc>"),
        "{direct}"
    );
    // A copy in the theme that renders the same: a comment leaves no trace.
    let builtin =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/sitemap.xml"))
            .expect("the built-in sitemap template");
    site.write("themes/default/templates/sitemap.xml", &format!("{{# a copy #}}{builtin}"));
    assert_eq!(direct, build("rendered"));
}

#[test]
fn versions_json_hashes_match_the_stored_text() {
    let site = three_versions();
    site.run(&["build", "--date", "2024-07-01"]).ok();
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/versions.json")).expect("valid JSON");
    let docs = json["documents"].as_array().expect("documents");
    let policy = docs.iter().find(|d| d["document"] == "policy").expect("policy");
    let versions = policy["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[2]["status"], "current");
    assert_eq!(versions[2]["kind"], "major");
    for v in versions {
        let n = v["version"].as_u64().expect("number");
        for lang in ["de", "en", "sv"] {
            // The README's recipe, run as written: verify every file of the
            // version (kept here or, unchanged, in an earlier version), then
            // hash the lines of one language.
            let recipe = format!(
                "cd versions/policy/v{n} && sha256sum --quiet -c SHA256SUMS && sed 's|  ../v[0-9]*/|  |' SHA256SUMS | grep '[.]{lang}[.]md$' | sha256sum"
            );
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&recipe)
                .current_dir(site.path(""))
                .output()
                .unwrap();
            assert!(out.status.success(), "{recipe}: {}", String::from_utf8_lossy(&out.stderr));
            let stdout = String::from_utf8(out.stdout).unwrap();
            let expected = stdout.split_whitespace().next().unwrap();
            // The same from the bytes themselves, wherever they are kept.
            let mut lines = String::new();
            for line in site.read(&format!("versions/policy/v{n}/SHA256SUMS")).lines() {
                let (_, file) = line.split_once("  ").unwrap();
                let name = file.rsplit('/').next().unwrap();
                if name.ends_with(&format!(".{lang}.md")) {
                    let bytes =
                        std::fs::read(site.path(&format!("versions/policy/v{n}")).join(file)).unwrap();
                    let sum: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
                    lines.push_str(&format!("{sum}  {name}\n"));
                }
            }
            let from_bytes: String =
                Sha256::digest(lines.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(expected, from_bytes, "v{n} {lang}");
            assert_eq!(v["languages"][lang]["sha256"], expected, "v{n} {lang}");
            assert_eq!(
                v["languages"][lang]["url"],
                format!("https://privacy.test.example/{lang}/policy/v{n}/")
            );
        }
    }
}

#[test]
fn moved_and_renamed_sections_are_recognisable() {
    let site = Site::released();
    for lang in ["de", "en", "sv"] {
        // `rights` moves before `intro`; `data` gets a new slug with the same text.
        let rights = site.read(&format!("content/policy/30-rights.{lang}.md"));
        site.remove(&format!("content/policy/30-rights.{lang}.md"));
        site.write(&format!("content/policy/05-rights.{lang}.md"), &rights);
        let data = site.read(&format!("content/policy/20-data.{lang}.md"));
        site.remove(&format!("content/policy/20-data.{lang}.md"));
        site.write(&format!("content/policy/20-stored-data.{lang}.md"), &data);
    }
    notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01"]).ok();
    site.run(&["build", "--date", "2024-03-02"]).ok();
    let page = site.read("public/en/policy/v2/changes/index.html");
    let rights = &page
        [page.find("<section id=\"rights\" class=\"change unchanged\">").expect("moved section shown")..];
    assert!(rights.contains("<span class=\"badge\">Moved</span>"), "{rights}");
    let renamed =
        &page[page.find("<section id=\"stored-data\" class=\"change renamed\">").expect("renamed")..];
    assert!(renamed.contains("Renamed, formerly “data”"), "{renamed}");
    assert!(!page.contains("class=\"change removed\""), "a renamed section is not shown as removed");
    let run = site.run(&["diff", "policy"]).ok();
    assert!(
        run.stdout.contains("#stored-data (added)") && run.stdout.contains("#data (removed)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_feed_carries_the_fifty_newest_releases() {
    let site = three_versions();
    // 48 more releases of the terms: 52 in all.
    for n in 0..48 {
        for lang in ["de", "en", "sv"] {
            site.write(
                &format!("content/terms/10-scope.{lang}.md"),
                &section("Scope", &format!("Version {n}.")),
            );
        }
        notes(&site, "terms");
        for lang in ["en", "sv"] {
            site.run(&["mark-translated", lang, "terms"]).ok();
        }
        let date = chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap() + chrono::Days::new(n);
        site.run(&["release", "terms", "--minor", "--date", &date.to_string()]).ok();
    }
    site.run(&["build", "--date", "2025-01-01"]).ok();
    let feed = feed_rs::parser::parse(site.read("public/en/feed.xml").as_bytes()).expect("a valid Atom feed");
    assert_eq!(feed.entries.len(), 50, "the newest 50 of 52 releases");
    assert!(feed.entries[0].id.ends_with("en/terms/v49"), "{}", feed.entries[0].id);
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert!(!ids.iter().any(|id| id.ends_with("en/policy/v1") || id.ends_with("en/terms/v1")), "{ids:?}");
    assert!(ids.iter().any(|id| id.ends_with("en/policy/v3")), "{ids:?}");
    // The history page keeps every release.
    let history = site.read("public/en/terms/history/index.html");
    assert!(history.contains("href=\"../v1/\""), "{history}");
}
