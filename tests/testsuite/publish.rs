//! `privsite publish`: to a real S3-compatible server (moto, started on
//! loopback by `tests/s3/moto_helper.py`) and to a folder.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::support::{Site, binary, finish, section};

// ---------------------------------------------------------------- the server

struct S3 {
    endpoint: String,
    key: String,
    secret: String,
    io: Mutex<(ChildStdin, BufReader<ChildStdout>)>,
    _child: Child,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Object {
    sha256: String,
    content_type: String,
    cache_control: String,
}

static SERVER: OnceLock<Result<S3, String>> = OnceLock::new();
/// A second server that enforces authentication (see the helper's notes).
static AUTH_SERVER: OnceLock<Result<S3, String>> = OnceLock::new();
static BUCKETS: AtomicUsize = AtomicUsize::new(0);

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn start(auth: bool) -> Result<S3, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/s3/moto_helper.py");
    let port = free_port();
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(port.to_string())
        .args(auth.then_some("--auth"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("python3: {e}"))?;
    let stdin = child.stdin.take().ok_or("no stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut line = String::new();
    loop {
        line.clear();
        if stdout.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            let _ = child.wait();
            return Err("moto or boto3 is not installed (pip install 'moto[server]' boto3)".into());
        }
        if line.starts_with('{') {
            break;
        }
    }
    let keys: Value = serde_json::from_str(&line).map_err(|e| e.to_string())?;
    Ok(S3 {
        endpoint: format!("http://127.0.0.1:{port}"),
        key: keys["key"].as_str().unwrap_or_default().to_string(),
        secret: keys["secret"].as_str().unwrap_or_default().to_string(),
        io: Mutex::new((stdin, stdout)),
        _child: child,
    })
}

/// The shared server, or `None` (with a notice) when moto is missing and CI is not set.
fn s3(test: &str) -> Option<&'static S3> {
    server(&SERVER, false, test)
}

fn server(cell: &'static OnceLock<Result<S3, String>>, auth: bool, test: &str) -> Option<&'static S3> {
    match cell.get_or_init(|| start(auth)) {
        Ok(s3) => Some(s3),
        Err(why) if std::env::var_os("CI").is_some() => panic!("{test}: no S3 test server: {why}"),
        Err(why) => {
            eprintln!("NOTICE: skipping {test}: {why}; CI=1 makes this a failure");
            None
        }
    }
}

impl S3 {
    fn call(&self, command: Value) -> Value {
        let mut io = self.io.lock().unwrap_or_else(|p| p.into_inner());
        writeln!(io.0, "{command}").unwrap();
        io.0.flush().unwrap();
        let mut line = String::new();
        io.1.read_line(&mut line).unwrap();
        let reply: Value = serde_json::from_str(&line).unwrap();
        assert!(reply.get("error").is_none(), "{command}: {reply}");
        reply
    }

    fn new_bucket(&self) -> String {
        let bucket = format!("privsite-test-{}", BUCKETS.fetch_add(1, Ordering::SeqCst));
        self.call(json!({"op": "create_bucket", "bucket": bucket}));
        bucket
    }

    fn put(&self, bucket: &str, key: &str, body: &str) {
        self.call(json!({"op": "put", "bucket": bucket, "key": key, "body": body}));
    }

    /// Every object in the bucket.
    fn objects(&self, bucket: &str) -> BTreeMap<String, Object> {
        let reply = self.call(json!({"op": "objects", "bucket": bucket}));
        reply
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                let s = |f: &str| v[f].as_str().unwrap_or_default().to_string();
                (
                    k.clone(),
                    Object {
                        sha256: s("sha256"),
                        content_type: s("content_type"),
                        cache_control: s("cache_control"),
                    },
                )
            })
            .collect()
    }

    /// The objects below `prefix/` that are files of the site (not the manifest).
    fn site_files(&self, bucket: &str, prefix: &str) -> BTreeMap<String, String> {
        self.objects(bucket)
            .into_iter()
            .filter_map(|(k, o)| Some((k.strip_prefix(&format!("{prefix}/"))?.to_string(), o.sha256)))
            .filter(|(k, _)| k != ".privsite-manifest.json" && !k.starts_with("foreign"))
            .collect()
    }

    /// `privsite publish --target TARGET ARGS…` with this server's credentials.
    fn publish(&self, site: &Site, target: &str, args: &[&str]) -> crate::support::Run {
        let mut all = vec!["publish", "--target", target];
        all.extend(args);
        site.run_env(&all, &self.env())
    }

    fn target(&self, bucket: &str, prefix: &str) -> String {
        format!("s3://{bucket}/{prefix}?endpoint={}", self.endpoint)
    }

    fn env(&self) -> Vec<(&str, &str)> {
        vec![
            ("AWS_ACCESS_KEY_ID", self.key.as_str()),
            ("AWS_SECRET_ACCESS_KEY", self.secret.as_str()),
            ("AWS_REGION", "us-east-1"),
        ]
    }
}

// ---------------------------------------------------------------- helpers

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What `build --date DATE` writes, less the files that stay off object storage.
fn built(site: &Site, date: &str) -> BTreeMap<String, String> {
    site.run(&["build", "--date", date]).ok();
    site.snapshot("public")
        .into_iter()
        .filter(|(p, _)| !["_headers", ".nojekyll", ".privsite-output"].contains(&p.as_str()))
        .map(|(p, b)| (p, sha256(&b)))
        .collect()
}

/// The number before `word` in a summary such as "3 uploaded, 30 unchanged".
fn count(stderr: &str, word: &str) -> usize {
    let at = stderr.find(&format!(" {word}")).unwrap_or_else(|| panic!("no `{word}` in {stderr}"));
    let digits: String = stderr[..at].chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

fn release_one_section(site: &Site) {
    site.write("content/policy/20-data.de.md", &section("Daten", "Wir speichern nur noch Ihre E-Mail-Adresse. Siehe [Ihre Rechte](#rights) und die [Nutzungsbedingungen](../terms/#scope)."));
    site.write("content/policy/20-data.en.md", &section("Data", "We now store only your e-mail address. See [your rights](#rights) and the [terms](../terms/#scope)."));
    site.write("content/policy/20-data.sv.md", &section("Uppgifter", "Vi lagrar nu bara din e-postadress. Se [dina rättigheter](#rights) och [villkoren](../terms/#scope)."));
    for (lang, text) in [("de", "Daten"), ("en", "Data"), ("sv", "Uppgifter")] {
        site.write(&format!("content/policy/_release.{lang}.md"), &format!("- {text}\n"));
    }
    site.mark_all();
    site.run(&["release", "policy", "--minor", "--date", "2024-06-01"]).ok();
}

// ---------------------------------------------------------------- object storage

#[test]
fn s3_first_publish_is_public_byte_for_byte_with_headers_and_a_second_uploads_nothing() {
    let Some(s3) = s3("s3_first_publish…") else {
        return;
    };
    let site = Site::released();
    let bucket = s3.new_bucket();
    s3.put(&bucket, "site/foreign.txt", "not privsite's");
    s3.put(&bucket, "elsewhere/index.html", "not privsite's either");
    // The target and a cache rule come from privsite.toml.
    let config = site.read("privsite.toml");
    site.write(
        "privsite.toml",
        &format!(
            "{config}\n[publish]\ntarget = \"{}\"\n[[publish.cache]]\nglob = \"*.css\"\ncontrol = \"public, max-age=31536000, immutable\"\n",
            s3.target(&bucket, "site")
        ),
    );
    let run = site.run_env(&["publish", "--date", "2024-02-01"], &s3.env()).ok();
    let expected = built(&site, "2024-02-01");
    assert_eq!(count(&run.stderr, "uploaded"), expected.len(), "{}", run.stderr);
    assert_eq!(s3.site_files(&bucket, "site"), expected, "the bucket holds public/ byte for byte");

    let objects = s3.objects(&bucket);
    let get = |k: &str| objects.get(&format!("site/{k}")).unwrap_or_else(|| panic!("{k} missing"));
    for page in
        ["index.html", "404.html", "de/index.html", "en/policy/index.html", "sv/policy/history/index.html"]
    {
        assert_eq!(get(page).content_type, "text/html; charset=utf-8", "{page}");
        assert_eq!(get(page).cache_control, "public, max-age=300", "{page}: changes with each release");
    }
    assert_eq!(get("de/policy/v1/index.html").cache_control, "public, max-age=86400", "archived");
    assert_eq!(get("style.css").content_type, "text/css; charset=utf-8");
    assert_eq!(
        get("style.css").cache_control,
        "public, max-age=31536000, immutable",
        "[[publish.cache]] rule"
    );
    assert!(!objects.contains_key("site/_headers") && !objects.contains_key("site/.nojekyll"));
    assert!(!objects.contains_key("site/.privsite-output"));

    let again = site.run_env(&["publish", "--date", "2024-02-01"], &s3.env()).ok();
    assert_eq!(count(&again.stderr, "uploaded"), 0, "{}", again.stderr);
    assert_eq!(count(&again.stderr, "unchanged"), expected.len());
    let after = s3.objects(&bucket);
    assert_eq!(after, objects, "nothing changed, the manifest included");
    assert!(after.contains_key("site/foreign.txt") && after.contains_key("elsewhere/index.html"));
}

#[test]
fn s3_a_release_uploads_only_changed_files_and_a_removed_page_is_deleted() {
    let Some(s3) = s3("s3_a_release…") else {
        return;
    };
    let site = Site::released();
    let bucket = s3.new_bucket();
    s3.put(&bucket, "p/foreign/keep.html", "not privsite's");
    let target = s3.target(&bucket, "p");
    s3.publish(&site, &target, &["--date", "2024-07-01"]).ok();
    let before = built(&site, "2024-07-01");

    release_one_section(&site);
    let after = built(&site, "2024-07-01");
    let changed = after.iter().filter(|(p, h)| before.get(*p) != Some(h)).count();
    assert!(changed > 0 && changed < after.len(), "{changed} of {}", after.len());
    let run = s3.publish(&site, &target, &["--date", "2024-07-01"]).ok();
    assert_eq!(count(&run.stderr, "uploaded"), changed, "{}", run.stderr);
    assert_eq!(count(&run.stderr, "deleted"), 0);
    assert_eq!(s3.site_files(&bucket, "p"), after);

    // As of a day before v2, its pages are no longer part of the site.
    let earlier = built(&site, "2024-05-01");
    let removed = after.keys().filter(|p| !earlier.contains_key(*p)).count();
    assert!(removed > 0);
    let run = s3.publish(&site, &target, &["--date", "2024-05-01"]).ok();
    assert_eq!(count(&run.stderr, "deleted"), removed, "{}", run.stderr);
    assert_eq!(s3.site_files(&bucket, "p"), earlier);
    assert!(s3.objects(&bucket).contains_key("p/foreign/keep.html"), "a foreign object survives");
}

#[test]
fn s3_dry_run_and_max_deletes_change_nothing() {
    let Some(s3) = s3("s3_dry_run…") else {
        return;
    };
    let site = Site::released();
    release_one_section(&site);
    let bucket = s3.new_bucket();
    let target = s3.target(&bucket, "p");
    let run = s3.publish(&site, &target, &["--dry-run", "--date", "2024-07-01"]).ok();
    assert!(run.stdout.contains("upload  index.html"), "{}", run.stdout);
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    assert!(s3.objects(&bucket).is_empty(), "a dry run uploads nothing, not even the manifest");

    s3.publish(&site, &target, &["--date", "2024-07-01"]).ok();
    let published = s3.objects(&bucket);
    let run = s3.publish(&site, &target, &["--dry-run", "--date", "2024-05-01"]).ok();
    assert!(run.stdout.contains("delete  de/policy/v2/index.html"), "{}", run.stdout);
    assert_eq!(s3.objects(&bucket), published);
    let run = s3.publish(&site, &target, &["--max-deletes", "2", "--date", "2024-05-01"]).fails();
    assert!(run.stderr.contains("more than --max-deletes 2"), "{}", run.stderr);
    assert_eq!(s3.objects(&bucket), published, "refused before any change");
    s3.publish(&site, &target, &["--max-deletes", "2", "--yes", "--date", "2024-05-01"]).ok();
    assert_eq!(s3.site_files(&bucket, "p"), built(&site, "2024-05-01"));
}

#[test]
fn s3_refused_credentials_unreachable_endpoint_and_missing_bucket_fail_clearly() {
    let Some(s3) = s3("s3_refused…") else {
        return;
    };
    let Some(guarded) = server(&AUTH_SERVER, true, "s3_refused…") else {
        return;
    };
    let site = Site::released();
    // A bucket where privsite published `old.html`, which a publish would delete.
    let bucket = guarded.new_bucket();
    guarded.put(&bucket, "p/old.html", "published before");
    let manifest = json!({"privsite": 1, "files": {"old.html": {
        "sha256": sha256(b"published before"), "content_type": "text/html; charset=utf-8", "cache_control": "public, max-age=300"}}});
    guarded.put(&bucket, "p/.privsite-manifest.json", &manifest.to_string());
    let before = guarded.objects(&bucket);
    let target = guarded.target(&bucket, "p");
    let wrong = [
        ("AWS_ACCESS_KEY_ID", "AKIANOSUCHKEY"),
        ("AWS_SECRET_ACCESS_KEY", "wrong-secret-123"),
        ("AWS_REGION", "us-east-1"),
    ];
    let run = site.run_env(&["publish", "--target", &target], &wrong).fails();
    assert!(run.stderr.contains("the credentials were refused"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("s3://{bucket}/p")), "names the target: {}", run.stderr);
    assert!(run.stderr.contains("AWS_SECRET_ACCESS_KEY"), "says how to fix it: {}", run.stderr);
    assert!(!run.stderr.contains("wrong-secret-123"), "never shows the secret: {}", run.stderr);
    assert_eq!(guarded.objects(&bucket), before, "nothing deleted or uploaded");

    // An endpoint where nothing listens, for a bucket a publish would delete from.
    release_one_section(&site);
    let bucket = s3.new_bucket();
    s3.publish(&site, &s3.target(&bucket, "p"), &["--date", "2024-07-01"]).ok();
    let published = s3.objects(&bucket);
    // Port 1: below the ephemeral range, so no other test can be listening there.
    let closed = format!("s3://{bucket}/p?endpoint=http://127.0.0.1:1");
    let started = Instant::now();
    let run = s3.publish(&site, &closed, &["--date", "2024-05-01"]).fails();
    assert!(run.stderr.contains("could not be reached"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("s3://{bucket}/p at http://127.0.0.1:")), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(30), "gives up in time");
    assert_eq!(s3.objects(&bucket), published, "nothing deleted");

    let missing = s3.target("privsite-no-such-bucket", "p");
    let run = site.run_env(&["publish", "--target", &missing], &s3.env()).fails();
    assert!(run.stderr.contains("the bucket does not exist"), "{}", run.stderr);
}

#[test]
fn bad_targets_fail_with_a_clear_message_before_anything_is_sent() {
    let site = Site::released();
    let run = site.run(&["publish", "--target", "ftp://example.com/x"]).fails();
    assert!(run.stderr.contains("unknown publish target scheme `ftp://`"), "{}", run.stderr);
    assert!(run.stderr.contains("help: write it as `s3://bucket/prefix`"), "{}", run.stderr);
    let run = site.run(&["publish", "--target", "s3://b/p?secret=abc123"]).fails();
    assert!(
        run.stderr.contains("unknown parameter `secret`") && !run.stderr.contains("abc123"),
        "{}",
        run.stderr
    );
    // Azure needs an account name from the environment.
    let mut cmd = binary();
    cmd.args(["publish", "--target", "az://web/legal"]).current_dir(site.root());
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("AZURE_")) {
        cmd.env_remove(key);
    }
    let run = finish(cmd.output().unwrap()).fails();
    assert!(run.stderr.contains("az://web/legal"), "{}", run.stderr);
    assert!(run.stderr.contains("AZURE_STORAGE_ACCOUNT_NAME"), "{}", run.stderr);
    // A folder target below a file cannot be created.
    site.write("blocker", "a file");
    let run = site.run(&["publish", "--target", "dir:blocker/www"]).fails();
    assert!(run.stderr.contains("blocker/www"), "{}", run.stderr);
    assert!(run.stderr.contains("help: choose a target in a folder you can write to"), "{}", run.stderr);
    let run = site.run(&["publish", "--target", "dir:www", "--rollback"]).fails();
    assert!(run.stderr.contains("no release published by privsite"), "{}", run.stderr);
    let run = site.run(&["publish", "--target", "s3://b/p", "--rollback"]).fails();
    assert!(run.stderr.contains("--rollback works for dir: targets only"), "{}", run.stderr);
}

/// A TCP proxy that forwards until `limit` bytes went upstream, then stalls.
struct Stall {
    port: u16,
    stalled: Arc<AtomicBool>,
}

fn stall_after(upstream: &str, limit: u64) -> Stall {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let upstream = upstream.trim_start_matches("http://").to_string();
    let sent = Arc::new(AtomicU64::new(0));
    let stalled = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stalled);
    std::thread::spawn(move || {
        for client in listener.incoming().take(200) {
            let Ok(client) = client else { break };
            let Ok(server) = TcpStream::connect(&upstream) else {
                break;
            };
            let (mut c_read, mut s_write) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut s_read, mut c_write) = (server, client);
            let sent = Arc::clone(&sent);
            let flag = Arc::clone(&flag);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = c_read.read(&mut buf) {
                    if n == 0 || sent.fetch_add(n as u64, Ordering::SeqCst) + n as u64 > limit {
                        flag.store(true, Ordering::SeqCst);
                        // Hold the connection open and silent, like a hung network.
                        std::thread::sleep(Duration::from_secs(60));
                        return;
                    }
                    if s_write.write_all(&buf[..n]).is_err() {
                        return;
                    }
                }
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_read, &mut c_write);
            });
        }
    });
    Stall { port, stalled }
}

#[test]
fn s3_a_publish_killed_half_way_is_finished_by_the_next() {
    let Some(s3) = s3("s3_a_publish_killed…") else {
        return;
    };
    let site = Site::released();
    let bucket = s3.new_bucket();
    let expected = built(&site, "2024-02-01");
    let total: u64 = site.snapshot("public").iter().map(|(_, b)| b.len() as u64).sum();
    let proxy = stall_after(&s3.endpoint, total * 3 / 5);
    let via_proxy = format!("s3://{bucket}/p?endpoint=http://127.0.0.1:{}", proxy.port);
    let mut cmd = binary();
    cmd.args(["publish", "--target", &via_proxy, "--date", "2024-02-01"])
        .current_dir(site.root())
        .envs(s3.env())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !proxy.stalled.load(Ordering::SeqCst) {
        assert!(Instant::now() < deadline, "the publish never got half-way");
        assert!(child.try_wait().unwrap().is_none(), "the publish ended before it was killed");
        std::thread::sleep(Duration::from_millis(10));
    }
    // Let the server finish the requests that got through (a loaded machine is slow).
    let deadline = Instant::now() + Duration::from_secs(20);
    while s3.site_files(&bucket, "p").is_empty() {
        assert!(Instant::now() < deadline, "no upload got through before the stall");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    let killed = finish(child.wait_with_output().unwrap());
    assert_ne!(killed.status, 0);
    let partial = s3.site_files(&bucket, "p");
    assert!(
        !partial.is_empty() && partial.len() < expected.len(),
        "half-way: {} of {}",
        partial.len(),
        expected.len()
    );
    assert!(!partial.contains_key("index.html"), "entry pages go last");

    let run = s3.publish(&site, &s3.target(&bucket, "p"), &["--date", "2024-02-01"]).ok();
    assert!(count(&run.stderr, "uploaded") >= expected.len() - partial.len(), "{}", run.stderr);
    assert_eq!(s3.site_files(&bucket, "p"), expected, "the bucket equals public/");
    let run = s3.publish(&site, &s3.target(&bucket, "p"), &["--date", "2024-02-01"]).ok();
    assert_eq!(count(&run.stderr, "uploaded"), 0, "{}", run.stderr);
}

// ---------------------------------------------------------------- folders

/// Every `.html` file below `dir`, relative.
fn pages(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The build a page belongs to: each publish below uses its own base URL.
fn build_of(html: &str) -> Option<&str> {
    let start = html.find("https://build-")? + "https://build-".len();
    let end = start + html[start..].find('.')?;
    let id = &html[start..end];
    // Every base-URL mention in the page names the same build.
    html.matches("https://build-")
        .count()
        .eq(&html.matches(&format!("https://build-{id}.")).count())
        .then_some(id)
}

#[test]
fn dir_a_reader_never_sees_a_missing_file_or_a_mixed_site_during_20_publishes() {
    let site = Site::released();
    let live = site.path("www/privacy");
    let target = format!("dir:{}", live.display());
    site.run(&["publish", "--target", &target, "--base-url", "https://build-0.example/"]).ok();
    let names = pages(&live);
    assert!(names.len() > 20, "{names:?}");
    assert!(
        names.iter().all(|n| build_of(&std::fs::read_to_string(live.join(n)).unwrap()).is_some()),
        "every page names its build"
    );

    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let done = Arc::clone(&done);
        let live = live.clone();
        let names = names.clone();
        std::thread::spawn(move || {
            let (mut passes, mut consistent) = (0, 0);
            let mut seen = std::collections::BTreeSet::new();
            while !done.load(Ordering::SeqCst) {
                let link_before = std::fs::read_link(&live).unwrap();
                let mut builds = std::collections::BTreeSet::new();
                for name in &names {
                    let html = std::fs::read_to_string(live.join(name))
                        .unwrap_or_else(|e| panic!("pass {passes}: {name} is missing: {e}"));
                    let build = build_of(&html).unwrap_or_else(|| panic!("{name} is not one build's page"));
                    assert!(html.trim_end().ends_with("</html>"), "{name} is half-written");
                    builds.insert(build.to_string());
                }
                if std::fs::read_link(&live).unwrap() == link_before {
                    assert_eq!(builds.len(), 1, "one pass over one release saw {builds:?}");
                    consistent += 1;
                }
                seen.extend(builds);
                passes += 1;
            }
            (passes, consistent, seen.len())
        })
    };
    for n in 1..=20 {
        site.run(&["publish", "--target", &target, "--base-url", &format!("https://build-{n}.example/")])
            .ok();
    }
    done.store(true, Ordering::SeqCst);
    let (passes, consistent, builds) = reader.join().unwrap();
    assert!(passes > 20 && consistent > 0, "{passes} passes, {consistent} over one release");
    assert!(builds > 5, "the reader saw the releases change ({builds})");
    let releases = std::fs::read_dir(site.path("www/privacy.releases")).unwrap().count();
    assert_eq!(releases, 3, "the last three releases are kept");
}

#[test]
fn dir_rollback_restores_the_previous_site() {
    let site = Site::released();
    let target = format!("dir:{}", site.path("www").display());
    site.run(&["publish", "--target", &target, "--date", "2024-02-01"]).ok();
    let first = site.snapshot("www");
    release_one_section(&site);
    site.run(&["publish", "--target", &target, "--date", "2024-07-01"]).ok();
    assert!(site.path("www/de/policy/v2/index.html").exists());
    let run = site.run(&["publish", "--target", &target, "--rollback"]).ok();
    assert!(run.stderr.contains("Rolled back"), "{}", run.stderr);
    assert_eq!(site.snapshot("www"), first, "the previous site, byte for byte");
    let run = site.run(&["publish", "--target", &target, "--rollback"]).fails();
    assert!(run.stderr.contains("no release before"), "{}", run.stderr);
}

#[test]
fn dir_refuses_a_file_and_publishes_nothing_on_a_build_error() {
    let site = Site::released();
    site.write("www", "a file");
    let run = site.run(&["publish", "--target", "dir:www"]).fails();
    assert!(run.stderr.contains("dir:./www is a file"), "{}", run.stderr);
    assert_eq!(site.read("www"), "a file");
    for target in ["dir:versions/live", "dir:content/live"] {
        let run = site.run(&["publish", "--target", target]).fails();
        assert!(run.stderr.contains("which privsite reads; refusing to write there"), "{}", run.stderr);
    }
    assert!(!site.path("versions/live.releases").exists() && !site.path("content/live.releases").exists());

    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Siehe [nichts](../nowhere/)."));
    let run = site.run(&["publish", "--target", "dir:out"]).fails();
    assert!(run.stderr.contains("content/policy/10-intro.de.md"), "{}", run.stderr);
    assert!(!site.path("out").exists() && !site.path("out.releases").exists(), "nothing published");
    let run = site.run(&["publish"]).fails();
    assert!(run.stderr.contains("no publish target"), "{}", run.stderr);
}

#[test]
fn init_writes_the_ci_workflows_for_github_and_gitlab_pages() {
    let site = Site::init();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (written, source) in [
        (".github/workflows/privsite.yml", "hosting/github-pages.yml"),
        (".gitlab-ci.yml", "hosting/gitlab-pages.yml"),
    ] {
        let text = site.read(written);
        assert_eq!(text, std::fs::read_to_string(repo.join(source)).unwrap(), "{written}");
        assert!(text.contains("privsite build --strict --base-url"), "{written}");
        assert!(text.contains("privsite check --strict"), "{written}: outdated translations fail the job");
        // Installed from crates.io, cached, with nothing for the user to set up.
        assert!(text.contains("cargo install --locked privsite\n"), "{written}");
        assert!(text.contains("cache"), "{written}");
        assert!(!text.contains("vars.") && !text.contains("PRIVSITE_"), "{written} needs no variable");
        assert!(text.contains("public"), "{written} publishes public/");
    }
}

#[test]
fn dir_publishing_what_is_live_already_changes_nothing() {
    let site = Site::released();
    let target = format!("dir:{}", site.path("www").display());
    site.run(&["publish", "--target", &target, "--date", "2024-02-01"]).ok();
    let live = std::fs::read_link(site.path("www")).unwrap();
    let run = site.run(&["publish", "--target", &target, "--date", "2024-02-01"]).ok();
    assert!(run.stderr.contains("is up to date"), "{}", run.stderr);
    assert_eq!(std::fs::read_link(site.path("www")).unwrap(), live, "no new release");
    // Anything the site is made from, changed: a new release.
    release_one_section(&site);
    let run = site.run(&["publish", "--target", &target, "--date", "2024-02-01"]).ok();
    assert!(run.stderr.contains("Published"), "{}", run.stderr);
    assert_ne!(std::fs::read_link(site.path("www")).unwrap(), live);
}
