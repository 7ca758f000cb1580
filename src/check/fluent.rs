//! Fluent completeness, as Mozilla's compare-locales checks Firefox (and, beyond
//! it, variables): messages missing in a language (they fall back to the
//! authoritative one), messages only a translation has, variables that differ,
//! plural forms a language needs, and references to messages or terms that
//! do not exist. Built-in strings count; a site's own files override them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

use crate::diag::{Diagnostic, Position};
use crate::site::LocaleFile;
use crate::site::{Lang, Site};

/// What a message or term uses.
#[derive(Default)]
struct Uses<'a> {
    variables: BTreeSet<&'a str>,
    messages: BTreeSet<&'a str>,
    terms: BTreeSet<&'a str>,
    /// The keys of each select expression that chooses a plural form.
    plurals: Vec<BTreeSet<&'a str>>,
}

const PLURAL_KEYS: [&str; 5] = ["zero", "one", "two", "few", "many"];

fn pattern<'a>(p: &Pattern<&'a str>, uses: &mut Uses<'a>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expr(expression, uses);
        }
    }
}

fn expr<'a>(e: &Expression<&'a str>, uses: &mut Uses<'a>) {
    match e {
        Expression::Inline(i) => inline(i, uses),
        Expression::Select { selector, variants } => {
            inline(selector, uses);
            let keys: BTreeSet<&str> = variants
                .iter()
                .filter_map(|v| match v.key {
                    VariantKey::Identifier { name } => Some(name),
                    VariantKey::NumberLiteral { .. } => None,
                })
                .collect();
            // Keys that are all CLDR plural categories choose a plural form.
            if !keys.is_empty() && keys.iter().all(|k| PLURAL_KEYS.contains(k) || *k == "other") {
                uses.plurals.push(keys);
            }
            for v in variants {
                pattern(&v.value, uses);
            }
        }
    }
}

fn inline<'a>(e: &InlineExpression<&'a str>, uses: &mut Uses<'a>) {
    match e {
        InlineExpression::VariableReference { id } => {
            uses.variables.insert(id.name);
        }
        InlineExpression::MessageReference { id, .. } => {
            uses.messages.insert(id.name);
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            uses.terms.insert(id.name);
            for a in
                arguments.iter().flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value)))
            {
                inline(a, uses);
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                inline(a, uses);
            }
        }
        InlineExpression::Placeable { expression } => expr(expression, uses),
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
    }
}

/// One language's messages and terms after overriding: id → (file, uses).
struct Catalog<'a> {
    messages: BTreeMap<&'a str, (&'a LocaleFile, Uses<'a>)>,
    terms: BTreeMap<&'a str, (&'a LocaleFile, Uses<'a>)>,
}

fn catalog<'a>(site: &'a Site, lang: Lang) -> Catalog<'a> {
    let mut c = Catalog { messages: BTreeMap::new(), terms: BTreeMap::new() };
    for file in site.locales.iter().filter(|f| f.lang == lang) {
        for entry in file.resource.entries() {
            let mut uses = Uses::default();
            match entry {
                Entry::Message(m) => {
                    if let Some(v) = &m.value {
                        pattern(v, &mut uses);
                    }
                    for a in &m.attributes {
                        pattern(&a.value, &mut uses);
                    }
                    c.messages.insert(m.id.name, (file, uses));
                }
                Entry::Term(t) => {
                    pattern(&t.value, &mut uses);
                    for a in &t.attributes {
                        pattern(&a.value, &mut uses);
                    }
                    c.terms.insert(t.id.name, (file, uses));
                }
                _ => {}
            }
        }
    }
    c
}

/// Where each message and term of a file is defined (`id` at the start of
/// a line, then `=`): one pass over the file, so placing every diagnostic of
/// a large file costs no more than reading it once.
#[derive(Default)]
struct Definitions<'a> {
    files: HashMap<&'a str, HashMap<&'a str, Position>>,
}

/// `d` placed at the definition of `id` in `file`.
fn at<'a>(definitions: &mut Definitions<'a>, file: &'a LocaleFile, id: &str, d: Diagnostic) -> Diagnostic {
    let index = definitions.files.entry(&file.file).or_insert_with(|| index(file));
    let position = index.get(id).cloned();
    let d = d.in_file(&file.file);
    match position {
        Some(p) => d.at(p),
        None => d,
    }
}

fn index(file: &LocaleFile) -> HashMap<&str, Position> {
    let mut found = HashMap::new();
    for (i, line) in file.resource.source().lines().enumerate() {
        let Some((id, _)) = line.split_once('=') else { continue };
        let id = id.trim_end().trim_start_matches('-');
        if !id.is_empty() && !line.starts_with([' ', '\t', '#']) {
            found.entry(id).or_insert_with(|| Position {
                line: i + 1,
                col: 1,
                source_line: line.to_string(),
            });
        }
    }
    found
}

fn plural_categories(code: &str) -> Vec<&'static str> {
    let Ok(locale) = code.parse::<Locale>() else { return Vec::new() };
    let Ok(rules) = PluralRules::try_new_cardinal((&locale).into()) else { return Vec::new() };
    rules
        .categories()
        .map(|c| match c {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        })
        .collect()
}

pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let auth = config.authoritative;
    let auth_code = config.authoritative_code();
    let catalogs: Vec<Catalog<'_>> = (0..config.languages.len()).map(|l| catalog(site, l)).collect();
    let mut problems = Vec::new();
    let mut definitions = Definitions::default();
    for (lang, code) in config.languages.iter().enumerate() {
        let here = &catalogs[lang];
        let base = &catalogs[auth];
        if lang != auth {
            let missing: Vec<&str> =
                base.messages.keys().filter(|id| !here.messages.contains_key(*id)).copied().collect();
            if !missing.is_empty() {
                let shown: Vec<&str> = missing.iter().take(8).copied().collect();
                let more = if missing.len() > 8 {
                    format!(" and {} more", missing.len() - 8)
                } else {
                    String::new()
                };
                problems.push(
                    Diagnostic::warning(format!(
                        "{} missing in `{code}`, shown in `{auth_code}` instead: {}{more}",
                        crate::diag::count(missing.len(), "message"),
                        shown.join(", ")
                    ))
                    .in_file(format!("locales/{code}/"))
                    .help(format!("translate them into a file such as locales/{code}/site.ftl")),
                );
            }
            for (id, (file, _)) in here.messages.iter().filter(|(id, _)| !base.messages.contains_key(*id)) {
                problems.push(at(
                    &mut definitions,
                    file,
                    id,
                    Diagnostic::warning(format!("obsolete message `{id}`: `{auth_code}` does not have it"))
                        .help(format!("remove it, or add it to locales/{auth_code}/ first")),
                ));
            }
            for (id, (file, uses)) in &here.messages {
                let Some((_, base_uses)) = base.messages.get(id) else { continue };
                if uses.variables != base_uses.variables {
                    let list =
                        |v: &BTreeSet<&str>| v.iter().map(|x| format!("${x}")).collect::<Vec<_>>().join(", ");
                    problems.push(at(
                        &mut definitions,
                        file,
                        id,
                        Diagnostic::warning(format!(
                            "message `{id}` uses [{}] here but [{}] in `{auth_code}`",
                            list(&uses.variables),
                            list(&base_uses.variables)
                        ))
                        .help("a translation uses the same variables as its original"),
                    ));
                }
            }
        }
        let needed = plural_categories(code);
        for (id, (file, uses)) in &here.messages {
            for keys in &uses.plurals {
                let lacking: Vec<&str> = needed.iter().filter(|c| !keys.contains(*c)).copied().collect();
                if !lacking.is_empty() {
                    problems.push(at(
                        &mut definitions,
                        file,
                        id,
                        Diagnostic::warning(format!(
                            "message `{id}` lacks the plural {} {} that `{code}` needs",
                            if lacking.len() == 1 { "form" } else { "forms" },
                            lacking.iter().map(|c| format!("[{c}]")).collect::<Vec<_>>().join(", ")
                        ))
                        .help(format!("`{code}` distinguishes {}", needed.join(", "))),
                    ));
                }
            }
        }
        for (id, (file, uses)) in here.messages.iter().chain(here.terms.iter()) {
            for m in uses
                .messages
                .iter()
                .filter(|m| !here.messages.contains_key(*m) && !base.messages.contains_key(*m))
            {
                problems.push(at(
                    &mut definitions,
                    file,
                    id,
                    Diagnostic::error(format!("`{id}` refers to the message `{m}`, which does not exist"))
                        .help(format!("define `{m}` or correct the reference")),
                ));
            }
            for t in uses.terms.iter().filter(|t| !here.terms.contains_key(*t)) {
                problems.push(at(
                    &mut definitions,
                    file,
                    id,
                    Diagnostic::error(format!(
                        "`{id}` refers to the term `-{t}`, which `{code}` does not define"
                    ))
                    .help(format!(
                        "define `-{t} = …` in locales/{code}/ (terms do not fall back to another language)"
                    )),
                ));
            }
        }
    }
    problems
}
