//! `privsite.toml` → [`Config`]: parsed strictly (unknown keys are errors) and
//! validated once, so the rest of the program can trust it.

pub(crate) mod mail;

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::diag::{Diagnostic, Diagnostics, Position};

pub(crate) const FILE_NAME: &str = "privsite.toml";

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
    /// Whether each version gets an archival PDF.
    #[serde(default = "yes")]
    pdf: bool,
    #[serde(default)]
    paper: Paper,
    #[serde(default)]
    summaries: Summaries,
    #[serde(default)]
    publish: Option<Publish>,
    mail: Option<RawMail>,
}

/// `[publish]`: where `privsite publish` puts the site and how caches treat it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Publish {
    /// `s3://bucket/prefix`, `gs://…`, `az://…` or `dir:PATH`; `--target` overrides it.
    pub(crate) target: Option<String>,
    /// Cache-Control of what changes with each release (overrides the default).
    pub(crate) cache_short: Option<String>,
    /// Cache-Control of archived versions and static assets (overrides the default).
    pub(crate) cache_long: Option<String>,
    /// Per-path overrides, first match wins: `[[publish.cache]] glob = "*.css"`, `control = "…"`.
    #[serde(default)]
    pub(crate) cache: Vec<CacheRule>,
}

/// One `[[publish.cache]]` rule: files whose path matches `glob` get `control`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CacheRule {
    pub(crate) glob: String,
    pub(crate) control: String,
}

/// `[mail]`: where change notices come from, go through and go to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMail {
    from: String,
    smtp: Option<String>,
    subscribers: String,
    unsubscribe: Option<String>,
    signature: Option<RawSignature>,
    connections: Option<i64>,
    rate: Option<String>,
}

/// `signature`: one text for every language, or a table of one per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "`signature` takes one text for every language, or a table of one text per language code (`en = \"…\"`); a key below `[mail.signature]` that is not a language belongs above it"
)]
enum RawSignature {
    All(String),
    ByLanguage(std::collections::BTreeMap<String, String>),
}

/// The sender details a business e-mail carries (company, address, register
/// number), closing every notice as written: one text for every language,
/// or each language its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Signature {
    all: Option<String>,
    /// By language index; a language without one gets the authoritative one's.
    by_lang: Vec<Option<String>>,
}

impl Signature {
    /// The signature of a notice in `lang`.
    pub(crate) fn of(&self, lang: usize, authoritative: usize) -> Option<&str> {
        let own = |l: usize| self.by_lang.get(l).and_then(Option::as_deref);
        own(lang).or_else(|| own(authoritative)).or(self.all.as_deref())
    }
}

/// `summaries`: whether `check` asks every section for a `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Summaries {
    #[default]
    Optional,
    Required,
}

/// The page size of the PDFs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Paper {
    #[default]
    A4,
    Letter,
}

fn yes() -> bool {
    true
}

fn default_theme() -> String {
    "default".to_string()
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The organisation's name, shown in titles (`$name` in Fluent messages).
    pub(crate) name: String,
    /// Absolute URL of the site root, always ending in `/`.
    pub(crate) base_url: String,
    /// Language codes; index 0.. is the language index used throughout.
    pub(crate) languages: Vec<String>,
    /// Index of the authoritative (binding) language in `languages`.
    pub(crate) authoritative: usize,
    pub(crate) theme: String,
    /// Whether raw HTML in Markdown is passed through (else it is escaped).
    pub(crate) allow_html: bool,
    /// `summaries = "required"`: `check` warns about sections without a summary.
    pub(crate) summaries: Summaries,
    /// Whether each version gets an archival PDF (`pdf = false` turns them off).
    pub(crate) pdf: bool,
    pub(crate) paper: Paper,
    /// `[publish]`, empty when absent.
    pub(crate) publish: Publish,
    /// `[mail]`, for `privsite notify`.
    pub(crate) mail: Option<MailConfig>,
}

/// The validated `[mail]` table. Credentials are never here: they come only
/// from the environment (`PRIVSITE_SMTP_USER`, `PRIVSITE_SMTP_PASSWORD`).
#[derive(Debug, Clone)]
pub(crate) struct MailConfig {
    /// The sender, `Name <address>` or `address`.
    pub(crate) from: lettre::message::Mailbox,
    /// The SMTP server; `None`: notices are written to an outbox folder.
    pub(crate) smtp: Option<mail::Endpoint>,
    /// The subscriber CSV, relative to the site root.
    pub(crate) subscribers: String,
    /// Unsubscribe URL template with `{email}` and `{token}`.
    pub(crate) unsubscribe: Option<String>,
    pub(crate) signature: Signature,
    /// SMTP connections sending at once (default 8).
    pub(crate) connections: usize,
    /// The most messages a second, across all connections.
    pub(crate) rate: Option<mail::Rate>,
}

/// `[mail] connections` when absent: enough to hide a real network's round
/// trips, few enough for what providers allow one client.
pub(crate) const DEFAULT_CONNECTIONS: usize = 8;
/// More connections than this is a typo, not a plan.
pub(crate) const MAX_CONNECTIONS: usize = 100;

impl Config {
    pub(crate) fn parse(text: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let position = e.span().map(|s| Position::of(text, s.start));
            let mut d = Diagnostic::error(toml_message(&e))
                .in_file(FILE_NAME)
                .help("see the README for the keys privsite.toml takes: name, base_url, languages, authoritative, theme, allow_html, summaries (\"optional\" or \"required\"), pdf, paper (\"a4\" or \"letter\"), the [publish] table (target, cache_short, cache_long, [[publish.cache]] glob/control) and the [mail] table (from, smtp, subscribers, unsubscribe, signature, connections, rate)");
            d.position = position;
            Diagnostics::from(d)
        })?;
        let mut problems = Diagnostics::default();
        let at_key = |key: &str| {
            let offset = text.find(&format!("{key} ")).or_else(|| text.find(key)).unwrap_or(0);
            Position::of(text, offset)
        };

        let base_url = base_url(&raw.base_url).unwrap_or_else(|why| {
            problems.push(
                Diagnostic::error(format!("base_url {why}"))
                    .in_file(FILE_NAME)
                    .at(at_key("base_url"))
                    .help("write it like `base_url = \"https://privacy.example.com/\"`"),
            );
            String::new()
        });
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
        let mail = raw.mail.as_ref().and_then(|m| parse_mail(m, &raw.languages, &at_key, &mut problems));
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
            summaries: raw.summaries,
            pdf: raw.pdf,
            paper: raw.paper,
            publish: raw.publish.unwrap_or_default(),
            mail,
        })
    }

    pub(crate) fn lang_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l == code)
    }

    pub(crate) fn authoritative_code(&self) -> &str {
        &self.languages[self.authoritative]
    }
}

fn parse_mail(
    raw: &RawMail,
    languages: &[String],
    at_key: &dyn Fn(&str) -> Position,
    problems: &mut Diagnostics,
) -> Option<MailConfig> {
    let before = problems.0.len();
    let from = raw
        .from
        .parse::<lettre::message::Mailbox>()
        .map_err(|e| {
            problems.push(
                Diagnostic::error(format!("`from` `{}` is not an e-mail address: {e}", raw.from))
                    .in_file(FILE_NAME)
                    .at(at_key("from"))
                    .help("write it like `from = \"Example GmbH <privacy@example.com>\"`"),
            );
        })
        .ok();
    let smtp = raw.smtp.as_deref().and_then(|url| {
        mail::Endpoint::parse(url)
            .map_err(|(message, help)| {
                let mut d = Diagnostic::error(message).in_file(FILE_NAME).help(help);
                // Never echo a line that may hold a password.
                if !url.contains('@') {
                    d = d.at(at_key("smtp"));
                }
                problems.push(d);
            })
            .ok()
    });
    if raw.subscribers.trim().is_empty() {
        problems.push(
            Diagnostic::error("`subscribers` is empty").in_file(FILE_NAME).at(at_key("subscribers")).help(
                "name the subscriber CSV relative to the site root, e.g. `subscribers = \"subscribers.csv\"`",
            ),
        );
    }
    if let Some(Err(message)) = raw.unsubscribe.as_deref().map(check_unsubscribe) {
        problems.push(
                Diagnostic::error(message)
                    .in_file(FILE_NAME)
                    .at(at_key("unsubscribe"))
                    .help("write it like `unsubscribe = \"https://example.com/unsubscribe?email={email}&token={token}\"`; RFC 8058 one-click unsubscribe needs an https URL"),
            );
    }
    let connections = match raw.connections {
        None => DEFAULT_CONNECTIONS,
        Some(n) if (1..=MAX_CONNECTIONS as i64).contains(&n) => n as usize,
        Some(n) => {
            problems.push(
                Diagnostic::error(format!("`connections` is {n}, not between 1 and {MAX_CONNECTIONS}"))
                    .in_file(FILE_NAME)
                    .at(at_key("connections"))
                    .help(format!("set how many SMTP connections send at once, e.g. `connections = {DEFAULT_CONNECTIONS}`; your provider's limit may be lower")),
            );
            0
        }
    };
    let rate = raw.rate.as_deref().and_then(|text| {
        mail::Rate::parse(text)
            .map_err(|message| {
                problems.push(
                    Diagnostic::error(message)
                        .in_file(FILE_NAME)
                        .at(at_key("rate"))
                        .help("write the most messages your provider takes, like `rate = \"14/s\"`, `\"600/min\"` or `\"2000/h\"`"),
                );
            })
            .ok()
    });
    let text = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    let signature = match &raw.signature {
        None => Signature::default(),
        Some(RawSignature::All(all)) => Signature { all: text(all), by_lang: Vec::new() },
        Some(RawSignature::ByLanguage(by)) => {
            let mut by_lang = vec![None; languages.len()];
            for (code, t) in by {
                match languages.iter().position(|l| l == code) {
                    Some(i) => by_lang[i] = text(t),
                    None => problems.push(
                        Diagnostic::error(format!("`signature` has a text for `{code}`, which is not a language of the site"))
                            .in_file(FILE_NAME)
                            .at(at_key("signature"))
                            .help(format!("give one for each of {} (a language without one gets the binding language's), or remove it", languages.join(", "))),
                    ),
                }
            }
            Signature { all: None, by_lang }
        }
    };
    if problems.0.len() != before {
        return None;
    }
    Some(MailConfig {
        connections,
        rate,
        from: from?,
        smtp,
        subscribers: raw.subscribers.trim().to_string(),
        unsubscribe: raw.unsubscribe.clone(),
        signature,
    })
}

/// An unsubscribe template is an https URL whose only placeholders are `{email}` and `{token}`.
fn check_unsubscribe(template: &str) -> Result<(), String> {
    if !template.starts_with("https://") {
        return Err(format!("`unsubscribe` `{template}` is not an https URL"));
    }
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("`unsubscribe` has an unclosed `{{` in `{template}`"));
        };
        let name = &after[..close];
        if name != "email" && name != "token" {
            return Err(format!(
                "`unsubscribe` has an unknown placeholder `{{{name}}}`: only {{email}} and {{token}} are replaced"
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// The path part of an absolute URL (`https://x.org/legal/` → `/legal/`).
pub(crate) fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or("", |(_, rest)| rest);
    after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
}

/// TOML's error text without its own rendering of the source (we render that).
pub(crate) fn toml_message(e: &toml::de::Error) -> String {
    e.message().trim().to_string()
}

/// The site's address as pages link to it: an absolute http(s) URL with a
/// host, ending in `/`; else why not (after the value, for a message). The
/// rule of `base_url` in privsite.toml and of `--base-url` alike.
pub(crate) fn base_url(raw: &str) -> Result<String, String> {
    let url = raw.trim();
    let host = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`');
    match host {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !url.contains(bad) => {
            Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
        }
        Some(_) => Err(format!("`{url}` is not a usable URL: it needs a host, and no spaces or quotes")),
        None => Err(format!("`{url}` is not an absolute http(s) URL")),
    }
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
        assert_eq!(base_url(" http://localhost:1111 ").as_deref(), Ok("http://localhost:1111/"));
        for bad in [
            "javascript:alert(1)",
            "//evil.example/",
            "https://",
            "https:///x",
            "http://a b/",
            "https://x/\"><",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
            let text = GOOD.replace("https://example.com/legal", bad);
            assert!(Config::parse(&text).is_err(), "{bad} in privsite.toml");
        }
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
    fn mail_table_is_parsed_and_checked() {
        let text = format!(
            "{GOOD}[mail]\nfrom = \"Test AG <privacy@test.example>\"\nsmtp = \"smtp://localhost:2525\"\nsubscribers = \"subscribers.csv\"\nunsubscribe = \"https://x.example/u?e={{email}}&t={{token}}\"\n"
        );
        let mail = Config::parse(&text).expect("valid").mail.expect("[mail]");
        assert_eq!(mail.from.email.to_string(), "privacy@test.example");
        assert_eq!(mail.smtp.map(|s| s.port), Some(2525));
        assert_eq!(mail.subscribers, "subscribers.csv");

        let typo = format!("{GOOD}[mail]\nfrom = \"a@b.example\"\nsubscriber = \"s.csv\"\n");
        let err = Config::parse(&typo).expect_err("unknown key");
        assert!(err.0[0].message.contains("subscriber"), "{}", err.0[0].message);
        assert_eq!(err.0[0].position.as_ref().map(|p| p.line), Some(7));

        let bad = format!(
            "{GOOD}[mail]\nfrom = \"nobody\"\nsmtp = \"smtp://u:hunter2@mail.example\"\nsubscribers = \"s.csv\"\nunsubscribe = \"http://x.example/{{id}}\"\n"
        );
        let err = Config::parse(&bad).expect_err("three problems");
        assert_eq!(err.0.len(), 3, "{:?}", err.0);
        let shown: String = err.0.iter().map(|d| d.render(false)).collect();
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("PRIVSITE_SMTP_PASSWORD"), "{shown}");

        // A key meant for the top of the file, written after the signature's table.
        let misplaced = format!(
            "{GOOD}[mail]\nfrom = \"a@b.example\"\nsubscribers = \"s.csv\"\n[mail.signature]\nen = \"Test AG\"\npdf = false\n"
        );
        let err = Config::parse(&misplaced).expect_err("not a text");
        assert!(err.0[0].message.contains("`signature` takes one text"), "{}", err.0[0].message);
        assert!(!err.0[0].message.contains("untagged"), "{}", err.0[0].message);
    }

    #[test]
    fn authoritative_must_be_a_language() {
        let text = GOOD.replace("authoritative = \"de\"", "authoritative = \"fr\"");
        let err = Config::parse(&text).expect_err("bad authoritative");
        assert!(err.0[0].message.contains("`fr`"));
    }
}
