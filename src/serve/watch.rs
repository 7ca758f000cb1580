//! The file watcher: the site root itself (not recursively, so `public/`,
//! `target/` or `.git/` are never watched) and each input folder
//! recursively. Watching folders rather than files means an editor's atomic
//! save (write a temporary file, rename it over the original) is seen, and
//! input folders created or replaced later are picked up by [`Watch::sync`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::diag::Diagnostic;
use crate::load::INPUT_DIRS;

pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: BTreeSet<&'static str>,
}

impl Watch {
    /// Starts watching; events go to `events`.
    pub(crate) fn new(
        root: &Path,
        events: Sender<notify::Result<notify::Event>>,
    ) -> Result<Watch, Diagnostic> {
        let failed = |e: notify::Error| {
            Diagnostic::error(format!("cannot watch {} for changes: {e}", root.display()))
                .help("on Linux, raise the inotify limits (fs.inotify.max_user_watches, max_user_instances)")
        };
        let mut watcher = notify::recommended_watcher(events).map_err(failed)?;
        watcher.watch(root, RecursiveMode::NonRecursive).map_err(failed)?;
        let mut watch = Watch { watcher, root: root.to_path_buf(), watched: BTreeSet::new() };
        watch.sync(&[]).map_err(failed)?;
        Ok(watch)
    }

    /// Watches the input folders that exist now and forgets those that are
    /// gone; `replaced` are the paths the last events may have replaced
    /// ([`events::may_replace`](super::events::may_replace)): an input folder
    /// among them is watched anew.
    pub(crate) fn sync(&mut self, replaced: &[PathBuf]) -> notify::Result<()> {
        for dir in INPUT_DIRS {
            let path = self.root.join(dir);
            if replaced.contains(&path) && self.watched.remove(dir) {
                let _ = self.watcher.unwatch(&path);
            }
            if path.is_dir() {
                if self.watched.insert(dir)
                    && let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive)
                {
                    self.watched.remove(dir);
                    return Err(e);
                }
            } else if self.watched.remove(dir) {
                // Gone (the kernel dropped the watch); ignore the error.
                let _ = self.watcher.unwatch(&path);
            }
        }
        Ok(())
    }
}
