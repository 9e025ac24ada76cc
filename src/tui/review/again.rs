//! Reading the queue's files again (`r`): the reports a body sent again, fixed, or withdrew while
//! the queue was open show as they are on disk now, their marks kept, a mark on a version since
//! changed showing as changed.

use std::collections::HashSet;
use std::path::Path;

use super::Desk;
use crate::batch::inputs::{Entry, walk_quietly};
use crate::i18n::review as msg;
use crate::review;

impl Desk {
    /// Walks the queue's folders again and reads every report anew. A file named on its own (or
    /// listed) stays in the queue as named; one found in a folder and gone since is left out.
    pub(super) fn read_again(&mut self) {
        let selected = self.selected().map(|i| self.queue.item(i).path.clone());
        let before: HashSet<Box<Path>> =
            self.queue.items().iter().map(|s| s.path.clone()).collect();
        let mut entries: Vec<Entry> = self
            .folders
            .iter()
            .flat_map(|folder| walk_quietly(folder.clone(), self.lang))
            .collect();
        let walked: HashSet<std::path::PathBuf> = entries
            .iter()
            .filter_map(|e| e.as_ref().ok().cloned())
            .collect();
        let named_alone = self
            .queue
            .items()
            .iter()
            .map(|s| s.path.to_path_buf())
            .filter(|p| !walked.contains(p) && !self.folders.iter().any(|f| p.starts_with(f)));
        entries.extend(named_alone.map(Ok));
        let (summaries, names) =
            review::summarize_quietly(&self.registry, entries.into_iter(), self.lang);
        let now: HashSet<&Path> = summaries.iter().map(|s| &*s.path).collect();
        let added = now.iter().filter(|p| !before.contains(**p)).count();
        let gone = before.iter().filter(|p| !now.contains(&***p)).count();
        let count = summaries.len();
        self.queue.read_again(summaries, names);
        let item = selected.and_then(|p| self.queue.items().iter().position(|s| s.path == p));
        self.cursor = 0;
        self.follow(item);
        self.say(msg::read_again(count, added, gone, self.lang));
    }
}
