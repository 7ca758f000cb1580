//! A full disk and a read-only one: `build`, `release` and `publish dir:`
//! each stop with one clear error and leave the previous state as it was.
//! The test mounts small tmpfs file systems, so it needs root (CI runs as
//! root); elsewhere it is skipped with a notice.

#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Run, Site, section};

/// A tmpfs mounted for the test, unmounted when dropped.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    /// A tmpfs of `kib` KiB, or `None` (with a notice) where mounting is not allowed.
    fn tmpfs(test: &str, kib: u64) -> Option<Mount> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if mounted {
            return Some(Mount { dir });
        }
        if std::env::var_os("CI").is_some() {
            panic!("{test}: cannot mount a tmpfs (CI runs as root and must be able to)");
        }
        eprintln!("NOTICE: skipping {test}: mounting a tmpfs needs root; CI=1 makes this a failure");
        None
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Fills the file system, leaving about `kib` KiB free.
    fn fill(&self, kib: u64) {
        let free = fs_free_kib(self.dir.path());
        let size = free.saturating_sub(kib) * 1024;
        let file = std::fs::File::create(self.path(".filler")).unwrap();
        // Written, not sparse: tmpfs counts only written pages.
        let block = vec![0u8; 64 * 1024];
        let mut left = size;
        let mut writer = std::io::BufWriter::new(file);
        while left > 0 {
            let n = left.min(block.len() as u64) as usize;
            if std::io::Write::write_all(&mut writer, &block[..n]).is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = std::io::Write::flush(&mut writer);
    }

    fn read_only(&self) {
        let ok = Command::new("mount").args(["-o", "remount,ro"]).arg(self.dir.path()).status().unwrap();
        assert!(ok.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn fs_free_kib(path: &Path) -> u64 {
    let out = Command::new("df").args(["-k", "--output=avail"]).arg(path).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().nth(1).and_then(|l| l.trim().parse().ok()).unwrap()
}

/// Exactly one error, which says what and how to fix it.
#[track_caller]
fn one_clear_error(run: Run, what: &str) {
    let run = run.fails();
    let errors = run.stderr.matches("error:").count();
    assert_eq!(errors, 1, "{what}: one error:\n{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{what}: says how to fix it:\n{}", run.stderr);
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".filler")
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn a_site() -> Site {
    let site = Site::released();
    site.mark_all();
    site
}

#[test]
fn build_and_publish_into_a_full_disk_fail_once_and_keep_the_previous_output() {
    let Some(disk) = Mount::tmpfs("build_and_publish_into_a_full_disk", 4096) else { return };
    let site = a_site();
    let out = disk.path("public");
    let out_arg = out.display().to_string();
    site.run(&["build", "--out", &out_arg]).ok();
    site.run(&["publish", "--target", &format!("dir:{}", disk.path("www").display())]).ok();
    let (built, live) = (snapshot(&out), snapshot(&disk.path("www")));
    // A big static file makes the next output not fit.
    site.write("themes/default/static/big.bin", &"x".repeat(1024 * 1024));
    disk.fill(512);
    let before = snapshot(disk.dir.path());
    one_clear_error(site.run(&["build", "--out", &out_arg]), "build");
    assert_eq!(snapshot(&out), built, "the previous output as it was");
    one_clear_error(
        site.run(&["publish", "--target", &format!("dir:{}", disk.path("www").display())]),
        "publish",
    );
    assert_eq!(snapshot(&disk.path("www")), live, "the live release as it was");
    assert_eq!(snapshot(disk.dir.path()), before, "nothing left behind");
}

#[test]
fn release_on_a_full_disk_fails_once_and_makes_no_version() {
    let Some(disk) = Mount::tmpfs("release_on_a_full_disk", 4096) else { return };
    let site = a_site();
    // The site itself on the small disk.
    let root = disk.path("site");
    let status = Command::new("cp").arg("-a").arg(site.root()).arg(&root).status().unwrap();
    assert!(status.success());
    let big = "Wir speichern. ".repeat(40_000);
    std::fs::write(root.join("content/policy/20-data.de.md"), section("Daten", &big)).unwrap();
    std::fs::write(root.join("content/policy/_release.de.md"), "- Mehr Daten\n").unwrap();
    disk.fill(256);
    let before = snapshot(&root);
    let run = crate::support::finish(
        crate::support::binary()
            .args(["release", "policy", "--minor", "--allow-incomplete"])
            .current_dir(&root)
            .output()
            .unwrap(),
    );
    one_clear_error(run, "release");
    // The lock, and what the release left in the cache (snapshots of what it
    // loaded, which the copy's new inodes made stale, and the texts it
    // parsed, as far as they fitted), are not the site.
    let site_itself =
        |(p, _): &(String, Vec<u8>)| p != ".privsite.lock" && !p.starts_with(".privsite/cache/");
    let after: Vec<_> = snapshot(&root).into_iter().filter(site_itself).collect();
    let before: Vec<_> = before.into_iter().filter(site_itself).collect();
    assert_eq!(after, before, "no version, notes still there, nothing left behind");
    assert!(!root.join("versions/policy/v2").exists());
}

#[test]
fn build_release_and_publish_on_a_read_only_disk_fail_once_and_change_nothing() {
    let Some(disk) = Mount::tmpfs("read_only_disk", 4096) else { return };
    let site = a_site();
    let root = disk.path("site");
    assert!(Command::new("cp").arg("-a").arg(site.root()).arg(&root).status().unwrap().success());
    let run = |args: &[&str]| {
        crate::support::finish(crate::support::binary().args(args).current_dir(&root).output().unwrap())
    };
    run(&["build"]).ok();
    run(&["publish", "--target", "dir:www"]).ok();
    std::fs::write(root.join("content/policy/10-intro.de.md"), section("Einleitung", "Neu.")).unwrap();
    std::fs::write(root.join("content/policy/_release.de.md"), "- Neu\n").unwrap();
    disk.read_only();
    let before = snapshot(disk.dir.path());
    one_clear_error(run(&["build", "--no-cache"]), "build");
    one_clear_error(run(&["release", "policy", "--minor", "--allow-incomplete"]), "release");
    one_clear_error(run(&["publish", "--target", "dir:www"]), "publish");
    assert_eq!(snapshot(disk.dir.path()), before);
    // Into a read-only folder from a writable site.
    let site_out = disk.path("site/public").display().to_string();
    one_clear_error(site.run(&["build", "--no-cache", "--out", &site_out]), "build --out");
    // A read-only site still builds into a writable folder.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("public").display().to_string();
    run(&["build", "--out", &out]).ok();
}
