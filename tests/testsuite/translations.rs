//! The German-prevails notice on every translated page.

use crate::support::Site;

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
                    "Endast den tyska texten är juridiskt bindande"
                };
                assert!(html.contains(expected), "{path}");
                // The link goes to the same page in German.
                let aside = &html[html.find("class=\"notice binding\"").unwrap()..];
                let href = aside
                    .split("href=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                let depth = path.matches('/').count();
                let german = path
                    .replacen(lang, "de", 1)
                    .trim_end_matches("index.html")
                    .to_string();
                assert_eq!(href, format!("{}{german}", "../".repeat(depth)), "{path}");
            }
            _ => assert!(
                !has_notice,
                "{path} is German or neutral and must not carry the notice"
            ),
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
    assert!(
        page.contains("<a href=\"../../../en/policy/v1/\" hreflang=\"en\" lang=\"en\">English</a>")
    );
    assert!(page.contains("<html lang=\"sv\">"));
}
