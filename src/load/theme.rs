//! Templates and static files: the built-in default theme, overridden file by
//! file by the site's `themes/<name>/`.

use std::collections::BTreeMap;

use crate::embedded;

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
