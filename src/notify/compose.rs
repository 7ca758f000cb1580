//! Builds the change notice for one subscriber: subject and wording from
//! Fluent, text and HTML bodies from the theme's `mail/notice.txt` and
//! `mail/notice.html` (the same Tera setup as pages, so `t()` works and a site
//! overrides them file by file), headers for mail clients and list tools.
//! Pure: no IO, the clock and the secret are passed in.

use std::sync::Arc;
use std::time::SystemTime;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::texts::hex;
use crate::notify::subscribers::Subscriber;
use crate::render::dates::{DateText, Dates};
use crate::render::i18n::{Arg, Strings};
use crate::render::langnames::is_rtl;
use crate::render::templates;
use crate::site::{Document, Lang, Site, TextId, Version};

pub(crate) const TEXT_TEMPLATE: &str = "mail/notice.txt";
pub(crate) const HTML_TEMPLATE: &str = "mail/notice.html";

/// What is the same for every message of a run.
pub(crate) struct Options {
    /// Decides "will take effect on" (effective date after today) or "in effect since".
    pub(crate) today: NaiveDate,
    /// The `Date` header.
    pub(crate) now: SystemTime,
    /// `PRIVSITE_UNSUBSCRIBE_SECRET`, the key of the unsubscribe tokens.
    pub(crate) secret: Option<String>,
    /// Whether the messages go to their recipients (not `--dry-run` or
    /// `--outbox`): only then is a missing secret an error; otherwise the
    /// links carry [`PLACEHOLDER_TOKEN`], for all to see.
    pub(crate) sends: bool,
}

/// The `{token}` of unsubscribe links composed without a secret, for a
/// dry run or an outbox only.
pub(crate) const PLACEHOLDER_TOKEN: &str = "PRIVSITE_UNSUBSCRIBE_SECRET-not-set";

/// One finished message.
#[derive(Debug, Clone)]
pub(crate) struct Composed {
    pub(crate) message_id: String,
    pub(crate) lang: Lang,
    pub(crate) subject: String,
    pub(crate) envelope: lettre::address::Envelope,
    /// The whole message as sent (RFC 5322, CRLF line ends).
    pub(crate) bytes: Vec<u8>,
}

/// The parts of a message that depend only on its language.
#[derive(Serialize, Clone)]
struct LangView {
    lang: String,
    rtl: bool,
    authoritative: String,
    is_translation: bool,
    site_name: String,
    doc_title: String,
    number: u32,
    subject: String,
    effective: DateText,
    published: DateText,
    in_future: bool,
    notes_title: Option<String>,
    notes_text: String,
    notes_html: String,
    /// The summaries of the sections this version changed or added.
    summaries: Vec<SummaryView>,
    version_url: String,
    changes_url: String,
    history_url: String,
    binding_url: String,
}

#[derive(Serialize, Clone)]
struct SummaryView {
    title: String,
    /// The summary's Markdown, for the text part.
    text: String,
    html: String,
}

pub(crate) struct Composer<'a> {
    site: &'a Site,
    doc: &'a Document,
    version: &'a Version,
    tera: Tera,
    /// Per language; `None` where the version does not exist in it.
    views: Vec<Option<LangView>>,
    host: String,
    from: Mailbox,
    unsubscribe: Option<String>,
    signature: crate::config::Signature,
    secret: Option<String>,
    now: SystemTime,
}

impl<'a> Composer<'a> {
    pub(crate) fn new(
        site: &'a Site,
        doc: &'a Document,
        version: &'a Version,
        options: Options,
    ) -> Result<Composer<'a>, Diagnostics> {
        let config = &site.config;
        let Some(mail) = &config.mail else {
            return Err(no_mail_table().into());
        };
        let no_secret = options.secret.as_deref().is_none_or(str::is_empty);
        if options.sends && no_secret && mail.unsubscribe.as_deref().is_some_and(|u| u.contains("{token}")) {
            return Err(Diagnostic::error("PRIVSITE_UNSUBSCRIBE_SECRET is not set")
                .in_file(crate::config::FILE_NAME)
                .help("the `unsubscribe` URL of [mail] has a {token}: set PRIVSITE_UNSUBSCRIBE_SECRET to the secret your unsubscribe page checks the tokens with")
                .into());
        }
        let strings = Arc::new(Strings::new(site));
        let tera = templates::build(&site.theme, &config.languages, Arc::clone(&strings))?;
        let dates = Dates::new(&config.languages);
        let host = url::Url::parse(&config.base_url)
            .ok()
            .and_then(|u| u.host_str().map(|h| h.trim_matches(['[', ']']).replace(':', "-")))
            .unwrap_or_else(|| "localhost".to_string());
        let views = (0..config.languages.len())
            .map(|lang| {
                version
                    .text
                    .has_lang(lang)
                    .then(|| lang_view(site, doc, version, lang, &strings, &dates, options.today))
            })
            .collect();
        // Release notes whose body could not be read again would be sent empty.
        let unread = site.unread();
        if !unread.is_empty() {
            return Err(Diagnostics(unread));
        }
        Ok(Composer {
            site,
            doc,
            version,
            tera,
            views,
            host,
            from: mail.from.clone(),
            unsubscribe: mail.unsubscribe.clone(),
            signature: mail.signature.clone(),
            secret: options.secret.filter(|s| !s.is_empty()),
            now: options.now,
        })
    }

    /// The language a subscriber gets: theirs, else the authoritative one.
    pub(crate) fn lang_for(&self, subscriber: &Subscriber) -> Lang {
        if self.views.get(subscriber.lang).is_some_and(Option::is_some) {
            subscriber.lang
        } else {
            self.site.config.authoritative
        }
    }

    /// `<…@host>`, the same for the same document, version and address.
    pub(crate) fn message_id(&self, key: &str) -> String {
        let digest = Sha256::digest(
            format!("privsite-notice\0{}\0{}\0{key}", self.doc.slug, self.version.number).as_bytes(),
        );
        format!("<{}.v{}.{}@{}>", self.doc.slug, self.version.number, &hex(&digest)[..32], self.host)
    }

    pub(crate) fn compose(&self, subscriber: &Subscriber) -> Result<Composed, Diagnostic> {
        let lang = self.lang_for(subscriber);
        let Some(view) = self.views.get(lang).and_then(Option::as_ref) else {
            return Err(Diagnostic::error(format!(
                "{} v{} has no text in the authoritative language",
                self.doc.slug, self.version.number
            )));
        };
        let unsubscribe = self.unsubscribe_url(subscriber);
        let mut context = Context::from_serialize(view).map_err(|e| self.template_error(&e))?;
        context.insert("name", &subscriber.name);
        context.insert("email", &subscriber.key);
        context.insert("unsubscribe_url", &unsubscribe);
        let signature = self.signature.of(lang, self.site.config.authoritative);
        context.insert("signature", &signature);
        // One line of the signature per line of the HTML part.
        context.insert("signature_lines", &signature.map(|s| s.lines().collect::<Vec<_>>()));
        let text = self.tera.render(TEXT_TEMPLATE, &context).map_err(|e| self.template_error(&e))?;
        let html = self.tera.render(HTML_TEMPLATE, &context).map_err(|e| self.template_error(&e))?;
        let message_id = self.message_id(&subscriber.key);
        let to = Mailbox::new(subscriber.name.clone(), subscriber.email.clone());
        let header = |name: &str, value: String| {
            HeaderName::new_from_ascii(name.to_string()).map(|n| HeaderValue::new(n, value))
        };
        let mut headers = vec![
            header("Content-Language", view.lang.clone()),
            header("Auto-Submitted", "auto-generated".into()),
            header("List-Id", format!("<{}.{}>", self.doc.slug, self.host)),
            header("List-Archive", format!("<{}>", view.history_url)),
        ];
        if let Some(url) = &unsubscribe {
            headers.push(header("List-Unsubscribe", format!("<{url}>")));
            headers.push(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()));
        }
        let mut builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(view.subject.clone())
            .date(self.now)
            .message_id(Some(message_id.clone()));
        for h in headers {
            let h = h.map_err(|_| Diagnostic::error("invalid header name (a bug in privsite)"))?;
            builder = builder.raw_header(h);
        }
        let message = builder.multipart(MultiPart::alternative_plain_html(text, html)).map_err(|e| {
            Diagnostic::error(format!("cannot build the message to {}: {e}", subscriber.email))
        })?;
        Ok(Composed {
            message_id,
            lang,
            subject: view.subject.clone(),
            envelope: message.envelope().clone(),
            bytes: message.formatted(),
        })
    }

    /// The unsubscribe URL of a subscriber, if `[mail] unsubscribe` is set.
    fn unsubscribe_url(&self, subscriber: &Subscriber) -> Option<String> {
        let template = self.unsubscribe.as_ref()?;
        let token = self
            .secret
            .as_deref()
            .map_or_else(|| PLACEHOLDER_TOKEN.to_string(), |s| token(s, &subscriber.key));
        Some(
            template
                .replace("{email}", &percent_encode(subscriber.email.as_ref()))
                .replace("{token}", &token),
        )
    }

    fn template_error(&self, e: &tera::Error) -> Diagnostic {
        templates::diagnostic(e, &self.site.theme)
    }
}

fn lang_view(
    site: &Site,
    doc: &Document,
    version: &Version,
    lang: Lang,
    strings: &Strings,
    dates: &Dates,
    today: NaiveDate,
) -> LangView {
    let config = &site.config;
    let auth = config.authoritative;
    let code = &config.languages[lang];
    let text = |id: Option<TextId>| id.map(|i| site.text(i));
    let title = text(version.text.index[lang].or(version.text.index[auth]))
        .and_then(|t| t.title.clone())
        .unwrap_or_else(|| doc.slug.clone());
    let notes = text(version.text.notes[lang].or(version.text.notes[auth]));
    let base = &config.base_url;
    let version_dir = |l: Lang| format!("{base}{}/{}/v{}/", config.languages[l], doc.slug, version.number);
    let subject = strings
        .format(
            lang,
            "mail-subject",
            &[
                ("title", Arg::Str(title.clone())),
                ("number", Arg::Num(f64::from(version.number))),
                ("name", Arg::Str(config.name.clone())),
            ],
        )
        .unwrap_or_else(|| format!("{title} (v{})", version.number));
    LangView {
        lang: code.clone(),
        rtl: is_rtl(code),
        authoritative: config.authoritative_code().to_string(),
        is_translation: lang != auth,
        site_name: config.name.clone(),
        doc_title: title,
        number: version.number,
        // A subject is one line.
        subject: subject.replace(['\r', '\n'], " "),
        effective: dates.text(lang, version.effective),
        published: dates.text(lang, version.date),
        in_future: version.effective > today,
        notes_title: notes.and_then(|n| n.title.clone()),
        notes_text: notes
            .map(|n| plain_text(n.body(), &format!("{base}{code}/{}/", doc.slug)))
            .unwrap_or_default(),
        notes_html: notes
            .map(|n| {
                crate::parse::render(n, config.allow_html).html_at(&format!("{base}{code}/")).into_owned()
            })
            .unwrap_or_default(),
        summaries: changed_summaries(site, doc, version, lang),
        version_url: version_dir(lang),
        changes_url: format!("{}changes/", version_dir(lang)),
        history_url: format!("{base}{code}/{}/history/", doc.slug),
        binding_url: version_dir(auth),
    }
}

/// Markdown as a reader of the text part wants it: no `**` or `[…](…)`;
/// list markers, paragraphs and link targets (absolute, from `page`, the
/// URL of the document the notes belong to) kept.
fn plain_text(markdown: &str, page: &str) -> String {
    use comrak::nodes::{AstNode, ListType, NodeValue};
    fn walk<'a>(node: &'a AstNode<'a>, page: &str, indent: &str, out: &mut String) {
        let children = |out: &mut String, indent: &str| {
            for child in node.children() {
                walk(child, page, indent, out);
            }
        };
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Text(t) => out.push_str(&t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak => out.push(' '),
            NodeValue::LineBreak => out.push_str(&format!("\n{indent}")),
            NodeValue::CodeBlock(c) => {
                for line in c.literal.lines() {
                    out.push_str(&format!("{indent}    {line}\n"));
                }
                out.push('\n');
            }
            NodeValue::Paragraph | NodeValue::Heading(_) => {
                if !out.ends_with(' ') && !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
                children(out, indent);
                // Inside a list item, items follow each other line by line.
                let tight =
                    node.parent().is_some_and(|p| matches!(p.data.borrow().value, NodeValue::Item(_)));
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            NodeValue::List(list) => {
                for (i, item) in node.children().enumerate() {
                    let marker = match list.list_type {
                        ListType::Bullet => "- ".to_string(),
                        ListType::Ordered => format!("{}. ", list.start + i),
                    };
                    out.push_str(indent);
                    out.push_str(&marker);
                    let inner = format!("{indent}{}", " ".repeat(marker.len()));
                    for child in item.children() {
                        walk(child, page, &inner, out);
                    }
                }
                if node.parent().is_some_and(|p| !matches!(p.data.borrow().value, NodeValue::Item(_))) {
                    out.push('\n');
                }
            }
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let mut text = String::new();
                for child in node.children() {
                    walk(child, page, indent, &mut text);
                }
                let target = url::Url::parse(page)
                    .and_then(|base| base.join(&link.url))
                    .map_or_else(|_| link.url.clone(), String::from);
                let target = target.strip_prefix("mailto:").unwrap_or(&target);
                out.push_str(&text);
                if text != target {
                    out.push_str(&format!(" <{target}>"));
                }
            }
            NodeValue::HtmlInline(_) | NodeValue::HtmlBlock(_) => {}
            _ => children(out, indent),
        }
    }
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.table = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut out = String::new();
    walk(root, page, "", &mut out);
    out.trim_end().to_string()
}

/// The summaries of the sections of `version` whose text as shown in `lang`
/// differs from the version before (renamed sections compared with their
/// former text), in order.
fn changed_summaries(site: &Site, doc: &Document, version: &Version, lang: Lang) -> Vec<SummaryView> {
    let auth = site.config.authoritative;
    let code = &site.config.languages[lang];
    let prev = version.number.checked_sub(1).and_then(|n| doc.version(n)).map(|p| &p.text);
    let renamed = prev.map(|p| crate::anchors::renames(p, &version.text, &site.texts, lang, auth));
    let shown = |s: &crate::site::Section| s.texts[lang].or(s.texts[auth]);
    version
        .text
        .sections
        .iter()
        .filter_map(|s| {
            let id = shown(s)?;
            let text = site.text(id);
            let summary = text.summary.clone()?;
            let before = prev.and_then(|p| {
                let slug = renamed.as_ref()?.get(s.slug.as_str()).copied().unwrap_or(&s.slug);
                p.sections.iter().find(|o| o.slug == slug).and_then(shown)
            });
            if before.is_some_and(|b| site.text(b).digest == text.digest) {
                return None;
            }
            let html = crate::parse::render(text, site.config.allow_html)
                .summary_at(&format!("{}{code}/", site.config.base_url))
                .unwrap_or_default();
            Some(SummaryView { title: text.title.clone().unwrap_or_default(), text: summary, html })
        })
        .collect()
}

/// The unsubscribe token of an address: HMAC-SHA256 under the secret, in hex.
pub(crate) fn token(secret: &str, key: &str) -> String {
    match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(key.as_bytes());
            hex(&mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; this branch is never taken.
        Err(_) => String::new(),
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(crate) fn no_mail_table() -> Diagnostic {
    Diagnostic::error("privsite.toml has no [mail] table")
        .in_file(crate::config::FILE_NAME)
        .help("add one:\n[mail]\nfrom = \"Example GmbH <privacy@example.com>\"\nsubscribers = \"subscribers.csv\"\nsmtp = \"smtp://localhost:25\"   # optional; without it notices go to an outbox folder")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_notes_become_readable_text() {
        let notes = "We **no longer** store your *e-mail address*.\n\n- See the [terms](../terms/).\n- Ask <dpo@example.com>.\n\n1. first\n2. `second`\n";
        assert_eq!(
            plain_text(notes, "https://example.test/legal/en/policy/"),
            "We no longer store your e-mail address.\n\n- See the terms <https://example.test/legal/en/terms/>.\n- Ask dpo@example.com.\n\n1. first\n2. second"
        );
    }

    #[test]
    fn tokens_are_hmac_sha256() {
        // RFC 4231 test case 2.
        assert_eq!(
            token("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_ne!(token("a", "x@y.org"), token("b", "x@y.org"));
    }

    #[test]
    fn percent_encoding_keeps_unreserved_only() {
        assert_eq!(percent_encode("a.b+c@x.org"), "a.b%2Bc%40x.org");
    }
}
