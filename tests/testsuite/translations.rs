//! The German-prevails notice on every translated page.

use crate::support::{Site, section};

#[test]
fn every_translated_page_says_german_prevails_and_links_to_the_same_page_in_german() {
    let site = Site::init();
    site.run(&["build", "--date", "2026-01-01"]).ok();
    let pages = site.snapshot("public");
    let mut translated = 0;
    for (path, bytes) in pages.iter().filter(|(p, _)| p.ends_with("index.html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let lang = path.split('/').next().unwrap();
        let has_notice = html.contains("class=\"notice binding\"");
        match lang {
            "en" | "sv" => {
                translated += 1;
                assert!(has_notice, "{path} lacks the notice");
                let expected = if lang == "en" {
                    "Only the German text is legally binding"
                } else {
                    "Endast texten på tyska är juridiskt bindande"
                };
                assert!(html.contains(expected), "{path}");
                // The link goes to the same page in German.
                let aside = &html[html.find("class=\"notice binding\"").unwrap()..];
                let href = aside.split("href=\"").nth(1).unwrap().split('"').next().unwrap();
                let depth = path.matches('/').count();
                let german = path.replacen(lang, "de", 1).trim_end_matches("index.html").to_string();
                assert_eq!(href, format!("{}{german}", "../".repeat(depth)), "{path}");
            }
            _ => assert!(!has_notice, "{path} is German or neutral and must not carry the notice"),
        }
    }
    assert!(translated >= 10, "{translated}");
}

#[test]
fn the_language_switcher_lands_on_the_same_page() {
    let site = Site::released();
    site.run(&["build", "--date", "2024-02-01"]).ok();
    let page = site.read("public/sv/policy/v1/index.html");
    assert!(
        page.contains("<a href=\"../../../de/policy/v1/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../../../en/policy/v1/\" hreflang=\"en\" lang=\"en\">English</a>"));
    assert!(page.contains("<html lang=\"sv\">"));
}

/// The German text of one section changes: exactly that section becomes outdated.
#[test]
fn a_german_change_makes_exactly_that_section_outdated_until_marked() {
    let site = Site::released();
    site.write(
        "content/policy/30-rights.de.md",
        &section("Ihre Rechte", "Sie haben das Recht auf Auskunft und Löschung."),
    );

    let status = site.run(&["status"]).ok().stdout;
    let rights = status.lines().find(|l| l.trim_start().starts_with("30-rights")).unwrap();
    assert_eq!(
        rights.split_whitespace().collect::<Vec<_>>(),
        ["30-rights", "changed", "outdated", "outdated"]
    );
    let outdated_rows = status.lines().filter(|l| l.starts_with("  ") && l.contains("outdated")).count();
    assert_eq!(outdated_rows, 1, "only that section: {status}");
    assert!(status.contains("policy (v1 released 2024-01-10; content/ has unreleased changes)"), "{status}");
    assert!(status.contains("2 outdated, 0 not marked as translated, 0 missing translations\n"), "{status}");

    let check = site.run(&["check"]).ok();
    assert!(
        check.stderr.contains("content/policy/30-rights.en.md: warning: outdated translation"),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("content/policy/30-rights.sv.md: warning: outdated translation"));
    assert!(check.stderr.contains("`privsite mark-translated en policy/rights`"));
    assert!(check.stderr.ends_with("0 errors, 2 warnings\n"), "{}", check.stderr);

    // release refuses it, naming each file, unless told otherwise.
    for lang in ["de", "en", "sv"] {
        site.write(&format!("content/policy/_release.{lang}.md"), "- x\n");
    }
    site.mark_all_notes();
    let refused = site.run(&["release", "policy", "--minor", "--date", "2024-02-01"]).fails();
    assert!(
        refused
            .stderr
            .contains("content/policy/30-rights.en.md: error: section `rights` in `en` is outdated"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("content/policy/30-rights.sv.md"));
    site.run(&["release", "policy", "--minor", "--date", "2024-02-01", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-02-02"]).ok();
    let en = site.read("public/en/policy/index.html");
    assert_eq!(en.matches("class=\"notice outdated\"").count(), 1, "only that section");
    let notice = &en[en.find("class=\"notice outdated\"").unwrap()..];
    assert!(notice.contains("This translation may not reflect the current German text."));
    assert!(notice.contains("href=\"../../de/policy/#rights\""), "links the German section: {notice}");
    assert!(!site.read("public/de/policy/index.html").contains("notice outdated"));

    // Marking it translated clears it, in one language.
    let run = site.run(&["mark-translated", "en", "policy/rights"]).ok();
    assert!(run.stderr.contains("1 marked as translated into en"), "{}", run.stderr);
    assert!(site.read("content/policy/30-rights.en.md").contains("translated_from = \""));
    let status = site.run(&["status"]).ok().stdout;
    let rights = status.lines().find(|l| l.trim_start().starts_with("30-rights")).unwrap();
    assert_eq!(
        rights.split_whitespace().collect::<Vec<_>>(),
        ["30-rights", "released", "up", "to", "date", "outdated"]
    );
}

#[test]
fn a_deleted_translation_is_missing_and_shows_the_german_text() {
    let site = Site::released();
    site.remove("content/policy/20-data.sv.md");
    let status = site.run(&["status"]).ok().stdout;
    let data = status.lines().find(|l| l.trim_start().starts_with("20-data")).unwrap();
    assert_eq!(
        data.split_whitespace().collect::<Vec<_>>(),
        ["20-data", "released", "up", "to", "date", "missing"]
    );
    let check = site.run(&["check"]).ok();
    assert!(
        check.stderr.contains("content/policy/20-data.sv.md: warning: missing translation"),
        "{}",
        check.stderr
    );
    for lang in ["de", "en", "sv"] {
        site.write(&format!("content/policy/_release.{lang}.md"), "- x\n");
    }
    site.mark_all_notes();
    // Nothing else changed, so only the missing translation stands in the way... and no text change.
    site.write("content/policy/10-intro.de.md", &section("Einleitung", "Wir sind die Test AG in Berlin."));
    site.run(&["mark-translated", "en", "policy"]).ok();
    site.run(&["mark-translated", "sv", "policy"]).ok();
    let refused = site.run(&["release", "policy", "--minor", "--date", "2024-02-01"]).fails();
    assert!(
        refused
            .stderr
            .contains("content/policy/20-data.sv.md: error: section `data` is not translated into `sv`"),
        "{}",
        refused.stderr
    );
    site.run(&["release", "policy", "--minor", "--date", "2024-02-01", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-02-02"]).ok();
    let sv = site.read("public/sv/policy/index.html");
    let data = &sv[sv.find("<section id=\"data\"").unwrap()..];
    assert!(data.starts_with("<section id=\"data\" aria-labelledby=\"data-title\" lang=\"de\">"), "{data}");
    assert!(data.contains("Detta avsnitt har ännu inte översatts."));
    assert!(data.contains("Wir speichern Ihre E-Mail-Adresse."));
}

#[test]
fn a_translation_keeps_the_links_of_its_original() {
    let site = Site::released();
    site.write(
        "content/policy/20-data.en.md",
        "+++\ntitle = \"Data\"\n+++\nWe store your e-mail address. See [your rights](#rights) and [example](https://example.com/).\n\n### Extra\n",
    );
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("content/policy/20-data.en.md: warning: the link `../terms/#scope` of content/policy/20-data.de.md is missing here"), "{}", check.stderr);
    assert!(check.stderr.contains("content/policy/20-data.en.md:4:"), "{}", check.stderr);
    assert!(check.stderr.contains("the link `https://example.com/` is not in content/policy/20-data.de.md"));
    assert!(
        check.stderr.contains("content/policy/20-data.de.md has 0 headings, this translation 1"),
        "{}",
        check.stderr
    );
}

#[test]
fn fluent_problems_are_found_with_file_and_line() {
    let site = Site::released();
    site.write("locales/de/site.ftl", "# Site strings\nimprint = Impressum von { $company }\nrooms = { $n ->\n    [one] ein Raum\n   *[other] { $n } Räume\n}\n");
    site.write(
        "locales/sv/site.ftl",
        "imprint = Impressum för { $firm }\nrooms = { $n ->\n   *[other] { $n } rum\n}\nold-message = Gammal\nbrand = { -brand-name } AB\n",
    );
    let run = site.run(&["check", "--format", "json"]).fails();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("check --format json prints JSON");
    let found: Vec<(String, Option<u64>, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |file: &str, line: Option<u64>, severity: &str, text: &str| {
        assert!(
            found.iter().any(|(f, l, s, m)| f == file && *l == line && s == severity && m.contains(text)),
            "no {severity} `{text}` at {file}:{line:?} in {found:#?}"
        );
    };
    has("locales/en/", None, "warning", "2 messages missing in `en`, shown in `de` instead: imprint, rooms");
    has(
        "locales/sv/site.ftl",
        Some(1),
        "warning",
        "message `imprint` uses [$firm] here but [$company] in `de`",
    );
    has(
        "locales/sv/site.ftl",
        Some(2),
        "warning",
        "message `rooms` lacks the plural form [one] that `sv` needs",
    );
    has("locales/sv/site.ftl", Some(5), "warning", "obsolete message `old-message`");
    has(
        "locales/sv/site.ftl",
        Some(6),
        "error",
        "`brand` refers to the term `-brand-name`, which `sv` does not define",
    );
    assert_eq!(json["errors"], 1);
}

#[test]
fn a_message_missing_everywhere_is_an_error_not_a_raw_id() {
    let site = Site::released();
    site.write(
        "themes/default/templates/index.html",
        "{% extends \"base.html\" %}{% block main %}{{ t(key=\"no-such-message\") }}{% endblock main %}",
    );
    let run = site.run(&["build", "--date", "2024-02-01"]).fails();
    assert!(run.stderr.contains("no message `no-such-message` in any language"), "{}", run.stderr);
    assert!(run.stderr.contains("themes/default/templates/index.html:1:"), "{}", run.stderr);
}

#[test]
fn strict_check_and_build_fail_on_an_outdated_translation() {
    let site = Site::init();
    site.run(&["check", "--strict"]).ok();
    let german = site.read("content/privacy-policy/70-retention.de.md");
    site.write("content/privacy-policy/70-retention.de.md", &format!("{german}\nEin neuer Satz.\n"));

    let run = site.run(&["check"]).ok();
    assert!(run.stderr.ends_with("0 errors, 2 warnings\n"), "{}", run.stderr);
    let run = site.run(&["check", "--strict"]).fails();
    assert!(run.stderr.contains("outdated translation"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("0 errors, 2 warnings\n--strict: warnings count as errors\n"),
        "{}",
        run.stderr
    );

    // JSON keeps each finding's severity; the exit code says strict failed.
    let run = site.run(&["check", "--strict", "--format", "json"]).fails();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 2);
    assert_eq!(json["diagnostics"][0]["severity"], "warning");

    let run = site.run(&["build", "--strict", "--date", "2026-01-01"]).fails();
    assert!(
        run.stderr.contains("2 warnings; --strict: warnings count as errors, nothing was built"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists(), "nothing is written");
    site.run(&["build", "--date", "2026-01-01"]).ok();
}

#[test]
fn counts_agree_in_number() {
    let site = Site::init();
    let german = site.read("content/privacy-policy/70-retention.de.md");
    site.write("content/privacy-policy/70-retention.de.md", &format!("{german}\nEin neuer Satz.\n"));
    site.run(&["mark-translated", "sv", "privacy-policy/retention"]).ok();
    let run = site.run(&["check"]).ok();
    assert!(run.stderr.ends_with("0 errors, 1 warning\n"), "{}", run.stderr);
}

#[test]
fn a_translation_may_link_its_own_language_version_of_an_external_page() {
    let site = Site::released();
    let authority =
        "Beschwerde bei der [Aufsichtsbehörde](https://www.edpb.europa.eu/about-edpb/about-edpb/members_de).";
    site.write(
        "content/policy/30-rights.de.md",
        &section("Rechte", &format!("Sie haben das Recht auf Auskunft. {authority}")),
    );
    site.write(
        "content/policy/30-rights.en.md",
        &section("Rights", "You have the right of access. Complain to the [authority](https://www.edpb.europa.eu/about-edpb/about-edpb/members_en)."),
    );
    site.write(
        "content/policy/30-rights.sv.md",
        &section("Rättigheter", "Du har rätt till tillgång. Klaga hos [myndigheten](https://www.imy.se/)."),
    );
    let check = site.run(&["check"]).ok();
    let en: Vec<&str> =
        check.stderr.lines().filter(|l| l.contains("30-rights.en.md") && l.contains("link")).collect();
    assert!(en.is_empty(), "a localised path on the same host is no warning: {}", check.stderr);
    // Another host is another page: both directions are reported.
    assert!(
        check.stderr.contains("the link `https://www.edpb.europa.eu/about-edpb/about-edpb/members_de` of content/policy/30-rights.de.md is missing here"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("the link `https://www.imy.se/` is not in content/policy/30-rights.de.md"),
        "{}",
        check.stderr
    );
}

/// `check` looks at each document on its own (on every core), and still
/// reports in the site's order: the documents by slug, the broken links of
/// all of them before their translations, so that two runs print the same.
#[test]
fn check_reports_document_by_document_in_the_sites_order() {
    let site = Site::init();
    // Last document first: the order must come from the site, not from the edits.
    for file in
        ["content/privacy-policy/10-controller.de.md", "content/cookie-policy/10-what-are-cookies.de.md"]
    {
        let text = site.read(file);
        site.write(file, &format!("{text}\nSiehe [nirgends](#nirgends).\n"));
    }
    let run = site.run(&["check", "--format", "json"]).fails();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("check --format json prints JSON");
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap_or("").to_string(), d["message"].as_str().unwrap().to_string()))
        .collect();
    let docs = |what: &str| -> Vec<&str> {
        let mut docs: Vec<&str> = found
            .iter()
            .filter(|(_, m)| m.contains(what))
            .map(|(f, _)| f.split('/').nth(1).unwrap_or(""))
            .collect();
        docs.dedup();
        docs
    };
    assert_eq!(docs("leads nowhere"), ["cookie-policy", "privacy-policy"], "{found:?}");
    assert_eq!(docs("outdated translation"), ["cookie-policy", "privacy-policy"], "{found:?}");
    let last_link = found.iter().rposition(|(_, m)| m.contains("leads nowhere")).unwrap();
    let first_translation = found.iter().position(|(_, m)| m.contains("outdated translation")).unwrap();
    assert!(last_link < first_translation, "links first, then translations: {found:?}");
}

/// `mark-translated` writes the translation anew and renames it over the
/// old file: the file keeps its permissions. (It came out readable by its
/// owner alone, as the temporary file it was written to.)
#[cfg(unix)]
#[test]
fn marking_a_translation_keeps_its_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::released();
    let file = "content/policy/10-intro.en.md";
    std::fs::set_permissions(site.path(file), std::fs::Permissions::from_mode(0o664)).unwrap();
    let intro = site.read("content/policy/10-intro.de.md");
    site.write("content/policy/10-intro.de.md", &format!("{intro}\nMehr.\n"));
    let run = site.run(&["mark-translated", "en", "policy/intro"]).ok();
    assert!(run.stderr.contains(&format!("marked {file}")), "{}", run.stderr);
    assert_eq!(site.mode(file), 0o664);
}
