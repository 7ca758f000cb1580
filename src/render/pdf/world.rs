//! What Typst sees of a build: the theme's `pdf/` files at the root, the
//! generated `privsite.typ`, the fonts of typst-assets and the theme, and a
//! fixed "today". Nothing is read from disk or the network.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::site::Theme;

/// The main file of a theme's PDF layout.
pub(crate) const MAIN: &str = "document.typ";
/// The file privsite generates for each PDF, imported by the layout.
pub(crate) const DATA: &str = "privsite.typ";

/// Shared by every PDF of a build: made once, read from every thread.
pub(crate) struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The theme's `pdf/` files by name: (file for diagnostics, bytes).
    files: BTreeMap<String, (String, Bytes)>,
}

impl Shared {
    pub(crate) fn new(theme: &Theme) -> Shared {
        // The theme's fonts first, so a family it ships wins over a built-in one.
        let fonts: Vec<Font> = theme
            .fonts
            .values()
            .map(|bytes| Bytes::new(bytes.clone()))
            .chain(typst_assets::fonts().map(Bytes::new))
            .flat_map(Font::iter)
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            files: theme
                .pdf
                .iter()
                .map(|(name, (file, bytes))| (name.clone(), (file.clone(), Bytes::new(bytes.clone()))))
                .collect(),
        }
    }

    /// A file of the theme's `pdf/` folder: its name for diagnostics and its bytes.
    pub(crate) fn theme_file(&self, name: &str) -> Option<(String, &[u8])> {
        self.files.get(name).map(|(file, bytes)| (file.clone(), &bytes[..]))
    }
}

/// One PDF's world: the shared part plus its generated data and date.
pub(crate) struct PdfWorld<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) data: Source,
    pub(crate) today: NaiveDate,
}

pub(crate) fn file_id(name: &str) -> FileId {
    FileId::new(None, VirtualPath::new(name))
}

impl PdfWorld<'_> {
    pub(crate) fn new(shared: &Shared, data: String, today: NaiveDate) -> PdfWorld<'_> {
        PdfWorld { shared, data: Source::new(file_id(DATA), data), today }
    }

    fn name(id: FileId) -> FileResult<String> {
        if id.package().is_some() {
            return Err(FileError::Other(Some(
                "packages are not available: a theme ships its own files".into(),
            )));
        }
        Ok(id.vpath().as_rootless_path().to_string_lossy().replace('\\', "/"))
    }
}

impl World for PdfWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        file_id(MAIN)
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let name = Self::name(id)?;
        if name == DATA {
            return Ok(self.data.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let name = Self::name(id)?;
        if name == DATA {
            return Ok(Bytes::new(self.data.text().as_bytes().to_vec()));
        }
        self.shared.files.get(&name).map(|(_, b)| b.clone()).ok_or_else(|| FileError::NotFound(name.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Datetime::from_ymd(self.today.year(), self.today.month() as u8, self.today.day() as u8)
    }
}
