//! What one run of the pipeline leaves for the next in a long-running
//! process (`serve`): the files it read and the folders it listed, the
//! Markdown it parsed, the word diffs and feed entries, the documents'
//! timelines and the files it rendered. Each is kept under what it was made from, so what is
//! taken from here is exactly what would be made again; a save costs what
//! it changed, not the length of the history.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::load::files::Files;
use crate::parse::Rendered;
use crate::render::carry::Kept;
use crate::render::keys::Key;
use crate::render::pages::Timeline;
use crate::render::{Earlier, File, FileKey, Made, Output};
use crate::site::Site;

/// What a text's parsed HTML depends on: its [`crate::parse::Key`], and
/// whether raw HTML is allowed.
type ParseKey = (crate::parse::Key, bool);

/// A render: what each file was made from, and the files.
type Render = (BTreeMap<String, FileKey>, Arc<Output>);

pub(crate) struct Memo {
    /// Markdown and version files, forgotten path by path as they change.
    pub(crate) files: Files,
    /// Parsed texts by [`ParseKey`].
    parsed: Mutex<HashMap<ParseKey, Rendered>>,
    /// The last render: what each file was made from, and the files.
    rendered: Mutex<Option<Render>>,
    /// The word diffs and feed entries the last render used.
    kept: Kept,
    /// The documents' timelines of the last render, by what each was worked out from.
    timelines: Mutex<HashMap<Key, Arc<Timeline>>>,
}

impl Default for Memo {
    fn default() -> Self {
        Memo {
            files: Files::remembering(),
            parsed: Mutex::default(),
            rendered: Mutex::default(),
            kept: Kept::lasting(),
            timelines: Mutex::default(),
        }
    }
}

impl Memo {
    /// parse, taking what was parsed before (at first, what earlier
    /// commands kept on disk); keeps only what this site has.
    pub(crate) fn parse(&self, site: &Site) -> Vec<Rendered> {
        let allow = site.config.allow_html;
        let key = |t: &crate::site::Text| (crate::parse::Key::of(t), allow);
        let Ok(mut parsed) = self.parsed.lock() else { return crate::parse::render_all(site) };
        if parsed.is_empty() {
            let out = super::parsed::parse(site);
            *parsed = site.texts.iter().zip(&out).map(|(t, r)| (key(t), r.clone())).collect();
            return out;
        }
        let out: Vec<Rendered> = site
            .texts
            .par_iter()
            .map(|t| parsed.get(&key(t)).cloned().unwrap_or_else(|| crate::parse::render(t, allow)))
            .collect();
        *parsed = site.texts.iter().zip(&out).map(|(t, r)| (key(t), r.clone())).collect();
        out
    }

    /// The word diffs and feed entries the last render used, for the next.
    pub(crate) fn kept(&self) -> &Kept {
        &self.kept
    }

    /// Remembers a render, to take from in the next one.
    pub(crate) fn rendered(&self, made: Made, output: Arc<Output>) {
        if let Ok(mut t) = self.timelines.lock() {
            *t = made.timelines.into_iter().collect();
        }
        if let Ok(mut r) = self.rendered.lock() {
            *r = Some((made.keys, output));
        }
    }
}

impl Earlier for Memo {
    fn reuse(&self, path: &str, inputs: &Key, shown: &dyn Fn() -> Option<Key>) -> Option<(File, FileKey)> {
        let (recorded, output) = {
            let rendered = self.rendered.lock().ok()?;
            let (keys, output) = rendered.as_ref()?;
            (*keys.get(path)?, Arc::clone(output))
        };
        // Worked out outside the lock, which the other cores' pages wait on.
        let key = recorded.same(inputs, shown)?;
        Some((File::Shared(output.get(path)?.clone()), key))
    }

    fn timeline(&self, key: &Key) -> Option<Arc<Timeline>> {
        self.timelines.lock().ok()?.get(key).cloned()
    }
}
