//! Undo and redo of whole edits, derived totals included.

use super::App;
use super::history::{Change, Transaction};

use crate::i18n::editor as msg;

impl App {
    /// Records an edit for undo, and for the recovery file.
    pub(super) fn record(&mut self, transaction: Transaction) {
        self.file.history.record(transaction);
        self.file.revision += 1;
        self.changed();
    }

    pub(super) fn undo(&mut self) {
        self.commit_text();
        match self.file.history.undo() {
            Some(t) => {
                self.apply(&t, true);
                self.say(msg::undone(self.lang));
            }
            None => self.say(msg::nothing_to_undo(self.lang)),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.file.history.redo() {
            Some(t) => {
                self.apply(&t, false);
                self.say(msg::redone(self.lang));
            }
            None => self.say(msg::nothing_to_redo(self.lang)),
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
