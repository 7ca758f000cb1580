//! parse, kept on disk between commands: each document's texts as parsed
//! (`.privsite/cache/parse/<doc>`), each under the [`Key`] its HTML is made
//! from. A command parses only the texts no earlier one did: after a
//! release, the few it changed rather than every text of the history.
//! Everything here is sealed to privsite itself and the Markdown dialect
//! (`load::sealed`), so a file another build or dialect made is not used.

use std::collections::HashMap;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::load::sealed;
use crate::parse::{Html, Key, Rendered};
use crate::site::Site;

/// The layout of a document's file; a new one makes old files foreign.
const FORMAT: &[u8] = b"privsite parsed texts 1\n";

/// Every text of `site` parsed (`[text id]`): taken from the documents'
/// files where they hold it, parsed now where not. A document whose file
/// does not hold exactly its texts gets a new one.
pub(crate) fn parse(site: &Site) -> Vec<Rendered> {
    let allow = site.config.allow_html;
    let Some(seal) = seal(allow) else { return crate::parse::render_all(site) };
    let dir = site.root.join(super::cache::DIR).join("parse");
    let kept: Vec<Vec<(Key, Html)>> = site
        .docs
        .par_iter()
        .map(|doc| sealed::read(&dir.join(&doc.slug), FORMAT, &seal).unwrap_or_default())
        .collect();
    let (kept_keys, kept_html): (Vec<Vec<Key>>, Vec<Vec<Html>>) =
        kept.into_iter().map(|entries| entries.into_iter().unzip()).unzip();
    let found: HashMap<&Key, Rendered> = kept_keys
        .iter()
        .flatten()
        .zip(kept_html.into_iter().flatten())
        .map(|(k, html)| (k, html.into()))
        .collect();
    let keys: Vec<Key> = site.texts.par_iter().map(Key::of).collect();
    let out: Vec<Rendered> = site
        .texts
        .par_iter()
        .zip(&keys)
        .map(|(text, key)| found.get(key).cloned().unwrap_or_else(|| crate::parse::render(text, allow)))
        .collect();
    site.docs.par_iter().zip(&kept_keys).for_each(|(doc, was)| {
        let ids = doc.text_ids();
        let mut now: Vec<&Key> = ids.iter().map(|&id| &keys[id]).collect();
        now.sort_unstable();
        now.dedup();
        if now.len() == was.len() && now.iter().zip(was).all(|(a, b)| *a == b) {
            return;
        }
        let mut entries: Vec<(&Key, &Html)> = ids.iter().map(|&id| (&keys[id], &*out[id])).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        sealed::write(&dir.join(&doc.slug), FORMAT, &seal, &entries);
    });
    out
}

/// What every file here is sealed to: this privsite (whose comrak parses)
/// and whether raw HTML is allowed. `None` where privsite cannot tell
/// which build it is: nothing is then kept or taken.
fn seal(allow_html: bool) -> Option<[u8; 32]> {
    let exe = crate::load::stamp::executable()?;
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(format!("{exe:?}"));
    h.update([u8::from(allow_html)]);
    Some(h.finalize().into())
}
