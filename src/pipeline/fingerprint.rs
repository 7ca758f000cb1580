//! The fingerprint of a build: a digest of everything the output is made
//! from (the loaded site, the build options and privsite itself). When it
//! equals the one a previous build left in its output folder, that output is
//! what this build would write, and nothing needs doing.

use std::fmt::Write as _;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::render::BuildOptions;
use crate::site::Site;

/// The digest, as hex.
pub(crate) fn of(site: &Site, options: &BuildOptions) -> String {
    let mut h = crate::render::keys::Hashing(Sha256::new());
    // privsite itself: another build of it may render differently.
    let _ = write!(h, "privsite {}\0{:?}\0", env!("CARGO_PKG_VERSION"), crate::load::stamp::executable());
    let _ = write!(h, "{:?}\0{:?}\0{}\0", options.date, options.base_url, options.drafts);
    // The configuration through its Debug form, the documents and their
    // versions as a snapshot stores them (postcard: several times faster
    // to make than Debug), so a field added to the model is covered without
    // a change here; the documents on every core, as their histories make
    // most of it.
    let _ = write!(h, "{:?}\0{}\0", site.config, site.docs.len());
    let docs: Vec<[u8; 32]> = site
        .docs
        .par_iter()
        .map(|doc| Sha256::digest(postcard::to_allocvec(doc).unwrap_or_default()).into())
        .collect();
    docs.iter().for_each(|d| h.0.update(d));
    // The texts too, a thousand at a time on every core.
    let texts: Vec<[u8; 32]> = site
        .texts
        .par_chunks(1024)
        .map(|chunk| {
            let mut c = crate::render::keys::Hashing(Sha256::new());
            for t in chunk {
                c.0.update(t.digest);
                let _ = write!(
                    c,
                    "{:?}\0{:?}\0{}\0{}\0{}\0{:?}\0",
                    t.translated_from, t.title, t.file, t.body_line, t.id_prefix, t.aliases
                );
            }
            c.0.finalize().into()
        })
        .collect();
    texts.iter().for_each(|t| h.0.update(t));
    crate::render::keys::strings_and_theme(&mut h, site);
    crate::load::texts::hex(&h.0.finalize())
}
