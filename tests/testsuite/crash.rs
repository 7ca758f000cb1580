
#[test]
fn two_releases_started_together_make_one_version() {
    let site = site();
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Neu gefasst."));
    site.write("content/policy/_release.de.md", "- Neu\n");
    let args = ["release", "policy", "--minor", "--date", DATE, "--allow-incomplete"];
    let children: Vec<_> = (0..2)
        .map(|_| site.command(&args).stderr(std::process::Stdio::piped()).spawn().unwrap())
        .collect();
    let runs: Vec<_> = children.into_iter().map(|c| crate::support::finish(c.wait_with_output().unwrap())).collect();
    let ok = runs.iter().filter(|r| r.status == 0).count();
    assert_eq!(ok, 1, "{:?}", runs.iter().map(|r| &r.stderr).collect::<Vec<_>>());
    let refused = runs.iter().find(|r| r.status != 0).unwrap();
    assert_eq!(refused.status, 1);
    // Refused by the lock while the other runs, or, started after it, by what it left.
    assert!(
        refused.stderr.contains(".privsite.lock") || refused.stderr.contains("no change since v2"),
        "{}",
        refused.stderr
    );
    assert!(site.path("versions/policy/v2").is_dir() && !site.path("versions/policy/v3").exists());
    site.run(&["check"]).ok();
}
