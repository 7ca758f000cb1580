//! What ships inside the binary: the default theme, the built-in interface
//! strings and the example site that `privsite init` writes, with the CI
//! workflows of `hosting/`. They are the repository's own `themes/default/`,
//! `src/locales/` and example, so the example privacy center at the repository
//! root is exactly what `init` produces.

use include_dir::{Dir, include_dir};

static THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
static LOCALES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/locales");
static EXAMPLE_CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EXAMPLE_VERSIONS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/versions");
const EXAMPLE_CONFIG: &str = include_str!("../privsite.toml");
const EXAMPLE_SUBSCRIBERS: &str = include_str!("../subscribers.csv");
const GITHUB_PAGES: &str = include_str!("../hosting/github-pages.yml");
const GITLAB_PAGES: &str = include_str!("../hosting/gitlab-pages.yml");

fn files<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => files(d, out),
            include_dir::DirEntry::File(f) => out.push(f),
        }
    }
}

fn sorted<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out = Vec::new();
    files(dir, &mut out);
    out.sort_by_key(|f| f.path());
    out
}

fn slash(path: &std::path::Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The built-in template `name`, as shipped.
pub(crate) fn theme_template(name: &str) -> Option<&'static str> {
    THEME.get_file(format!("templates/{name}"))?.contents_utf8()
}

/// Template name → source.
pub(crate) fn theme_templates() -> Vec<(String, String)> {
    THEME
        .get_dir("templates")
        .map(|d| {
            sorted(d)
                .into_iter()
                .filter_map(|f| {
                    let name = slash(f.path().strip_prefix("templates").ok()?);
                    Some((name, f.contents_utf8()?.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Output path → bytes of the theme's static files.
pub(crate) fn theme_statics() -> Vec<(String, Vec<u8>)> {
    theme_files("static")
}

/// Path inside `sub` → bytes of the built-in theme's folder `sub` (`static`, `pdf`).
pub(crate) fn theme_files(sub: &str) -> Vec<(String, Vec<u8>)> {
    THEME
        .get_dir(sub)
        .map(|d| {
            sorted(d)
                .into_iter()
                .filter_map(|f| Some((slash(f.path().strip_prefix(sub).ok()?), f.contents().to_vec())))
                .collect()
        })
        .unwrap_or_default()
}

/// File name → source of the built-in `.ftl` files of `lang`.
pub(crate) fn locale_files(lang: &str) -> Vec<(String, String)> {
    LOCALES
        .get_dir(lang)
        .map(|d| {
            sorted(d)
                .into_iter()
                .filter_map(|f| {
                    let name = f.path().file_name()?.to_string_lossy().to_string();
                    name.ends_with(".ftl").then(|| Some((name, f.contents_utf8()?.to_string())))?
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Relative path → bytes of every file of the example site.
pub(crate) fn example_site() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("privsite.toml".to_string(), EXAMPLE_CONFIG.as_bytes().to_vec()),
        ("subscribers.csv".to_string(), EXAMPLE_SUBSCRIBERS.as_bytes().to_vec()),
    ];
    for (prefix, dir) in [("content", &EXAMPLE_CONTENT), ("versions", &EXAMPLE_VERSIONS)] {
        for f in sorted(dir) {
            out.push((format!("{prefix}/{}", slash(f.path())), f.contents().to_vec()));
        }
    }
    out
}

/// Where `init` puts the CI workflows of `hosting/` → their text, so a new
/// site publishes to GitHub Pages or GitLab Pages on its first push.
pub(crate) fn ci_workflows() -> Vec<(String, Vec<u8>)> {
    vec![
        (".github/workflows/privsite.yml".to_string(), GITHUB_PAGES.as_bytes().to_vec()),
        (".gitlab-ci.yml".to_string(), GITLAB_PAGES.as_bytes().to_vec()),
    ]
}
