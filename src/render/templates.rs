//! The Tera environment: the theme's templates and the `t()` function that
//! looks up interface strings in the page's language.

use std::sync::Arc;

use tera::{Kwargs, State, Tera};

use crate::diag::{Diagnostic, Position};
use crate::render::i18n::{Arg, Strings};
use crate::site::Theme;

pub(crate) fn build(theme: &Theme, languages: &[String], strings: Arc<Strings>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    let codes = languages.to_vec();
    tera.register_function("t", move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
        let key: String = kwargs.must_get("key")?;
        let lang: String = state.get("lang")?.unwrap_or_default();
        let lang = codes.iter().position(|c| *c == lang).unwrap_or(0);
        let args: Vec<(&str, Arg)> = kwargs
            .iter()
            .filter_map(|(k, v)| {
                let name = k.as_str()?;
                if name == "key" {
                    return None;
                }
                let arg = match (v.as_str(), v.as_f64().or_else(|| v.as_i64().map(|i| i as f64))) {
                    (Some(s), _) => Arg::Str(s.to_string()),
                    (None, Some(n)) => Arg::Num(n),
                    _ => Arg::Str(v.to_string()),
                };
                Some((name, arg))
            })
            .collect();
        strings.format(lang, &key, &args).ok_or_else(|| {
            tera::Error::message(format!(
                "no message `{key}` in any language: add it to locales/<lang>/*.ftl"
            ))
        })
    });
    let templates: Vec<(&str, &str)> =
        theme.templates.iter().map(|(n, (_, s))| (n.as_str(), s.as_str())).collect();
    tera.add_raw_templates(templates).map_err(|e| diagnostic(&e, theme))?;
    Ok(tera)
}

/// A Tera error as a diagnostic on the template file, with line and column.
pub(crate) fn diagnostic(e: &tera::Error, theme: &Theme) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = e.to_string();
    if let Some(source) = std::error::Error::source(e) {
        message = format!("{message}: {source}");
    }
    let Some(report) = report else {
        return Diagnostic::error(format!("template error: {message}"))
            .help("fix the template in themes/<theme>/templates/ (see the Tera documentation)");
    };
    let (file, source) = theme
        .templates
        .get(report.filename())
        .map_or((report.filename().to_string(), ""), |(f, s)| (f.clone(), s.as_str()));
    let span = report.span();
    Diagnostic::error(format!("template error: {}", report.message()))
        .in_file(file)
        .at(Position::at_line(source, span.start_line, span.start_col + 1))
        .help("fix the template (see the Tera documentation); built-in templates can be copied into themes/<theme>/templates/ and changed there")
}
