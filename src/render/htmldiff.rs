//! Word-by-word difference of two HTML fragments, as valid HTML.
//!
//! The result is the new fragment, unchanged in structure, with inserted
//! words wrapped in `<ins>` and the removed words of the old fragment put back
//! in `<del>` where they stood. Removed tags are dropped (the structure shown
//! is the new one), and removed words are held back while the position is one
//! where text may not stand (directly inside a list or table), so the output
//! stays valid HTML whatever changed.

use rustc_hash::FxHashMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Splits HTML into tags, runs of whitespace and words.
pub(crate) fn tokens(html: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(html.len() / 4);
    let mut rest = html;
    while !rest.is_empty() {
        let len = if rest.starts_with('<') {
            memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |i| i + 1)
        } else {
            let first_space = rest.starts_with(char::is_whitespace);
            run_end(rest, first_space)
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// Where a run of text (`space`: of whitespace, else of a word) ends: at a
/// tag, or where whitespace begins or ends. ASCII is decided by its byte.
fn run_end(text: &str, space: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b == b'<' || (matches!(b, b'\t'..=b'\r' | b' ')) != space {
                return i;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() != space {
                return i;
            }
            i += c.len_utf8();
        }
    }
    bytes.len()
}

fn is_tag(token: &str) -> bool {
    token.starts_with('<')
}

/// Elements directly inside which text may not stand.
const NO_TEXT: [&str; 9] = ["ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "dl", "colgroup"];
const VOID: [&str; 6] = ["br", "hr", "img", "input", "col", "wbr"];

fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<').trim_start_matches('/');
    let end = inner.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(inner.len());
    &inner[..end]
}

struct Writer<'a> {
    out: String,
    open: Vec<&'a str>,
    deleted: Vec<&'a str>,
}

impl<'a> Writer<'a> {
    fn text_allowed(&self) -> bool {
        self.open.last().is_none_or(|t| !NO_TEXT.contains(t))
    }

    /// Writes held-back removed words if text may stand here (in a list, as
    /// an item of their own).
    fn flush(&mut self) {
        let in_list = matches!(self.open.last(), Some(&"ul" | &"ol"));
        if self.deleted.is_empty() || !(self.text_allowed() || in_list) {
            return;
        }
        let words = self.deleted.concat();
        let trimmed = words.trim();
        if !trimmed.is_empty() {
            let (open, close) =
                if in_list { ("<li class=\"removed\"><del>", "</del></li>") } else { ("<del>", "</del>") };
            self.out.push_str(open);
            self.out.push_str(trimmed);
            self.out.push_str(close);
            if words.ends_with(char::is_whitespace) {
                self.out.push(' ');
            }
        }
        self.deleted.clear();
    }

    fn tag(&mut self, tag: &'a str) {
        let name = tag_name(tag);
        if tag.starts_with("</") {
            self.flush();
            if let Some(pos) = self.open.iter().rposition(|t| *t == name) {
                self.open.truncate(pos);
            }
        } else if !tag.starts_with("<!") && !tag.ends_with("/>") && !VOID.contains(&name) {
            self.open.push(name);
        }
        self.out.push_str(tag);
    }

    fn equal(&mut self, tokens: &[&'a str]) {
        for &t in tokens {
            if is_tag(t) {
                self.tag(t);
            } else {
                self.flush();
                self.out.push_str(t);
            }
        }
    }

    fn insert(&mut self, tokens: &[&'a str]) {
        let mut i = 0;
        while i < tokens.len() {
            if is_tag(tokens[i]) {
                self.tag(tokens[i]);
                i += 1;
                continue;
            }
            let end = tokens[i..].iter().position(|t| is_tag(t)).map_or(tokens.len(), |p| i + p);
            let run = tokens[i..end].concat();
            let body = run.trim();
            self.flush();
            if body.is_empty() {
                self.out.push_str(&run);
            } else {
                let lead = &run[..run.len() - run.trim_start().len()];
                let trail = &run[run.trim_end().len()..];
                self.out.push_str(lead);
                self.out.push_str("<ins>");
                self.out.push_str(body);
                self.out.push_str("</ins>");
                self.out.push_str(trail);
            }
            i = end;
        }
    }

    fn delete(&mut self, tokens: &[&'a str]) {
        self.deleted.extend(tokens.iter().filter(|t| !is_tag(t)));
    }
}

/// Joins changes that only a single space separates (`e-mail address` →
/// `phone number` reads as one replacement, not two).
fn coalesce(ops: Vec<DiffOp>, new: &[&str]) -> Vec<DiffOp> {
    let lone_space = |op: &DiffOp| match *op {
        DiffOp::Equal { new_index, len: 1, .. } => new[new_index].trim().is_empty(),
        _ => false,
    };
    let is_change = |op: Option<&DiffOp>| op.is_some_and(|o| !matches!(o, DiffOp::Equal { .. }));
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    let mut i = 0;
    while i < ops.len() {
        if lone_space(&ops[i]) && is_change(out.last()) && is_change(ops.get(i + 1)) {
            let before = out.pop().unwrap_or(ops[i]);
            let after = ops[i + 1];
            let (old_start, new_start) = (before.old_range().start, before.new_range().start);
            let (old_end, new_end) = (after.old_range().end, after.new_range().end);
            out.push(DiffOp::Replace {
                old_index: old_start,
                old_len: old_end - old_start,
                new_index: new_start,
                new_len: new_end - new_start,
            });
            i += 2;
            continue;
        }
        out.push(ops[i]);
        i += 1;
    }
    out
}

/// Below this share of word pairs in common, a text reads as rewritten: it
/// is shown as the old text removed and the new one inserted, which is
/// clearer than a soup of small marks (and spares the word diff its worst
/// case, which costs the square of the text's length). Pairs of neighbouring
/// words, not single words, because a rewrite keeps many words ("the", "data")
/// but few of their sequences, and an edit keeps most sequences.
const MIN_COMMON_PAIRS: f64 = 0.4;

/// The share of neighbouring word pairs (counted with repetition) that two
/// texts share, of the words given as ids.
fn common_pairs(old: &[u32], new: &[u32]) -> f64 {
    /// The pairs as numbers, sorted: two sorted lists count their common
    /// pairs in one walk.
    fn pairs(words: &[u32]) -> Vec<u64> {
        let mut v: Vec<u64> = words.windows(2).map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])).collect();
        v.sort_unstable();
        v
    }
    // A short text reads well with word marks whatever changed.
    if old.len().max(new.len()) < 12 {
        return 1.0;
    }
    let (a, b) = (pairs(old), pairs(new));
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / a.len().max(b.len()) as f64
}

/// Tokens as small numbers, equal where the tokens are: the word diff then
/// compares integers, not strings.
struct Ids<'a>(FxHashMap<&'a str, u32>);

impl<'a> Ids<'a> {
    fn of(&mut self, tokens: &[&'a str]) -> Vec<u32> {
        tokens
            .iter()
            .map(|t| {
                let next = self.0.len() as u32;
                *self.0.entry(t).or_insert(next)
            })
            .collect()
    }
}

/// The ids of the words alone: no tags, no whitespace.
fn words(tokens: &[&str], ids: &[u32]) -> Vec<u32> {
    tokens.iter().zip(ids).filter(|(t, _)| !is_tag(t) && !t.trim().is_empty()).map(|(_, id)| *id).collect()
}

/// The new fragment with insertions and deletions marked.
pub(crate) fn diff(old: &str, new: &str) -> String {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let mut ids = Ids(FxHashMap::default());
    let (old_ids, new_ids) = (ids.of(&old_tokens), ids.of(&new_tokens));
    if common_pairs(&words(&old_tokens, &old_ids), &words(&new_tokens, &new_ids)) < MIN_COMMON_PAIRS {
        return format!("<del class=\"block\">\n{old}</del>\n<ins class=\"block\">\n{new}</ins>\n");
    }
    let ops = coalesce(capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids), &new_tokens);
    let mut w = Writer {
        out: String::with_capacity(new.len() + new.len() / 4),
        open: Vec::new(),
        deleted: Vec::new(),
    };
    for op in ops {
        match op {
            DiffOp::Equal { new_index, len, .. } => w.equal(&new_tokens[new_index..new_index + len]),
            DiffOp::Delete { old_index, old_len, .. } => {
                w.delete(&old_tokens[old_index..old_index + old_len])
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                w.insert(&new_tokens[new_index..new_index + new_len])
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                w.delete(&old_tokens[old_index..old_index + old_len]);
                w.insert(&new_tokens[new_index..new_index + new_len]);
            }
        }
    }
    // Whatever removed text is left belongs after the fragment.
    w.open.clear();
    w.flush();
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`tokens`] by its definition, char by char.
    fn tokens_by_chars(html: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let len = if rest.starts_with('<') {
                rest.find('>').map_or(rest.len(), |i| i + 1)
            } else {
                let first_space = rest.starts_with(char::is_whitespace);
                rest.find(|c: char| c == '<' || c.is_whitespace() != first_space).unwrap_or(rest.len())
            };
            out.push(&rest[..len]);
            rest = &rest[len..];
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_split_as_by_their_definition(html in "([a-zé<>/ \t\n\u{a0}\u{2003}\u{b}\u{c}=\"]|\\PC){0,60}") {
            proptest::prop_assert_eq!(tokens(&html), tokens_by_chars(&html));
        }
    }

    #[test]
    fn tokenizes_tags_words_and_spaces() {
        assert_eq!(tokens("<p>Hello  world</p>"), ["<p>", "Hello", "  ", "world", "</p>"]);
    }

    #[test]
    fn marks_replaced_words() {
        let d = diff("<p>We keep logs for 14 days.</p>", "<p>We keep logs for 7 days.</p>");
        assert_eq!(d, "<p>We keep logs for <del>14</del><ins>7</ins> days.</p>");
    }

    #[test]
    fn joins_changes_separated_by_one_space() {
        let d = diff("<p>Your e-mail address.</p>", "<p>Your phone number.</p>");
        assert_eq!(d, "<p>Your <del>e-mail address.</del><ins>phone number.</ins></p>");
    }

    #[test]
    fn marks_added_and_removed_sentences() {
        let d = diff("<p>A. B.</p>", "<p>A. B. C and D.</p>");
        assert_eq!(d, "<p>A. B. <ins>C and D.</ins></p>");
        let d = diff("<p>A. B. C.</p>", "<p>A. C.</p>");
        assert_eq!(d, "<p>A. <del>B.</del> C.</p>");
    }

    #[test]
    fn removed_list_items_never_stand_directly_in_a_list() {
        let d = diff("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "<ul>\n<li>one</li>\n</ul>");
        assert_eq!(d, "<ul>\n<li>one</li>\n<li class=\"removed\"><del>two</del></li> </ul>");
        let d = diff(
            "<table><tr><td>a</td></tr><tr><td>b</td></tr></table>",
            "<table><tr><td>a</td></tr></table>",
        );
        assert!(d.ends_with("</table><del>b</del>"), "text never stands directly in a table: {d}");
    }

    #[test]
    fn a_rewritten_text_is_shown_as_replaced() {
        let old = "<p>Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.</p>";
        let new = "<p>Entirely new words here, nothing like the first text at all, none.</p>";
        let d = diff(old, new);
        assert_eq!(d, format!("<del class=\"block\">\n{old}</del>\n<ins class=\"block\">\n{new}</ins>\n"));
    }

    #[test]
    fn the_same_words_in_another_order_read_as_rewritten() {
        let old = "<p>we keep your name and address for as long as the contract with you runs</p>";
        let new = "<p>as long as you keep the contract we runs with address and your name for</p>";
        assert!(diff(old, new).starts_with("<del class=\"block\">"));
        // An edit keeps most neighbouring words, so it is marked word by word.
        let edited = "<p>we keep your name and e-mail address for as long as the contract with you runs</p>";
        assert_eq!(
            diff(old, edited),
            "<p>we keep your name and <ins>e-mail</ins> address for as long as the contract with you runs</p>"
        );
    }

    #[test]
    fn identical_input_is_unchanged() {
        let html = "<p>Same <a href=\"#x\">link</a>.</p>\n";
        assert_eq!(diff(html, html), html);
    }
}
