//! Markdown → Typst markup, from comrak's AST. Every piece of user text
//! becomes a Typst string literal (`#"…";`), and URLs and labels too, so
//! nothing a policy says is read as Typst: no markup, no code, no file access.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, parse_document};

use crate::parse::{self as markdown, Target};

/// Where the links of a text lead.
pub(crate) struct Links<'a> {
    /// Slugs of the version's sections: `#slug` jumps inside the PDF.
    pub(crate) sections: &'a [&'a str],
    /// Absolute URL of the version's page: other links resolve against it.
    pub(crate) page: &'a url::Url,
    /// Absolute URL of the language root (`…/de/`), for `../doc/` links.
    pub(crate) lang_root: &'a str,
}

/// `s` as a Typst string literal.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Typst markup of a Markdown body. `prefix` keeps footnote labels
/// unique in a document of many sections.
pub(crate) fn body(source: &str, prefix: &str, links: &Links<'_>, allow_html: bool) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, source, &markdown::options(allow_html));
    let mut notes = HashMap::new();
    let mut top = 6;
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::FootnoteDefinition(d) => {
                notes.insert(d.name.clone(), node);
            }
            NodeValue::Heading(h) => top = top.min(h.level),
            _ => {}
        }
    }
    let mut writer = Writer { links, prefix, notes, used: HashSet::new(), top, out: String::new() };
    writer.blocks(root);
    writer.out
}

struct Writer<'a, 'n> {
    links: &'a Links<'a>,
    prefix: &'a str,
    /// Footnote definitions by name: Typst sets a footnote where it is referenced.
    notes: HashMap<String, &'n AstNode<'n>>,
    /// Footnotes already set: a second reference points at the first.
    used: HashSet<String>,
    /// The highest heading level of the text, which becomes level 2 (the section is 1).
    top: u8,
    out: String,
}

impl<'n> Writer<'_, 'n> {
    fn text(&mut self, s: &str) {
        self.out.push('#');
        self.out.push_str(&string(s));
        self.out.push(';');
    }

    fn blocks(&mut self, parent: &'n AstNode<'n>) {
        let mut first = true;
        for child in parent.children() {
            if matches!(child.data.borrow().value, NodeValue::FootnoteDefinition(_)) {
                continue;
            }
            if !first {
                self.out.push_str("\n\n");
            }
            first = false;
            self.block(child);
        }
    }

    fn block(&mut self, node: &'n AstNode<'n>) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Paragraph => self.inlines(node),
            NodeValue::Heading(h) => {
                let level = (h.level + 2).saturating_sub(self.top).clamp(2, 6);
                let _ = write!(self.out, "#heading(level: {level}, outlined: false, bookmarked: false)[");
                self.inlines(node);
                self.out.push(']');
            }
            NodeValue::List(list) => {
                match list.list_type {
                    ListType::Bullet => {
                        let _ = write!(self.out, "#list(tight: {}", list.tight);
                    }
                    ListType::Ordered => {
                        let _ = write!(self.out, "#enum(start: {}, tight: {}", list.start, list.tight);
                    }
                }
                for item in node.children() {
                    self.out.push_str(", [");
                    if let NodeValue::TaskItem(task) = &item.data.borrow().value {
                        self.text(if task.symbol.is_some() { "[x] " } else { "[ ] " });
                    }
                    self.blocks(item);
                    self.out.push(']');
                }
                self.out.push(')');
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                self.out.push_str("#quote(block: true)[");
                self.blocks(node);
                self.out.push(']');
            }
            NodeValue::CodeBlock(code) => {
                let _ =
                    write!(self.out, "#raw(block: true, {});", string(code.literal.trim_end_matches('\n')));
            }
            // Shown as written, as the HTML pages show escaped HTML.
            NodeValue::HtmlBlock(html) => self.text(html.literal.trim_end_matches('\n')),
            NodeValue::ThematicBreak => self.out.push_str("#line(length: 100%, stroke: 0.5pt);"),
            NodeValue::Table(table) => self.table(node, &table.alignments, table.num_columns),
            NodeValue::Item(_) | NodeValue::TaskItem(_) | NodeValue::Document => self.blocks(node),
            _ => self.inlines(node),
        }
    }

    fn table(&mut self, node: &'n AstNode<'n>, alignments: &[TableAlignment], columns: usize) {
        let columns = columns.max(1);
        let _ = write!(self.out, "#table(columns: {columns}, align: (");
        for i in 0..columns {
            self.out.push_str(match alignments.get(i) {
                Some(TableAlignment::Center) => "center, ",
                Some(TableAlignment::Right) => "end, ",
                _ => "start, ",
            });
        }
        self.out.push(')');
        for row in node.children() {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            self.out.push_str(if header { ", table.header(" } else { ", " });
            let mut cells = 0;
            for cell in row.children().take(columns) {
                if cells > 0 {
                    self.out.push_str(", ");
                }
                self.out.push('[');
                self.inlines(cell);
                self.out.push(']');
                cells += 1;
            }
            // GFM pads short rows with empty cells.
            for pad in cells..columns {
                self.out.push_str(if pad == 0 { "[]" } else { ", []" });
            }
            if header {
                self.out.push(')');
            }
        }
        self.out.push(')');
    }

    fn inlines(&mut self, parent: &'n AstNode<'n>) {
        for child in parent.children() {
            self.inline(child);
        }
    }

    fn inline(&mut self, node: &'n AstNode<'n>) {
        let value = node.data.borrow().value.clone();
        let wrap = |w: &mut Self, function: &str| {
            w.out.push('#');
            w.out.push_str(function);
            w.out.push('[');
            w.inlines(node);
            w.out.push(']');
        };
        match value {
            NodeValue::Text(t) => self.text(&t),
            NodeValue::SoftBreak => self.text(" "),
            NodeValue::LineBreak => self.out.push_str("#linebreak();"),
            NodeValue::Code(code) => {
                let _ = write!(self.out, "#raw({});", string(&code.literal));
            }
            NodeValue::HtmlInline(html) | NodeValue::Raw(html) => self.text(&html),
            NodeValue::Emph => wrap(self, "emph"),
            NodeValue::Strong => wrap(self, "strong"),
            NodeValue::Strikethrough => wrap(self, "strike"),
            NodeValue::Link(link) => {
                let destination = self.destination(&link.url);
                wrap(self, &format!("link({destination})"));
            }
            // No image is fetched: its description stands in for it.
            NodeValue::Image(_) => wrap(self, "emph"),
            NodeValue::FootnoteReference(r) => self.footnote(&r.name),
            _ => self.inlines(node),
        }
    }

    fn footnote(&mut self, name: &str) {
        // `:` is in no slug, so no section's current or former slug is a footnote's label.
        let label = string(&format!("footnote:{}:{name}", self.prefix));
        if !self.used.insert(name.to_string()) {
            let _ = write!(self.out, "#footnote(label({label}));");
            return;
        }
        let Some(&definition) = self.notes.get(name) else {
            return;
        };
        self.out.push_str("#footnote[");
        self.blocks(definition);
        let _ = write!(self.out, "]#label({label});");
    }

    /// A `link` destination: a label for a section of this version, else an absolute URL.
    fn destination(&self, url: &str) -> String {
        let absolute = match markdown::target(url) {
            Target::Anchor(a) if self.links.sections.contains(&a) => return format!("label({})", string(a)),
            Target::Document { doc, anchor } => {
                let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                format!("{}{doc}/{anchor}", self.links.lang_root)
            }
            Target::External if url.contains(':') => url.to_string(),
            _ => self.links.page.join(url).map_or_else(|_| url.to_string(), String::from),
        };
        string(&absolute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(source: &str) -> String {
        let page = url::Url::parse("https://x.example/de/p/v1/").expect("valid URL");
        let links = Links { sections: &["rights"], page: &page, lang_root: "https://x.example/de/" };
        body(source, "s", &links, false)
    }

    #[test]
    fn user_text_is_only_ever_a_string_literal() {
        let m = markup("#set page(width: 1pt) *a* \\\" ]) [x](#read(\"/etc/passwd\"))\n");
        assert!(m.starts_with(r##"#"#set page(width: 1pt) ";#emph[#"a";]"##), "{m}");
        assert!(m.contains(r##"#" \" ]) ";"##), "{m}");
        assert!(m.contains(r##"#link("https://x.example/de/p/v1/#read(%22/etc/passwd%22)")"##), "{m}");
    }

    #[test]
    fn links_resolve_inside_the_pdf_or_absolutely() {
        let m = markup("[r](#rights) [c](../cookies/#x) [o](#other) [w](https://w.example/)\n");
        assert!(m.contains(r#"#link(label("rights"))[#"r";]"#), "{m}");
        assert!(m.contains(r#"#link("https://x.example/de/cookies/#x")"#), "{m}");
        assert!(m.contains(r#"#link("https://x.example/de/p/v1/#other")"#), "{m}");
        assert!(m.contains(r#"#link("https://w.example/")"#), "{m}");
    }

    #[test]
    fn tables_lists_and_footnotes() {
        let m = markup("| a | b |\n|:-:|--:|\n| 1 |\n\n1. x\n   - y\n\nA[^n] B[^n]\n\n[^n]: note\n");
        assert!(m.contains("#table(columns: 2, align: (center, end, ), table.header([#\"a\";], [#\"b\";]), [#\"1\";], [])"), "{m}");
        assert!(
            m.contains("#enum(start: 1, tight: true, [#\"x\";\n\n#list(tight: true, [#\"y\";])])"),
            "{m}"
        );
        assert!(m.contains("#footnote[#\"note\";]#label(\"footnote:s:n\");"), "{m}");
        assert!(m.contains("#footnote(label(\"footnote:s:n\"));"), "{m}");
    }

    #[test]
    fn body_headings_sit_below_the_section() {
        assert!(markup("### A\n\n#### B\n").contains(
            "#heading(level: 2, outlined: false, bookmarked: false)[#\"A\";]\n\n#heading(level: 3,"
        ));
    }
}
