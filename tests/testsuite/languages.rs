//! Every official EU language plus Norwegian and Icelandic works out of the
//! box: one line of config, no warning, and pages in each language's own
//! interface strings and CLDR dates.

use crate::support::Site;

const ALL: [&str; 26] = [
    "de", "bg", "cs", "da", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt",
    "nl", "pl", "pt", "ro", "sk", "sl", "sv", "nb", "is",
];

/// The basic fixture in all 26 languages (the new ones with the English text),
/// `policy` released on 2024-03-01.
fn all_languages() -> Site {
    let site = Site::fixture("basic");
    let list = ALL.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ");
    let config = site.read("privsite.toml");
    let config: String = config
        .lines()
        .map(
            |l| if l.starts_with("languages") { format!("languages = [{list}]\n") } else { format!("{l}\n") },
        )
        .collect();
    site.write("privsite.toml", &config);
    for lang in ALL.iter().filter(|l| !["de", "en", "sv"].contains(l)) {
        for stem in ["_index", "10-intro", "20-data", "30-rights", "_release"] {
            let english = site.read(&format!("content/policy/{stem}.en.md"));
            site.write(&format!("content/policy/{stem}.{lang}.md"), &english);
        }
    }
    site
}

/// A built-in message of `lang`, as its .ftl file has it.
fn message(lang: &str, id: &str) -> String {
    let path = format!("{}/src/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
    let ftl = std::fs::read_to_string(&path).unwrap();
    let prefix = format!("{id} = ");
    ftl.lines().find_map(|l| l.strip_prefix(&prefix)).unwrap_or_else(|| panic!("{path}: no {id}")).to_string()
}

#[test]
fn twenty_six_languages_build_with_no_warning_in_their_own_words_and_dates() {
    let site = all_languages();
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.ends_with("0 errors, 0 warnings\n"), "{}", check.stderr);
    site.run(&["release", "policy", "--major", "--date", "2024-03-01"]).ok();
    let build = site.run(&["build", "--date", "2024-06-01"]).ok();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    assert!(build.stderr.contains("in 26 languages"), "{}", build.stderr);

    // 1 March 2024 in each language's CLDR long date format.
    let dates = [
        ("de", "1. März 2024"),
        ("bg", "1 март 2024\u{202f}г."),
        ("cs", "1. března 2024"),
        ("da", "1. marts 2024"),
        ("el", "1 Μαρτίου 2024"),
        ("en", "March 1, 2024"),
        ("es", "1 de marzo de 2024"),
        ("et", "1 märts 2024"),
        ("fi", "1. maaliskuuta 2024"),
        ("fr", "1 mars 2024"),
        ("ga", "Márta 1, 2024"),
        ("hr", "1. ožujka 2024."),
        ("hu", "2024. március 1."),
        ("it", "1 marzo 2024"),
        ("lt", "2024 m. kovo 1 d."),
        ("lv", "2024. gada 1. marts"),
        ("mt", "1 ta’ Marzu, 2024"),
        ("nl", "1 maart 2024"),
        ("pl", "1 marca 2024"),
        ("pt", "1 de março de 2024"),
        ("ro", "1 martie 2024"),
        ("sk", "1. marca 2024"),
        ("sl", "01. marec 2024"),
        ("sv", "1 mars 2024"),
        ("nb", "1. mars 2024"),
        ("is", "1. mars 2024"),
    ];
    for (lang, date) in dates {
        let page = site.read(&format!("public/{lang}/policy/index.html"));
        assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        assert!(page.contains(&format!("<time datetime=\"2024-03-01\">{date}</time>")), "{lang}: {page}");
        for id in ["last-modified", "history", "contents"] {
            let own = message(lang, id);
            assert!(page.contains(&own), "{lang} lacks its own `{id}` ({own}): {page}");
        }
        // The binding notice, in the reader's language, names German as CLDR does.
        if lang != "de" {
            assert!(page.contains("class=\"notice binding\""), "{lang}");
        }
    }
    for (lang, german) in
        [("fi", "(saksa)"), ("fr", "en allemand"), ("pl", "(niemiecki)"), ("nl", "in het Duits")]
    {
        let page = site.read(&format!("public/{lang}/policy/index.html"));
        assert!(page.contains(german), "{lang}: {page}");
    }
}

#[test]
fn a_right_to_left_language_gets_dir_rtl_and_the_site_supplies_its_strings() {
    let site = Site::fixture("basic");
    let config =
        site.read("privsite.toml").replace("[\"de\", \"en\", \"sv\"]", "[\"de\", \"en\", \"sv\", \"ar\"]");
    site.write("privsite.toml", &config);
    // No built-in Arabic strings: the site brings its own, and check says which are missing.
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("missing in `ar`"), "{}", check.stderr);
    // Every section but `rights`, which shows the German text, left to right.
    for stem in ["_index", "10-intro", "20-data", "_release"] {
        let english = site.read(&format!("content/policy/{stem}.en.md"));
        site.write(&format!("content/policy/{stem}.ar.md"), &english);
    }
    site.run(&["release", "policy", "--major", "--date", "2024-03-01", "--allow-incomplete"]).ok();
    site.run(&["build", "--date", "2024-06-01"]).ok();
    let page = site.read("public/ar/policy/index.html");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert!(
        page.contains("<section id=\"rights\" aria-labelledby=\"rights-title\" lang=\"de\" dir=\"ltr\">"),
        "{page}"
    );
    let sv = site.read("public/sv/policy/index.html");
    assert!(!sv.contains("dir="), "a left-to-right page needs no dir: {sv}");
    let css = site.read("public/style.css");
    for physical in ["-left", "-right", " left:", " right:", "align: left", "align: right"] {
        assert!(!css.contains(physical), "logical properties only, not `{physical}`");
    }
    assert!(site.read("public/de/policy/index.html").contains("<html lang=\"de\">"));
}
