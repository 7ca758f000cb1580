//! Object storage (S3 and S3-compatible, Google Cloud Storage, Azure Blob)
//! through the `object_store` crate: the few operations a publish needs, each
//! failure turned into a diagnostic that names the target and says how to fix
//! it. Credentials are read by `object_store` from the environment each
//! provider's own tools use; they never pass through privsite's messages.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use object_store::path::Path;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use super::plan::{Entry, MANIFEST, Manifest};
use super::target::{Bucket, Provider};
use crate::diag::Diagnostic;

pub(crate) struct Store {
    inner: Arc<dyn ObjectStore>,
    prefix: String,
    /// The target as shown to the user (no secrets).
    pub(crate) name: String,
}

impl Store {
    pub(crate) fn open(target: &Bucket) -> Result<Store, Diagnostic> {
        // TLS by ring (Cargo.toml); already chosen if this process set up TLS before.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(100),
                max_backoff: Duration::from_secs(2),
                base: 2.0,
            },
            max_retries: 3,
            retry_timeout: Duration::from_secs(30),
        };
        let client = ClientOptions::new()
            .with_connect_timeout(Duration::from_secs(5))
            .with_timeout(Duration::from_secs(60));
        let http = target.endpoint.as_deref().is_some_and(|e| e.starts_with("http://"));
        let built: object_store::Result<Arc<dyn ObjectStore>> = match target.provider {
            Provider::S3 => {
                let mut b = object_store::aws::AmazonS3Builder::from_env()
                    .with_bucket_name(&target.bucket)
                    .with_retry(retry)
                    .with_client_options(client.with_allow_http(http));
                if let Some(endpoint) = &target.endpoint {
                    b = b.with_endpoint(endpoint);
                }
                if let Some(region) = &target.region {
                    b = b.with_region(region);
                }
                b.build().map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
            }
            Provider::Gcs => object_store::gcp::GoogleCloudStorageBuilder::from_env()
                .with_bucket_name(&target.bucket)
                .with_retry(retry)
                .with_client_options(client)
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>),
            Provider::Azure => {
                let mut b = object_store::azure::MicrosoftAzureBuilder::from_env()
                    .with_container_name(&target.bucket)
                    .with_retry(retry)
                    .with_client_options(client.with_allow_http(http));
                if let Some(endpoint) = &target.endpoint {
                    b = b.with_endpoint(endpoint.clone());
                }
                b.build().map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
            }
        };
        let name = target.to_string();
        let inner = built.map_err(|e| {
            Diagnostic::error(format!("could not set up the publish target {name}: {e}"))
                .help(credentials_help(target.provider))
        })?;
        Ok(Store { inner, prefix: target.prefix.clone(), name })
    }

    fn key(&self, path: &str) -> Result<Path, Diagnostic> {
        if self.prefix.is_empty() {
            self.key_of(path)
        } else {
            self.key_of(&format!("{}/{path}", self.prefix))
        }
    }

    fn key_of(&self, full: &str) -> Result<Path, Diagnostic> {
        Path::parse(full).map_err(|e| {
            Diagnostic::error(format!("`{full}` cannot be stored at {}: {e}", self.name))
                .help("rename the file in content/ or the theme to plain letters, digits, `-` and `_`")
        })
    }

    /// Every object below the prefix: path relative to the prefix → size.
    pub(crate) async fn list(&self) -> Result<BTreeMap<String, u64>, Diagnostic> {
        let prefix = match self.prefix.as_str() {
            "" => None,
            p => Some(self.key_of(p)?),
        };
        let mut stream = self.inner.list(prefix.as_ref());
        let mut found = BTreeMap::new();
        let strip = if self.prefix.is_empty() { String::new() } else { format!("{}/", self.prefix) };
        while let Some(meta) = stream.next().await {
            let meta = meta.map_err(|e| self.error("list", &e))?;
            if let Some(rel) = meta.location.as_ref().strip_prefix(&strip) {
                found.insert(rel.to_string(), meta.size);
            }
        }
        Ok(found)
    }

    /// privsite's manifest at the target, if there is one.
    pub(crate) async fn manifest(&self) -> Result<Option<Manifest>, Diagnostic> {
        let key = self.key(MANIFEST)?;
        let bytes = match self.inner.get(&key).await {
            Ok(got) => got.bytes().await.map_err(|e| self.error("read", &e))?,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(self.error("read", &e)),
        };
        Manifest::parse(&bytes).map(Some).map_err(|e| {
            Diagnostic::error(format!(
                "{key} at {} is not a manifest privsite wrote: {e}",
                self.name
            ))
            .help("privsite keeps the list of files it published there; restore it, or delete it to publish as if for the first time (files it listed are then never deleted)")
        })
    }

    pub(crate) async fn put(&self, path: &str, bytes: Vec<u8>, entry: &Entry) -> Result<(), Diagnostic> {
        let key = self.key(path)?;
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, entry.content_type.clone().into());
        attributes.insert(Attribute::CacheControl, entry.cache_control.clone().into());
        let options = PutOptions { attributes, ..PutOptions::default() };
        self.inner
            .put_opts(&key, PutPayload::from(bytes), options)
            .await
            .map(|_| ())
            .map_err(|e| self.error(&format!("upload {path} to"), &e))
    }

    pub(crate) async fn put_manifest(&self, manifest: &Manifest) -> Result<(), Diagnostic> {
        let entry = Entry {
            sha256: String::new(),
            content_type: "application/json; charset=utf-8".into(),
            cache_control: "no-store".into(),
        };
        self.put(MANIFEST, manifest.to_bytes(), &entry).await
    }

    pub(crate) async fn delete(&self, path: &str) -> Result<(), Diagnostic> {
        let key = self.key(path)?;
        match self.inner.delete(&key).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.error(&format!("delete {path} from"), &e)),
        }
    }

    /// A failed operation, classified so the hint says what to do.
    fn error(&self, action: &str, e: &object_store::Error) -> Diagnostic {
        let text = chain(e);
        let (what, help) = match classify(e, &text) {
            Cause::Credentials => (
                "the credentials were refused",
                credentials_help(self.provider()),
            ),
            Cause::NoBucket => (
                "the bucket does not exist",
                "create the bucket (or container) first, or correct its name in --target / [publish] target".to_string(),
            ),
            Cause::Unreachable => (
                "the storage endpoint could not be reached",
                "check the network and the endpoint (`?endpoint=` or AWS_ENDPOINT_URL), then publish again: it continues where it stopped".to_string(),
            ),
            Cause::Other => (
                "the storage service refused the request",
                credentials_help(self.provider()),
            ),
        };
        Diagnostic::error(format!("could not {action} {}: {what} ({text})", self.name)).help(help)
    }

    fn provider(&self) -> Provider {
        match self.name.split("://").next() {
            Some("gs") => Provider::Gcs,
            Some("az") => Provider::Azure,
            _ => Provider::S3,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Cause {
    Credentials,
    NoBucket,
    Unreachable,
    Other,
}

/// Why a request failed, from the error's kind and the provider's error code
/// in its text (status codes only with their reason, so a duration such as
/// "in 403.2ms" is not taken for one).
fn classify(e: &object_store::Error, text: &str) -> Cause {
    use object_store::Error as E;
    let lower = text.to_ascii_lowercase();
    let has = |keys: &[&str]| keys.iter().any(|k| lower.contains(k));
    if matches!(e, E::PermissionDenied { .. } | E::Unauthenticated { .. })
        || has(&[
            "invalidaccesskeyid",
            "signaturedoesnotmatch",
            "accessdenied",
            "invalidclienttokenid",
            "expiredtoken",
            "authorizationfailure",
            "authenticationfailed",
            "403 forbidden",
            "401 unauthorized",
        ])
    {
        Cause::Credentials
    } else if matches!(e, E::NotFound { .. }) || has(&["nosuchbucket", "containernotfound", "bucketnotfound"])
    {
        Cause::NoBucket
    } else if has(&[
        "connect error",
        "connection refused",
        "dns error",
        "timed out",
        "error sending request",
        "connection reset",
    ]) {
        Cause::Unreachable
    } else {
        Cause::Other
    }
}

/// The error and its sources on one line, without repeats.
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    let text = parts.join(": ");
    // URLs lose their query: a SAS token or a presigned signature lives there.
    let text = text
        .split_whitespace()
        .map(|word| match word.split_once('?') {
            Some((url, _)) if url.contains("://") => format!("{url}?…"),
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > 400 { text.chars().take(400).chain("…".chars()).collect() } else { text }
}

fn credentials_help(provider: Provider) -> String {
    match provider {
        Provider::S3 => "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE's web identity, or run on an instance role) for a user allowed to list, put and delete in the bucket",
        Provider::Gcs => "set GOOGLE_APPLICATION_CREDENTIALS (or GOOGLE_SERVICE_ACCOUNT) to a service account key allowed to write to the bucket",
        Provider::Azure => "set AZURE_STORAGE_ACCOUNT_NAME and AZURE_STORAGE_ACCOUNT_KEY (or AZURE_STORAGE_SAS_KEY, or a service principal via AZURE_CLIENT_ID/AZURE_CLIENT_SECRET/AZURE_TENANT_ID)",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generic(text: &str) -> object_store::Error {
        object_store::Error::Generic { store: "S3", source: text.to_string().into() }
    }

    #[test]
    fn error_text_never_shows_a_query() {
        let e = generic(
            "Error performing GET https://acct.blob.core.windows.net/web?restype=container&sig=SECRET123 in 2ms",
        );
        let text = chain(&e);
        assert!(!text.contains("SECRET123"), "{text}");
        assert!(text.contains("https://acct.blob.core.windows.net/web?…"), "{text}");
    }

    #[test]
    fn classifies_failures_by_code_not_by_stray_numbers() {
        let cases = [
            (
                "Error performing GET http://127.0.0.1:1/b in 403.1ms, after 3 retries - HTTP error: error sending request: client error (Connect): tcp connect error: Connection refused (os error 111)",
                Cause::Unreachable,
            ),
            (
                "Server returned non-2xx status code: 403 Forbidden: <Error><Code>InvalidAccessKeyId</Code>",
                Cause::Credentials,
            ),
            (
                "Server returned non-2xx status code: 403 Forbidden: <Error><Code>SignatureDoesNotMatch</Code>",
                Cause::Credentials,
            ),
            (
                "Server returned non-2xx status code: 404 Not Found: <Error><Code>NoSuchBucket</Code>",
                Cause::NoBucket,
            ),
            ("Server returned non-2xx status code: 500 Internal Server Error", Cause::Other),
        ];
        for (text, cause) in cases {
            assert_eq!(classify(&generic(text), text), cause, "{text}");
        }
    }
}
