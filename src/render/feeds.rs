//! `/<lang>/feed.xml` (Atom, RFC 4287), `/sitemap.xml` (with hreflang
//! alternates) and `/versions.json` (every version with the SHA-256 of its
//! stored text per language): the machine-readable record of the site.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Value};

use crate::render::changes::Status;
use crate::render::i18n::Arg;
use crate::render::keys::{Hashing, Key, Keys};
use crate::render::pages::{Page, Pages};
use crate::site::{Kind, Lang};

#[derive(Serialize)]
struct Entry {
    id: String,
    title: String,
    link: String,
    published: String,
    kind: Kind,
    content: String,
}

/// RFC 3339 for a day.
fn timestamp(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// The authority of `tag:` ids (RFC 4151): the host of `base_url`, without port.
fn tag_authority(base_url: &str) -> &str {
    let host = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = host.split('/').next().unwrap_or(host);
    host.split(':').next().unwrap_or(host)
}

/// How many releases a feed carries, newest first: what a reader polls for
/// is news, and each document's history page keeps them all. It also keeps
/// the feed, which every release rewrites, from growing with the history.
pub(crate) const FEED_ENTRIES: usize = 50;

/// The template context of a language's Atom feed.
pub(crate) fn feed(pages: &Pages<'_>, keys: &Keys, lang: Lang) -> Context {
    let code = pages.code(lang);
    let authority = tag_authority(&pages.base_url);
    let mut released: Vec<(NaiveDate, &str, u32, usize, usize)> = Vec::new();
    for (d, t) in pages.timelines.iter().enumerate() {
        let doc = pages.doc(d);
        for v in 0..t.published {
            if pages.exists(Page::Document { doc: d, lang, version: Some(v) }) {
                released.push((doc.versions[v].date, &doc.slug, doc.versions[v].number, d, v));
            }
        }
    }
    // Newest first; ties in a stable order.
    released.sort_by(|a, b| (b.0, a.1, b.2).cmp(&(a.0, b.1, a.2)));
    let oldest = released.iter().map(|e| e.0).min();
    released.truncate(FEED_ENTRIES);
    let mut entries: Vec<(NaiveDate, Entry)> = Vec::new();
    for (_, _, _, d, v) in released {
        let doc = pages.doc(d);
        let page = Page::Document { doc: d, lang, version: Some(v) };
        let version = &doc.versions[v];
        let title = pages.title(d, v, lang);
        let number = f64::from(version.number);
        let entry_title = pages
            .strings
            .format(
                lang,
                "feed-entry-title",
                &[("doc", Arg::Str(title.clone())), ("number", Arg::Num(number))],
            )
            .unwrap_or_else(|| format!("{title} v{}", version.number));
        let changes_page = Page::Changes { doc: d, lang, version: v };
        let link_page = if pages.exists(changes_page) { changes_page } else { page };
        entries.push((
            version.date,
            Entry {
                id: format!("tag:{authority},{}:{code}/{}/v{}", version.date, doc.slug, version.number),
                title: entry_title,
                link: format!("{}{}", pages.base_url, pages.dir(link_page)),
                published: timestamp(version.date),
                kind: version.kind,
                content: {
                    let made = || entry_content(pages, d, lang, v).into();
                    pages.kept.entries.get_or(entry_key(pages, keys, d, lang, v), made).to_string()
                },
            },
        ));
    }
    let updated = entries.first().map(|e| e.0);
    let site = pages.site;
    let mut ctx = Context::new();
    ctx.insert("lang", code);
    ctx.insert("site_name", &site.config.name);
    ctx.insert(
        "title",
        &pages
            .strings
            .format(lang, "feed-title", &[("site", Arg::Str(site.config.name.clone()))])
            .unwrap_or_else(|| site.config.name.clone()),
    );
    ctx.insert("id", &format!("tag:{authority},{}:{code}/feed", oldest.unwrap_or(pages.build_date)));
    ctx.insert("self_url", &format!("{}{code}/feed.xml", pages.base_url));
    ctx.insert("center_url", &format!("{}{code}/", pages.base_url));
    ctx.insert("updated", &timestamp(updated.unwrap_or(pages.build_date)));
    ctx.insert("entries", &entries.into_iter().map(|e| e.1).collect::<Vec<_>>());
    ctx
}

/// What [`entry_content`] is made from: the site-wide inputs, the
/// version's place and release notes, and the two versions it compares as
/// `lang` shows them. A release leaves the entries of earlier versions
/// as they were, though their document changed.
fn entry_key(pages: &Pages<'_>, keys: &Keys, d: usize, lang: Lang, v: usize) -> Key {
    let auth = pages.site.config.authoritative;
    let versions = &pages.doc(d).versions;
    let mut h = Hashing(Sha256::new());
    h.0.update(keys.common());
    let _ = write!(h, "feed entry\0{}\0{lang}\0{v}\0{}\0", pages.doc(d).slug, versions[v].number);
    match versions[v].text.notes[lang].or(versions[v].text.notes[auth]) {
        Some(notes) => h.0.update(keys.text(notes)),
        None => h.0.update(b"-"),
    }
    for rev in versions[v.saturating_sub(1)..=v].iter().map(|version| &version.text) {
        h.0.update(keys.revision(rev, lang, auth));
    }
    h.0.finalize().into()
}

/// The release notes and the changed text itself, as HTML.
fn entry_content(pages: &Pages<'_>, d: usize, lang: Lang, v: usize) -> String {
    let version = &pages.doc(d).versions[v];
    let auth = pages.site.config.authoritative;
    let lang_root = format!("{}{}/", pages.base_url, pages.code(lang));
    let mut html = String::new();
    if let Some(notes) = version.text.notes[lang].or(version.text.notes[auth]) {
        html.push_str(&pages.html.get(notes).html_at(&lang_root));
    }
    if v == 0 {
        return html;
    }
    let changes = pages.changes_absolute(d, lang, v - 1, v);
    html.push_str(&summaries_html(pages, lang, &changes));
    for c in changes {
        let label = match c.status {
            Status::Unchanged => continue,
            // A rename shows only when its title or summary changed too.
            Status::Renamed if c.html.is_none() => continue,
            Status::Changed | Status::Renamed => "section-changed",
            Status::Added => "section-added",
            Status::Removed => "section-removed",
        };
        let label = pages.strings.format(lang, label, &[]).unwrap_or_default();
        let title = escape(&c.title);
        let _ = writeln!(html, "<h2>{title} ({label})</h2>");
        let body = c.html.unwrap_or_default();
        match c.status {
            Status::Added => html.push_str(&format!("<ins>{body}</ins>\n")),
            Status::Removed => html.push_str(&format!("<del>{body}</del>\n")),
            _ => html.push_str(&body),
        }
    }
    html
}

/// The first layer of an entry: the summaries of the sections that changed
/// or were added, before their full text.
fn summaries_html(
    pages: &Pages<'_>,
    lang: Lang,
    changes: &[crate::render::changes::SectionChange],
) -> String {
    let items: Vec<String> = changes
        .iter()
        .filter(|c| c.html.is_some() && c.status != Status::Removed)
        .filter_map(|c| Some(format!("<dt>{}</dt>\n<dd>{}</dd>\n", escape(&c.title), c.summary.as_deref()?)))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    let heading = pages.strings.format(lang, "changed-summaries", &[]).unwrap_or_default();
    format!("<h2>{}</h2>\n<dl>\n{}</dl>\n", escape(&heading), items.concat())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One page of `/sitemap.xml`: when it last changed, and in which
/// languages it also exists (`None`: x-default, the authoritative one).
pub(crate) struct SitemapPage {
    page: Page,
    lastmod: Option<NaiveDate>,
    alternates: Vec<Option<Lang>>,
}

/// Every page of the sitemap, with what its entry shows.
pub(crate) fn sitemap_pages(pages: &Pages<'_>) -> Vec<SitemapPage> {
    let auth = pages.site.config.authoritative;
    pages
        .all()
        .into_iter()
        .filter(|p| *p != Page::NotFound)
        .map(|page| {
            let mut alternates = Vec::new();
            if Pages::lang_of(page).is_some() {
                let languages = 0..pages.site.config.languages.len();
                alternates.extend(languages.filter(|&l| pages.exists(Pages::with_lang(page, l))).map(Some));
                if pages.exists(Pages::with_lang(page, auth)) {
                    alternates.push(None);
                }
            }
            SitemapPage { page, lastmod: pages.lastmod(page), alternates }
        })
        .collect()
}

/// What `/sitemap.xml` is made from: the site-wide inputs (`common`) and
/// its pages. A save in `serve` changes a page's text, seldom which pages
/// there are or the day they changed, so the sitemap mostly stays.
pub(crate) fn sitemap_key(common: &[u8], entries: &[SitemapPage]) -> crate::render::keys::Key {
    // Which pages there are, by number: the site-wide inputs (`common`)
    // name the languages and documents their paths are made of.
    let mut bytes = Vec::with_capacity(entries.len() * 64);
    for e in entries {
        let day = e.lastmod.map_or(i64::MIN, |d| i64::from(d.num_days_from_ce()));
        let alternates = e.alternates.iter().map(|l| l.map_or(u64::MAX, |l| l as u64));
        for word in
            e.page.words().into_iter().chain([day as u64, e.alternates.len() as u64]).chain(alternates)
        {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
    }
    Sha256::new().chain_update(common).chain_update(&bytes).finalize().into()
}

/// The template context of `/sitemap.xml`: every page (`urls`), each with
/// its `loc`, `lastmod` and the `lang` and `href` of its `alternates`.
/// Made as template values directly: a page's language versions share
/// their alternates, made once (tera's values are shared, not copied).
pub(crate) fn sitemap(pages: &Pages<'_>, entries: &[SitemapPage]) -> Context {
    let auth = pages.site.config.authoritative;
    let map = |fields: Vec<(&'static str, Value)>| {
        Value::from(fields.into_iter().map(|(k, v)| (k.into(), v)).collect::<tera::Map>())
    };
    // Each page's address is made once: it is also an alternate of the others.
    let locs: Vec<Value> =
        entries.iter().map(|e| Value::from(format!("{}{}", pages.base_url, pages.dir(e.page)))).collect();
    let at: HashMap<Page, usize> = entries.iter().enumerate().map(|(i, e)| (e.page, i)).collect();
    let url = |page: Page| match at.get(&page) {
        Some(&i) => locs[i].clone(),
        None => Value::from(format!("{}{}", pages.base_url, pages.dir(page))),
    };
    let mut shared: HashMap<Page, Value> = HashMap::new();
    let urls: Vec<Value> = entries
        .iter()
        .zip(&locs)
        .map(|(e, loc)| {
            let alternates = shared.entry(Pages::with_lang(e.page, auth)).or_insert_with(|| {
                let each = e.alternates.iter().map(|lang| {
                    let code = lang.map_or("x-default", |l| pages.code(l));
                    let href = url(Pages::with_lang(e.page, lang.unwrap_or(auth)));
                    map(vec![("lang", Value::from(code)), ("href", href)])
                });
                Value::from(each.collect::<Vec<Value>>())
            });
            let lastmod = Value::from(e.lastmod.map(|d| d.to_string()));
            map(vec![("loc", loc.clone()), ("lastmod", lastmod), ("alternates", alternates.clone())])
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert_value("urls", Value::from(urls));
    ctx
}

/// `/sitemap.xml` made directly, when the theme's template is the built-in
/// one: the very bytes that template renders ([`sitemap`]), several times
/// faster. On the 30k site Tera took 24 ms of a core for its 3,600 entries,
/// and every release changes the sitemap. A test holds the two to the same
/// bytes (`the_built_in_sitemap_is_what_its_template_renders`): an edit to
/// the template needs the same edit here.
pub(crate) fn builtin_sitemap(pages: &Pages<'_>, entries: &[SitemapPage]) -> Option<Vec<u8>> {
    let (_, source) = pages.site.theme.templates.get("sitemap.xml")?;
    if crate::embedded::theme_template("sitemap.xml") != Some(source.as_str()) {
        return None;
    }
    let auth = pages.site.config.authoritative;
    let locs: Vec<String> =
        entries.iter().map(|e| xml(&format!("{}{}", pages.base_url, pages.dir(e.page)))).collect();
    let at: HashMap<Page, usize> = entries.iter().enumerate().map(|(i, e)| (e.page, i)).collect();
    let mut out = String::with_capacity(entries.len() * 400);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">");
    for (e, loc) in entries.iter().zip(&locs) {
        let _ = write!(out, "\n  <url>\n    <loc>{loc}</loc>");
        if let Some(day) = e.lastmod {
            let _ = write!(out, "\n    <lastmod>{day}</lastmod>");
        }
        for lang in &e.alternates {
            let code = xml(lang.map_or("x-default", |l| pages.code(l)));
            let there = Pages::with_lang(e.page, lang.unwrap_or(auth));
            let href = match at.get(&there) {
                Some(&i) => Cow::Borrowed(locs[i].as_str()),
                None => Cow::Owned(xml(&format!("{}{}", pages.base_url, pages.dir(there)))),
            };
            let _ = write!(out, "\n    <xhtml:link rel=\"alternate\" hreflang=\"{code}\" href=\"{href}\"/>");
        }
        out.push_str("\n  </url>");
    }
    out.push_str("\n</urlset>\n");
    Some(out.into_bytes())
}

/// `text` escaped as Tera escapes what a template prints.
fn xml(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

// `/versions.json`, its fields in name order (as readers have always seen them).
#[derive(Serialize)]
struct Manifest<'a> {
    authoritative: &'a str,
    base_url: &'a str,
    documents: Vec<ManifestDocument<'a>>,
}

#[derive(Serialize)]
struct ManifestDocument<'a> {
    document: &'a str,
    versions: Vec<ManifestVersion<'a>>,
    withdrawn: Option<NaiveDate>,
}

#[derive(Serialize)]
struct ManifestVersion<'a> {
    effective: NaiveDate,
    kind: Kind,
    languages: std::collections::BTreeMap<&'a str, ManifestText<'a>>,
    published: NaiveDate,
    status: &'static str,
    version: u32,
}

#[derive(Serialize)]
struct ManifestText<'a> {
    changes_url: Option<String>,
    pdf_sha256: Option<&'a str>,
    pdf_url: Option<String>,
    sha256: String,
    title: String,
    url: String,
}

/// `/versions.json`.
pub(crate) fn manifest(pages: &Pages<'_>) -> Vec<u8> {
    let config = &pages.site.config;
    let url = |page: Page| format!("{}{}", pages.base_url, pages.dir(page));
    let documents = pages
        .timelines
        .iter()
        .enumerate()
        .filter(|(_, t)| t.published > 0)
        .map(|(d, t)| {
            let doc = pages.doc(d);
            let versions = (0..t.published)
                .map(|v| {
                    let version = &doc.versions[v];
                    let languages = config
                        .languages
                        .iter()
                        .enumerate()
                        .filter(|&(lang, _)| version.text.has_lang(lang))
                        .map(|(lang, code)| {
                            let changes = Page::Changes { doc: d, lang, version: v };
                            let pdf = pages.pdfs.get(&(d, lang, v));
                            let text = ManifestText {
                                changes_url: pages.exists(changes).then(|| url(changes)),
                                pdf_sha256: pdf.map(|p| p.sha256.as_str()),
                                pdf_url: pdf.map(|p| format!("{}{}", pages.base_url, p.path)),
                                sha256: version.text_digest(code),
                                title: pages.title(d, v, lang),
                                url: url(Page::Document { doc: d, lang, version: Some(v) }),
                            };
                            (code.as_str(), text)
                        })
                        .collect();
                    let status = match t.current {
                        Some(c) if c == v && t.withdrawn.is_some() => "withdrawn",
                        Some(c) if c == v => "current",
                        Some(c) if v < c => "superseded",
                        _ => "upcoming",
                    };
                    ManifestVersion {
                        effective: version.effective,
                        kind: version.kind,
                        languages,
                        published: version.date,
                        status,
                        version: version.number,
                    }
                })
                .collect();
            ManifestDocument { document: &doc.slug, versions, withdrawn: t.withdrawn }
        })
        .collect();
    let manifest =
        Manifest { authoritative: config.authoritative_code(), base_url: &pages.base_url, documents };
    let mut out = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    out.push(b'\n');
    out
}
