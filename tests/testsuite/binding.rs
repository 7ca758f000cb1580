//! The binding language is whatever `authoritative` says: pages, feeds,
//! notices and `check` name it in the reader's language and never assume German.

use crate::support::{Site, binary, finish};

/// Everything a reader of the example can see: pages, feeds, the sitemap and
/// the notice e-mails of every language, as (name, text).
fn everything_published(site: &Site) -> Vec<(String, String)> {
    site.set_mail("from = \"Privacy <privacy@nordlicht.example>\"\nsubscribers = \"subscribers.csv\"\n");
    site.write(
        "subscribers.csv",
        "email,language\nde@example.com,de\nen@example.com,en\nsv@example.com,sv\n",
    );
    // v2 is the example's latest material change (v3 added summaries).
    site.run(&["notify", "privacy-policy", "--version", "2", "--outbox", "out"]).ok();
    let mut all: Vec<(String, String)> = site
        .snapshot("public")
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".xml"))
        .map(|(p, b)| (format!("public/{p}"), String::from_utf8(b).unwrap()))
        .collect();
    for lang in ["de", "en", "sv"] {
        let eml = decoded(&site.read(&format!("out/{lang}@example.com.eml")));
        all.push((format!("notice to {lang}"), eml));
    }
    all
}

/// Sentences that would declare German binding, in each language of the example.
const GERMAN_BINDING: [&str; 8] = [
    "German text",
    "German version",
    "Text auf Deutsch",
    "deutsche Text",
    "deutsche Fassung",
    "texten på tyska",
    "tyska texten",
    "tyska versionen",
];

fn assert_binding(authoritative: &str, notices: &[(&str, &str)]) {
    let site = Site::init_with(&["--authoritative", authoritative]);
    assert!(site.read("privsite.toml").contains(&format!("authoritative = \"{authoritative}\"")));
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("0 errors, 0 warnings"), "{}", check.stderr);
    let build = site.run(&["build", "--date", "2026-01-01"]).ok();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);

    let published = everything_published(&site);
    for (name, text) in &published {
        for german in GERMAN_BINDING {
            assert!(!text.contains(german), "{name} says `{german}`");
        }
    }
    for (lang, sentence) in notices {
        let page = site.read(&format!("public/{lang}/privacy-policy/index.html"));
        assert!(page.contains(sentence), "{lang}: {page}");
        // The notice links the same page in the binding language.
        let aside = &page[page.find("class=\"notice binding\"").unwrap()..];
        let href = aside.split("href=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(href, format!("../../{authoritative}/privacy-policy/"));
    }
    let page = site.read(&format!("public/{authoritative}/privacy-policy/index.html"));
    assert!(!page.contains("class=\"notice binding\""), "the binding text carries no notice");

    // The e-mails: the translation's notice names the binding language and links its page.
    for (lang, sentence) in notices {
        let (_, eml) = published.iter().find(|(n, _)| *n == format!("notice to {lang}")).unwrap();
        assert!(eml.contains(sentence), "{lang}: {eml}");
        let binding = format!("https://privacy.nordlicht.example/{authoritative}/privacy-policy/v2/");
        assert!(eml.contains(&binding), "{lang}: {eml}");
    }
}

/// The text of an e-mail with its quoted-printable soft breaks and escapes undone.
fn decoded(eml: &str) -> String {
    let joined = eml.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && let (Some(Some(h)), Some(Some(l))) =
                (bytes.get(i + 1).map(|b| hex(*b)), bytes.get(i + 2).map(|b| hex(*b)))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn swedish_binding_says_swedish_in_every_language_and_never_german() {
    assert_binding(
        "sv",
        &[
            ("en", "Only the Swedish text is legally binding; in case of doubt, the Swedish text prevails."),
            (
                "de",
                "Rechtlich verbindlich ist allein der Text auf Schwedisch; im Zweifel gilt der Text auf Schwedisch.",
            ),
        ],
    );
}

#[test]
fn english_binding_says_english_in_every_language_and_never_german() {
    assert_binding(
        "en",
        &[
            (
                "sv",
                "Endast texten på engelska är juridiskt bindande; vid tveksamhet gäller texten på engelska.",
            ),
            (
                "de",
                "Rechtlich verbindlich ist allein der Text auf Englisch; im Zweifel gilt der Text auf Englisch.",
            ),
        ],
    );
}

#[test]
fn init_writes_the_languages_asked_for_and_refuses_those_without_example_text() {
    let site = Site::init_with(&["--languages", "en,sv"]);
    assert!(site.read("privsite.toml").contains("languages = [\"en\", \"sv\"]\nauthoritative = \"en\"\n"));
    assert!(!site.path("content/privacy-policy/_index.de.md").exists());
    assert!(!site.path("versions/privacy-policy/v1/_index.de.md").exists());
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("0 errors, 0 warnings"), "{}", check.stderr);

    let dir = tempfile::tempdir().unwrap();
    let run = finish(
        binary().arg("init").arg(dir.path().join("x")).args(["--languages", "fr,de"]).output().unwrap(),
    )
    .fails();
    assert!(run.stderr.contains("the example is written in de, en, sv only, not in fr"), "{}", run.stderr);
    assert!(!dir.path().join("x").exists(), "nothing is written");
}
