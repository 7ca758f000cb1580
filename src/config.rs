//! `privsite.toml` → [`Config`]: parsed strictly (unknown keys are errors) and
//! validated once, so the rest of the program can trust it.

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::diag::{Diagnostic, Diagnostics, Position};

pub const FILE_NAME: &str = "privsite.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    name: String,
    base_url: String,
    languages: Vec<String>,
    authoritative: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    allow_html: bool,
    #[serde(default)]
    publish: Option<Publish>,
}

/// `[publish]`: where `privsite publish` puts the site and how caches treat it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// `s3://bucket/prefix`, `gs://…`, `az://…` or `dir:PATH`; `--target` overrides it.
    pub target: Option<String>,
    /// Cache-Control of what changes with each release (overrides the default).
    pub cache_short: Option<String>,
    /// Cache-Control of archived versions and static assets (overrides the default).
    pub cache_long: Option<String>,
    /// Per-path overrides, first match wins: `[[publish.cache]] glob = "*.css"`, `control = "…"`.
    #[serde(default)]
    pub cache: Vec<CacheRule>,
}

/// One `[[publish.cache]]` rule: files whose path matches `glob` get `control`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheRule {
    pub glob: String,
    pub control: String,
}

fn default_theme() -> String {
    "default".to_string()
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The organisation's name, shown in titles (`$name` in Fluent messages).
    pub name: String,
    /// Absolute URL of the site root, always ending in `/`.
    pub base_url: String,
    /// Language codes; index 0.. is the language index used throughout.
    pub languages: Vec<String>,
    /// Index of the authoritative (binding) language in `languages`.
    pub authoritative: usize,
    pub theme: String,
    /// Whether raw HTML in Markdown is passed through (else it is escaped).
    pub allow_html: bool,
    /// `[publish]`, empty when absent.
    pub publish: Publish,
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let position = e.span().map(|s| Position::of(text, s.start));
            let mut d = Diagnostic::error(toml_message(&e))
                .in_file(FILE_NAME)
                .help("see the README for the keys privsite.toml takes: name, base_url, languages, authoritative, theme, allow_html and the [publish] table (target, cache_short, cache_long, [[publish.cache]] glob/control)");
            d.position = position;
            Diagnostics::from(d)
        })?;
        let mut problems = Diagnostics::default();
        let at_key = |key: &str| {
            let offset = text.find(&format!("{key} ")).or_else(|| text.find(key)).unwrap_or(0);
            Position::of(text, offset)
        };

        let mut base_url = raw.base_url.trim().to_string();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            problems.push(
                Diagnostic::error(format!("base_url `{base_url}` is not an absolute http(s) URL"))
                    .in_file(FILE_NAME)
                    .at(at_key("base_url"))
                    .help("write it like `base_url = \"https://privacy.example.com/\"`"),
            );
        }
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        if raw.languages.is_empty() {
            problems.push(
                Diagnostic::error("`languages` is empty")
                    .in_file(FILE_NAME)
                    .at(at_key("languages"))
                    .help("list the site's languages, e.g. `languages = [\"de\", \"en\", \"sv\"]`"),
            );
        }
        for (i, lang) in raw.languages.iter().enumerate() {
            let valid = lang.parse::<LanguageIdentifier>().is_ok()
                && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !valid {
                problems.push(
                    Diagnostic::error(format!("`{lang}` is not a language code"))
                        .in_file(FILE_NAME)
                        .at(at_key("languages"))
                        .help("use BCP 47 codes such as `de`, `en`, `sv` or `de-AT`"),
                );
            }
            if raw.languages[..i].contains(lang) {
                problems.push(
                    Diagnostic::error(format!("language `{lang}` is listed twice"))
                        .in_file(FILE_NAME)
                        .at(at_key("languages")),
                );
            }
        }
        let authoritative = raw.languages.iter().position(|l| *l == raw.authoritative);
        if authoritative.is_none() {
            problems.push(
                Diagnostic::error(format!(
                    "the authoritative language `{}` is not in `languages`",
                    raw.authoritative
                ))
                .in_file(FILE_NAME)
                .at(at_key("authoritative"))
                .help(format!("add it to `languages` or choose one of {}", raw.languages.join(", "))),
            );
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Config {
            name: raw.name,
            base_url,
            languages: raw.languages,
            authoritative: authoritative.unwrap_or(0),
            theme: raw.theme,
            allow_html: raw.allow_html,
            publish: raw.publish.unwrap_or_default(),
        })
    }

    pub fn lang_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l == code)
    }

    pub fn authoritative_code(&self) -> &str {
        &self.languages[self.authoritative]
    }
}

/// The path part of an absolute URL (`https://x.org/legal/` → `/legal/`).
pub fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or("", |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

/// TOML's error text without its own rendering of the source (we render that).
pub fn toml_message(e: &toml::de::Error) -> String {
    e.message().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "name = \"X\"\nbase_url = \"https://example.com/legal\"\nlanguages = [\"de\", \"en\"]\nauthoritative = \"de\"\n";

    #[test]
    fn parses_and_normalises_base_url() {
        let c = Config::parse(GOOD).expect("valid config");
        assert_eq!(c.base_url, "https://example.com/legal/");
        assert_eq!(url_path(&c.base_url), "/legal/");
        assert_eq!(c.authoritative_code(), "de");
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let text = format!("{GOOD}colour = \"red\"\n");
        let err = Config::parse(&text).expect_err("unknown key");
        let d = &err.0[0];
        assert!(d.message.contains("colour"), "{}", d.message);
        assert_eq!(d.position.as_ref().map(|p| p.line), Some(5));
    }

    #[test]
    fn publish_table_is_optional_and_strict() {
        assert!(Config::parse(GOOD).expect("valid").publish.target.is_none());
        let text = format!(
            "{GOOD}[publish]\ntarget = \"dir:/srv/www\"\n[[publish.cache]]\nglob = \"*.css\"\ncontrol = \"max-age=60\"\n"
        );
        let c = Config::parse(&text).expect("valid publish table");
        assert_eq!(c.publish.target.as_deref(), Some("dir:/srv/www"));
        assert_eq!(c.publish.cache[0].glob, "*.css");
        let typo = format!("{GOOD}[publish]\ntargett = \"dir:x\"\n");
        let err = Config::parse(&typo).expect_err("unknown key in [publish]");
        assert!(err.0[0].message.contains("targett"), "{}", err.0[0].message);
    }

    #[test]
    fn authoritative_must_be_a_language() {
        let text = GOOD.replace("authoritative = \"de\"", "authoritative = \"fr\"");
        let err = Config::parse(&text).expect_err("bad authoritative");
        assert!(err.0[0].message.contains("`fr`"));
    }
}
