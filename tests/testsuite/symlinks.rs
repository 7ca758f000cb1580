//! Symbolic links are followed only inside the site root (SPEC §1): for
//! every input folder, a link to something outside is one error naming the
//! link, and no byte from outside reaches `public/`, a `dir:` publication,
//! the preview or an outbox. Loops are one error naming the link.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::serve::Server;
use crate::support::{Site, section};

const SECRET: &str = "OUTSIDE-SECRET-7f3a";

/// How many errors `check` printed.
pub fn errors(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("error") || l.contains(": error: ")).count()
}

/// Every file below `dir`, as bytes, searched for the secret.
fn holds_secret(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).any(
        |e| std::fs::read(e.path()).is_ok_and(|b| b.windows(SECRET.len()).any(|w| w == SECRET.as_bytes())),
    )
}

/// A released site and, beside it (outside its root), a folder of secrets.
struct Case {
    site: Site,
    outside: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let case = Case { site: Site::released(), outside: tempfile::tempdir().unwrap() };
        case.site.mark_all();
        case.site.run(&["build"]).ok();
        case
    }

    /// Writes `rel` below the outside folder.
    fn outside(&self, rel: &str, text: &str) -> std::path::PathBuf {
        let path = self.outside.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Replaces `rel` of the site by a link to `target`.
    fn link(&self, rel: &str, target: &Path) {
        let path = self.site.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir_all(&path).unwrap();
        } else if path.exists() || path.is_symlink() {
            std::fs::remove_file(&path).unwrap();
        }
        symlink(target, &path).unwrap();
    }

    /// `check`, `build`, `publish dir:` and the preview: each refuses or
    /// leaves the secret out, and the error names `link`.
    #[track_caller]
    fn assert_sealed(&self, link: &str, preview_paths: &[&str]) {
        let site = &self.site;
        let before = site.snapshot("public");
        let run = site.run(&["check"]).fails();
        assert_eq!(errors(&run.stderr), 1, "one error for {link}:\n{}", run.stderr);
        assert!(run.stderr.contains(link), "names {link}:\n{}", run.stderr);
        assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
        site.run(&["build"]).fails();
        assert_eq!(site.snapshot("public"), before, "public/ as it was");
        assert!(!holds_secret(&site.path("public")));
        site.run(&["publish", "--target", "dir:www"]).fails();
        assert!(!holds_secret(&site.path("www")));
        let server = Server::start(site);
        for path in preview_paths.iter().chain(&["/", "/de/policy/", "/en/policy/"]) {
            let response = server.get(path);
            assert!(!response.body.contains(SECRET), "{path} shows the secret");
        }
        assert!(!server.log().contains(SECRET));
    }
}

#[test]
fn a_content_file_linked_outside_the_root() {
    let case = Case::new();
    let target = case.outside("20-data.de.md", &section("Daten", SECRET));
    case.link("content/policy/20-data.de.md", &target);
    case.assert_sealed("content/policy/20-data.de.md", &[]);
}

#[test]
fn a_document_folder_and_the_content_folder_linked_outside() {
    let case = Case::new();
    case.outside("doc/_index.de.md", &section("Geheim", SECRET));
    case.outside("doc/10-a.de.md", &section("A", SECRET));
    case.link("content/leak", &case.outside.path().join("doc"));
    case.assert_sealed("content/leak", &["/de/leak/"]);

    let case = Case::new();
    let copy = case.outside.path().join("content");
    std::fs::rename(case.site.path("content"), &copy).unwrap();
    std::fs::write(copy.join("policy/10-intro.de.md"), section("Einleitung", SECRET)).unwrap();
    case.link("content", &copy);
    case.assert_sealed("content", &[]);
}

#[test]
fn stored_versions_linked_outside() {
    let case = Case::new();
    let copy = case.outside.path().join("versions");
    std::fs::rename(case.site.path("versions"), &copy).unwrap();
    case.link("versions", &copy);
    case.assert_sealed("versions", &["/de/policy/v1/"]);

    let case = Case::new();
    let target = case.outside("10-intro.de.md", &section("Einleitung", SECRET));
    case.link("versions/policy/v1/10-intro.de.md", &target);
    case.assert_sealed("versions/policy/v1/10-intro.de.md", &["/de/policy/v1/"]);
}

#[test]
fn locales_linked_outside_at_every_level() {
    let ftl = format!("center-title = {SECRET}\n");
    for link in ["locales", "locales/en", "locales/en/site.ftl"] {
        let case = Case::new();
        let file = case.outside("locales/en/site.ftl", &ftl);
        let target = match link {
            "locales" => case.outside.path().join("locales"),
            "locales/en" => case.outside.path().join("locales/en"),
            _ => file,
        };
        case.link(link, &target);
        case.assert_sealed(link, &["/en/"]);
    }
}

#[test]
fn theme_templates_and_static_files_linked_outside() {
    for link in
        ["themes", "themes/default", "themes/default/templates/page.html", "themes/default/static/leak.txt"]
    {
        let case = Case::new();
        let file = case.outside("themes/default/static/leak.txt", SECRET);
        case.outside("themes/default/templates/page.html", &format!("{SECRET} {{{{ 1 }}}}"));
        let target = match link {
            "themes" => case.outside.path().join("themes"),
            "themes/default" => case.outside.path().join("themes/default"),
            "themes/default/templates/page.html" => {
                case.outside.path().join("themes/default/templates/page.html")
            }
            _ => file,
        };
        case.link(link, &target);
        case.assert_sealed(link, &["/leak.txt", "/en/policy/"]);
    }
}

#[test]
fn subscribers_and_send_log_linked_outside() {
    let case = Case::new();
    let list = case.outside("list.csv", &format!("email,language,name\nanna@example.com,en,{SECRET}\n"));
    let config = case.site.read("privsite.toml");
    case.site.write(
        "privsite.toml",
        &format!(
            "{config}\n[mail]\nfrom = \"Test AG <privacy@test.example>\"\nsubscribers = \"subscribers.csv\"\n"
        ),
    );
    case.link("subscribers.csv", &list);
    let run =
        case.site.run_env(&["notify", "policy", "--outbox", "out"], &[("PRIVSITE_UNSUBSCRIBE_SECRET", "s")]);
    let run = run.fails();
    assert!(
        run.stderr.contains("subscribers.csv") && run.stderr.contains("outside the site root"),
        "{}",
        run.stderr
    );
    assert!(!holds_secret(&case.site.path("out")) && !run.stderr.contains(SECRET));

    std::fs::remove_file(case.site.path("subscribers.csv")).unwrap();
    case.site.write("subscribers.csv", "email,language\nanna@example.com,en\n");
    let log = case.outside("v1.log", &format!("# {SECRET}\n"));
    case.link("notices/policy/v1.log", &log);
    let run =
        case.site.run_env(&["notify", "policy", "--outbox", "out"], &[("PRIVSITE_UNSUBSCRIBE_SECRET", "s")]);
    let run = run.fails();
    assert!(run.stderr.contains("notices/policy/v1.log"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&log).unwrap(), format!("# {SECRET}\n"), "nothing written outside");
    assert!(!holds_secret(&case.site.path("out")));
}

#[test]
fn a_loop_is_one_error_naming_the_link() {
    let site = Site::released();
    site.mark_all();
    symlink("99-x.de.md", site.path("content/policy/99-x.de.md")).unwrap();
    let run = site.run(&["check"]).fails();
    assert_eq!(errors(&run.stderr), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/policy/99-x.de.md") && run.stderr.contains("loops"),
        "{}",
        run.stderr
    );

    std::fs::remove_file(site.path("content/policy/99-x.de.md")).unwrap();
    symlink(".", site.path("content/mirror")).unwrap();
    let run = site.run(&["check"]).fails();
    assert_eq!(errors(&run.stderr), 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/mirror") && run.stderr.contains("loops"), "{}", run.stderr);
    assert!(!run.stderr.contains("_index"), "no consequential error: {}", run.stderr);

    // The two together, as the issue found them (six errors then): two.
    symlink("99-x.de.md", site.path("content/policy/99-x.de.md")).unwrap();
    let run = site.run(&["check"]).fails();
    assert_eq!(errors(&run.stderr), 2, "{}", run.stderr);
}

/// A translation linked to a file elsewhere in the site is read through
/// the link, and `mark-translated` marks the file it leads to: the link
/// stays. (The marked text used to be renamed over the link.)
#[test]
fn a_translation_linked_inside_the_root_is_marked_where_it_leads() {
    let site = Site::released();
    let file = "content/policy/10-intro.en.md";
    site.write("shared/intro.en.md", &site.read(file));
    std::fs::remove_file(site.path(file)).unwrap();
    symlink("../../shared/intro.en.md", site.path(file)).unwrap();
    let intro = site.read("content/policy/10-intro.de.md");
    site.write("content/policy/10-intro.de.md", &format!("{intro}\nMehr.\n"));
    site.run(&["mark-translated", "en", "policy/intro"]).ok();
    assert!(std::fs::symlink_metadata(site.path(file)).unwrap().file_type().is_symlink(), "the link stays");
    assert!(site.read("shared/intro.en.md").contains("translated_from"), "marked where it leads");
    let run = site.run(&["check"]).ok();
    assert!(!run.stderr.contains("10-intro.en.md"), "no longer outdated: {}", run.stderr);
}
