//! The archival PDFs: checked with qpdf and poppler, as an archive would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::support::{Site, section};

/// A tool of qpdf or poppler-utils; without it the test is skipped with a
/// notice, except under CI (`CI` set), where it fails.
pub fn tool(test: &str, name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    if let Some(found) = std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()) {
        return Some(found);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {name} is not installed (apt-get install qpdf poppler-utils)");
    }
    eprintln!(
        "NOTICE: skipping {test}: {name} is not installed (apt-get install qpdf poppler-utils); CI=1 makes this a failure"
    );
    None
}

/// Every tool the archival checks need, or `None` (skip).
pub fn tools(test: &str) -> Option<()> {
    for name in ["qpdf", "pdffonts", "pdfinfo", "pdftotext", "pdftoppm"] {
        tool(test, name)?;
    }
    Some(())
}

pub fn output(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF's named destinations, from its `/Dests` name tree as qpdf reads
/// it: name → (the page object, the top of the view).
pub fn named_destinations(pdf: &Path) -> BTreeMap<String, (String, f64)> {
    let json: serde_json::Value =
        serde_json::from_str(&output(Command::new("qpdf").arg("--json").arg(pdf))).unwrap();
    let objects = &json["qpdf"][1];
    let object = |value: &serde_json::Value| -> serde_json::Value {
        match value.as_str() {
            Some(r) if r.ends_with(" R") => objects[format!("obj:{r}")]["value"].clone(),
            _ => value.clone(),
        }
    };
    let root = object(&objects["trailer"]["value"]["/Root"]);
    let mut found = BTreeMap::new();
    let mut nodes = vec![object(&object(&root["/Names"])["/Dests"])];
    while let Some(node) = nodes.pop() {
        nodes.extend(node["/Kids"].as_array().into_iter().flatten().map(&object));
        for pair in node["/Names"].as_array().map_or(&[][..], Vec::as_slice).chunks(2) {
            let name = pair[0].as_str().unwrap().trim_start_matches("u:").to_string();
            // [page /XYZ left top zoom]
            let dest = object(&pair[1]);
            found.insert(name, (dest[0].as_str().unwrap().to_string(), dest[3].as_f64().unwrap()));
        }
    }
    found
}

/// Every `*.pdf` under `dir`, sorted.
fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path().to_path_buf())
        .collect();
    found.sort();
    found
}

fn title_of(markdown: &str) -> String {
    let line = markdown.lines().find(|l| l.starts_with("title = ")).unwrap();
    line["title = ".len()..].trim_matches('"').to_string()
}

#[test]
fn the_example_has_an_archival_pdf_of_every_version_in_every_language() {
    let Some(()) = tools("the_example_has_an_archival_pdf_of_every_version_in_every_language") else {
        return;
    };
    let site = Site::init().with_pdfs();
    let run = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(run.stderr.contains("and 18 PDFs (18 typeset, 0 from the cache)"), "{}", run.stderr);
    let public = site.path("public");
    let manifest: serde_json::Value = serde_json::from_str(&site.read("public/versions.json")).unwrap();
    let mut checked = 0;
    for doc in manifest["documents"].as_array().unwrap() {
        let slug = doc["document"].as_str().unwrap();
        for version in doc["versions"].as_array().unwrap() {
            let n = version["version"].as_u64().unwrap();
            for lang in ["de", "en", "sv"] {
                let entry = &version["languages"][lang];
                let rel = format!("{lang}/{slug}/v{n}/{slug}-v{n}-{lang}.pdf");
                assert_eq!(entry["pdf_url"], format!("https://privacy.nordlicht.example/{rel}"));
                let file = public.join(&rel);
                let bytes = std::fs::read(&file).unwrap();
                assert_eq!(entry["pdf_sha256"], hex(&Sha256::digest(&bytes)), "{rel}");

                output(Command::new("qpdf").arg("--check").arg(&file));
                let fonts = output(Command::new("pdffonts").arg(&file));
                let rows: Vec<&str> = fonts.lines().skip(2).collect();
                assert!(!rows.is_empty(), "{fonts}");
                for row in rows {
                    // name type encoding emb sub uni object ID: `emb` is the 5th column from the right.
                    let cols: Vec<&str> = row.split_whitespace().collect();
                    assert_eq!(cols[cols.len() - 5], "yes", "a font is not embedded in {rel}:\n{fonts}");
                }
                let info = output(Command::new("pdfinfo").arg(&file));
                let title = entry["title"].as_str().unwrap();
                assert!(info.contains(&format!("Title:           {title}")), "{info}");
                assert!(info.contains("Author:          Beispiel Nordlicht GmbH"), "{info}");
                assert!(info.contains("Tagged:          yes"), "{info}");
                assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");
                let meta = output(Command::new("pdfinfo").arg("-meta").arg(&file));
                assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
                assert!(meta.contains("<pdfaid:conformance>U</pdfaid:conformance>"), "{meta}");
                assert!(meta.contains(&format!("<rdf:li>{lang}</rdf:li>")), "no dc:language {lang}: {meta}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 18);

    // The German v1: every section heading and the SHA-256 of the text in versions.json.
    let v1 = public.join("de/privacy-policy/v1/privacy-policy-v1-de.pdf");
    let text = output(Command::new("pdftotext").args(["-layout"]).arg(&v1).arg("-"));
    let sha = manifest["documents"][1]["versions"][0]["languages"]["de"]["sha256"].as_str().unwrap();
    assert_eq!(manifest["documents"][1]["document"], "privacy-policy");
    assert!(text.contains(sha), "the footer has the text's SHA-256 {sha}:\n{text}");
    let mut headings = 0;
    for entry in std::fs::read_dir(site.path("versions/privacy-policy/v1")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".de.md") && !name.starts_with('_') {
            let title = title_of(&std::fs::read_to_string(&path).unwrap());
            assert!(text.contains(&title), "no heading `{title}` in the German v1:\n{text}");
            headings += 1;
        }
    }
    assert!(headings >= 8, "{headings}");
    assert!(text.contains("Beispiel Nordlicht GmbH") && text.contains("Datenschutzerklärung"), "{text}");
    assert!(text.contains("Inhalt"), "a table of contents: {text}");
    assert!(text.contains("Seite 1 von "), "page numbers in German: {text}");
    assert!(text.contains("Zuletzt geändert"), "last-modified dates: {text}");
    assert!(text.contains("Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz"), "the footnote: {text}");

    // A translation says which text is binding.
    let en = public.join("en/privacy-policy/v1/privacy-policy-v1-en.pdf");
    let en_text = output(Command::new("pdftotext").arg(&en).arg("-"));
    assert!(en_text.contains("Only the German text is legally binding"), "{en_text}");
    assert!(en_text.contains("Page 1 of "), "{en_text}");

    // A section's summary is part of its text, in the PDF as on the page.
    let v3 = public.join("en/privacy-policy/v3/privacy-policy-v3-en.pdf");
    let v3_text = output(Command::new("pdftotext").arg(&v3).arg("-"));
    assert!(v3_text.contains("In short Beispiel Nordlicht GmbH in Berlin is responsible"), "{v3_text}");

    // The pages link their PDF with its size.
    let page = site.read("public/de/privacy-policy/v1/index.html");
    assert!(
        page.contains(
            "href=\"privacy-policy-v1-de.pdf\" type=\"application/pdf\" download>Als PDF herunterladen ("
        ),
        "{page}"
    );
    let current = site.read("public/en/cookie-policy/index.html");
    assert!(current.contains("href=\"v3/cookie-policy-v3-en.pdf\""), "{current}");
    let history = site.read("public/sv/privacy-policy/history/index.html");
    assert!(history.contains("href=\"../v1/privacy-policy-v1-sv.pdf\""), "{history}");

    // One page, as an image to look at: the cookie table is on the first page of the cookie policy.
    let preview = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-preview");
    std::fs::create_dir_all(&preview).unwrap();
    for (pdf, name) in [
        ("de/cookie-policy/v2/cookie-policy-v2-de.pdf", "cookie-policy-v2-de"),
        ("en/privacy-policy/v1/privacy-policy-v1-en.pdf", "privacy-policy-v1-en"),
    ] {
        output(
            Command::new("pdftoppm").args(["-png", "-r", "80"]).arg(public.join(pdf)).arg(preview.join(name)),
        );
    }
    eprintln!("pages rendered to {}", preview.display());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn pdfs_are_byte_identical_across_builds_and_the_cache_typesets_only_what_changed() {
    let site = Site::released().with_pdfs();
    site.run(&["build", "--date", "2024-02-01", "--out", "one"]).ok();
    let one = pdfs(&site.path("one"));
    assert_eq!(one.len(), 6, "{one:?}");
    std::fs::remove_dir_all(site.path(".privsite/cache")).unwrap();
    let run = site.run(&["build", "--date", "2024-02-01", "--out", "two"]).ok();
    assert!(run.stderr.contains("(6 typeset, 0 from the cache)"), "{}", run.stderr);
    assert_eq!(site.snapshot("one"), site.snapshot("two"), "a clean build gives the same bytes");

    let run = site.run(&["build", "--date", "2024-02-01", "--out", "three"]).ok();
    assert!(run.stderr.contains("(0 typeset, 6 from the cache)"), "{}", run.stderr);
    assert_eq!(site.snapshot("one"), site.snapshot("three"));
    let run = site.run(&["build", "--date", "2024-02-01", "--out", "three", "--no-cache"]).ok();
    assert!(
        run.stderr.contains("(6 typeset, 0 from the cache)"),
        "--no-cache reads no cache: {}",
        run.stderr
    );
    assert_eq!(site.snapshot("one"), site.snapshot("three"));

    // A damaged entry and a foreign one are typeset again, never trusted.
    let entries: Vec<PathBuf> = std::fs::read_dir(site.path(".privsite/cache/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(entries.len(), 6);
    let mut damaged = std::fs::read(&entries[0]).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x20;
    std::fs::write(&entries[0], damaged).unwrap();
    std::fs::copy(&entries[2], &entries[1]).unwrap();
    let run = site.run(&["build", "--date", "2024-02-01", "--out", "four"]).ok();
    assert!(run.stderr.contains("(2 typeset, 4 from the cache)"), "{}", run.stderr);
    assert_eq!(site.snapshot("one"), site.snapshot("four"));

    // A new version typesets that version's PDFs only.
    site.write("content/policy/30-rights.de.md", &section("Ihre Rechte", "Neu: Sie haben weitere Rechte."));
    site.write("content/policy/_release.de.md", "+++\ntitle = \"Rechte\"\n+++\nMehr Rechte.\n");
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01", "--allow-incomplete"]).ok();
    let run = site.run(&["build", "--date", "2024-03-02", "--out", "five"]).ok();
    assert!(run.stderr.contains("and 9 PDFs (3 typeset, 6 from the cache)"), "{}", run.stderr);
}

/// A theme's own PDF layout, without the default's table of contents.
const OWN_LAYOUT: &str = "#import \"privsite.typ\" as p\n#set document(title: p.title, author: p.company)\n#set text(lang: p.lang)\n= #p.company\n#for s in p.sections [#heading(s.title)#label(s.slug) #s.body]\n";

/// A PDF's cache key holds every input that reaches it: after a string,
/// the company's name or the theme's PDF layout changes, the build typesets
/// the PDFs it shows in again, and equals a build that reads no cache.
/// (Edits in content/ reach no PDF: the PDFs are of released versions.)
#[test]
fn a_string_the_configuration_or_the_layout_edited_typesets_the_pdfs_it_reaches() {
    let site = Site::released().with_pdfs();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    type Edit = fn(String) -> String;
    let edits: [(&str, Edit, &str); 3] = [
        ("locales/en/override.ftl", |_| "published = Out since\n".into(), "(2 typeset, 4 from the cache)"),
        ("privsite.toml", |t| t.replace("Test AG", "Test GmbH"), "(6 typeset, 0 from the cache)"),
        ("themes/default/pdf/document.typ", |_| OWN_LAYOUT.into(), "(6 typeset, 0 from the cache)"),
    ];
    for (file, edit, typeset) in edits {
        let text = std::fs::read_to_string(site.path(file)).unwrap_or_default();
        site.write(file, &edit(text));
        let run = site.run(&["build", "--date", "2024-02-01"]).ok();
        assert!(run.stderr.contains(typeset), "{file}: {}", run.stderr);
        site.run(&["build", "--date", "2024-02-01", "--no-cache", "--out", "clean"]).ok();
        assert_eq!(site.output_files("public"), site.output_files("clean"), "after editing {file}");
    }
}

/// The peak memory of `privsite build --no-cache` in `site`, in KiB, as GNU
/// time measures it; two PDFs at a time, as on a 2-core machine.
fn peak_kib(site: &Site, time: &Path) -> u64 {
    let report = site.path("peak.txt");
    let mut cmd = Command::new(time);
    cmd.args(["-f", "%M", "-o"]).arg(&report).arg(env!("CARGO_BIN_EXE_privsite"));
    cmd.args(["build", "--date", "2025-01-01", "--no-cache"]).env("RAYON_NUM_THREADS", "2");
    output(cmd.current_dir(site.root()));
    std::fs::read_to_string(report).unwrap().trim().parse().unwrap()
}

/// Regression: a thread typesetting a PDF started the next inside it, and
/// Typst's memo cache kept every compilation, so a build held every PDF in
/// memory at once (620 MiB for 30 PDFs).
#[test]
fn a_builds_memory_does_not_grow_with_its_number_of_pdfs() {
    let Some(time) = tool("a_builds_memory_does_not_grow_with_its_number_of_pdfs", "time") else {
        return;
    };
    let site = Site::released().with_pdfs();
    // Versions of a few pages each, in every language.
    let release = |n: u32| {
        let text: String = (1..=40)
            .map(|p| {
                format!(
                    "Absatz {p} der Fassung {n}: {}\n\n",
                    "Wir verarbeiten Ihre Daten sorgfältig. ".repeat(8)
                )
            })
            .collect();
        for lang in ["de", "en", "sv"] {
            site.write(&format!("content/policy/30-rights.{lang}.md"), &section("Ihre Rechte", &text));
            site.write(
                &format!("content/policy/_release.{lang}.md"),
                &format!("+++\ntitle = \"{n}\"\n+++\nFassung {n}.\n"),
            );
        }
        let date = format!("2024-{:02}-01", n + 1);
        site.run(&["release", "policy", "--minor", "--date", &date, "--allow-incomplete"]).ok();
    };
    release(2);
    let few = peak_kib(&site, &time);
    assert_eq!(pdfs(&site.path("public")).len(), 9);
    (3..=8).for_each(release);
    let many = peak_kib(&site, &time);
    assert_eq!(pdfs(&site.path("public")).len(), 27);
    assert!(many < few + few / 5, "9 PDFs: {few} KiB at the peak, 27 PDFs: {many} KiB");
}

#[test]
fn privsite_pdf_writes_the_same_file_as_a_build() {
    let Some(()) = tools("privsite_pdf_writes_the_same_file_as_a_build") else {
        return;
    };
    let site = Site::released().with_pdfs();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    std::fs::remove_dir_all(site.path(".privsite/cache")).unwrap();
    let run = site.run(&["pdf", "policy", "--lang", "en", "--out", "out/p.pdf"]).ok();
    assert!(run.stderr.contains("Wrote version 1 of policy (en)"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(site.path("out/p.pdf")).unwrap(),
        std::fs::read(site.path("public/en/policy/v1/policy-v1-en.pdf")).unwrap()
    );
    // Readable as the build's copy is, not by its owner alone as a temporary file.
    #[cfg(unix)]
    assert_eq!(site.mode("out/p.pdf"), site.mode("public/en/policy/v1/policy-v1-en.pdf"));
    // A link to an earlier PDF is written through, and stays a link.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("p.pdf", site.path("out/latest.pdf")).unwrap();
        site.run(&["pdf", "policy", "--out", "out/latest.pdf"]).ok();
        let link = std::fs::symlink_metadata(site.path("out/latest.pdf")).unwrap();
        assert!(link.file_type().is_symlink(), "the link stays");
        let german = std::fs::read(site.path("public/de/policy/v1/policy-v1-de.pdf")).unwrap();
        assert_eq!(std::fs::read(site.path("out/p.pdf")).unwrap(), german, "written where it leads");
    }
    site.run(&["pdf", "terms", "--version", "1"]).ok();
    let info = output(Command::new("pdfinfo").arg(site.path("terms-v1-de.pdf")));
    assert!(info.contains("Tagged:          yes"), "{info}");
    // An earlier PDF is replaced; anything else is kept.
    site.run(&["pdf", "terms", "--version", "1"]).ok();
    let config = site.read("privsite.toml");
    for out in ["privsite.toml", "content"] {
        let run = site.run(&["pdf", "terms", "--out", out]).fails();
        assert!(
            run.stderr.contains("refusing to replace it") && run.stderr.contains("help:"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(site.read("privsite.toml"), config);

    let run = site.run(&["pdf", "nope"]).fails();
    assert!(
        run.stderr.contains("unknown document `nope`") && run.stderr.contains("policy, terms"),
        "{}",
        run.stderr
    );
    let run = site.run(&["pdf", "policy", "--version", "7"]).fails();
    assert!(run.stderr.contains("policy has no version 7"), "{}", run.stderr);
    let run = site.run(&["pdf", "policy", "--lang", "fr"]).fails();
    assert!(run.stderr.contains("unknown language `fr`"), "{}", run.stderr);
}

#[test]
fn policy_text_is_never_read_as_typst() {
    let Some(()) = tools("policy_text_is_never_read_as_typst") else {
        return;
    };
    let site = Site::fixture("basic").with_pdfs();
    let evil = "#set page(width: 10pt) #read(\"/etc/passwd\") ]) \\\" $x$ <label> @ref *bold* `#code`";
    site.write("content/policy/20-data.de.md", &section("Daten", evil));
    site.run(&["release", "policy", "--major", "--date", "2024-01-10", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let pdf = site.path("public/de/policy/v1/policy-v1-de.pdf");
    let text = output(Command::new("pdftotext").arg(&pdf).arg("-"));
    assert!(
        text.contains("#set page(width: 10pt) #read(\"/etc/passwd\") ]) \" $x$ <label> @ref bold #code"),
        "{text}"
    );
    assert!(!text.contains("root:"), "{text}");
}

#[test]
fn pdf_false_turns_them_off_and_paper_letter_changes_the_size() {
    let Some(()) = tools("pdf_false_turns_them_off_and_paper_letter_changes_the_size") else {
        return;
    };
    let site = Site::released().with_pdfs();
    let config = site.read("privsite.toml");
    site.write("privsite.toml", &format!("{config}pdf = false\n"));
    site.run(&["build", "--date", "2024-02-01"]).ok();
    assert!(pdfs(&site.path("public")).is_empty());
    assert!(!site.read("public/de/policy/index.html").contains(".pdf"));

    site.write("privsite.toml", &format!("{config}paper = \"letter\"\n"));
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let info = output(Command::new("pdfinfo").arg(site.path("public/de/policy/v1/policy-v1-de.pdf")));
    assert!(info.contains("Page size:       612 x 792 pts (letter)"), "{info}");

    site.write("privsite.toml", &format!("{config}paper = \"a5\"\n"));
    let run = site.run(&["build", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("privsite.toml:") && run.stderr.contains("a5"), "{}", run.stderr);
}

#[test]
fn a_theme_overrides_the_pdf_layout_and_its_errors_name_the_line() {
    let Some(()) = tools("a_theme_overrides_the_pdf_layout_and_its_errors_name_the_line") else {
        return;
    };
    let site = Site::released().with_pdfs();
    site.write("themes/default/pdf/document.typ", OWN_LAYOUT);
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let text =
        output(Command::new("pdftotext").arg(site.path("public/de/policy/v1/policy-v1-de.pdf")).arg("-"));
    assert!(!text.contains("Inhalt"), "the theme's own layout has no table of contents: {text}");

    site.write("themes/default/pdf/document.typ", "#import \"privsite.typ\" as p\n\n#p.nonexistent\n");
    let before = site.snapshot("public");
    let run = site.run(&["build", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("themes/default/pdf/document.typ:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("nonexistent"), "{}", run.stderr);
    // One broken line, one message: not one per PDF it broke.
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("other PDFs, at the same place"), "{}", run.stderr);
    assert_eq!(before, site.snapshot("public"), "a failed build leaves the output as it was");
}
