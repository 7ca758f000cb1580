//! Dates in each language's CLDR long format ("1. März 2024", "March 1, 2024",
//! "1 mars 2024") through ICU4X's compiled data: no month name written here.

use chrono::{Datelike, NaiveDate};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_locale_core::Locale;
use serde::Serialize;

pub(crate) struct Dates {
    formatters: Vec<Option<DateTimeFormatter<YMD>>>,
    /// Each date a site shows is shown on many pages: formatted once per language.
    done: std::sync::Mutex<std::collections::HashMap<(usize, NaiveDate), DateText>>,
}

/// A date as templates use it: `<time datetime="{{ d.iso }}">{{ d.long }}</time>`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateText {
    pub(crate) iso: String,
    pub(crate) long: String,
}

impl Dates {
    pub(crate) fn new(languages: &[String]) -> Dates {
        let formatters = languages
            .iter()
            .map(|code| {
                let locale: Locale = code.parse().ok()?;
                DateTimeFormatter::try_new((&locale).into(), YMD::long()).ok()
            })
            .collect();
        Dates { formatters, done: Default::default() }
    }

    pub(crate) fn long(&self, lang: usize, date: NaiveDate) -> String {
        self.text(lang, date).long
    }

    pub(crate) fn text(&self, lang: usize, date: NaiveDate) -> DateText {
        if let Some(done) = self.done.lock().ok().and_then(|d| d.get(&(lang, date)).cloned()) {
            return done;
        }
        let text = DateText { iso: iso(date), long: self.format(lang, date) };
        if let Ok(mut done) = self.done.lock() {
            done.insert((lang, date), text.clone());
        }
        text
    }

    fn format(&self, lang: usize, date: NaiveDate) -> String {
        let (Some(Some(f)), Ok(d)) =
            (self.formatters.get(lang), Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8))
        else {
            return iso(date);
        };
        f.format(&d).to_string()
    }
}

/// `2022-05-17`.
fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_long_dates() {
        let dates = Dates::new(&["de".into(), "en".into(), "sv".into()]);
        let d = NaiveDate::from_ymd_opt(2022, 5, 17).expect("valid date");
        assert_eq!(dates.long(0, d), "17. Mai 2022");
        assert_eq!(dates.long(1, d), "May 17, 2022");
        assert_eq!(dates.long(2, d), "17 maj 2022");
    }
}
