//! Undo and redo of whole edits, derived totals included.

use super::history::{Change, Transaction};
use super::{App, Effect};

use crate::i18n::editor as msg;

impl App {
    /// Records an edit for undo, and for the recovery file.
    pub(super) fn record(&mut self, transaction: Transaction) {
        self.file.history.record(transaction);
        self.file.revision += 1;
        self.changed();
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        self.commit_text();
        match self.file.history.undo() {
            Some(t) => {
                let previous = self.report.previous.clone();
                self.apply(&t, true);
                self.say(msg::undone(self.lang));
                self.follow_previous(previous)
            }
            None => {
                self.say(msg::nothing_to_undo(self.lang));
                Vec::new()
            }
        }
    }

    pub(super) fn redo(&mut self) -> Vec<Effect> {
        match self.file.history.redo() {
            Some(t) => {
                let previous = self.report.previous.clone();
                self.apply(&t, false);
                self.say(msg::redone(self.lang));
                self.follow_previous(previous)
            }
            None => {
                self.say(msg::nothing_to_redo(self.lang));
                Vec::new()
            }
        }
    }

    /// Last year's report as the report names it after an undo or redo that changed the name
    /// (`:prev`, `:noprev`): read again, or no longer checked against.
    fn follow_previous(&mut self, before: Option<String>) -> Vec<Effect> {
        if self.report.previous == before {
            return Vec::new();
        }
        match crate::store::previous::path_of(&self.report, &self.file.path) {
            Some(path) => vec![Effect::Load {
                path,
                purpose: super::Purpose::Prev,
            }],
            None => {
                self.derived.prev = None;
                self.changed();
                Vec::new()
            }
        }
    }

    /// Applies a transaction forwards or backwards and goes to where it happened.
    pub(super) fn apply(&mut self, t: &Transaction, backwards: bool) {
        for change in &t.changes {
            match change {
                Change::Cell {
                    table,
                    cell,
                    before,
                    after,
                } => {
                    self.report.tables[*table][*cell] = if backwards { *before } else { *after };
                }
                Change::Text {
                    section,
                    before,
                    after,
                } => {
                    self.report.texts[*section] = if backwards { before } else { after }.clone();
                }
                Change::Meta { before, after } => {
                    self.set_meta(if backwards { before } else { after });
                }
            }
        }
        // The text editor shows the text before this change: rebuild it rather than fold it in.
        self.text = None;
        self.enter_section(t.section);
        self.restore_view(t.view);
        self.changed();
        self.file.revision += 1;
    }
}
