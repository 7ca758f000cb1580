//! Layered notices and links that never break: section summaries (the "at a
//! glance" table, the summary box, summaries as part of the text), former
//! slugs kept as anchors, section permalinks and per-section timelines.

use std::collections::BTreeSet;

use std::path::Path;
use std::process::Command;

use crate::pdf;
use crate::support::{Site, nu_check, section};

/// Release notes for the next version (each version's are its own: release
/// refuses notes identical to the latest version's).
fn notes(site: &Site, doc: &str) {
    let next = std::fs::read_dir(site.path(&format!("versions/{doc}"))).map_or(0, Iterator::count) + 1;
    for lang in ["de", "en", "sv"] {
        site.write(
            &format!("content/{doc}/_release.{lang}.md"),
            &format!("+++\ntitle = \"Update\"\n+++\n- Update {next}\n"),
        );
    }
}

/// A section file with a summary.
fn summarised(title: &str, summary: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nsummary = \"{summary}\"\n+++\n{body}\n")
}

/// Every `id="…"` of a page, with the ids that occur more than once.
fn ids(html: &str) -> (BTreeSet<String>, Vec<String>) {
    let mut seen = BTreeSet::new();
    let mut twice = Vec::new();
    for id in html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()) {
        if !seen.insert(id.to_string()) {
            twice.push(id.to_string());
        }
    }
    (seen, twice)
}

/// `policy` v2 renames the section `rights` to `your-rights` (same text), so
/// the changes page recognises the rename; `20-data` still links to `#rights`.
fn renamed_in_v2() -> Site {
    let site = Site::released().with_pdfs();
    for lang in ["de", "en", "sv"] {
        let text = site.read(&format!("content/policy/30-rights.{lang}.md"));
        site.remove(&format!("content/policy/30-rights.{lang}.md"));
        site.write(&format!("content/policy/30-your-rights.{lang}.md"), &text);
    }
    notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01"]).ok();
    site
}

#[test]
fn a_renamed_section_keeps_its_old_anchor_on_the_current_and_the_version_pages() {
    let site = renamed_in_v2();
    let run = site.run(&["build", "--date", "2024-04-01"]).ok();
    for lang in ["de", "en", "sv"] {
        for page in ["policy/index.html", "policy/v2/index.html", "policy/v2/changes/index.html"] {
            let html = site.read(&format!("public/{lang}/{page}"));
            let (ids, twice) = ids(&html);
            assert!(twice.is_empty(), "{lang}/{page} repeats ids: {twice:?}");
            assert!(ids.contains("rights") && ids.contains("your-rights"), "{lang}/{page}: {ids:?}");
            assert!(
                html.contains("<section id=\"your-rights\"") && html.contains("<span id=\"rights\"></span>"),
                "{lang}/{page}: the old id is an empty anchor in the renamed section"
            );
        }
        // v1 had the old slug itself.
        let v1 = site.read(&format!("public/{lang}/policy/v1/index.html"));
        assert!(v1.contains("<section id=\"rights\""), "{v1}");
    }
    // The content link to the old slug resolves with a warning that names the current one.
    assert!(
        run.stderr.contains("content/policy/20-data.de.md:4:")
            && run.stderr.contains("link to `#rights` uses `rights`, a former slug of section `your-rights`")
            && run.stderr.contains("write `#your-rights`"),
        "{}",
        run.stderr
    );
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("0 errors"), "{}", check.stderr);
    let data = site.read("public/de/policy/index.html");
    assert!(data.contains("<a href=\"#rights\">Ihre Rechte</a>"), "the link is kept as written");
    nu_check(&site, "public");
    old_slugs_are_named_destinations_in_the_pdf(&site, "rights", "your-rights", "Ihre Rechte");
}

/// The version's PDFs open the renamed section at `#former` as at `#slug`,
/// and show nothing more than before: no heading, no outline entry, no
/// bookmark, and qpdf finds nothing wrong.
fn old_slugs_are_named_destinations_in_the_pdf(site: &Site, former: &str, slug: &str, title: &str) {
    let Some(()) = pdf::tools("old_slugs_are_named_destinations_in_the_pdf") else {
        return;
    };
    for lang in ["de", "en", "sv"] {
        let v2 = site.path(&format!("public/{lang}/policy/v2/policy-v2-{lang}.pdf"));
        pdf::output(Command::new("qpdf").arg("--check").arg(&v2));
        same_destination(&v2, former, slug);
        let v1 = site.path(&format!("public/{lang}/policy/v1/policy-v1-{lang}.pdf"));
        assert!(pdf::named_destinations(&v1).contains_key(former), "{lang} v1 has the slug itself");
    }
    let file = |v: u32| site.path(&format!("public/de/policy/v{v}/policy-v{v}-de.pdf"));
    let text = |v: u32| pdf::output(Command::new("pdftotext").arg(file(v)).arg("-"));
    let (v1, v2) = (text(1), text(2));
    assert_eq!(v2.matches(title).count(), v1.matches(title).count(), "no extra heading in v2:\n{v2}");
    let bookmarks =
        |v: u32| pdf::output(Command::new("qpdf").args(["--json", "--json-key=outlines"]).arg(file(v)));
    assert_eq!(bookmarks(2).matches("\"title\"").count(), bookmarks(1).matches("\"title\"").count());
}

/// `pdf#former` opens where `pdf#slug` does: the same page, the same height.
fn same_destination(pdf: &Path, former: &str, slug: &str) {
    let dests = pdf::named_destinations(pdf);
    let (Some(old), Some(new)) = (dests.get(former), dests.get(slug)) else {
        panic!("{}: no named destination `{former}` beside `{slug}`: {dests:?}", pdf.display());
    };
    assert_eq!(old.0, new.0, "{}: `{former}` is on another page than `{slug}`", pdf.display());
    assert!((old.1 - new.1).abs() < 2.0, "{}: `{former}` is not at `{slug}`: {dests:?}", pdf.display());
}

#[test]
fn aliases_in_front_matter_are_anchors_and_may_not_be_another_sections_slug() {
    let site = Site::released().with_pdfs();
    site.write(
        "content/policy/10-intro.de.md",
        "+++\ntitle = \"Einleitung\"\naliases = [\"about-us\", \"wer-wir-sind\"]\n+++\nWir sind die Test AG.\n",
    );
    site.write("content/terms/10-scope.de.md", &section("Geltung", "Siehe [uns](../policy/#about-us)."));
    let run = site.run(&["check"]).ok();
    assert!(
        run.stderr
            .contains("link to `../policy/#about-us` uses `about-us`, a former slug of section `intro`"),
        "{}",
        run.stderr
    );
    // Aliases are not text (translations stay up to date), but worth a release.
    notes(&site, "policy");
    site.mark_all_notes();
    let status = site.run(&["status"]).ok();
    assert!(
        status.stdout.lines().any(|l| l.contains("10-intro") && l.matches("up to date").count() == 2),
        "{}",
        status.stdout
    );
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01"]).ok();
    site.run(&["build", "--date", "2024-04-01"]).ok();
    let html = site.read("public/en/policy/index.html");
    assert!(html.contains("<span id=\"about-us\"></span><span id=\"wer-wir-sind\"></span>"), "{html}");
    assert!(ids(&html).1.is_empty());
    // In the PDF too, though no link in it leads there.
    if let Some(()) = pdf::tools("aliases_in_front_matter_are_anchors_and_may_not_be_another_sections_slug") {
        let v2 = site.path("public/en/policy/v2/policy-v2-en.pdf");
        same_destination(&v2, "about-us", "intro");
        same_destination(&v2, "wer-wir-sind", "intro");
    }

    // An alias that is another section's slug is an error at its line.
    site.write(
        "content/policy/10-intro.de.md",
        "+++\ntitle = \"Einleitung\"\naliases = [\"data\"]\n+++\nWir sind die Test AG.\n",
    );
    let run = site.run(&["check"]).fails();
    assert!(
        run.stderr.contains("content/policy/10-intro.de.md:3:1: error: alias `data` of section `intro` is the slug of another section"),
        "{}",
        run.stderr
    );
    site.run(&["build", "--date", "2024-04-01"]).fails();
    // Two sections may not claim the same former slug.
    site.write(
        "content/policy/10-intro.de.md",
        "+++\ntitle = \"Einleitung\"\naliases = [\"about-us\"]\n+++\nWir sind die Test AG.\n",
    );
    site.write(
        "content/policy/30-rights.de.md",
        "+++\ntitle = \"Ihre Rechte\"\n\naliases = [\"about-us\"]\n+++\nSie haben das Recht auf Auskunft.\n",
    );
    let run = site.run(&["check"]).fails();
    assert!(
        run.stderr.contains("content/policy/30-rights.de.md:4:1: error: alias `about-us` is claimed by section `rights` and by section `intro`"),
        "{}",
        run.stderr
    );
    site.write(
        "content/policy/30-rights.de.md",
        &section("Ihre Rechte", "Sie haben das Recht auf Auskunft."),
    );
    // An alias that is not a slug is refused where it is written.
    site.write(
        "content/policy/10-intro.de.md",
        "+++\ntitle = \"Einleitung\"\naliases = [\"Über uns\"]\n+++\nWir sind die Test AG.\n",
    );
    let run = site.run(&["check"]).fails();
    assert!(
        run.stderr.contains("10-intro.de.md:3:1: error: alias `Über uns` is not a slug"),
        "{}",
        run.stderr
    );
}

/// `policy` v2 gives `rights` a summary in every language; v3 changes the German one.
fn summaries_v2_then_german_summary_changed() -> Site {
    let site = Site::released();
    for (lang, title, summary, body) in [
        (
            "de",
            "Ihre Rechte",
            "Sie können jederzeit Auskunft verlangen.",
            "Sie haben das Recht auf Auskunft.",
        ),
        (
            "en",
            "Your rights",
            "You may ask what we know about you at any time.",
            "You have the right of access.",
        ),
        ("sv", "Dina rättigheter", "Du kan när som helst begära information.", "Du har rätt till tillgång."),
    ] {
        site.write(&format!("content/policy/30-rights.{lang}.md"), &summarised(title, summary, body));
    }
    notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--minor", "--date", "2024-03-01"]).ok();
    site.write(
        "content/policy/30-rights.de.md",
        &summarised(
            "Ihre Rechte",
            "Sie können jederzeit und kostenlos Auskunft verlangen.",
            "Sie haben das Recht auf Auskunft.",
        ),
    );
    site
}

#[test]
fn a_changed_german_summary_outdates_the_translation_and_shows_word_by_word() {
    let site = summaries_v2_then_german_summary_changed();
    let status = site.run(&["status"]).ok();
    let rights = status.stdout.lines().find(|l| l.contains("30-rights")).expect("a line for 30-rights");
    assert!(rights.contains("changed") && rights.matches("outdated").count() == 2, "{}", status.stdout);
    let check = site.run(&["check"]).ok();
    assert!(
        check.stderr.contains("content/policy/30-rights.en.md: warning: outdated translation"),
        "{}",
        check.stderr
    );
    let refused = site.run(&["release", "policy", "--minor", "--date", "2024-05-01"]).fails();
    assert!(refused.stderr.contains("30-rights.en.md"), "{}", refused.stderr);

    notes(&site, "policy");
    site.run(&["release", "policy", "--minor", "--date", "2024-05-01", "--allow-incomplete"]).ok();
    let diff = site.run(&["diff", "policy", "2", "3"]).ok();
    assert!(diff.stdout.contains("kostenlos"), "the terminal diff shows the summary too: {}", diff.stdout);
    site.run(&["build", "--date", "2024-06-01"]).ok();
    let changes = site.read("public/de/policy/v3/changes/index.html");
    assert!(
        changes.contains(
            "<div class=\"summary\">\n<p class=\"summary-label\">Kurz gesagt</p>\n<p>Sie können jederzeit <ins>und kostenlos</ins> Auskunft verlangen.</p>\n</div>"
        ),
        "{changes}"
    );
    for page in site.snapshot("public") {
        assert!(!String::from_utf8_lossy(&page.1).contains("privsite-"), "{}: a marker left in", page.0);
    }
    // The English text did not change, but its page says it is outdated now.
    let en = site.read("public/en/policy/index.html");
    let rights = &en[en.find("<section id=\"rights\"").unwrap()..];
    assert!(rights[..rights.find("</section>").unwrap()].contains("class=\"notice outdated\""), "{rights}");
    // The German section was last modified by v3; the English one by v2.
    let de = site.read("public/de/policy/index.html");
    let de_rights = &de[de.find("<section id=\"rights\"").unwrap()..];
    assert!(de_rights.contains("<time datetime=\"2024-05-01\">"), "{de_rights}");
    assert!(rights.contains("<time datetime=\"2024-03-01\">"), "{rights}");
    // The feed entry lists the changed summary before the full text.
    let feed = site.read("public/de/feed.xml");
    let entry = &feed[feed.find("<entry>").unwrap()..feed.find("</entry>").unwrap()];
    let summary_at =
        entry.find("&lt;dd&gt;&lt;p&gt;Sie können jederzeit und kostenlos Auskunft verlangen.").expect(entry);
    let text_at = entry.find("Ihre Rechte (Geändert)").expect(entry);
    assert!(summary_at < text_at, "{entry}");
}

#[test]
fn the_document_page_opens_with_the_summaries_at_a_glance() {
    let site = summaries_v2_then_german_summary_changed();
    site.run(&["build", "--date", "2024-04-01"]).ok();
    let html = site.read("public/en/policy/index.html");
    let glance = &html[html.find("<section class=\"glance\"").expect("a glance table")..];
    let glance = &glance[..glance.find("</section>").unwrap()];
    assert!(glance.contains("<h2 id=\"glance_title\">At a glance</h2>"), "{glance}");
    assert!(
        glance.contains("<th scope=\"row\"><a href=\"#rights\">Your rights</a></th><td><p>You may ask what we know about you at any time.</p>"),
        "{glance}"
    );
    assert!(!glance.contains("#intro") && !glance.contains("#data"), "sections without a summary are absent");
    let rights = &html[html.find("<section id=\"rights\"").unwrap()..];
    assert!(
        rights.contains("<div class=\"summary\">\n    <p class=\"summary-label\">In short</p>"),
        "{rights}"
    );
    // Every section links to itself in its version, with an accessible name.
    assert!(
        html.contains("<a class=\"permalink\" href=\"v2/#rights\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section: Your rights</span></a>"),
        "{html}"
    );
    let v1 = site.read("public/en/policy/v1/index.html");
    assert!(v1.contains("<a class=\"permalink\" href=\"./#intro\">"), "{v1}");
    assert!(!v1.contains("class=\"glance\""), "no table where no section has a summary");

    // The history lists per section the versions in which it changed.
    let history = site.read("public/en/policy/history/index.html");
    assert!(
        history.contains("<tr><th scope=\"row\"><a href=\"../v2/#rights\">Your rights</a></th><td><a href=\"../v1/#rights\">Version 1</a>, <a href=\"../v2/changes/#rights\">Version 2</a></td></tr>"),
        "{history}"
    );
    assert!(
        history.contains(
            "<a href=\"../v2/#intro\">Introduction</a></th><td><a href=\"../v1/#intro\">Version 1</a></td>"
        ),
        "{history}"
    );
}

#[test]
fn summaries_are_required_only_when_the_site_says_so() {
    let site = Site::released();
    let run = site.run(&["check"]).ok();
    assert!(!run.stderr.contains("no summary"), "{}", run.stderr);
    let config = site.read("privsite.toml");
    site.write("privsite.toml", &format!("{config}summaries = \"required\"\n"));
    site.write(
        "content/policy/10-intro.de.md",
        &summarised("Einleitung", "Wer wir sind.", "Wir sind die Test AG."),
    );
    let run = site.run(&["check"]).ok();
    assert!(
        run.stderr.contains("content/policy/20-data.de.md: warning: section `data` has no summary"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("10-intro.de.md: warning: section `intro` has no summary"),
        "{}",
        run.stderr
    );
    site.write("privsite.toml", &format!("{config}summaries = \"always\"\n"));
    let run = site.run(&["check"]).fails();
    assert!(run.stderr.contains("privsite.toml"), "{}", run.stderr);
}

/// Undoes quoted-printable soft line breaks and `=XX` escapes (ASCII text).
fn unquote(eml: &str) -> String {
    let joined = eml.replace("=\r\n", "");
    let mut out = String::new();
    let mut rest = joined.as_str();
    while let Some(i) = rest.find('=') {
        out.push_str(&rest[..i]);
        match u8::from_str_radix(rest.get(i + 1..i + 3).unwrap_or(""), 16) {
            Ok(b) if b.is_ascii() => {
                out.push(b as char);
                rest = &rest[i + 3..];
            }
            _ => {
                out.push('=');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn a_change_notice_lists_the_summaries_of_the_changed_sections() {
    let site = Site::released();
    let config = site.read("privsite.toml");
    site.write(
        "privsite.toml",
        &format!(
            "{config}\n[mail]\nfrom = \"Test AG <privacy@test.example>\"\nsubscribers = \"subscribers.csv\"\n"
        ),
    );
    site.write("subscribers.csv", "email,language\nanna@example.com,en\n");
    for (lang, title, summary) in [
        ("de", "Ihre Rechte", "Sie können Auskunft verlangen."),
        ("en", "Your rights", "You may ask what we know about you."),
        ("sv", "Dina rättigheter", "Du kan begära information."),
    ] {
        site.write(&format!("content/policy/30-rights.{lang}.md"), &summarised(title, summary, "Neu."));
    }
    notes(&site, "policy");
    site.mark_all();
    site.run(&["release", "policy", "--major", "--date", "2024-03-01"]).ok();
    site.run_env(&["notify", "policy", "--outbox", "out"], &[("SOURCE_DATE_EPOCH", "1711929600")]).ok();
    let eml = unquote(&site.read("out/anna@example.com.eml"));
    let text = &eml[..eml.find("text/html").expect(&eml)];
    let listed = text.find("The changed sections in short").expect(text);
    assert!(text[listed..].contains("* Your rights: You may ask what we know about you."), "{text}");
    assert!(!text.contains("* Introduction"), "unchanged sections are not listed: {text}");
    let html = &eml[eml.find("text/html").unwrap()..];
    assert!(html.contains("<dt><strong>Your rights</strong></dt>"), "{html}");
    assert!(html.contains("<p>You may ask what we know about you.</p>"), "{html}");
}

#[test]
fn a_broken_link_in_a_summary_is_reported_where_it_is_written() {
    let site = Site::released();
    site.write(
        "content/policy/10-intro.de.md",
        &summarised("Einleitung", "Wer wir sind, siehe [hier](#nirgends).", "Wir sind die Test AG."),
    );
    let run = site.run(&["check"]).fails();
    assert!(
        run.stderr.contains("content/policy/10-intro.de.md:3:32: error: link to `#nirgends` leads nowhere"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 | summary = \"Wer wir sind, siehe [hier](#nirgends).\""),
        "{}",
        run.stderr
    );
}
