//! Templates, static files, the PDF layout and fonts: the built-in default theme, overridden file by
//! file by the site's `themes/<name>/`.

use std::path::Path;

use crate::config::{self, Config};
use crate::diag::Diagnostic;
use crate::embedded;
use crate::load::{read_text, walk};
use crate::site::Theme;

pub(crate) const DIR: &str = "themes";

/// The built-in default theme.
pub(crate) fn builtin() -> Theme {
    let mut theme = Theme::default();
    for (name, source) in embedded::theme_templates() {
        theme.templates.insert(name.clone(), (format!("(built-in) {DIR}/default/templates/{name}"), source));
    }
    theme.statics.extend(embedded::theme_statics());
    for (name, bytes) in embedded::theme_files("pdf") {
        theme.pdf.insert(name.clone(), (format!("(built-in) {DIR}/default/pdf/{name}"), bytes));
    }
    theme
}

/// Overrides the built-in theme file by file with the site's `themes/<name>/`.
pub(crate) fn load_site(root: &Path, config: &Config, theme: &mut Theme) -> Vec<Diagnostic> {
    let rel = format!("{}/{}", DIR, config.theme);
    if !root.join(&rel).is_dir() {
        if config.theme == "default" {
            return Vec::new();
        }
        return vec![
            Diagnostic::error(format!("theme `{}` not found", config.theme))
                .in_file(config::FILE_NAME)
                .help(format!("create {rel}/templates/ or set `theme = \"default\"`")),
        ];
    }
    if let Err(d) = walk::resolve(root, &rel) {
        return vec![d];
    }
    let mut problems = Vec::new();
    for sub in ["templates", "static", "pdf", "fonts"] {
        if !root.join(&rel).join(sub).is_dir() {
            continue;
        }
        let (names, found) = match walk::walk(root, &format!("{rel}/{sub}")) {
            Ok(walked) => walked,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        problems.extend(found);
        for name in names {
            let file = format!("{rel}/{sub}/{name}");
            if sub == "templates" {
                match read_text(root, &file) {
                    Ok(source) => {
                        theme.templates.insert(name, (file, source));
                    }
                    Err(d) => problems.push(d),
                }
                continue;
            }
            let bytes = match walk::read(root, &file) {
                Ok(bytes) => bytes,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            match sub {
                "static" => {
                    theme.statics.insert(name, bytes);
                }
                "pdf" => {
                    theme.pdf.insert(name, (file, bytes));
                }
                _ => {
                    theme.fonts.insert(name, bytes);
                }
            }
        }
    }
    problems
}
