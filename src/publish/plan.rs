//! What a publish to object storage does, decided without IO: which files to
//! upload (new or changed by content hash or headers), in which order so that
//! no page ever links to a file not yet there, and which files to delete
//! (only those privsite's own manifest says it published). Pure, so the rules
//! are unit-tested without a server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::headers::{self, Headers};
use crate::diag::Diagnostic;
use crate::render::{HOSTING_FILES, Output};
use crate::write::MARKER;

/// The name of the manifest at the target, below the prefix.
pub(crate) const MANIFEST: &str = ".privsite-manifest.json";

/// What privsite published at a target, keyed by path below the prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    pub(crate) privsite: u32,
    pub(crate) files: BTreeMap<String, Entry>,
}

/// One published file: its content hash and the headers it was stored with.
/// An empty `sha256` marks an upload that was started but not confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub(crate) sha256: String,
    pub(crate) content_type: String,
    pub(crate) cache_control: String,
}

impl Manifest {
    pub(crate) fn new(files: BTreeMap<String, Entry>) -> Manifest {
        Manifest { privsite: 1, files }
    }

    pub(crate) fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Upload {
    pub(crate) path: String,
    pub(crate) entry: Entry,
    pub(crate) size: u64,
    /// Uploads of a lower rank finish before any of a higher rank starts.
    pub(crate) rank: u8,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    /// In upload order: by rank, then path.
    pub(crate) uploads: Vec<Upload>,
    pub(crate) unchanged: usize,
    /// Published by privsite before, no longer in the site, still at the target.
    pub(crate) deletions: Vec<String>,
    /// Written before the first upload: the old manifest plus every path about
    /// to be uploaded, so a file uploaded by a publish that is then killed is
    /// still known to be privsite's.
    pub(crate) pending: Manifest,
    /// Written after all uploads and before deletions: the new site plus what
    /// is still to delete, so an interrupted deletion is finished next time.
    pub(crate) uploaded: Manifest,
    /// Written after deletions: exactly the new site.
    pub(crate) done: Manifest,
}

impl Plan {
    pub(crate) fn bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.size).sum()
    }

    /// `--max-deletes`: refuse a plan that deletes more, unless `--yes`.
    pub(crate) fn check_deletes(&self, max: usize, yes: bool, target: &str) -> Result<(), Diagnostic> {
        if yes || self.deletions.len() <= max {
            return Ok(());
        }
        Err(Diagnostic::error(format!(
            "publishing to {target} would delete {} files that privsite published before, more than --max-deletes {max}; nothing was changed",
            self.deletions.len()
        ))
        .help("check the plan with --dry-run, then run again with --yes (or a higher --max-deletes) if the deletions are meant"))
    }
}

/// Whether a file of the build goes to object storage (hosting files and the
/// output marker are for folders and Pages hosts only).
pub(crate) fn is_published(path: &str) -> bool {
    !HOSTING_FILES.contains(&path) && path != MARKER && path != MANIFEST
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The upload order. Links go from the root down: `/` → `/<lang>/` → a
/// document → its history and versions → static assets. Uploading from the
/// bottom up means a new link appears only after what it points to.
pub(crate) fn rank(path: &str) -> u8 {
    let parts: Vec<&str> = path.split('/').collect();
    if headers::is_asset(path) {
        0
    } else if headers::is_archived(path) {
        1
    } else if parts.len() >= 4 {
        2 // history and any other page below a document
    } else if parts.len() == 3 {
        3 // the current version of a document
    } else if path.ends_with(".xml") || path.ends_with(".json") {
        4 // feeds, sitemap and versions.json link to all of the above
    } else if parts.len() == 2 {
        5 // the privacy center of a language
    } else {
        6 // the language choice and 404.html
    }
}

/// Decides the publish of `output` to a target holding `remote` (path → size
/// of every object below the prefix) whose manifest is `manifest`.
pub(crate) fn plan(
    output: &Output,
    manifest: &Manifest,
    remote: &BTreeMap<String, u64>,
    headers: &Headers,
) -> Plan {
    let mut plan = Plan::default();
    let mut files = BTreeMap::new();
    for (path, bytes) in output.iter().filter(|(p, _)| is_published(p)) {
        let entry = Entry {
            sha256: sha256(bytes),
            content_type: crate::mime::content_type(path).to_string(),
            cache_control: headers.cache_control(path).to_string(),
        };
        let size = bytes.len() as u64;
        let there = remote.get(path) == Some(&size) && manifest.files.get(path) == Some(&entry);
        if there {
            plan.unchanged += 1;
        } else {
            plan.uploads.push(Upload { path: path.clone(), entry: entry.clone(), size, rank: rank(path) });
        }
        files.insert(path.clone(), entry);
    }
    plan.uploads.sort_by(|a, b| (a.rank, &a.path).cmp(&(b.rank, &b.path)));

    let mut pending = manifest.files.clone();
    for upload in &plan.uploads {
        pending
            .entry(upload.path.clone())
            .or_insert_with(|| Entry { sha256: String::new(), ..upload.entry.clone() });
    }
    let mut uploaded = files.clone();
    for (path, entry) in &manifest.files {
        if !files.contains_key(path) && remote.contains_key(path) {
            plan.deletions.push(path.clone());
            uploaded.insert(path.clone(), entry.clone());
        }
    }
    plan.pending = Manifest::new(pending);
    plan.uploaded = Manifest::new(uploaded);
    plan.done = Manifest::new(files);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Publish;

    fn output(files: &[(&str, &str)]) -> Output {
        files.iter().map(|(p, b)| (p.to_string(), b.as_bytes().into())).collect()
    }

    fn order(p: &Plan) -> Vec<&str> {
        p.uploads.iter().map(|u| u.path.as_str()).collect()
    }

    /// The state of a target after a complete publish of `out`.
    fn published(out: &Output) -> (Manifest, BTreeMap<String, u64>) {
        let p = plan(out, &Manifest::default(), &BTreeMap::new(), &Headers::new(&Publish::default()));
        let remote =
            out.iter().filter(|(k, _)| is_published(k)).map(|(k, v)| (k.clone(), v.len() as u64)).collect();
        (p.done, remote)
    }

    const SITE: &[(&str, &str)] = &[
        ("index.html", "root"),
        ("404.html", "nf"),
        ("style.css", "css"),
        ("_headers", "h"),
        (".nojekyll", ""),
        (".privsite-output", ""),
        ("de/index.html", "center"),
        ("de/feed.xml", "feed"),
        ("versions.json", "{}"),
        ("de/p/index.html", "current"),
        ("de/p/history/index.html", "history"),
        ("de/p/v1/index.html", "v1"),
        ("de/p/v1/changes/index.html", "c1"),
    ];

    #[test]
    fn first_publish_uploads_everything_bottom_up_without_hosting_files() {
        let out = output(SITE);
        let p = plan(&out, &Manifest::default(), &BTreeMap::new(), &Headers::new(&Publish::default()));
        let order = order(&p);
        assert_eq!(
            order,
            [
                "style.css",
                "de/p/v1/changes/index.html",
                "de/p/v1/index.html",
                "de/p/history/index.html",
                "de/p/index.html",
                "de/feed.xml",
                "versions.json",
                "de/index.html",
                "404.html",
                "index.html",
            ]
        );
        assert!(p.deletions.is_empty());
        assert_eq!(p.unchanged, 0);
        let published: usize = SITE.iter().filter(|(p, _)| is_published(p)).map(|(_, b)| b.len()).sum();
        assert_eq!(p.bytes(), published as u64);
        assert!(p.pending.files.values().all(|e| e.sha256.is_empty()));
        assert_eq!(p.done.files.len(), 10);
    }

    #[test]
    fn only_changes_are_uploaded_and_only_own_files_deleted() {
        let (manifest, mut remote) = published(&output(SITE));
        remote.insert("foreign.txt".into(), 3);
        let mut next = output(SITE);
        next.insert("de/p/index.html".into(), b"current v2".as_slice().into());
        next.insert("de/p/v2/index.html".into(), b"v2".as_slice().into());
        next.remove("de/p/v1/changes/index.html");
        let p = plan(&next, &manifest, &remote, &Headers::new(&Publish::default()));
        let order = order(&p);
        assert_eq!(order, ["de/p/v2/index.html", "de/p/index.html"]);
        assert_eq!(p.unchanged, 8);
        assert_eq!(p.deletions, ["de/p/v1/changes/index.html"]);
        assert!(p.uploaded.files.contains_key("de/p/v1/changes/index.html"), "kept until deleted");
        assert!(!p.done.files.contains_key("de/p/v1/changes/index.html"));
        assert!(!p.done.files.contains_key("foreign.txt"));
        assert_eq!(p.pending.files["de/p/v2/index.html"].sha256, "", "unconfirmed upload");
        assert_eq!(p.pending.files["de/p/index.html"], manifest.files["de/p/index.html"]);

        // Nothing changed: nothing to do.
        let (manifest, remote) = published(&next);
        let p = plan(&next, &manifest, &remote, &Headers::new(&Publish::default()));
        assert!(p.uploads.is_empty() && p.deletions.is_empty());
    }

    #[test]
    fn missing_objects_and_new_headers_are_uploaded_again() {
        let out = output(SITE);
        let (manifest, mut remote) = published(&out);
        remote.remove("de/index.html");
        let config = Publish { cache_long: Some("max-age=1".into()), ..Publish::default() };
        let p = plan(&out, &manifest, &remote, &Headers::new(&config));
        let order = order(&p);
        assert_eq!(order, ["style.css", "de/p/v1/changes/index.html", "de/p/v1/index.html", "de/index.html"]);
    }

    #[test]
    fn an_interrupted_publish_is_finished_from_the_pending_manifest() {
        let (manifest, remote) = published(&output(SITE));
        let mut next = output(SITE);
        next.remove("de/p/history/index.html");
        next.insert("de/p/v2/index.html".into(), b"v2".as_slice().into());
        let headers = Headers::new(&Publish::default());
        let p = plan(&next, &manifest, &remote, &headers);
        // Killed after the pending manifest and the first upload.
        let mut remote_now = remote.clone();
        remote_now.insert("de/p/v2/index.html".into(), 2);
        let again = plan(&next, &p.pending, &remote_now, &headers);
        assert_eq!(again.uploads.len(), 1, "the unconfirmed upload is redone");
        assert_eq!(again.deletions, ["de/p/history/index.html"]);
        // Killed after uploads, before deletions.
        let mut remote_later = remote_now.clone();
        remote_later.insert("de/p/v2/index.html".into(), 2);
        let last = plan(&next, &p.uploaded, &remote_later, &headers);
        assert!(last.uploads.is_empty());
        assert_eq!(last.deletions, ["de/p/history/index.html"]);
    }

    #[test]
    fn max_deletes_refuses_unless_yes() {
        let (manifest, remote) = published(&output(SITE));
        let p = plan(&output(&[("index.html", "x")]), &manifest, &remote, &Headers::new(&Publish::default()));
        assert_eq!(p.deletions.len(), 9);
        let d = p.check_deletes(3, false, "s3://b").expect_err("too many");
        assert!(d.message.contains("9 files") && d.help.is_some(), "{}", d.message);
        assert!(p.check_deletes(3, true, "s3://b").is_ok());
        assert!(p.check_deletes(9, false, "s3://b").is_ok());
    }

    #[test]
    fn manifest_round_trips() {
        let (manifest, _) = published(&output(SITE));
        assert_eq!(Manifest::parse(&manifest.to_bytes()), Ok(manifest));
        assert!(Manifest::parse(b"{\"privsite\":1,\"files\":{},\"x\":1}").is_err());
    }
}
