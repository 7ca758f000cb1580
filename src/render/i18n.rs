//! Interface strings through Fluent: one bundle per language, built-in
//! messages first and the site's own files on top, message by message. A
//! message missing in a language falls back to the authoritative language;
//! a message missing everywhere is an error, never a raw id on a page.
//!
//! Every message may use `$binding-language`: the CLDR name of the
//! authoritative language in the message's own language ("Swedish",
//! "Schwedisch", "svenska"), so no string assumes which language is binding.

use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::render::langnames::display_name;
use crate::site::{Lang, Site};

/// The variable every message may use, set by privsite rather than a template.
pub(crate) const BINDING_LANGUAGE: &str = "binding-language";

pub(crate) struct Strings {
    bundles: Vec<FluentBundle<Arc<FluentResource>>>,
    authoritative: Lang,
    /// Per bundle: the name of the authoritative language in that language.
    binding: Vec<String>,
}

/// An argument of a message.
pub(crate) enum Arg {
    Str(String),
    Num(f64),
}

impl Strings {
    pub(crate) fn new(site: &Site) -> Strings {
        let bundles = site
            .config
            .languages
            .iter()
            .enumerate()
            .map(|(lang, code)| {
                let id: LanguageIdentifier = code.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks are invisible noise in titles, plain text and e-mail.
                bundle.set_use_isolating(false);
                for file in site.locales.iter().filter(|f| f.lang == lang) {
                    bundle.add_resource_overriding(Arc::clone(&file.resource));
                }
                bundle
            })
            .collect();
        let auth_code = site.config.authoritative_code();
        let binding = site.config.languages.iter().map(|reader| display_name(auth_code, reader)).collect();
        Strings { bundles, authoritative: site.config.authoritative, binding }
    }

    /// Formats message `id` in `lang` (or the authoritative language), or `None`
    /// if no language has it.
    pub(crate) fn format(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let (bundle, message, used) =
            match self.bundles.get(lang).and_then(|b| Some((b, b.get_message(id)?.value()?, lang))) {
                Some(found) => found,
                None => {
                    let bundle = &self.bundles[self.authoritative];
                    let pattern = bundle.get_message(id)?.value()?;
                    (bundle, pattern, self.authoritative)
                }
            };
        let mut fluent_args = FluentArgs::new();
        fluent_args.set(BINDING_LANGUAGE, FluentValue::from(self.binding[used].as_str()));
        for (name, value) in args {
            match value {
                Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        Some(bundle.format_pattern(message, Some(&fluent_args), &mut errors).into_owned())
    }
}
