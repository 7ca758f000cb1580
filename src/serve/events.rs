//! Which file events mean "rebuild": a pure function over the event kind and
//! path, so the watcher loop stays dumb and the rules are unit-tested. Editor
//! clutter and everything outside the site's inputs (our own `public/`, a
//! `target/` folder, `.git/`) never trigger a rebuild.

use std::path::{Component, Path};

use notify::EventKind;
use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};

use crate::config;
use crate::load::INPUT_DIRS;

/// Whether an event of `kind` on `path` (absolute, below `root`) changes an input of the build.
pub(crate) fn triggers_rebuild(root: &Path, kind: &EventKind, path: &Path) -> bool {
    changes_content(kind) && is_input(root, path)
}

/// Events that may change what a file holds: creation, writing, renaming,
/// removal. Opening and reading (our own rebuild reads every file) and
/// metadata such as access times do not.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Other => true,
    }
}

/// Whether the event is how a save ends: a file closed after writing, or
/// renamed into place (editors that write aside). The rest of its burst, if
/// any, follows within a moment.
pub(crate) fn ends_a_save(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// Whether an event of `kind` may mean that the path it names was replaced
/// (created, removed or renamed), so that a watch on it must be set anew.
/// Opening a folder is not: watching a folder reads it, and counting that
/// would set the watch anew forever, missing what is saved meanwhile.
pub(crate) fn may_replace(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Any | EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
    )
}

/// Whether `path` is `privsite.toml` or a file (or folder) below one of
/// [`INPUT_DIRS`], and not an editor's temporary file or a hidden one.
pub(crate) fn is_input(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut names = Vec::new();
    for component in rel.components() {
        match component {
            Component::Normal(name) => match name.to_str() {
                Some(name) => names.push(name),
                None => return false,
            },
            _ => return false,
        }
    }
    match names.as_slice() {
        [] => false,
        [name] if *name == config::FILE_NAME => true,
        [top, rest @ ..] => {
            INPUT_DIRS.contains(top) && !rest.iter().any(|name| name.starts_with('.') || is_temp_file(name))
        }
    }
}

/// Files editors write beside the one being saved, and then rename or delete.
pub(crate) fn is_temp_file(name: &str) -> bool {
    crate::load::filename::is_ignored(name)
        || name.starts_with('#') && name.ends_with('#') // Emacs auto-save
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".bak")
        || name.ends_with(".crswap") // Chromium-based editors
        || name.ends_with("___jb_tmp___") // JetBrains
        || name.ends_with("___jb_old___")
        || !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) // Vim's `4913` probe
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};

    use super::*;

    fn root() -> PathBuf {
        PathBuf::from("/site")
    }

    #[test]
    fn only_a_folder_created_removed_or_renamed_is_watched_anew() {
        use notify::event::{AccessKind, AccessMode};
        for kind in [
            EventKind::Create(CreateKind::Folder),
            EventKind::Remove(RemoveKind::Folder),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
        ] {
            assert!(may_replace(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
        ] {
            assert!(!may_replace(&kind), "{kind:?}");
        }
    }

    #[test]
    fn inputs_of_the_build_trigger_a_rebuild() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        for path in [
            "privsite.toml",
            "content/policy/10-intro.de.md",
            "content/policy",
            "content",
            "versions/policy/v1/version.toml",
            "locales/de/site.ftl",
            "themes/default/templates/base.html",
            "themes/default/static/img/logo.svg",
        ] {
            assert!(triggers_rebuild(&root(), &write, &root().join(path)), "{path}");
        }
    }

    #[test]
    fn our_output_and_other_folders_do_not() {
        let write = EventKind::Create(CreateKind::File);
        for path in [
            "public/en/index.html",
            "public",
            ".public.new-x1/en/index.html",
            "target/debug/privsite",
            ".git/index",
            "README.md",
            "privsite.toml~",
            "content/policy/.10-intro.de.md.swp",
            "content/policy/10-intro.de.md~",
            "content/policy/#10-intro.de.md#",
            "content/policy/.#10-intro.de.md",
            "content/policy/4913",
            "content/policy/10-intro.de.md___jb_tmp___",
            "content/.hidden/10-intro.de.md",
            "locales/de/site.ftl.tmp",
        ] {
            assert!(!triggers_rebuild(&root(), &write, &root().join(path)), "{path}");
        }
        assert!(!triggers_rebuild(&root(), &write, Path::new("/elsewhere/content/a.md")));
        assert!(!triggers_rebuild(&root(), &write, Path::new("/site/content/../public/x")));
    }

    #[test]
    fn reading_does_not_trigger_but_every_kind_of_change_does() {
        let file = root().join("content/policy/10-intro.de.md");
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
        ] {
            assert!(!triggers_rebuild(&root(), &kind, &file), "{kind:?}");
        }
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Any,
        ] {
            assert!(triggers_rebuild(&root(), &kind, &file), "{kind:?}");
        }
    }

    #[test]
    fn a_save_ends_when_the_file_is_closed_or_renamed_into_place() {
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
        ] {
            assert!(ends_a_save(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
        ] {
            assert!(!ends_a_save(&kind), "{kind:?}");
        }
    }

    #[test]
    fn an_atomic_save_is_seen_at_its_final_name() {
        // Editors write `.name.swp` or `name~`, then rename it over `name`:
        // the rename's target is what counts.
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert!(!triggers_rebuild(&root(), &rename, &root().join("content/p/.10-a.de.md.tmp")));
        assert!(triggers_rebuild(&root(), &rename, &root().join("content/p/10-a.de.md")));
    }
}
