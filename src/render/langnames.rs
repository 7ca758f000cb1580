//! Names of languages in other languages ("Swedish", "Schwedisch", "svenska")
//! and writing direction, from CLDR through ICU4X's compiled data: no language
//! name is typed here, so every built-in string can name the binding language
//! in the reader's own language.

use icu_locale::LocaleDirectionality;
use icu_locale::names::{DisplayNamesPreferences, LanguageIdentifierDisplayName};
use icu_locale_core::{LanguageIdentifier, Locale};

/// The CLDR name of the language `code` in the language `reader`, or `code`
/// itself when CLDR has none.
pub(crate) fn display_name(code: &str, reader: &str) -> String {
    let (Ok(subject), Ok(reader)) = (code.parse::<LanguageIdentifier>(), reader.parse::<Locale>()) else {
        return code.to_string();
    };
    let prefs = DisplayNamesPreferences::from(&reader);
    match LanguageIdentifierDisplayName::try_new_heavy(prefs, subject, Default::default()) {
        Ok(name) => {
            use writeable::TryWriteable;
            // A name CLDR lacks comes back as the code, flagged as a fallback.
            name.as_borrowed().try_write_to_string().map_or_else(|_| code.to_string(), |s| s.into_owned())
        }
        Err(_) => code.to_string(),
    }
}

/// Whether `code` is written right to left (ar, he, fa, …), per CLDR.
pub(crate) fn is_rtl(code: &str) -> bool {
    code.parse::<LanguageIdentifier>()
        .is_ok_and(|id| LocaleDirectionality::new_common().is_right_to_left(&id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_cldr_in_the_readers_language() {
        assert_eq!(display_name("sv", "en"), "Swedish");
        assert_eq!(display_name("sv", "de"), "Schwedisch");
        assert_eq!(display_name("de", "sv"), "tyska");
        assert_eq!(display_name("en", "fi"), "englanti");
    }

    #[test]
    fn direction_comes_from_cldr() {
        assert!(is_rtl("ar") && is_rtl("he") && is_rtl("fa"));
        assert!(!is_rtl("de") && !is_rtl("el") && !is_rtl("bg"));
    }

    #[test]
    fn every_built_in_language_names_every_other() {
        let all = "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv nb is";
        for reader in all.split(' ') {
            for subject in all.split(' ') {
                let name = display_name(subject, reader);
                assert!(name != subject && !name.is_empty(), "CLDR has no name of {subject} in {reader}");
            }
        }
    }
}
