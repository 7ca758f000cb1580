//! The command line: one variant per command (clap derive).

use std::net::IpAddr;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "privsite",
    version,
    about = "A versioned, trilingual static privacy center from Markdown policies"
)]
pub struct Cli {
    /// The site root (default: the nearest folder with a privsite.toml, from here upwards)
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create a complete example privacy center in DIR
    Init {
        /// A folder that does not exist yet or is empty
        dir: PathBuf,
        /// The binding language, whose text prevails (default: the first of --languages, else de)
        #[arg(long, value_name = "LANG")]
        authoritative: Option<String>,
        /// The languages of the site, comma-separated (default: de,en,sv)
        #[arg(long, value_name = "LANG,…", value_delimiter = ',')]
        languages: Option<Vec<String>>,
    },
    /// Render the released versions to public/
    Build(BuildArgs),
    /// Preview the site live, unreleased text included (marked as draft); reloads the browser on every save
    Serve(ServeArgs),
    /// Check everything without writing output (exit 1 on any error; with --strict, on any warning too)
    Check {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail on any warning too (outdated translations, missing strings, …), as a CI gate
        #[arg(long)]
        strict: bool,
    },
    /// Freeze the current text of a document as its next version
    Release(ReleaseArgs),
    /// Show what changed between two versions of a document, word by word
    Diff(DiffArgs),
    /// Per document, section and language: up to date, outdated or missing; unreleased changes
    Status,
    /// Record that a translation now matches the current authoritative text
    MarkTranslated {
        /// The translation's language
        lang: String,
        /// A document, or one section of it as DOC/SECTION
        #[arg(value_name = "DOC[/SECTION]")]
        target: String,
    },
    /// Build, then put the site on static hosting (object storage or a folder)
    Publish(PublishArgs),
    /// Write one version of a document as its archival PDF (PDF/A), without a build
    Pdf(PdfArgs),
    /// E-mail the change notice of a major version to the subscribers
    Notify(NotifyArgs),
    /// Take a document out of the privacy center; its versions stay online, marked as withdrawn
    Withdraw(WithdrawArgs),
}

#[derive(Debug, Args)]
pub(crate) struct WithdrawArgs {
    /// The document (its folder name under versions/)
    pub(crate) doc: String,
    /// The day it leaves the center (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub(crate) date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The document
    pub(crate) doc: String,
    /// The older version (`1` or `v1`; default: the one before TO)
    pub(crate) from: Option<String>,
    /// The newer version (default: the latest)
    pub(crate) to: Option<String>,
    /// The language (default: the authoritative one)
    #[arg(long, value_name = "LANG")]
    pub(crate) lang: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PublishArgs {
    /// s3://bucket/prefix[?endpoint=URL&region=R], gs://bucket/prefix, az://container/prefix or dir:PATH (default: [publish] target of privsite.toml)
    #[arg(long, value_name = "URL")]
    pub(crate) target: Option<String>,
    /// Print what would be uploaded and deleted; change nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Delete more than --max-deletes files if the plan says so
    #[arg(long)]
    pub(crate) yes: bool,
    /// Refuse to delete more files than this without --yes
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub(crate) max_deletes: usize,
    /// dir: targets only: switch back to the previous release
    #[arg(long, conflicts_with = "dry_run")]
    pub(crate) rollback: bool,
    #[command(flatten)]
    pub(crate) site: SiteArgs,
}

/// What a build is made for: shared by `build` and `publish`, which builds first.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// Override base_url of privsite.toml
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub(crate) base_url: Option<String>,
    /// Build the site as of this day (default: SOURCE_DATE_EPOCH, else today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub(crate) date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Output folder
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Refuse to build on any warning too, as `check --strict` fails
    #[arg(long)]
    pub(crate) strict: bool,
    /// Load, render and write everything, even when nothing changed since the last build
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Build from versions/ alone, ignoring content/ (and any error in its unreleased text)
    #[arg(long)]
    pub(crate) released_only: bool,
    #[command(flatten)]
    pub(crate) site: SiteArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on; anything but loopback makes drafts readable by others
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub(crate) bind: IpAddr,
    /// The port (0: any free one); if it is taken, the next free one is used
    #[arg(long, value_name = "N", default_value_t = 1111)]
    pub(crate) port: u16,
    /// Open the preview in the default browser
    #[arg(long)]
    pub(crate) open: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("kind").required(true).args(["major", "minor"]))]
pub(crate) struct ReleaseArgs {
    /// The document (its folder name under content/)
    pub(crate) doc: String,
    /// A material change: subscribers are notified
    #[arg(long)]
    pub(crate) major: bool,
    /// Any other change
    #[arg(long)]
    pub(crate) minor: bool,
    /// Publication date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub(crate) date: Option<NaiveDate>,
    /// The day the version takes effect (default: the publication date)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub(crate) effective: Option<NaiveDate>,
    /// Release even if translations are missing
    #[arg(long)]
    pub(crate) allow_incomplete: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PdfArgs {
    /// The document (its folder name under content/)
    pub(crate) doc: String,
    /// The version (default: the one in effect today, else the latest)
    #[arg(long, value_name = "N")]
    pub(crate) version: Option<u32>,
    /// The language (default: the authoritative one)
    #[arg(long, value_name = "LANG")]
    pub(crate) lang: Option<String>,
    /// Where to write it (default: DOC-vN-LANG.pdf in the current folder)
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct NotifyArgs {
    /// The document (its folder name under content/)
    pub(crate) doc: String,
    /// The version to announce (default: the latest)
    #[arg(long, value_name = "N")]
    pub(crate) version: Option<u32>,
    /// Show who would get which message; send nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Write .eml files into DIR instead of sending (the default without `smtp` in [mail])
    #[arg(long, value_name = "DIR")]
    pub(crate) outbox: Option<PathBuf>,
    /// Notify a minor version, or one not yet published
    #[arg(long)]
    pub(crate) force: bool,
    /// Send again to recipients whose earlier message has an unknown fate
    #[arg(long)]
    pub(crate) resend_unknown: bool,
    /// SMTP connections sending at once (default: [mail] connections, else 8)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub(crate) connections: Option<u16>,
}

/// `--base-url`, held to the rule of `base_url` in privsite.toml; the
/// message ends with an example, as `--date`'s does.
fn base_url(arg: &str) -> Result<String, String> {
    crate::config::base_url(arg).map_err(|why| format!("{why}, e.g. https://privacy.example.com/"))
}

/// A date on the command line, always `YYYY-MM-DD`; the message repeats the
/// format, since `01.01.2027` is what many users type first.
fn date(arg: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(arg, "%Y-%m-%d")
        .map_err(|e| format!("`{arg}` is not a date of the form YYYY-MM-DD ({e}), e.g. 2027-01-31"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}
