//! `privsite notify` against a real SMTP server on loopback: aiosmtpd, started
//! per test by tests/smtp/server.py, which parses every message it accepts
//! with Python's `email` package. The server refuses, delays, drops and pauses
//! on command, so the fault tests exercise the real client against a real
//! server.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::support::{Run, Site, section};

/// 2024-03-15 12:00 UTC: "today" for every notify run here.
const TODAY: &str = "1710504000";
const SECRET: &str = "unsubscribe-secret-for-tests";

struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

fn aiosmtpd_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

impl Server {
    /// Starts the server, or returns `None` with a notice when python3 or
    /// aiosmtpd is missing — except under CI, where that is a failure.
    fn start(extra: &[&str]) -> Option<Server> {
        if !aiosmtpd_available() {
            assert!(
                std::env::var_os("CI").is_none(),
                "the SMTP tests need python3 with aiosmtpd (`pip install aiosmtpd`); under CI they must run"
            );
            // Written to the stream itself, not through eprintln!, so that the
            // test harness does not swallow the notice of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: python3 with aiosmtpd not found, so this SMTP test did not run (`pip install aiosmtpd`)"
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let log = std::fs::File::create(dir.path().join("server.err")).unwrap();
        let mut child = Command::new("python3")
            .arg(script)
            .arg(dir.path())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| {
            panic!(
                "the SMTP server did not start: {}",
                std::fs::read_to_string(dir.path().join("server.err")).unwrap_or_default()
            )
        });
        Some(Server { child, port, dir })
    }

    fn rules(&self, rules: Value) {
        std::fs::write(self.dir.path().join("rules.json"), rules.to_string()).unwrap();
    }

    /// Every accepted message, as the server's MIME parser read it, in order.
    fn messages(&self) -> Vec<Value> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path().join("msgs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files.iter().map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()).collect()
    }

    /// How many messages each recipient got.
    fn count(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for m in self.messages() {
            for to in m["rcpt_tos"].as_array().unwrap() {
                *counts.entry(to.as_str().unwrap().to_lowercase()).or_insert(0) += 1;
            }
        }
        counts
    }

    fn refused(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("refused.log")).unwrap_or_default()
    }

    fn smtp(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every accepted message from DIR/accepted.log: (time stored, recipient).
    /// Read while the server writes, so a last line without its newline is
    /// not complete yet and does not count.
    fn accepted(&self) -> Vec<(f64, String)> {
        let text = std::fs::read_to_string(self.dir.path().join("accepted.log")).unwrap_or_default();
        text.split_inclusive('\n')
            .filter_map(|l| l.strip_suffix('\n'))
            .map(|l| {
                let (at, to) = l.split_once('\t').unwrap();
                (at.parse().unwrap(), to.to_lowercase())
            })
            .collect()
    }

    /// The commands the server read (`--record`): (connection, command, lines waiting behind it).
    fn conversation(&self) -> Vec<(u64, String, Vec<String>)> {
        let text = std::fs::read_to_string(self.dir.path().join("conversation.jsonl")).unwrap();
        text.lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                let pending = v["pending"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().into());
                (v["conn"].as_u64().unwrap(), v["command"].as_str().unwrap().to_string(), pending.collect())
            })
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(message: &'a Value, name: &str) -> &'a str {
    message["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(name))
        .and_then(|h| h[1].as_str())
        .unwrap_or_else(|| panic!("no {name} header in {}", message["raw"]))
}

fn has_header(message: &Value, name: &str) -> bool {
    message["headers"].as_array().unwrap().iter().any(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(name))
}

fn message_to<'a>(messages: &'a [Value], address: &str) -> &'a Value {
    messages
        .iter()
        .find(|m| m["rcpt_tos"][0] == address)
        .unwrap_or_else(|| panic!("nothing arrived for {address}"))
}

/// The basic fixture, released, with a `[mail]` table and this subscriber list.
fn mail_site(smtp: Option<&str>, subscribers: &str, extra: &str) -> Site {
    let site = Site::released();
    let config =
        site.read("privsite.toml").replace("https://privacy.test.example/", "https://example.test/legal/");
    let smtp = smtp.map_or(String::new(), |s| format!("smtp = \"{s}\"\n"));
    site.write(
        "privsite.toml",
        &format!(
            "{config}\n[mail]\nfrom = \"Test AG <privacy@test.example>\"\n{smtp}subscribers = \"subscribers.csv\"\n{extra}"
        ),
    );
    site.write("subscribers.csv", subscribers);
    site
}

fn notify_command(site: &Site, args: &[&str]) -> Command {
    let mut cmd = site.command(&[&["notify"], args].concat());
    cmd.env("SOURCE_DATE_EPOCH", TODAY)
        .env("PRIVSITE_RETRY_DELAY_MS", "20")
        .env("PRIVSITE_UNSUBSCRIBE_SECRET", SECRET)
        .env_remove("PRIVSITE_SMTP_USER")
        .env_remove("PRIVSITE_SMTP_PASSWORD");
    cmd
}

fn notify(site: &Site, args: &[&str]) -> Run {
    site.finish(notify_command(site, args))
}

fn token(address: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(address.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Releases v2 of `policy` (major) on 2024-03-01, in effect from 2024-04-01.
fn release_v2(site: &Site) {
    for (lang, title, body) in [
        ("de", "Daten", "Wir speichern nichts mehr."),
        ("en", "Data", "We store nothing any more."),
        ("sv", "Uppgifter", "Vi sparar ingenting längre."),
    ] {
        site.write(&format!("content/policy/20-data.{lang}.md"), &section(title, body));
    }
    for (lang, title, note) in [
        ("de", "Weniger Daten", "Wir speichern Ihre E-Mail-Adresse nicht mehr."),
        ("en", "Less data", "We no longer store your e-mail address."),
        ("sv", "Mindre data", "Vi sparar inte längre din e-postadress."),
    ] {
        site.write(
            &format!("content/policy/_release.{lang}.md"),
            &format!("+++\ntitle = \"{title}\"\n+++\n- {note} See the [terms](../terms/).\n"),
        );
    }
    site.mark_all();
    site.run(&["release", "policy", "--major", "--date", "2024-03-01", "--effective", "2024-04-01"]).ok();
}

const THREE: &str =
    "email,language,name\nanna@example.com,en,Anna Berg\nbo@example.com,sv,\ncarl@example.com,de,Carl Größ\n";

#[test]
fn notices_arrive_in_each_language_with_every_header_and_absolute_links() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    let site = mail_site(
        Some(&server.smtp()),
        THREE,
        "unsubscribe = \"https://example.test/unsubscribe?e={email}&t={token}\"\n",
    );
    release_v2(&site);
    let run = notify(&site, &["policy"]).ok();
    assert!(
        run.stderr.contains("policy v2: 3 sent, 0 skipped as already sent, 0 failed, 0 unknown"),
        "{}",
        run.stderr
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 3);
    let base = "https://example.test/legal/";
    let cases = [
        (
            "anna@example.com",
            "en",
            "Privacy policy: material change (version 2)",
            "Hello Anna Berg,",
            "The new version (version 2) will take effect on April 1, 2024.",
        ),
        (
            "bo@example.com",
            "sv",
            "Integritetspolicy: väsentlig ändring (version 2)",
            "Hej,",
            "Den nya versionen (version 2) börjar gälla den 1 april 2024.",
        ),
        (
            "carl@example.com",
            "de",
            "Datenschutzerklärung: wesentliche Änderung (Version 2)",
            "Guten Tag Carl Größ,",
            "Die neue Fassung (Version 2) tritt am 1. April 2024 in Kraft.",
        ),
    ];
    let mut ids = Vec::new();
    for (address, lang, subject, greeting, effective) in cases {
        let m = message_to(&messages, address);
        assert_eq!(m["mail_from"], "privacy@test.example");
        assert_eq!(m["content_type"], "multipart/alternative");
        assert_eq!(m["parts"], serde_json::json!(["text/plain", "text/html"]));
        assert_eq!(header(m, "Subject"), subject);
        assert_eq!(header(m, "From"), "Test AG <privacy@test.example>");
        assert!(header(m, "To").ends_with(&format!("<{address}>")) || header(m, "To") == address);
        assert_eq!(header(m, "Content-Language"), lang);
        assert_eq!(header(m, "Auto-Submitted"), "auto-generated");
        assert_eq!(header(m, "List-Id"), "<policy.example.test>");
        assert_eq!(header(m, "List-Archive"), format!("<{base}{lang}/policy/history/>"));
        let encoded = address.replace('@', "%40");
        assert_eq!(
            header(m, "List-Unsubscribe"),
            format!("<https://example.test/unsubscribe?e={encoded}&t={}>", token(address))
        );
        assert_eq!(header(m, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
        let date = chrono::DateTime::parse_from_rfc2822(header(m, "Date")).unwrap();
        let age = chrono::Utc::now().signed_duration_since(date);
        assert!(age.num_minutes().abs() < 10, "Date is now: {date}");
        let id = header(m, "Message-ID").to_string();
        assert!(id.starts_with("<policy.v2.") && id.ends_with("@example.test>"), "{id}");
        ids.push(id);

        let text = m["text"].as_str().unwrap();
        let html = m["html"].as_str().unwrap();
        assert!(text.starts_with(greeting), "{text}");
        assert!(text.contains(effective), "{text}");
        assert!(html.contains(effective), "{html}");
        let version = format!("{base}{lang}/policy/v2/");
        let changes = format!("{base}{lang}/policy/v2/changes/");
        assert!(text.contains(&format!("\n{version}\n")), "{text}");
        assert!(text.contains(&format!("\n{changes}\n")), "{text}");
        assert!(html.contains(&format!("<a href=\"{version}\">")), "{html}");
        assert!(html.contains(&format!("<a href=\"{changes}\">")), "{html}");
        // The release notes: Markdown in the text part, HTML with absolute links.
        assert!(html.contains("<li>"), "{html}");
        assert!(html.contains(&format!("href=\"{base}{lang}/terms/\"")), "{html}");
        // Fluent's bidi isolation marks never reach a subject or the text.
        for s in [subject, text, header(m, "Subject")] {
            assert!(!s.contains(['\u{2068}', '\u{2069}']), "{s:?}");
        }
        let binding = format!("{base}de/policy/v2/");
        if lang == "de" {
            assert!(!text.contains("deutsche"), "no translation notice in German");
        } else {
            assert!(text.contains(&binding), "German-prevails link: {text}");
            assert!(html.contains(&format!("href=\"{binding}\"")), "{html}");
        }
    }
    let en = message_to(&messages, "anna@example.com");
    let text = en["text"].as_str().unwrap();
    assert!(text.contains("Less data"), "{text}");
    assert!(text.contains("We no longer store your e-mail address."));
    assert!(text.contains("in case of doubt, the German text prevails"));
    assert!(!text.contains("&amp;") && !text.contains("&lt;"), "the text part is not HTML-escaped");
    let sv = message_to(&messages, "bo@example.com")["text"].as_str().unwrap();
    assert!(sv.contains("vid tveksamhet gäller texten på tyska"), "{sv}");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one Message-ID per recipient");

    // v1 took effect in the past: said as such.
    notify(&site, &["policy", "--version", "1"]).ok();
    let v1 = server.messages();
    let v1 = &v1[3..];
    let en = message_to(v1, "anna@example.com");
    assert!(
        en["text"].as_str().unwrap().contains("has been in effect since January 10, 2024."),
        "{}",
        en["text"]
    );
    assert_eq!(header(en, "Subject"), "Privacy policy: material change (version 1)");
}

#[test]
fn transient_refusals_are_retried_and_delivered_once() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    server.rules(serde_json::json!({"tempfail": {"bo@example.com": 2}}));
    let site = mail_site(Some(&server.smtp()), THREE, "");
    let run = notify(&site, &["policy"]).ok();
    assert!(run.stderr.contains("3 sent"), "{}", run.stderr);
    assert_eq!(server.refused().matches("bo@example.com\t451").count(), 2);
    let counts = server.count();
    assert_eq!(counts.values().copied().collect::<Vec<_>>(), [1, 1, 1]);
    assert!(site.read("notices/policy/v1.log").contains("sent\tbo@example.com\t"));
    // Without an unsubscribe template there are no unsubscribe headers.
    assert!(!has_header(&server.messages()[0], "List-Unsubscribe"));
}

#[test]
fn a_connection_closed_before_the_data_is_retried_at_once_on_a_new_one() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    server.rules(serde_json::json!({"drop_at_rcpt": {"bo@example.com": 1}}));
    let site = mail_site(Some(&server.smtp()), THREE, "");
    let started = Instant::now();
    let mut cmd = notify_command(&site, &["policy"]);
    // A retry that waited for the backoff would take a minute.
    cmd.env("PRIVSITE_RETRY_DELAY_MS", "60000");
    let run = site.finish(cmd).ok();
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
    assert!(run.stderr.contains("3 sent"), "{}", run.stderr);
    assert_eq!(server.count().values().copied().collect::<Vec<_>>(), [1, 1, 1]);
}

#[test]
fn permanent_refusals_are_reported_and_the_others_delivered() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    server.rules(serde_json::json!({
        "permfail": ["gone@example.com"],
        "tempfail": {"busy@example.com": 99},
    }));
    let list = "email,language\nanna@example.com,en\ngone@example.com,de\nbusy@example.com,sv\ncarl@example.com,de\n";
    let site = mail_site(Some(&server.smtp()), list, "");
    let run = notify(&site, &["policy"]).fails();
    assert!(run.stderr.contains("2 sent, 0 skipped as already sent, 2 failed"), "{}", run.stderr);
    assert!(
        run.stderr.contains("gone@example.com did not get the notice: 550 5.1.1 No such user here"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("subscribers.csv:3:1"), "{}", run.stderr);
    assert!(
        run.stderr.contains("busy@example.com did not get the notice: 451")
            && run.stderr.contains("still refused after 5 attempts"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("subscribers.csv:4:1"), "{}", run.stderr);
    let counts = server.count();
    assert_eq!(counts.get("anna@example.com"), Some(&1));
    assert_eq!(counts.get("carl@example.com"), Some(&1));
    assert_eq!(counts.len(), 2);

    // Run again: the delivered ones are skipped, the failures tried and reported again.
    let run = notify(&site, &["policy"]).fails();
    assert!(run.stderr.contains("0 sent, 2 skipped as already sent, 2 failed"), "{}", run.stderr);
    assert_eq!(server.count().len(), 2);
    assert_eq!(server.count().get("anna@example.com"), Some(&1));
}

#[test]
fn a_run_killed_part_way_through_500_resumes_without_duplicates() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    // The server answers 200 messages, then leaves the next MAIL hanging: the
    // run is killed while it waits, as a run killed mid-list would be.
    server.rules(serde_json::json!({"pause_after": 200}));
    let mut list = String::from("email,language\n");
    for i in 0..500 {
        list.push_str(&format!("user{i:03}@example.com,{}\n", ["de", "en", "sv"][i % 3]));
    }
    let site = mail_site(Some(&server.smtp()), &list, "");
    let mut child =
        notify_command(&site, &["policy"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let paused = server.dir.path().join("paused");
    let started = Instant::now();
    while !paused.exists() {
        assert!(started.elapsed() < Duration::from_secs(120), "the server never paused");
        assert!(child.try_wait().unwrap().is_none(), "notify ended before it was killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The messages already past MAIL on the other connections finish and are recorded.
    while site.read("notices/policy/v1.log").matches("\nsent\t").count() < 200 {
        assert!(started.elapsed() < Duration::from_secs(120), "the 200 were never all recorded");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(server.messages().len(), 200);
    let log = site.read("notices/policy/v1.log");
    assert_eq!(log.matches("\nsent\t").count(), 200, "{log}");

    let run = notify(&site, &["policy"]).ok();
    assert!(
        run.stderr.contains("300 sent, 200 skipped as already sent, 0 failed, 0 unknown"),
        "{}",
        run.stderr
    );
    let counts = server.count();
    assert_eq!(counts.len(), 500, "every subscriber got the notice");
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
}

#[test]
fn ctrl_c_finishes_and_records_the_message_in_flight() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    // The server stores each message, then takes 300 ms to say 250: the
    // interrupt arrives while the client waits for that answer.
    server.rules(serde_json::json!({"slow_data_ms": 300}));
    let mut list = String::from("email,language\n");
    for i in 0..10 {
        list.push_str(&format!("user{i}@example.com,en\n"));
    }
    let site = mail_site(Some(&server.smtp()), &list, "");
    let child =
        notify_command(&site, &["policy"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let msgs = server.dir.path().join("msgs");
    let started = Instant::now();
    while std::fs::read_dir(&msgs).unwrap().count() == 0 {
        assert!(started.elapsed() < Duration::from_secs(60), "nothing arrived");
        std::thread::sleep(Duration::from_millis(10));
    }
    let interrupted = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(interrupted.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let stored = server.messages().len();
    let log = site.read("notices/policy/v1.log");
    assert!(stored < 10, "stopped early");
    assert_eq!(log.matches("\nsent\t").count(), stored, "every message the server took is recorded: {log}");

    server.rules(serde_json::json!({}));
    notify(&site, &["policy"]).ok();
    let counts = server.count();
    assert_eq!(counts.len(), 10);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
}

#[test]
fn a_connection_lost_after_the_data_is_unknown_and_resent_only_when_asked() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    server.rules(serde_json::json!({"drop_after_data": {"bo@example.com": 1}}));
    let site = mail_site(Some(&server.smtp()), THREE, "");
    let run = notify(&site, &["policy"]).fails();
    assert!(run.stderr.contains("2 sent, 0 skipped as already sent, 0 failed, 1 unknown"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown whether bo@example.com got the notice"), "{}", run.stderr);
    assert!(run.stderr.contains("--resend-unknown"), "{}", run.stderr);
    assert!(site.read("notices/policy/v1.log").contains("\nunknown\tbo@example.com\t"));
    assert_eq!(server.count().values().sum::<usize>(), 3, "the server has it");

    let run = notify(&site, &["policy"]).fails();
    assert!(run.stderr.contains("0 sent, 2 skipped as already sent, 0 failed, 1 unknown"), "{}", run.stderr);
    assert_eq!(server.count()["bo@example.com"], 1, "not resent unasked");

    let run = notify(&site, &["policy", "--resend-unknown"]).ok();
    assert!(run.stderr.contains("1 sent, 2 skipped"), "{}", run.stderr);
    let to_bo: Vec<_> =
        server.messages().into_iter().filter(|m| m["rcpt_tos"][0] == "bo@example.com").collect();
    assert_eq!(to_bo.len(), 2);
    assert_eq!(
        header(&to_bo[0], "Message-ID"),
        header(&to_bo[1], "Message-ID"),
        "a resend is recognisably the same message"
    );
    assert_eq!(server.count()["anna@example.com"], 1);
}

#[test]
fn bad_rows_are_reported_with_their_line_and_never_sent() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    let list = "email,language\nanna@example.com,en\nnot an address,de\nxavier@example.com,x1\ncarl@example.com,de\nfran@example.com,fr\n";
    let site = mail_site(Some(&server.smtp()), list, "");
    let run = notify(&site, &["policy"]).fails();
    let stderr = &run.stderr;
    assert!(stderr.contains("`not an address` is not a valid e-mail address"), "{stderr}");
    assert!(stderr.contains("subscribers.csv:3:1"), "{stderr}");
    assert!(stderr.contains("unknown language `x1`"), "{stderr}");
    assert!(stderr.contains("subscribers.csv:4:1"), "{stderr}");
    assert!(stderr.contains("use one of the site's languages: de, en, sv"), "{stderr}");
    // A language the site lacks is no mistake: the binding text is sent.
    assert!(
        stderr.contains("subscribers.csv:6:1: warning: the site has no `fr`: this subscriber gets the notice in `de`, the binding language"),
        "{stderr}"
    );
    assert!(stderr.contains("3 sent"), "{stderr}");
    assert_eq!(stderr.matches(": error:").count(), 2, "one error per broken row, no summary error: {stderr}");
    let counts = server.count();
    assert_eq!(
        counts.keys().collect::<Vec<_>>(),
        ["anna@example.com", "carl@example.com", "fran@example.com"]
    );
    let fran = message_to(&server.messages(), "fran@example.com").clone();
    assert_eq!(header(&fran, "Content-Language"), "de");
}

#[test]
fn an_unreachable_server_is_named_and_no_credential_is_shown() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let site = mail_site(Some(&format!("smtp://127.0.0.1:{port}")), THREE, "");
    let mut cmd = notify_command(&site, &["policy"]);
    cmd.env("PRIVSITE_SMTP_USER", "notifier-account").env("PRIVSITE_SMTP_PASSWORD", "hunter2-password");
    let run = site.finish(cmd).fails();
    assert!(
        run.stderr.contains(&format!("cannot connect to the SMTP server 127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("privsite.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("3 not attempted"), "{}", run.stderr);
    for secret in ["hunter2", "notifier-account"] {
        assert!(!run.stderr.contains(secret) && !run.stdout.contains(secret));
    }
    assert!(!site.read("notices/policy/v1.log").contains("\nsent\t"));
}

#[test]
fn a_tls_failure_stops_the_run_and_names_the_server() {
    let Some(server) = Server::start(&[]) else {
        return;
    };
    // The test server speaks neither implicit TLS nor STARTTLS.
    for url in [
        format!("smtps://127.0.0.1:{}", server.port),
        format!("smtp://127.0.0.1:{}?tls=starttls", server.port),
    ] {
        let site = mail_site(Some(&url), THREE, "");
        let run = notify(&site, &["policy"]).fails();
        assert!(
            run.stderr.contains(&format!("cannot connect to the SMTP server 127.0.0.1:{}", server.port)),
            "{url}: {}",
            run.stderr
        );
    }
    assert!(server.messages().is_empty(), "nothing went out unencrypted");
}

#[test]
fn refused_or_missing_credentials_stop_the_run() {
    let Some(server) = Server::start(&["--auth", "notifier:right-password"]) else {
        return;
    };
    let site = mail_site(Some(&server.smtp()), THREE, "");
    let mut cmd = notify_command(&site, &["policy"]);
    cmd.env("PRIVSITE_SMTP_USER", "notifier").env("PRIVSITE_SMTP_PASSWORD", "wrong-password");
    let run = site.finish(cmd).fails();
    assert!(run.stderr.contains("refused the credentials"), "{}", run.stderr);
    assert!(run.stderr.contains("PRIVSITE_SMTP_PASSWORD"), "{}", run.stderr);
    assert!(!run.stderr.contains("wrong-password"), "{}", run.stderr);
    assert!(server.messages().is_empty());

    let run = notify(&site, &["policy"]).fails();
    assert!(run.stderr.contains("wants authentication"), "{}", run.stderr);
    assert!(server.messages().is_empty());

    let mut cmd = notify_command(&site, &["policy"]);
    cmd.env("PRIVSITE_SMTP_USER", "notifier").env("PRIVSITE_SMTP_PASSWORD", "right-password");
    site.finish(cmd).ok();
    assert_eq!(server.messages().len(), 3);
}

#[test]
fn without_smtp_notices_go_to_an_outbox_and_a_dry_run_only_tells() {
    let site = mail_site(None, THREE, "");
    let run = notify(&site, &["policy", "--dry-run"]).ok();
    assert!(
        run.stdout
            .contains("would send\tanna@example.com\ten\tPrivacy policy: material change (version 1)\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("would send\tcarl@example.com\tde\t"));
    assert!(!site.path("notices").exists(), "a dry run writes nothing");

    let run = notify(&site, &["policy"]).ok();
    assert!(run.stderr.contains("Wrote 3 notices"), "{}", run.stderr);
    let eml = site.read("notices/policy/v1-outbox/carl@example.com.eml");
    assert!(eml.contains("\r\nContent-Language: de\r\n"), "{eml}");
    assert!(eml.contains("\r\nMIME-Version: 1.0\r\n"), "{eml}");

    // Mail templates are overridden like page templates.
    site.write("themes/default/templates/mail/notice.txt", "Custom notice for {{ email }}\n");
    notify(&site, &["policy", "--outbox", "out"]).ok();
    assert!(site.read("out/anna@example.com.eml").contains("Custom notice for anna@example.com"));
}

/// The peak resident memory of a run (VmHWM, polled while it runs), in KiB.
#[cfg(target_os = "linux")]
fn peak_kib(site: &Site, args: &[&str]) -> (Run, u64) {
    let mut child = notify_command(site, args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        let text = std::fs::read_to_string(&status).unwrap_or_default();
        let hwm = text
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        peak = peak.max(hwm.unwrap_or(0));
        std::thread::sleep(Duration::from_millis(5));
    }
    (crate::support::finish(child.wait_with_output().unwrap()), peak)
}

/// Issue 16: the list and the send log are read row by row, so memory does
/// not grow with them. 200,000 subscribers with a send log of 399,960
/// lines (all but 20 sent), against 20: the old reader held both whole and
/// grew by over 100 MiB; the index costs 24 bytes a subscriber.
#[cfg(target_os = "linux")]
#[test]
fn memory_stays_flat_over_200000_subscribers_and_their_send_log() {
    const N: usize = 200_000;
    const TODO: usize = 20;
    let address = |i: usize| format!("subscriber{i:07}@example.com");
    let mut list = String::from("email,language,name\n");
    let mut log = String::from("# privsite notify\n");
    for i in 0..N {
        list.push_str(&format!("{},{},Subscriber {i}\n", address(i), ["de", "en", "sv"][i % 3]));
        if i >= TODO {
            let a = address(i);
            log.push_str(&format!(
                "sending\t{a}\t2024-03-15T12:00:00Z\t<x>\t\nsent\t{a}\t2024-03-15T12:00:00Z\t<x>\t250 ok\n"
            ));
        }
    }
    let small = mail_site(None, &list[..list.match_indices('\n').nth(TODO).unwrap().0 + 1], "");
    let (run, base) = peak_kib(&small, &["policy", "--outbox", "out"]);
    assert!(run.stderr.contains(&format!("Wrote {TODO} notices")), "{}", run.stderr);

    let big = mail_site(None, &list, "");
    big.write("notices/policy/v1.log", &log);
    drop((list, log));
    let started = Instant::now();
    let (run, peak) = peak_kib(&big, &["policy", "--outbox", "out"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "Wrote {TODO} notices of policy v1 to out ({} skipped as already sent)",
            N - TODO
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(big.path("out")).unwrap().count(), TODO);
    assert!(big.path(&format!("out/{}.eml", address(0))).exists());
    assert!(!big.path(&format!("out/{}.eml", address(TODO))).exists(), "recorded as sent: skipped");
    let grown = peak.saturating_sub(base);
    assert!(
        grown < 16 * 1024,
        "{N} subscribers took {grown} KiB more than {TODO} ({peak} KiB against {base} KiB), in {:?}",
        started.elapsed()
    );
}

/// The text part shows the notes as text: list markers kept, no Markdown syntax.
#[test]
fn the_text_part_renders_the_notes_readably() {
    let site = mail_site(None, THREE, "");
    release_v2(&site);
    notify(&site, &["policy", "--outbox", "out"]).ok();
    let eml = site.read("out/anna@example.com.eml");
    // Quoted-printable: soft line breaks joined.
    let text = eml.split("Content-Type: text/html").next().unwrap().replace("=\r\n", "");
    assert!(text.contains("- We no longer store your e-mail address. See the terms"), "{eml}");
    assert!(text.contains("<https://example.test/legal/en/terms/>"), "{eml}");
    assert!(!text.contains("[terms](../terms/)"), "{eml}");
}

/// `[mail] signature` closes both parts with the sender's details.
#[test]
fn the_signature_closes_every_notice() {
    let extra = "signature = \"\"\"\nTest AG & Co. KG\nMusterstraße 1, 10115 Berlin\nHRB 12345 B\n\"\"\"\n";
    let site = mail_site(None, THREE, extra);
    notify(&site, &["policy", "--outbox", "out"]).ok();
    let eml = site.read("out/anna@example.com.eml").replace("=\r\n", "");
    let (text, html) = eml.split_once("Content-Type: text/html").unwrap();
    assert!(
        text.contains("--=20\r\nTest AG & Co. KG\r\nMusterstra=C3=9Fe 1, 10115 Berlin\r\nHRB 12345 B\r\n"),
        "{text}"
    );
    assert!(
        html.contains("Test AG &amp; Co. KG<br>Musterstra=C3=9Fe 1, 10115 Berlin<br>HRB 12345 B"),
        "{html}"
    );
}

/// Issue 17: the example, and so every `init`, sets `[mail] signature`: each
/// notice closes with the company's details, in each language, and the
/// example's own `[mail]` and subscriber list give no warning.
#[test]
fn the_example_signs_its_notices_in_every_language() {
    let site = Site::init();
    site.run(&["check", "--strict"]).ok();
    // v2 is the example's latest material change (v3 added summaries).
    let run = site.run(&["notify", "privacy-policy", "--version", "2", "--outbox", "out"]).ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("Wrote 3 notices"), "{}", run.stderr);
    for (address, lang) in [
        ("erika.mustermann@example.com", "de"),
        ("john.doe@example.com", "en"),
        ("sven.svensson@example.com", "sv"),
    ] {
        let eml = site.read(&format!("out/{address}.eml")).replace("=\r\n", "");
        assert!(eml.contains(&format!("\r\nContent-Language: {lang}\r\n")), "{eml}");
        let (text, html) = eml.split_once("Content-Type: text/html").unwrap();
        // Quoted-printable: the parts are compared on their ASCII words.
        let (country, director) = match lang {
            "de" => ("Deutschland", "Gesch"),
            "en" => ("Germany", "Managing director: Erika Mustermann"),
            _ => ("Tyskland", "Verkst"),
        };
        for part in [text, html] {
            assert!(part.contains("Beispiel Nordlicht GmbH"), "{lang}: {part}");
            assert!(part.contains("HRB 123456"), "{lang}: {part}");
            assert!(part.contains("20095 Hamburg"), "{lang}: {part}");
            assert!(part.contains(country) && part.contains(director), "{lang}'s own signature: {part}");
        }
    }
    // A site in fewer languages keeps only their example subscribers and signatures.
    let site = Site::init_with(&["--languages", "de,en"]);
    assert!(!site.read("privsite.toml").contains("Tyskland"));
    site.run(&["check", "--strict"]).ok();
    let run = site.run(&["notify", "privacy-policy", "--version", "2", "--dry-run"]).ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("2 would be sent"), "{}", run.stderr);
    // A signature for a language the site does not have is a mistake, named.
    let config = site.read("privsite.toml");
    site.write("privsite.toml", &config.replace("en = \"\"\"", "fr = \"\"\""));
    let run = site.run(&["check"]).fails();
    assert!(
        run.stderr.contains("`signature` has a text for `fr`, which is not a language of the site"),
        "{}",
        run.stderr
    );
}

/// A dry run or an outbox needs no secret: the links show a placeholder.
#[test]
fn an_outbox_without_the_unsubscribe_secret_shows_a_placeholder_token() {
    let extra = "unsubscribe = \"https://test.example/u?e={email}&t={token}\"\n";
    let site = mail_site(None, THREE, extra);
    let mut cmd = notify_command(&site, &["policy", "--outbox", "out"]);
    cmd.env_remove("PRIVSITE_UNSUBSCRIBE_SECRET");
    let run = site.finish(cmd).ok();
    assert!(
        run.stderr.contains("PRIVSITE_UNSUBSCRIBE_SECRET is not set: the unsubscribe links carry the token `PRIVSITE_UNSUBSCRIBE_SECRET-not-set`"),
        "{}",
        run.stderr
    );
    let eml = site.read("out/anna@example.com.eml");
    assert!(eml.contains("t=PRIVSITE_UNSUBSCRIBE_SECRET-not-set"), "{eml}");
    let mut cmd = notify_command(&site, &["policy", "--dry-run"]);
    cmd.env_remove("PRIVSITE_UNSUBSCRIBE_SECRET");
    site.finish(cmd).ok();
    // Sending still needs the real secret.
    let site = mail_site(Some("smtp://127.0.0.1:9"), THREE, extra);
    let mut cmd = notify_command(&site, &["policy"]);
    cmd.env_remove("PRIVSITE_UNSUBSCRIBE_SECRET");
    let run = site.finish(cmd).fails();
    assert!(run.stderr.contains("PRIVSITE_UNSUBSCRIBE_SECRET is not set"), "{}", run.stderr);
}

#[test]
fn minor_unknown_and_unconfigured_are_refused() {
    let site = mail_site(None, THREE, "");
    let run = notify(&site, &["nope", "--dry-run"]).fails();
    assert!(run.stderr.contains("unknown document `nope`"), "{}", run.stderr);
    let run = notify(&site, &["policy", "--version", "7", "--dry-run"]).fails();
    assert!(run.stderr.contains("policy has no version 7"), "{}", run.stderr);

    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu."));
    for lang in ["de", "en", "sv"] {
        site.write(&format!("content/policy/_release.{lang}.md"), "- x\n");
    }
    site.run(&["release", "policy", "--minor", "--date", "2024-02-01", "--allow-incomplete"]).ok();
    let run = notify(&site, &["policy", "--dry-run"]).fails();
    assert!(run.stderr.contains("policy v2 is a minor version"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    notify(&site, &["policy", "--dry-run", "--force"]).ok();

    let config = site.read("privsite.toml");
    let bare = &config[..config.find("[mail]").unwrap()];
    site.write("privsite.toml", bare);
    let run = notify(&site, &["policy", "--version", "1"]).fails();
    assert!(run.stderr.contains("no [mail] table"), "{}", run.stderr);
}

#[test]
fn a_document_missing_in_a_language_is_sent_in_the_authoritative_one() {
    let site = Site::fixture("basic");
    for f in ["_index", "10-scope", "_release"] {
        site.remove(&format!("content/terms/{f}.sv.md"));
    }
    site.run(&["release", "terms", "--major", "--date", "2024-01-10"]).ok();
    site.write(
        "privsite.toml",
        &format!(
            "{}\n[mail]\nfrom = \"privacy@test.example\"\nsubscribers = \"s.csv\"\n",
            site.read("privsite.toml")
        ),
    );
    site.write("s.csv", "email,language\nbo@example.com,sv\n");
    let run = notify(&site, &["terms", "--dry-run"]).ok();
    assert!(run.stdout.starts_with("would send\tbo@example.com\tde\t"), "{}", run.stdout);
    assert!(run.stdout.contains("wesentliche Änderung"), "{}", run.stdout);
}

/// `n` subscribers, `user00000@example.com` on, in the three languages.
fn many(n: usize) -> String {
    let mut list = String::from("email,language\n");
    for i in 0..n {
        list.push_str(&format!("user{i:05}@example.com,{}\n", ["de", "en", "sv"][i % 3]));
    }
    list
}

#[test]
fn pipelined_commands_travel_together_and_nothing_comes_between_messages() {
    for pipelining in [true, false] {
        let flags: &[&str] = if pipelining { &["--pipelining", "--record"] } else { &["--record"] };
        let Some(server) = Server::start(flags) else {
            return;
        };
        let site = mail_site(Some(&server.smtp()), &many(30), "connections = 3\n");
        let run = notify(&site, &["policy"]).ok();
        assert!(run.stderr.contains("30 sent, 0 skipped"), "{}", run.stderr);
        let talk = server.conversation();
        let mut by_conn: BTreeMap<u64, Vec<(String, Vec<String>)>> = BTreeMap::new();
        for (conn, command, pending) in talk {
            by_conn.entry(conn).or_default().push((command, pending));
        }
        assert_eq!(by_conn.len(), 3, "three connections: {by_conn:?}");
        for commands in by_conn.values() {
            let verbs: Vec<&str> = commands.iter().map(|(c, _)| c.split(' ').next().unwrap()).collect();
            // Greeting, then MAIL RCPT DATA per message and nothing else, then QUIT.
            assert_eq!(verbs[..2], ["EHLO", "EHLO"], "{verbs:?}");
            assert_eq!(verbs.last(), Some(&"QUIT"));
            let messages = &verbs[2..verbs.len() - 1];
            assert!(!messages.is_empty());
            for chunk in messages.chunks(3) {
                assert_eq!(chunk, ["MAIL", "RCPT", "DATA"], "{verbs:?}");
            }
            for (command, pending) in commands.iter().filter(|(c, _)| c.starts_with("MAIL")) {
                if pipelining {
                    // RCPT and DATA were sent before the server answered MAIL.
                    assert!(
                        pending.len() == 2 && pending[0].starts_with("RCPT TO:<") && pending[1] == "DATA",
                        "{command}: {pending:?}"
                    );
                } else {
                    assert!(pending.is_empty(), "without PIPELINING one command at a time: {pending:?}");
                }
            }
        }
        let counts = server.count();
        assert_eq!(counts.len(), 30);
        assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    }
}

#[test]
fn a_refused_recipient_in_a_pipeline_leaves_the_connection_usable() {
    let Some(server) = Server::start(&["--pipelining", "--record"]) else {
        return;
    };
    server.rules(serde_json::json!({"permfail": ["bo@example.com"], "tempfail": {"carl@example.com": 1}}));
    let site = mail_site(Some(&server.smtp()), THREE, "connections = 1\n");
    let run = notify(&site, &["policy"]).fails();
    assert!(run.stderr.contains("2 sent, 0 skipped as already sent, 1 failed"), "{}", run.stderr);
    assert!(run.stderr.contains("bo@example.com did not get the notice: 550"), "{}", run.stderr);
    let verbs: Vec<String> =
        server.conversation().into_iter().map(|(_, c, _)| c.split(' ').next().unwrap().to_string()).collect();
    // After a refusal in a pipeline: RSET, and the same connection goes on.
    assert_eq!(verbs.iter().filter(|v| *v == "EHLO").count(), 2, "one connection: {verbs:?}");
    assert_eq!(verbs.iter().filter(|v| *v == "RSET").count(), 2, "{verbs:?}");
    assert_eq!(server.count().len(), 2);
}

/// A small random number generator for kill points; the seed is printed.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn kills_at_random_moments_over_eight_connections_never_send_twice() {
    let Some(server) = Server::start(&["--raw", "--pipelining"]) else {
        return;
    };
    let n = 2000;
    let site = mail_site(Some(&server.smtp()), &many(n), "");
    let mut seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let _ = writeln!(std::io::stderr(), "kill points seeded with {seed}");
    // Ten random points of the list, in order; each run is killed a random
    // few milliseconds after the server has stored that many messages.
    let mut targets: Vec<usize> = (0..10).map(|_| xorshift(&mut seed) as usize % n).collect();
    targets.sort_unstable();
    let mut kills = 0;
    for target in targets {
        let mut child =
            notify_command(&site, &["policy"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let started = Instant::now();
        while server.accepted().len() < target && child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < Duration::from_secs(120), "stuck before {target}");
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(xorshift(&mut seed) % 30));
        if child.try_wait().unwrap().is_some() {
            continue;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
        let _ = writeln!(std::io::stderr(), "kill {kills} past {target}: {} stored", server.accepted().len());
    }
    assert!(kills >= 8, "the list was sent before the kills could land");
    let run = notify(&site, &["policy"]);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, to) in server.accepted() {
        *counts.entry(to).or_insert(0) += 1;
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    // A message whose data was on its way at the kill may or may not have
    // been stored; the log says `sending` with no answer, so it is reported
    // as unknown and never sent again. Everyone else got it exactly once.
    let missing: Vec<String> =
        (0..n).map(|i| format!("user{i:05}@example.com")).filter(|a| !counts.contains_key(a)).collect();
    for address in &missing {
        assert!(
            run.stderr.contains(&format!("unknown whether {address} got the notice")),
            "{address} never arrived and is not reported: {}",
            run.stderr
        );
    }
    let unknown = run.stderr.matches("unknown whether ").count();
    assert!(unknown <= kills * 8, "at most one message in flight per connection at each kill: {unknown}");
    let _ = writeln!(
        std::io::stderr(),
        "{kills} kills: {} received once, {unknown} unknown ({} of them never arrived)",
        counts.len(),
        missing.len()
    );
}

#[test]
fn a_rate_of_50_a_second_holds_over_2000_messages() {
    let Some(server) = Server::start(&["--raw", "--pipelining"]) else {
        return;
    };
    let site = mail_site(Some(&server.smtp()), &many(2000), "rate = \"50/s\"\n");
    notify(&site, &["policy"]).ok();
    let accepted = server.accepted();
    assert_eq!(accepted.len(), 2000);
    let span = accepted.last().unwrap().0 - accepted[0].0;
    let rate = 1999.0 / span;
    let _ = writeln!(std::io::stderr(), "rate = \"50/s\": {rate:.2} messages a second over {span:.1} s");
    assert!((47.5..=52.5).contains(&rate), "{rate:.2} a second");
}

#[test]
fn a_throttling_server_is_ridden_out_with_nothing_lost_or_doubled() {
    let Some(server) = Server::start(&["--raw", "--pipelining"]) else {
        return;
    };
    // Like SES past its quota: every MAIL refused for 2 s once 300 are in.
    server.rules(serde_json::json!({"throttle_after": 300, "throttle_ms": 2000}));
    let site = mail_site(Some(&server.smtp()), &many(1000), "");
    let run = notify(&site, &["policy"]).ok();
    assert!(
        run.stderr.contains("1000 sent, 0 skipped as already sent, 0 failed, 0 unknown"),
        "{}",
        run.stderr
    );
    assert!(server.refused().contains("454 Throttling failure"), "the server did throttle");
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, to) in server.accepted() {
        *counts.entry(to).or_insert(0) += 1;
    }
    assert_eq!(counts.len(), 1000);
    assert!(counts.values().all(|n| *n == 1));
    let refusals = server.refused().lines().count();
    // The whole run slowed down: far fewer refusals than a blind retry of
    // every message by every connection would have drawn.
    assert!(refusals < 200, "{refusals} refusals");
}

/// A test CA and a certificate for 127.0.0.1 signed by it, written to `dir`:
/// `ca.pem`, `cert.pem` and `key.pem`.
fn test_ca(dir: &Path) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "privsite test CA");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
    leaf.distinguished_name.push(DnType::CommonName, "smtp.test");
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    std::fs::write(dir.join("ca.pem"), ca_cert.pem()).unwrap();
    std::fs::write(dir.join("cert.pem"), cert.pem()).unwrap();
    std::fs::write(dir.join("key.pem"), key.serialize_pem()).unwrap();
}

#[test]
fn starttls_and_smtps_deliver_with_a_company_ca() {
    let certs = tempfile::tempdir().unwrap();
    test_ca(certs.path());
    let file = |name: &str| certs.path().join(name).to_str().unwrap().to_string();
    for (flag, url) in
        [("--starttls", "smtp://127.0.0.1:{}?tls=starttls"), ("--smtps", "smtps://127.0.0.1:{}")]
    {
        let Some(server) = Server::start(&[flag, &file("cert.pem"), &file("key.pem")]) else {
            return;
        };
        let url = url.replace("{}", &server.port.to_string());
        let site = mail_site(Some(&url), THREE, "");
        // Without the CA the certificate is unknown: nothing goes out.
        let run = notify(&site, &["policy"]).fails();
        assert!(run.stderr.contains("cannot connect to the SMTP server"), "{url}: {}", run.stderr);
        assert!(server.messages().is_empty());

        let mut cmd = notify_command(&site, &["policy"]);
        cmd.env("PRIVSITE_SMTP_CA_FILE", file("ca.pem"));
        let run = site.finish(cmd).ok();
        assert!(run.stderr.contains("3 sent, 0 skipped"), "{url}: {}", run.stderr);
        assert_eq!(server.count().len(), 3, "{url}");
    }
}

#[test]
fn an_unreadable_ca_file_is_named() {
    let site = mail_site(Some("smtps://127.0.0.1:1"), THREE, "");
    site.write("not-a-cert.pem", "hello\n");
    for (path, says) in [("missing.pem", "missing.pem"), ("not-a-cert.pem", "holds no PEM certificate")] {
        let mut cmd = notify_command(&site, &["policy"]);
        cmd.env("PRIVSITE_SMTP_CA_FILE", site.path(path));
        let run = site.finish(cmd).fails();
        assert!(run.stderr.contains(says), "{}", run.stderr);
        assert!(run.stderr.contains("PRIVSITE_SMTP_CA_FILE"), "{}", run.stderr);
    }
}
