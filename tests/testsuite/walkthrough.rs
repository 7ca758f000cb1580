//! The README's "Your own privacy center" walkthrough, run as written: the
//! commands are taken from the README itself, so the two cannot drift.

use crate::support::main_of;

/// The `sh` code block under the walkthrough's heading.
fn walkthrough() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("\n## Your own privacy center\n").nth(1).expect("the walkthrough heading");
    let block = section.split("```sh\n").nth(1).expect("its sh code block");
    block.split("\n```").next().unwrap().to_string()
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let script = walkthrough();
    assert!(script.starts_with("privsite init my-center"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_privsite")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = std::process::Command::new("sh")
        .args(["-e", "-c", &script])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the walkthrough failed:\n{stdout}\n{stderr}");
    // What the comments in the walkthrough promise.
    assert!(stdout.contains("not marked"), "{stdout}");
    assert!(stdout.contains("privacy-policy v1 → draft (unreleased, content/) (en)"), "{stdout}");
    assert!(stdout.contains("#rights (added)"), "{stdout}");
    assert!(stderr.contains("Released privacy-policy v1 (major), published 2026-01-15"), "{stderr}");
    assert!(stderr.contains("Released privacy-policy v2 (minor), published 2026-03-01"), "{stderr}");
    assert!(stderr.contains(" of 1 document in 2 languages "), "counts agree with their noun: {stderr}");
    let site = dir.path().join("my-center");
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
    let en = read("public/en/privacy-policy/index.html");
    assert!(main_of(&en).contains("Your rights") && main_of(&en).contains("Version 2"), "{en}");
    assert!(read("public/de/privacy-policy/index.html").contains("Ihre Rechte"));
    assert!(read("public/en/privacy-policy/v1/index.html").contains("Who we are"));
    assert!(!site.join("public/en/cookie-policy").exists(), "the example's documents are gone");
    assert!(!site.join("content/privacy-policy/_release.en.md").exists(), "release consumed the notes");
}
