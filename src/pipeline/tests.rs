//! Incremental equals clean: random sequences of edits to the example site,
//! after each of which what the memo-taking pipeline (`serve`), a load from
//! snapshots and the fingerprint-checking build make is compared, byte for
//! byte, with what a fresh pipeline makes. `PROPTEST_CASES` sets how many
//! sequences (CI runs a few; `PROPTEST_CASES=10000 cargo test --release
//! --lib incremental` runs them long).

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{Memo, OutDir, Pipeline};
use crate::render::{BuildOptions, Output};

#[derive(Debug, Clone)]
enum Edit {
    /// New text for the n-th section file of a document in a language.
    Section {
        doc: usize,
        n: usize,
        lang: usize,
        words: String,
    },
    /// A front matter line of the n-th section file set: its summary, or its
    /// aliases (`key` names which), or the line moved down (shifting positions).
    Front {
        doc: usize,
        n: usize,
        lang: usize,
        key: usize,
        words: String,
    },
    /// The document withdrawn (it then only shows its history).
    Withdraw {
        doc: usize,
    },
    /// A new section in the authoritative language and maybe a translation.
    Add {
        doc: usize,
        slug: &'static str,
        translated: bool,
    },
    Remove {
        doc: usize,
        n: usize,
    },
    Rename {
        doc: usize,
        n: usize,
        slug: &'static str,
    },
    /// A translation marked as matching the authoritative text.
    Mark {
        doc: usize,
        lang: usize,
    },
    /// Release notes, translation marks and a release of a document.
    Release {
        doc: usize,
        major: bool,
    },
    Template(String),
    Strings(String),
    Config(String),
    Static(String),
    /// Everything the memo, the output folder and the build cache keep, gone.
    Forget,
    /// Every file the build cache keeps (records, load snapshots, parsed
    /// texts) overwritten with something else.
    Garble(String),
    /// The parsed texts the build cache keeps, gone, and its load snapshots
    /// kept: their texts come without bodies, read again to be parsed.
    Unparse,
    /// A file put by hand into a folder of the output the next build
    /// recycles (`.public.prev`), which that build must not publish.
    Stray(usize),
}

const DOCS: [&str; 2] = ["cookie-policy", "privacy-policy"];
const LANGS: [&str; 3] = ["de", "en", "sv"];
const SLUGS: [&str; 3] = ["extra", "children", "security"];
const STRAY_FOLDERS: [&str; 4] = ["", "de/", "en/privacy-policy/", "sv/cookie-policy/v1/"];

fn edit() -> impl Strategy<Value = Edit> {
    let words = "[a-zäöü]{1,8}( [a-z]{1,8}){0,6}";
    prop_oneof![
        4 => (0..2usize, 0..12usize, 0..3usize, words).prop_map(|(doc, n, lang, words)| Edit::Section { doc, n, lang, words }),
        2 => (0..2usize, 0..12usize, 0..3usize, 0..3usize, words).prop_map(|(doc, n, lang, key, words)| Edit::Front { doc, n, lang, key, words }),
        1 => (0..2usize, prop::sample::select(&SLUGS[..]), any::<bool>()).prop_map(|(doc, slug, translated)| Edit::Add { doc, slug, translated }),
        1 => (0..2usize, 0..12usize).prop_map(|(doc, n)| Edit::Remove { doc, n }),
        1 => (0..2usize, 0..12usize, prop::sample::select(&SLUGS[..])).prop_map(|(doc, n, slug)| Edit::Rename { doc, n, slug }),
        2 => (0..2usize, 1..3usize).prop_map(|(doc, lang)| Edit::Mark { doc, lang }),
        2 => (0..2usize, any::<bool>()).prop_map(|(doc, major)| Edit::Release { doc, major }),
        1 => "[a-z]{1,10}".prop_map(Edit::Template),
        1 => "[a-z]{1,10}".prop_map(Edit::Strings),
        1 => "[A-Z][a-z]{1,10}".prop_map(Edit::Config),
        1 => "[a-z]{1,10}".prop_map(Edit::Static),
        1 => Just(Edit::Forget),
        1 => (0..2usize).prop_map(|doc| Edit::Withdraw { doc }),
        1 => "[ -~]{0,80}".prop_map(Edit::Garble),
        1 => Just(Edit::Unparse),
        1 => (0..STRAY_FOLDERS.len()).prop_map(Edit::Stray),
    ]
}

/// The section files of a document in one language, in order.
fn sections(root: &Path, doc: &str, lang: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("content").join(doc))
        .map(|d| d.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    names.retain(|n| n.ends_with(&format!(".{lang}.md")) && n.as_bytes()[0].is_ascii_digit());
    names.sort();
    names
}

fn write(root: &Path, rel: &str, text: &str, touched: &mut Vec<String>) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
    touched.push(rel.to_string());
}

/// Applies an edit to the site on disk; returns the paths it touched (for
/// the memo to forget, as `serve`'s watcher reports them).
fn apply(root: &Path, edit: &Edit, date: NaiveDate) -> Vec<String> {
    let mut touched = Vec::new();
    match edit {
        Edit::Section { doc, n, lang, words } => {
            let names = sections(root, DOCS[*doc], LANGS[*lang]);
            if let Some(name) = names.get(n % names.len().max(1)) {
                let rel = format!("content/{}/{name}", DOCS[*doc]);
                let old = std::fs::read_to_string(root.join(&rel)).unwrap();
                let front = old.split("+++").nth(1).unwrap_or("\ntitle = \"T\"\n");
                write(root, &rel, &format!("+++{front}+++\n\n{words}\n"), &mut touched);
            }
        }
        Edit::Front { doc, n, lang, key, words } => {
            let names = sections(root, DOCS[*doc], LANGS[*lang]);
            if let Some(name) = names.get(n % names.len().max(1)) {
                let rel = format!("content/{}/{name}", DOCS[*doc]);
                let old = std::fs::read_to_string(root.join(&rel)).unwrap();
                let mut parts = old.splitn(3, "+++\n");
                let (_, front, body) = (parts.next(), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let alias =
                    words.split(' ').next().unwrap_or("a").replace(|c: char| !c.is_ascii_lowercase(), "x");
                let line = match key {
                    0 => format!("summary = \"{words}\"\n"),
                    1 => format!("aliases = [\"old-{alias}\"]\n"),
                    _ => "\n".to_string(),
                };
                let prefix = ["summary", "aliases", "\u{0}"][*key];
                let kept: String =
                    front.lines().filter(|l| !l.starts_with(prefix)).map(|l| format!("{l}\n")).collect();
                write(root, &rel, &format!("+++\n{kept}{line}+++\n{body}"), &mut touched);
            }
        }
        Edit::Add { doc, slug, translated } => {
            let langs: &[&str] = if *translated { &["de", "en"] } else { &["de"] };
            for lang in langs {
                let rel = format!("content/{}/95-{slug}.{lang}.md", DOCS[*doc]);
                write(
                    root,
                    &rel,
                    &format!("+++\ntitle = \"{slug} {lang}\"\n+++\n\nText {lang}.\n"),
                    &mut touched,
                );
            }
        }
        Edit::Remove { doc, n } | Edit::Rename { doc, n, .. } => {
            let names = sections(root, DOCS[*doc], "de");
            if names.len() > 1 {
                let name = &names[n % names.len()];
                let stem = name.trim_end_matches(".de.md");
                for lang in LANGS {
                    let rel = format!("content/{}/{stem}.{lang}.md", DOCS[*doc]);
                    if !root.join(&rel).exists() {
                        continue;
                    }
                    if let Edit::Rename { slug, .. } = edit {
                        let number = stem.split('-').next().unwrap_or("99");
                        let to = format!("content/{}/{number}-{slug}.{lang}.md", DOCS[*doc]);
                        if root.join(&to).exists() {
                            continue;
                        }
                        std::fs::rename(root.join(&rel), root.join(&to)).unwrap();
                        touched.push(to);
                    } else {
                        std::fs::remove_file(root.join(&rel)).unwrap();
                    }
                    touched.push(rel);
                }
            }
        }
        Edit::Mark { doc, lang } => {
            if let Ok(pipeline) = Pipeline::load_afresh(Some(root))
                && let Ok(marked) = crate::mark::mark_translated(&pipeline.site, LANGS[*lang], DOCS[*doc])
            {
                touched.extend(marked.marked);
            }
        }
        Edit::Release { doc, major } => {
            let slug = DOCS[*doc];
            for lang in LANGS {
                write(
                    root,
                    &format!("content/{slug}/_release.{lang}.md"),
                    &format!("- notes {lang}\n"),
                    &mut touched,
                );
            }
            let Ok(mut pipeline) = Pipeline::load_afresh(Some(root)) else { return touched };
            for lang in ["en", "sv"] {
                for target in [slug.to_string(), format!("{slug}/_release")] {
                    if let Ok(marked) = crate::mark::mark_translated(&pipeline.site, lang, &target) {
                        for file in marked.marked {
                            touched.push(file);
                        }
                    }
                }
            }
            if let Ok(reloaded) = Pipeline::load_afresh(Some(root)) {
                pipeline = reloaded;
            }
            if pipeline.check().is_ok() {
                let kind = if *major { crate::site::Kind::Major } else { crate::site::Kind::Minor };
                let request = crate::release::Request {
                    doc: slug,
                    kind,
                    date,
                    effective: date,
                    effective_defaulted: false,
                    allow_incomplete: true,
                };
                if crate::release::release(&pipeline.site, &request).is_ok() {
                    touched.push(format!("versions/{slug}"));
                    touched.push(format!("content/{slug}"));
                }
            }
        }
        Edit::Withdraw { doc } => {
            if let Ok(pipeline) = Pipeline::load_afresh(Some(root))
                && crate::withdraw::withdraw(&pipeline.site, DOCS[*doc], date).is_ok()
            {
                touched.push(format!("versions/{}", DOCS[*doc]));
            }
        }
        Edit::Template(word) => {
            let (name, source) = crate::embedded::theme_templates()
                .into_iter()
                .find(|(n, _)| n == "404.html")
                .expect("a built-in 404 template");
            let source = source.replacen("{% endblock", &format!("<!-- {word} -->{{% endblock"), 1);
            write(root, &format!("themes/default/templates/{name}"), &source, &mut touched);
        }
        Edit::Strings(word) => {
            write(
                root,
                "locales/en/extra.ftl",
                &format!("site-title = {word} at {{ $name }}\n"),
                &mut touched,
            );
        }
        Edit::Config(name) => {
            let old = std::fs::read_to_string(root.join("privsite.toml")).unwrap();
            let new: String =
                old.lines()
                    .map(|l| {
                        if l.starts_with("name = ") {
                            format!("name = \"{name}\"\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect();
            write(root, "privsite.toml", &new, &mut touched);
        }
        Edit::Static(word) => {
            write(root, "themes/default/static/extra.css", &format!("/* {word} */\n"), &mut touched);
        }
        Edit::Forget => {
            let _ = std::fs::remove_dir_all(root.join(crate::load::CACHE_DIR));
            touched.push(String::new());
        }
        Edit::Unparse => {
            let _ = std::fs::remove_dir_all(root.join(crate::load::CACHE_DIR).join("parse"));
        }
        Edit::Stray(folder) => {
            let folder = crate::write::previous(&root.join("public")).join(STRAY_FOLDERS[*folder]);
            if folder.is_dir() {
                std::fs::write(folder.join("stray.html"), "by hand").unwrap();
            }
        }
        Edit::Garble(text) => {
            for record in walkdir::WalkDir::new(root.join(crate::load::CACHE_DIR)).into_iter().flatten() {
                if record.file_type().is_file() {
                    std::fs::write(record.path(), text).unwrap();
                }
            }
        }
    }
    touched
}

/// What a fresh pipeline makes of the site: the preview, or its errors.
fn preview(pipeline: Result<Pipeline, crate::diag::Diagnostics>, date: NaiveDate) -> Result<Preview, String> {
    let mut pipeline = pipeline.map_err(|d| format!("{d:?}"))?;
    pipeline.check().map_err(|s| format!("{:?}", s.errors))?;
    let options =
        BuildOptions { date, base_url: Some("http://127.0.0.1:1/".into()), drafts: true, pdf_store: None };
    let output = pipeline.render(&options).map_err(|d| format!("{d:?}"))?;
    Ok(Preview { warnings: format!("{:?}", pipeline.warnings), output })
}

/// What a preview shows: the warnings of load and check, and the files.
#[derive(PartialEq)]
struct Preview {
    warnings: String,
    output: Arc<Output>,
}

/// Which files differ, briefly (the outputs are too large to print).
fn differences(a: &Result<Preview, String>, b: &Result<Preview, String>) -> String {
    match (a, b) {
        (Ok(a), Ok(b)) if a.warnings != b.warnings => format!("warnings {} / {}", a.warnings, b.warnings),
        (Ok(a), Ok(b)) => {
            let (a, b) = (&a.output, &b.output);
            let paths: Vec<&String> =
                a.keys().chain(b.keys()).filter(|p| a.get(*p) != b.get(*p)).take(5).collect();
            format!("these files differ: {paths:?}")
        }
        (a, b) => format!("incremental {:?} / clean {:?}", a.as_ref().err(), b.as_ref().err()),
    }
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != crate::write::MARKER)
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The example site in `root`, without PDFs: typesetting them in a debug
/// build would take most of the time of each case; tests/testsuite/pdf.rs
/// proves their builds byte-identical.
fn example(root: &Path) {
    for (path, bytes) in crate::embedded::example_site() {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    let config = root.join("privsite.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    // At the top: below, it would land in the file's last table.
    std::fs::write(&config, format!("pdf = false\n{text}")).unwrap();
}

fn run(edits: &[Edit]) -> Result<(), TestCaseError> {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    example(root);
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    // The edits start from a site that builds: otherwise every step would
    // compare one error with the same error, and prove nothing.
    if let Err(e) = preview(Pipeline::load_afresh(Some(root)), date) {
        panic!("the example, unedited, does not preview: {e}");
    }
    let build = BuildOptions { date, base_url: None, drafts: false, pdf_store: None };
    let memo = Arc::new(Memo::default());
    let out = root.join("public");
    let clean_out = root.join("clean");
    for (step, edit) in edits.iter().enumerate() {
        let touched = apply(root, edit, date);
        for rel in &touched {
            if rel.is_empty() {
                memo.files.forget_all();
                // The fingerprint a build left, gone (the marker itself says the folder is ours).
                if out.exists() {
                    std::fs::write(out.join(crate::write::MARKER), "").unwrap();
                }
            } else {
                memo.files.forget(rel);
            }
        }
        let incremental = preview(Pipeline::load_again(root, Arc::clone(&memo)), date);
        let clean = preview(Pipeline::load_afresh(Some(root)), date);
        prop_assert!(
            incremental == clean,
            "preview after step {step} ({edit:?}): {}",
            differences(&incremental, &clean)
        );
        // A command's load: documents whose files kept their stamps come
        // from the snapshots earlier steps left (load/snapshot.rs).
        let snapshots = preview(Pipeline::load(Some(root)), date);
        prop_assert!(
            snapshots == clean,
            "preview from snapshots after step {step} ({edit:?}): {}",
            differences(&snapshots, &clean)
        );

        // build, as the command loads: the stamps of its inputs, the
        // snapshots, parsed texts and feed entries earlier steps left, and
        // the output it may keep only when it is what a clean build writes.
        // Every other step waits a clock tick first; without it, the stamps
        // of files just edited vouch for nothing, as right after a release.
        if step % 2 == 0 {
            std::thread::sleep(crate::load::stamp::TICK + std::time::Duration::from_millis(5));
        }
        let stamped = match super::Inputs::stamp(root, &out, "build") {
            Some(inputs) => Pipeline::load_stamped(root, &inputs),
            None => Pipeline::load(Some(root)),
        };
        if let (Ok(mut pipeline), Ok(mut afresh)) = (stamped, Pipeline::load_afresh(Some(root))) {
            let checked = pipeline.check().is_ok();
            prop_assert_eq!(checked, afresh.check().is_ok(), "check after step {} ({:?})", step, edit);
            if !checked {
                continue;
            }
            let kept = pipeline
                .write(&build, &OutDir::check(root, &out).unwrap(), true)
                .map(|_| files(&out))
                .map_err(|d| d.0);
            let clean = afresh
                .write(&build, &OutDir::check(root, &clean_out).unwrap(), false)
                .map(|_| files(&clean_out))
                .map_err(|d| d.0);
            let differ: Vec<String> = match (&kept, &clean) {
                (Ok(k), Ok(c)) => {
                    k.iter().zip(c).filter(|(a, b)| a != b).map(|(a, _)| a.0.clone()).take(5).collect()
                }
                _ => vec![format!("{:?} / {:?}", kept.as_ref().err(), clean.as_ref().err())],
            };
            prop_assert!(kept == clean, "build after step {step} ({edit:?}): {differ:?}");
        }
    }
    Ok(())
}

/// A few cases by default, `PROPTEST_CASES` to run them long.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(8);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn incremental_equals_clean(edits in prop::collection::vec(edit(), 1..6)) {
        run(&edits)?;
    }
}

/// A text taken from a load snapshot comes without its body, read again
/// when asked for. Should its file change after the load took the stamps
/// (while the command runs), the command stops on one error naming the
/// file, and keeps nothing parsed from it.
#[test]
fn a_body_that_changed_since_the_load_stops_the_command_and_is_not_kept() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    example(root);
    // Stamps younger than a clock tick vouch for nothing: no snapshot.
    std::thread::sleep(crate::load::stamp::TICK + std::time::Duration::from_millis(5));
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let build = BuildOptions { date, base_url: None, drafts: false, pdf_store: None };
    let mut first = Pipeline::load(Some(root)).unwrap();
    first.check().unwrap();
    first.write(&build, &OutDir::check(root, &root.join("public")).unwrap(), true).unwrap();
    // The parsed texts gone, the next check parses every text again.
    let parsed = root.join(crate::load::CACHE_DIR).join("parse");
    std::fs::remove_dir_all(&parsed).unwrap();

    let mut pipeline = Pipeline::load(Some(root)).unwrap();
    let stored = pipeline.site.texts.iter().find(|t| t.file.starts_with("versions/privacy-policy/")).unwrap();
    let file = stored.file.clone();
    let mut bytes = std::fs::read(root.join(&file)).unwrap();
    bytes.extend_from_slice(b"\nChanged by hand.\n");
    std::fs::write(root.join(&file), bytes).unwrap();

    let stopped = pipeline.check().unwrap_err();
    let errors: Vec<_> = stopped.errors.0.iter().map(|d| (d.file.as_deref(), d.message.as_str())).collect();
    assert_eq!(errors, [(Some(file.as_str()), "the file changed while privsite was reading it")]);
    assert!(
        !parsed.join("facts").join("privacy-policy").exists(),
        "facts parsed from an unread body were kept"
    );
    assert!(parsed.join("facts").join("cookie-policy").exists(), "the other document's facts are kept");
    assert!(
        pipeline.write(&build, &OutDir::check(root, &root.join("public")).unwrap(), false).is_err(),
        "a page of an unread body was written"
    );
}

/// A file dropped by hand into the folder a build recycles is not
/// published: random sequences reach that order of edits rarely (the
/// folder exists after two builds that wrote, and only a later build that
/// writes recycles it), so here it is in that order.
#[test]
fn a_file_dropped_into_the_recycled_output_is_not_published() {
    let section = |words: &str| Edit::Section { doc: 0, n: 0, lang: 0, words: words.into() };
    for (folder, _) in STRAY_FOLDERS.iter().enumerate() {
        run(&[section("one"), section("two"), Edit::Stray(folder), section("three")]).unwrap();
    }
}
