//! A killed command leaves the old state or the new one (SPEC §7): kills at
//! chosen instants through the test-only fault hook (`PRIVSITE_FAULT=<step>`
//! aborts there), then kills at random instants, 20 per command. What a kill
//! leaves behind is reported by `check` and cleaned up by the next command.

#![cfg(unix)]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support::{Run, Site, section};

const DATE: &str = "2024-06-01";

fn with_fault(site: &Site, args: &[&str], step: &str) -> Run {
    let run = site.run_env(args, &[("PRIVSITE_FAULT", step), ("PRIVSITE_UNSUBSCRIBE_SECRET", "s")]);
    assert_ne!(run.status, 0, "{step} was reached: {}", run.stderr);
    assert_ne!(run.status, 1, "aborted at {step}, not failed: {}", run.stderr);
    run
}

/// Names in the site root and below `versions/` and `content/` that a killed command leaves.
fn leftovers(site: &Site) -> Vec<String> {
    walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().strip_prefix(site.root()).unwrap().to_string_lossy().into_owned())
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name.starts_with(".public.new-")
                || name.starts_with(".public.old-")
                || name.starts_with(".release-")
                || name.ends_with(".tmp")
        })
        .collect()
}

/// A released, marked site with one more edit, ready for build.
fn site() -> Site {
    let site = Site::released().with_pdfs();
    site.mark_all();
    site
}

#[test]
fn build_killed_before_and_after_the_switch_leaves_a_complete_public() {
    let site = site();
    site.run(&["build", "--date", DATE]).ok();
    let old = site.snapshot("public");
    site.write("themes/default/static/extra.txt", "new file");

    with_fault(&site, &["build", "--date", DATE], "write:staged");
    assert_eq!(site.snapshot("public"), old, "killed before the switch: the old output");
    assert!(!leftovers(&site).is_empty(), "the staging folder is left");
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("left over from a build that was cut short"), "{}", check.stderr);

    with_fault(&site, &["build", "--date", DATE], "write:switched");
    let new = site.snapshot("public");
    assert!(new.iter().any(|(p, _)| p == "extra.txt"), "killed after the switch: the new output");
    site.run(&["build", "--date", DATE]).ok();
    assert_eq!(site.snapshot("public"), new, "the same build, whole");
    assert_eq!(leftovers(&site), Vec::<String>::new(), "cleaned up by the next build");
    assert!(site.path("public").is_dir() && !site.path("public").is_symlink(), "public/ stays a folder");
}

#[test]
fn release_killed_before_its_version_is_in_place_makes_no_version() {
    let site = site();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu gefasst."));
    site.write("content/policy/_release.de.md", "+++\ntitle = \"Neu\"\n+++\nNeu gefasst.\n");
    let args = ["release", "policy", "--minor", "--date", DATE, "--allow-incomplete"];
    with_fault(&site, &args, "release:staged");
    assert!(!site.path("versions/policy/v2").exists());
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("left over from a release that was cut short"), "{}", check.stderr);
    site.run(&args).ok();
    assert!(site.path("versions/policy/v2/version.toml").is_file());
    assert_eq!(leftovers(&site), Vec::<String>::new(), "the next release removed the staging folder");
}

#[test]
fn release_killed_before_removing_its_notes_never_uses_them_twice() {
    let site = site();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu gefasst."));
    site.write("content/policy/_release.de.md", "+++\ntitle = \"Neu\"\n+++\nNeu gefasst.\n");
    let args = ["release", "policy", "--minor", "--date", DATE, "--allow-incomplete"];
    with_fault(&site, &args, "release:placed");
    assert!(site.path("versions/policy/v2/version.toml").is_file(), "v2 is whole");
    assert!(site.path("content/policy/_release.de.md").is_file(), "its notes stayed");
    let said = "these release notes are those of v2 already";
    for command in ["check", "status"] {
        let run = site.run(&[command]).ok();
        assert!(
            run.stderr.contains(said) && run.stderr.contains("content/policy/_release.de.md"),
            "{command}: {}",
            run.stderr
        );
    }
    site.write("content/policy/20-data.de.md", &section("Daten", "Weiter geändert."));
    let run = site.run(&args).fails();
    assert!(run.stderr.contains(said), "{}", run.stderr);
    assert!(!site.path("versions/policy/v3").exists());
}

#[test]
fn mark_translated_killed_before_its_rename_leaves_the_file_whole() {
    let site = site();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu gefasst."));
    let before = site.read("content/policy/10-intro.en.md");
    with_fault(&site, &["mark-translated", "en", "policy/intro"], "mark:written");
    assert_eq!(site.read("content/policy/10-intro.en.md"), before);
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("left over from a `mark-translated`"), "{}", check.stderr);
    site.run(&["mark-translated", "en", "policy/intro"]).ok();
    assert_ne!(site.read("content/policy/10-intro.en.md"), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn publish_killed_before_its_switch_leaves_the_live_release() {
    let site = site();
    site.run(&["publish", "--target", "dir:www", "--date", DATE]).ok();
    let live = site.snapshot("www");
    site.write("themes/default/static/extra.txt", "new file");
    with_fault(&site, &["publish", "--target", "dir:www", "--date", DATE], "publish:written");
    assert_eq!(site.snapshot("www"), live);
    site.run(&["publish", "--target", "dir:www", "--date", DATE]).ok();
    assert!(site.path("www/extra.txt").is_file());
}

#[test]
fn two_writers_at_once_one_is_refused_naming_the_lock() {
    let site = site();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(site.path(".privsite.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    for args in [
        &["release", "policy", "--minor", "--allow-incomplete"][..],
        &["publish", "--target", "dir:www"],
        &["build"],
        &["mark-translated", "en", "policy"],
    ] {
        let run = site.run(args).fails();
        assert!(
            run.stderr.contains(".privsite.lock") && run.stderr.contains("wait for it"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(!site.path("www").exists() && !site.path("public").exists());
    drop(lock);
    site.run(&["build"]).ok();
}

/// A small xorshift generator, seeded from the clock (the seed is printed).
struct Random(u64);

impl Random {
    fn new(what: &str) -> Random {
        let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
        eprintln!("{what}: random kills with seed {seed}");
        Random(seed)
    }

    fn below(&mut self, n: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        n.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

/// Runs `args` to the end once (to learn how long it takes), then `rounds`
/// times killed at a random instant within that time, calling `after` after
/// each kill.
fn kill_randomly(
    site: &Site,
    args: &[&str],
    rounds: usize,
    mut before: impl FnMut(usize),
    mut after: impl FnMut(usize),
) {
    let mut random = Random::new(&args.join(" "));
    before(0);
    let started = Instant::now();
    let full = site.finish(site.command(args));
    assert!(full.status == 0 || full.status == 1, "{}", full.stderr);
    let span = started.elapsed();
    after(0);
    for round in 1..=rounds {
        before(round);
        let mut child = site
            .command(args)
            .env("PRIVSITE_UNSUBSCRIBE_SECRET", "s")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(random.below(span));
        let _ = child.kill();
        let _ = child.wait();
        after(round);
    }
}

#[test]
fn build_killed_at_random_instants_always_leaves_a_complete_public() {
    let site = site();
    site.run(&["build", "--date", DATE]).ok();
    let whole = site.snapshot("public");
    kill_randomly(
        &site,
        &["build", "--date", DATE],
        20,
        |_| {},
        |round| {
            assert_eq!(site.snapshot("public"), whole, "round {round}: public/ complete");
        },
    );
    site.run(&["build", "--date", DATE]).ok();
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn publish_killed_at_random_instants_always_leaves_a_complete_live_release() {
    let site = site();
    site.run(&["publish", "--target", "dir:www", "--date", DATE]).ok();
    let whole = site.snapshot("www");
    kill_randomly(
        &site,
        &["publish", "--target", "dir:www", "--date", DATE],
        20,
        |_| {},
        |round| {
            assert_eq!(site.snapshot("www"), whole, "round {round}: the live release complete");
        },
    );
}

#[test]
fn release_killed_at_random_instants_leaves_a_whole_version_or_none() {
    let site = site();
    let args = ["release", "policy", "--minor", "--date", DATE, "--allow-incomplete"];
    kill_randomly(
        &site,
        &args,
        20,
        |round| {
            site.write("content/policy/10-intro.de.md", &section("Einleitung", &format!("Fassung {round}.")));
            site.write(
                "content/policy/_release.de.md",
                &format!("+++\ntitle = \"Runde {round}\"\n+++\nRunde {round}.\n"),
            );
        },
        |round| {
            // Every version folder is whole and verified; any notes left over are reported.
            let check = site.run(&["check"]);
            assert_eq!(check.status, 0, "round {round}:\n{}", check.stderr);
            if check.stderr.contains("those of v") {
                for lang in ["de", "en", "sv"] {
                    let _ = std::fs::remove_file(site.path(&format!("content/policy/_release.{lang}.md")));
                }
            }
        },
    );
    site.run(&["build", "--date", DATE]).ok();
}

#[test]
fn mark_translated_killed_at_random_instants_leaves_every_file_whole() {
    let site = site();
    let args = ["mark-translated", "en", "policy"];
    kill_randomly(
        &site,
        &args,
        20,
        |round| {
            for file in ["10-intro", "20-data", "30-rights"] {
                let path = format!("content/policy/{file}.de.md");
                site.write(&path, &section("Abschnitt", &format!("Fassung {round} von {file}.")));
            }
        },
        |round| {
            let check = site.run(&["check"]);
            assert_eq!(check.status, 0, "round {round}: every file parses\n{}", check.stderr);
        },
    );
    site.run(&args).ok();
    assert_eq!(leftovers(&site), Vec::<String>::new(), "the last run cleaned up");
}

#[test]
fn notify_killed_at_random_instants_sends_each_notice_once_in_the_end() {
    let site = site();
    let config = site.read("privsite.toml");
    site.write(
        "privsite.toml",
        &format!(
            "{config}\n[mail]\nfrom = \"Test AG <privacy@test.example>\"\nsubscribers = \"subscribers.csv\"\n"
        ),
    );
    let list: String = (0..40).map(|i| format!("user{i}@example.com,en\n")).collect();
    site.write("subscribers.csv", &format!("email,language\n{list}"));
    let args = ["notify", "policy", "--outbox", "out"];
    kill_randomly(
        &site,
        &args,
        20,
        |_| {},
        |round| {
            let run =
                site.run_env(&["notify", "policy", "--dry-run"], &[("PRIVSITE_UNSUBSCRIBE_SECRET", "s")]);
            assert_eq!(run.status, 0, "round {round}: the send log reads\n{}", run.stderr);
        },
    );
    // The rounds went on from where the last one stopped; one more run finishes.
    site.run_env(&args, &[("PRIVSITE_UNSUBSCRIBE_SECRET", "s")]).ok();
    let written: Vec<_> = std::fs::read_dir(site.path("out")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(written.len(), 40);
    for eml in written {
        let text = std::fs::read_to_string(&eml).unwrap();
        assert!(
            text.contains("MIME-Version: 1.0") && text.trim_end().ends_with("--"),
            "{} is whole",
            eml.display()
        );
    }
}

#[test]
fn two_releases_started_together_make_one_version() {
    let site = site();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu gefasst."));
    site.write("content/policy/_release.de.md", "- Neu\n");
    let args = ["release", "policy", "--minor", "--date", DATE, "--allow-incomplete"];
    let children: Vec<_> =
        (0..2).map(|_| site.command(&args).stderr(std::process::Stdio::piped()).spawn().unwrap()).collect();
    let runs: Vec<_> =
        children.into_iter().map(|c| crate::support::finish(c.wait_with_output().unwrap())).collect();
    let ok = runs.iter().filter(|r| r.status == 0).count();
    assert_eq!(ok, 1, "{:?}", runs.iter().map(|r| &r.stderr).collect::<Vec<_>>());
    let refused = runs.iter().find(|r| r.status != 0).unwrap();
    assert_eq!(refused.status, 1);
    // Refused by the lock while the other runs, or, started after it, by what it left.
    eprintln!("the second release: {}", refused.stderr.lines().next().unwrap_or(""));
    assert!(
        refused.stderr.contains(".privsite.lock") || refused.stderr.contains("no change since v2"),
        "{}",
        refused.stderr
    );
    assert!(site.path("versions/policy/v2").is_dir() && !site.path("versions/policy/v3").exists());
    site.run(&["check"]).ok();
}
