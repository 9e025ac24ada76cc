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
                self.say(msg::undone(&self.what_changed(&t), self.lang));
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
                self.say(msg::redone(&self.what_changed(&t), self.lang));
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

    /// What an edit changed, for the line that says it was undone or done again: the place of a
    /// cell, how many cells, a section's text, or the title, body or year, which no screen shows
    /// (a second `u` took the title away without a word of which).
    fn what_changed(&self, t: &Transaction) -> String {
        let lang = self.lang;
        let template = &self.report.template;
        let cells = |typed_only: bool| -> Vec<(usize, usize)> {
            t.changes
                .iter()
                .filter_map(|c| match c {
                    Change::Cell { table, cell, .. }
                        if !(typed_only && template.tables[*table].is_derived(*cell)) =>
                    {
                        Some((*table, *cell))
                    }
                    _ => None,
                })
                .collect()
        };
        // The cells typed, not the totals that followed; an override is a total typed, the
        // first changed (the totals it changes in turn stand below it).
        let typed = match cells(true) {
            typed if typed.is_empty() => cells(false).into_iter().take(1).collect(),
            typed => typed,
        };
        let mut said: Vec<String> = Vec::new();
        match typed.as_slice() {
            [] => {}
            [(table, cell)] => {
                let k = template.tables[*table].columns.len();
                let place =
                    crate::describe::place(template, *table, Some(cell / k), Some(cell % k), lang);
                said.push(crate::visible::visible(&place).into_owned());
            }
            cells => said.push(msg::cells_changed(cells.len(), lang)),
        }
        for change in &t.changes {
            match change {
                Change::Text { section, .. } => {
                    let title = template.sections[*section].title.get(lang);
                    said.push(msg::text_of(title, lang));
                }
                Change::Meta { before, after } => {
                    let fields = [
                        (before.agency != after.agency, msg::meta_agency(lang)),
                        (before.title != after.title, msg::meta_title(lang)),
                        (before.year != after.year, msg::meta_year(lang)),
                        (before.previous != after.previous, msg::meta_previous(lang)),
                    ];
                    said.extend(fields.iter().filter(|f| f.0).map(|f| f.1.to_string()));
                }
                Change::Cell { .. } => {}
            }
        }
        said.join(msg::separator(lang))
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
