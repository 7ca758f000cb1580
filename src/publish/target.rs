//! Where a publish goes: `s3://`, `gs://`, `az://` or `dir:PATH`, parsed
//! strictly from `--target` or `[publish] target`, so a typo is an error
//! before anything is built or sent, and shown without any secret.

use std::fmt;
use std::path::PathBuf;

use crate::diag::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Provider {
    S3,
    Gcs,
    Azure,
}

impl Provider {
    pub(crate) fn scheme(self) -> &'static str {
        match self {
            Provider::S3 => "s3",
            Provider::Gcs => "gs",
            Provider::Azure => "az",
        }
    }
}

/// A bucket (or Azure container) and a key prefix in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bucket {
    pub(crate) provider: Provider,
    pub(crate) bucket: String,
    /// Without leading or trailing `/`; empty for the bucket's root.
    pub(crate) prefix: String,
    /// `?endpoint=`: an S3-compatible server (or Azurite) instead of the provider's own.
    pub(crate) endpoint: Option<String>,
    /// `?region=` (S3 only).
    pub(crate) region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Bucket(Bucket),
    /// `dir:PATH`: a folder a web server serves (as written; the caller resolves it).
    Dir(PathBuf),
}

const FORMS: &str = "write it as `s3://bucket/prefix` (optionally `?endpoint=URL&region=R`), `gs://bucket/prefix`, `az://container/prefix` or `dir:PATH`";

pub(crate) fn parse(text: &str) -> Result<Target, Diagnostic> {
    let text = text.trim();
    if let Some(path) = text.strip_prefix("dir:") {
        if path.is_empty() {
            return Err(Diagnostic::error("the target `dir:` names no folder").help(FORMS));
        }
        return Ok(Target::Dir(PathBuf::from(path)));
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(Diagnostic::error(format!(
            "the publish target `{}` is not a URL privsite knows",
            shown(text)
        ))
        .help(FORMS));
    };
    let provider = match scheme.to_ascii_lowercase().as_str() {
        "s3" => Provider::S3,
        "gs" => Provider::Gcs,
        "az" => Provider::Azure,
        other => {
            return Err(Diagnostic::error(format!(
                "unknown publish target scheme `{other}://` in `{}`",
                shown(text)
            ))
            .help(FORMS));
        }
    };
    let (location, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (bucket, prefix) = location.split_once('/').unwrap_or((location, ""));
    let valid_name = |b: &str| {
        !b.is_empty() && b.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '$'))
    };
    if !valid_name(bucket) {
        return Err(Diagnostic::error(format!(
            "`{}` names no valid bucket (letters, digits, `-`, `_`, `.`; `$` for Azure's `$web`)",
            shown(text)
        ))
        .help(FORMS));
    }
    let prefix = prefix.trim_matches('/');
    if prefix.split('/').any(|s| s == "." || s == "..") || prefix.contains("//") {
        return Err(Diagnostic::error(format!(
            "the prefix `{prefix}` of the publish target has an empty, `.` or `..` part"
        ))
        .help(FORMS));
    }
    let mut target = Bucket {
        provider,
        bucket: bucket.to_string(),
        prefix: prefix.to_string(),
        endpoint: None,
        region: None,
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "endpoint" if provider != Provider::Gcs => {
                if !(value.starts_with("http://") || value.starts_with("https://")) {
                    return Err(Diagnostic::error(format!(
                        "the endpoint `{}` of the publish target is not an http(s) URL",
                        redact_userinfo(&value)
                    ))
                    .help("write it like `?endpoint=http://127.0.0.1:9000`"));
                }
                target.endpoint = Some(value);
            }
            "region" if provider == Provider::S3 => target.region = Some(value),
            // The value is not shown: it could be a secret put in the wrong place.
            _ => {
                return Err(Diagnostic::error(format!(
                    "unknown parameter `{key}` in the {}:// publish target",
                    provider.scheme()
                ))
                .help("s3:// takes `endpoint` and `region`, az:// takes `endpoint`, gs:// none; credentials come only from the environment (AWS_ACCESS_KEY_ID, GOOGLE_APPLICATION_CREDENTIALS, AZURE_STORAGE_ACCOUNT_KEY, …)"));
            }
        }
    }
    Ok(Target::Bucket(target))
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.provider.scheme(), self.bucket)?;
        if !self.prefix.is_empty() {
            write!(f, "/{}", self.prefix)?;
        }
        if let Some(endpoint) = &self.endpoint {
            write!(f, " at {}", redact_userinfo(endpoint))?;
        }
        Ok(())
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Bucket(b) => b.fmt(f),
            Target::Dir(path) => write!(f, "dir:{}", path.display()),
        }
    }
}

/// The target as typed, without its query (which might hold a misplaced secret).
fn shown(text: &str) -> String {
    redact_userinfo(text.split('?').next().unwrap_or(text))
}

/// `https://user:secret@host/` → `https://***@host/`.
fn redact_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(value as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(text: &str) -> Bucket {
        match parse(text) {
            Ok(Target::Bucket(b)) => b,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn parses_every_form() {
        let b =
            bucket("s3://my-bucket/legal/privacy/?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-north-1");
        assert_eq!(b.provider, Provider::S3);
        assert_eq!((b.bucket.as_str(), b.prefix.as_str()), ("my-bucket", "legal/privacy"));
        assert_eq!(b.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(b.region.as_deref(), Some("eu-north-1"));
        assert_eq!(bucket("gs://site").prefix, "");
        assert_eq!(bucket("az://$web").bucket, "$web");
        assert_eq!(parse("dir:/srv/www").ok(), Some(Target::Dir("/srv/www".into())));
    }

    #[test]
    fn rejects_what_it_does_not_know_without_echoing_secrets() {
        for bad in [
            "ftp://host/x",
            "s3://",
            "s3:///prefix",
            "s3://b/../x",
            "dir:",
            "/srv/www",
            "gs://b?endpoint=http://x",
        ] {
            let d = parse(bad).expect_err(bad);
            assert!(d.help.is_some(), "{bad}: no help");
        }
        let d = parse("s3://b/p?secret=hunter2").expect_err("unknown key");
        assert!(d.message.contains("`secret`") && !d.message.contains("hunter2"), "{}", d.message);
        let d = parse("s3://b/p?endpoint=ftp://user:hunter2@host").expect_err("bad endpoint");
        assert!(!d.message.contains("hunter2"), "{}", d.message);
        let shown = bucket("s3://b/p?endpoint=https://user:hunter2@host:9000").to_string();
        assert_eq!(shown, "s3://b/p at https://***@host:9000");
    }
}
