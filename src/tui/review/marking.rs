//! Space or m in a report opened from the queue marks it reviewed, or no longer reviewed, as on its
//! line of the queue: the reviewer has just read it, and going back to the queue only to mark it
//! is a step to forget. The editor's status line says what the mark is now.

use super::{Desk, Effect};
use crate::i18n::review as msg;
use crate::store;
use crate::tui::keymap::{self, Command, Context};
use crate::visible::visible;

impl Desk {
    /// The mark of the open report's line, toggled; the marks are saved by the effect.
    pub(super) fn toggle_open(&mut self) -> Vec<Effect> {
        let Some(open) = &mut self.open else {
            return Vec::new();
        };
        let app = &mut open.editing.app;
        if let Some(problem) = &self.marks_problem {
            app.complain(msg::marks_not_saved(problem, self.lang));
            return Vec::new();
        }
        // A mark vouches for the file as it is on disk, which edits not yet saved are not in.
        if app.is_modified() {
            let save = keymap::key_for(Context::Normal, Command::Save);
            app.complain(msg::save_before_marking(&save, self.lang));
            return Vec::new();
        }
        let item = open.item;
        // Edits saved here changed the file since the queue read it: the mark is for what it
        // holds now, or the queue would show it as changed since reviewed.
        if !app.is_read_only() {
            self.check_again(item);
        }
        self.queue.toggle_reviewed(item);
        vec![Effect::SaveMarks]
    }

    /// Saves the marks with a report open, and says in the editor what its mark is now.
    pub(super) fn say_marked(&mut self) {
        let Some(open) = &mut self.open else {
            return;
        };
        let app = &mut open.editing.app;
        if let Err(e) = self.queue.marks().save() {
            let why = store::atomic::error_text(&e, self.lang);
            app.complain(msg::marks_unwritable(&why, self.lang));
            return;
        }
        let shown = visible(self.queue.key(open.item)).into_owned();
        let text = if self.queue.review(open.item) == crate::review::marks::Review::Reviewed {
            msg::marked(&shown, self.lang)
        } else {
            msg::unmarked(&shown, self.lang)
        };
        app.say(text);
    }
}
