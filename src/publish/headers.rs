//! The HTTP headers each published file is stored with: `Content-Type` by
//! extension (text types with `charset=utf-8`) and `Cache-Control` by kind of
//! file, because object storage serves exactly what it was given at upload.

use crate::config::{CacheRule, Publish};

/// What changes with each release: current pages, history, language pages, feeds, sitemap, versions.json.
pub(crate) const SHORT: &str = "public, max-age=300";
/// What never changes once published: archived versions (`/<lang>/<doc>/v<N>/`) and static assets.
pub(crate) const LONG: &str = "public, max-age=86400";

/// Content-Type and Cache-Control of every file, from the defaults and `[publish]`.
#[derive(Debug, Clone)]
pub(crate) struct Headers {
    short: String,
    long: String,
    rules: Vec<CacheRule>,
}

impl Headers {
    pub(crate) fn new(config: &Publish) -> Headers {
        Headers {
            short: config.cache_short.clone().unwrap_or_else(|| SHORT.into()),
            long: config.cache_long.clone().unwrap_or_else(|| LONG.into()),
            rules: config.cache.clone(),
        }
    }

    pub(crate) fn cache_control(&self, path: &str) -> &str {
        if let Some(rule) = self.rules.iter().find(|r| glob(&r.glob, path)) {
            return &rule.control;
        }
        if is_archived(path) || is_asset(path) { &self.long } else { &self.short }
    }
}

/// `<lang>/<doc>/v<N>/…`: a released version as it was (its changes page included).
pub(crate) fn is_archived(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() >= 4
        && parts[2].strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A static file of the theme (style sheet, image, font): not a page, feed or index.
pub(crate) fn is_asset(path: &str) -> bool {
    !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json"))
}

/// Glob over `/`-separated paths: `*` and `?` stay within one part, `**` spans parts.
/// A pattern without `/` matches the file name anywhere (`*.css`).
pub(crate) fn glob(pattern: &str, path: &str) -> bool {
    if !pattern.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(path);
        return matches(pattern.as_bytes(), name.as_bytes());
    }
    matches(pattern.trim_start_matches('/').as_bytes(), path.as_bytes())
}

fn matches(p: &[u8], s: &[u8]) -> bool {
    match p {
        [] => s.is_empty(),
        [b'*', b'*', rest @ ..] => {
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            (0..=s.len()).any(|i| matches(rest, &s[i..]))
        }
        [b'*', rest @ ..] => {
            (0..=s.len()).take_while(|&i| i == 0 || s[i - 1] != b'/').any(|i| matches(rest, &s[i..]))
        }
        [b'?', rest @ ..] => s.first().is_some_and(|&c| c != b'/') && matches(rest, &s[1..]),
        [c, rest @ ..] => s.first() == Some(c) && matches(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_by_kind_of_file() {
        let h = Headers::new(&Publish::default());
        for short in [
            "index.html",
            "404.html",
            "de/index.html",
            "de/privacy-policy/index.html",
            "de/privacy-policy/history/index.html",
            "de/feed.xml",
            "sitemap.xml",
            "versions.json",
            "de/privacy-policy/version/index.html",
        ] {
            assert_eq!(h.cache_control(short), SHORT, "{short}");
        }
        for long in [
            "de/privacy-policy/v2/index.html",
            "sv/cookies/v12/changes/index.html",
            "style.css",
            "img/logo.svg",
        ] {
            assert_eq!(h.cache_control(long), LONG, "{long}");
        }
    }

    #[test]
    fn rules_override_first_match_wins() {
        let config = Publish {
            cache_short: Some("no-cache".into()),
            cache: vec![
                CacheRule { glob: "*.css".into(), control: "max-age=31536000, immutable".into() },
                CacheRule { glob: "de/**/v*/index.html".into(), control: "max-age=1".into() },
                CacheRule { glob: "*.css".into(), control: "never used".into() },
            ],
            ..Publish::default()
        };
        let h = Headers::new(&config);
        assert_eq!(h.cache_control("style.css"), "max-age=31536000, immutable");
        assert_eq!(h.cache_control("de/policy/v3/index.html"), "max-age=1");
        assert_eq!(h.cache_control("en/policy/v3/index.html"), LONG);
        assert_eq!(h.cache_control("en/index.html"), "no-cache");
    }

    #[test]
    fn globs() {
        assert!(glob("*.css", "a/b/style.css"));
        assert!(glob("de/*", "de/index.html"));
        assert!(!glob("de/*", "de/x/index.html"));
        assert!(glob("de/**", "de/x/index.html"));
        assert!(glob("**/history/*", "en/doc/history/index.html"));
        assert!(glob("v?/x", "v1/x") && !glob("v?/x", "v10/x"));
    }
}
