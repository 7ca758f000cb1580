//! Templates and static files: the built-in default theme, overridden file by
//! file by the site's `themes/<name>/`.

use std::collections::BTreeMap;

use std::path::Path;

use crate::config::{self, Config};
use crate::diag::Diagnostic;
use crate::embedded;
use crate::load::{read_text, walk};

pub const DIR: &str = "themes";

#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`page.html`) → (file for diagnostics, source).
    pub templates: BTreeMap<String, (String, String)>,
    /// Output path → bytes, copied as-is.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        for (name, source) in embedded::theme_templates() {
            theme
                .templates
                .insert(name.clone(), (format!("(built-in) {DIR}/default/templates/{name}"), source));
        }
        theme.statics.extend(embedded::theme_statics());
        theme
    }
}

/// Overrides the built-in theme file by file with the site's `themes/<name>/`.
pub fn load_site(root: &Path, config: &Config, theme: &mut Theme) -> Vec<Diagnostic> {
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
    for (sub, is_template) in [("templates", true), ("static", false)] {
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
            if is_template {
                match read_text(root, &file) {
                    Ok(source) => {
                        theme.templates.insert(name, (file, source));
                    }
                    Err(d) => problems.push(d),
                }
            } else {
                match walk::read(root, &file) {
                    Ok(bytes) => {
                        theme.statics.insert(name, bytes);
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
    }
    problems
}
