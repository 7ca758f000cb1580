//! `privsite pdf DOC [--version N] [--lang L] [--out FILE]`: one version as
//! its archival PDF, the same bytes a build publishes, without a build.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::PdfArgs;
use crate::console::say;
use crate::diag::{Diagnostic, Diagnostics, io_error};
use crate::render::pages::Timeline;

pub(crate) fn run(root: Option<&Path>, args: &PdfArgs) -> Result<(), Diagnostics> {
    let pipeline = super::checked(root)?;
    super::report(&pipeline.warnings);
    let site = &pipeline.site;
    let doc = site.doc(&args.doc).filter(|d| !d.versions.is_empty()).ok_or_else(|| {
        let known: Vec<&str> =
            site.docs.iter().filter(|d| !d.versions.is_empty()).map(|d| d.slug.as_str()).collect();
        Diagnostic::error(format!("unknown document `{}`", args.doc))
            .help(format!("documents with released versions: {}", known.join(", ")))
    })?;
    let number = match args.version {
        Some(n) if (1..=doc.versions.len() as u32).contains(&n) => n,
        Some(n) => {
            return Err(Diagnostic::error(format!("{} has no version {n}", doc.slug))
                .help(format!("its versions are 1 to {}", doc.versions.len()))
                .into());
        }
        // The version in effect today, else the latest.
        None => {
            let t = Timeline::new(site, doc, super::build_date(None)?);
            t.current.map_or(doc.versions.len(), |c| c + 1) as u32
        }
    };
    let version = &doc.versions[number as usize - 1];
    let lang = super::lang_arg(&site.config, args.lang.as_deref())?;
    let code = &site.config.languages[lang];
    if !version.text.has_lang(lang) {
        let there: Vec<&str> = (0..site.config.languages.len())
            .filter(|&l| version.text.has_lang(l))
            .map(|l| site.config.languages[l].as_str())
            .collect();
        return Err(Diagnostic::error(format!(
            "version {number} of {} does not exist in `{code}`",
            doc.slug
        ))
        .help(format!("it exists in {}", there.join(", ")))
        .into());
    }
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from(format!("{}-v{number}-{code}.pdf", doc.slug)));
    // A link to an earlier PDF is written through, and stays a link.
    let file = crate::write::target(&out)?;
    replaceable(&file)?;
    let cache = crate::pdf_cache::PdfCache::new(&site.root);
    let pdf = pipeline.pdf(&doc.slug, number, lang, &cache)?;
    write_atomically(&file, &pdf)?;
    say!("Wrote version {number} of {} ({code}) to {} ({} bytes).", doc.slug, out.display(), pdf.len());
    Ok(())
}

/// Whether `out` may be written: a new file, or a PDF (an earlier one, most
/// likely). `--out privsite.toml` is a slip, not a wish to lose the site's
/// configuration.
fn replaceable(out: &Path) -> Result<(), Diagnostic> {
    use std::io::Read as _;
    let Ok(meta) = std::fs::metadata(out) else { return Ok(()) };
    let mut head = [0; 5];
    let is_pdf = !meta.is_dir()
        && std::fs::File::open(out).and_then(|mut f| f.read_exact(&mut head)).is_ok()
        && &head == b"%PDF-";
    if is_pdf {
        return Ok(());
    }
    let what = if meta.is_dir() { "a folder" } else { "a file that is not a PDF" };
    Err(Diagnostic::error(format!("{} is {what}; refusing to replace it", out.display()))
        .help("name a new file with --out, or an earlier PDF to replace"))
}

/// Through a temporary file beside `out`, so a failure leaves no half-written PDF.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(folder).map_err(|e| io_error("create", folder, &e))?;
    let mut file = crate::write::kept_file_in(folder, ".privsite-pdf-")
        .map_err(|e| io_error("write into", folder, &e))?;
    file.write_all(bytes).map_err(|e| io_error("write", out, &e))?;
    file.persist(out).map_err(|e| io_error("write", out, &e.error))?;
    Ok(())
}
