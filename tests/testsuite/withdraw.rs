//! `privsite withdraw`: a document leaves the center, its history stays.

use crate::support::{Site, main_of, nu_check};

/// What a new user did: delete the folder of a released document. Every
/// command that needs a sound site says how to withdraw it instead.
#[test]
fn a_deleted_document_folder_is_an_error_that_says_how_to_withdraw() {
    let site = Site::init();
    std::fs::remove_dir_all(site.path("content/cookie-policy")).unwrap();
    for args in [&["check"][..], &["build", "--date", "2026-06-01"]] {
        let run = site.run(args).fails();
        assert!(
            run.stderr.contains("content/cookie-policy/ is missing, but cookie-policy v3 is released"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("run `privsite withdraw cookie-policy`"), "{}", run.stderr);
    }
    assert!(!site.path("public").exists(), "a refused build writes nothing");
    let status = site.run(&["status"]).ok();
    assert!(
        status
            .stdout
            .contains("content/cookie-policy/ is missing: restore it, or `privsite withdraw cookie-policy`"),
        "{}",
        status.stdout
    );
}

#[test]
fn a_withdrawn_document_leaves_the_center_and_keeps_its_versions() {
    let site = Site::init();
    // As shell completion names the folder.
    let run = site.run(&["withdraw", "cookie-policy/", "--date", "2026-05-01"]).ok();
    assert!(run.stderr.contains("Withdrew cookie-policy on 2026-05-01"), "{}", run.stderr);
    assert!(run.stderr.contains("You can now delete content/cookie-policy/"), "{}", run.stderr);
    assert_eq!(
        site.read("versions/cookie-policy/withdrawn.toml").lines().last(),
        Some("date = \"2026-05-01\"")
    );
    // Made as the versions beside it were, not as a temporary file (its owner's alone).
    #[cfg(unix)]
    assert_eq!(
        site.mode("versions/cookie-policy/withdrawn.toml"),
        site.mode("versions/cookie-policy/v1/10-what-are-cookies.de.md")
    );
    // The leftover working copy is not published; the warning says to delete it.
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("belongs to a document withdrawn on 2026-05-01"), "{}", check.stderr);
    std::fs::remove_dir_all(site.path("content/cookie-policy")).unwrap();
    let check = site.run(&["check", "--strict"]).ok();
    assert!(check.stderr.contains("0 errors, 0 warnings"), "{}", check.stderr);
    let status = site.run(&["status"]).ok();
    assert!(
        status.stdout.contains("cookie-policy (v3 released 2025-11-03; withdrawn on 2026-05-01)"),
        "{}",
        status.stdout
    );

    // Before the day, nothing changed; from the day on, it is withdrawn.
    site.run(&["build", "--date", "2026-04-30", "--out", "before"]).ok();
    assert!(site.read("before/en/index.html").contains("Cookie Policy"));
    site.run(&["build", "--date", "2026-06-01"]).ok();
    let center = site.read("public/en/index.html");
    assert!(!main_of(&center).contains("Cookie Policy"), "{center}");
    assert!(main_of(&center).contains("Privacy Policy"));

    let current = site.read("public/en/cookie-policy/index.html");
    let main = main_of(&current);
    assert!(main.contains("This document was withdrawn on May 1, 2026 and no longer applies."), "{main}");
    assert!(
        main.contains(r#"<a href="v2/">Version 2</a>"#) && main.contains(r#"<a href="v1/">Version 1</a>"#),
        "{main}"
    );
    let german = site.read("public/de/cookie-policy/index.html");
    assert!(
        german.contains("Dieses Dokument wurde am 1. Mai 2026 zurückgezogen und gilt nicht mehr."),
        "{german}"
    );
    let swedish = site.read("public/sv/cookie-policy/v1/index.html");
    assert!(
        swedish.contains("Detta dokument drogs tillbaka den 1 maj 2026 och gäller inte längre."),
        "{swedish}"
    );
    assert!(site.read("public/en/cookie-policy/history/index.html").contains("was withdrawn on May 1, 2026"));
    assert!(!site.path("public/en/cookie-policy/compare").exists(), "nothing is current to compare with");

    let json: serde_json::Value = serde_json::from_str(&site.read("public/versions.json")).unwrap();
    let cookies =
        json["documents"].as_array().unwrap().iter().find(|d| d["document"] == "cookie-policy").unwrap();
    assert_eq!(cookies["withdrawn"], "2026-05-01");
    assert_eq!(cookies["versions"][2]["status"], "withdrawn");
    assert_eq!(cookies["versions"][1]["status"], "superseded");
    assert_eq!(cookies["versions"][0]["status"], "superseded");
    let policy =
        json["documents"].as_array().unwrap().iter().find(|d| d["document"] == "privacy-policy").unwrap();
    assert_eq!(policy["withdrawn"], serde_json::Value::Null);

    nu_check(&site, "public");
}

#[test]
fn withdraw_refuses_what_it_cannot_do() {
    let site = Site::init();
    let run = site.run(&["withdraw", "cookie-policy", "--date", "2025-05-01"]).fails();
    assert!(
        run.stderr.contains("the withdrawal date 2025-05-01 is before v3 takes effect (2025-11-03)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pass --date 2025-11-03 or later"), "{}", run.stderr);
    let run = site.run(&["withdraw", "cookies", "--date", "2026-05-01"]).fails();
    assert!(run.stderr.contains("unknown document `cookies`"), "{}", run.stderr);
    site.run(&["withdraw", "cookie-policy", "--date", "2026-05-01"]).ok();
    let run = site.run(&["withdraw", "cookie-policy", "--date", "2026-06-01"]).fails();
    assert!(run.stderr.contains("cookie-policy was withdrawn on 2026-05-01 already"), "{}", run.stderr);
    assert!(site.read("versions/cookie-policy/withdrawn.toml").contains("2026-05-01"));
    let run = site.run(&["release", "cookie-policy", "--minor"]).fails();
    assert!(run.stderr.contains("cookie-policy was withdrawn on 2026-05-01"), "{}", run.stderr);
}
