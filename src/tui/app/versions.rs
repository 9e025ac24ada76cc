//! Other versions of the report: last year's (the cross-year rules) and any other version whose
//! differing cells the grid marks (`:diff FILE`).

use std::path::Path;

use super::{App, Purpose};
use crate::diff::{self, Change, OldCell};
use crate::i18n::editor as msg;
use crate::report::Report;
use crate::rules::PrevValues;
use crate::store::LoadError;

/// Another version of the report, and where this one differs from it.
pub struct Compared {
    old: Report,
    /// Per table, per cell: differs from the other version.
    pub cells: Vec<Vec<bool>>,
    /// The differences themselves, kept so drawing a frame need not compare again.
    changes: Vec<Change>,
}

impl Compared {
    fn new(old: Report, now: &Report) -> Compared {
        let mut compared = Compared {
            old,
            cells: Vec::new(),
            changes: Vec::new(),
        };
        compared.update(now);
        compared
    }

    /// Follows edits: what differs changes as the user types.
    pub fn update(&mut self, now: &Report) {
        let comparison = diff::compare(&self.old, now);
        self.cells = comparison.changed_cells(&now.template);
        self.changes = comparison.changes;
    }

    /// How many differences there are.
    pub fn count(&self) -> usize {
        self.changes.len()
    }

    /// The other version's value of a cell, when it differs.
    pub fn old_value(&self, now: &Report, table: usize, cell: usize) -> Option<OldCell> {
        if !*self.cells.get(table)?.get(cell)? {
            return None;
        }
        let (row, column) = now.template.tables[table].row_column(cell);
        self.changes.iter().find_map(|c| match *c {
            Change::Cell {
                table: t,
                row: r,
                column: k,
                old,
                ..
            } if (t, r, k) == (table, row, column) => Some(old),
            _ => None,
        })
    }
}

impl App {
    pub(super) fn loaded(
        &mut self,
        path: &Path,
        purpose: Purpose,
        result: Result<Report, LoadError>,
    ) {
        let shown = path.display().to_string();
        let other = match result {
            Ok(other) => other,
            Err(e) => {
                // `:prev FILE` that cannot be read leaves the report's own last year as it was.
                let asked = self.prev_to_name.take().is_some();
                if purpose == Purpose::Prev && !asked {
                    // A warning among the findings, as `check` has it, not only a message the
                    // next key clears: the cross-year rules were not checked.
                    self.derived.prev = None;
                    self.derived.prev_unreadable =
                        Some(crate::batch::previous_unreadable(path, &e));
                    self.changed();
                }
                return self.complain(e.text(self.lang));
            }
        };
        match purpose {
            Purpose::Prev => {
                self.derived.prev_unreadable = None;
                let aligned = PrevValues::align(&self.report.template, &other);
                self.derived.prev = Some(aligned);
                // Given by `:prev`: the report names it from now on, so `check` and the next
                // session check against it too (read-only: checked against, not named).
                if self.prev_to_name.take().is_some_and(|p| p == path) && !self.file.read_only {
                    let name = crate::store::previous::name_from(&self.file.path, path);
                    if self.report.previous.as_deref() != Some(name.as_str()) {
                        self.change_meta(|m| m.previous = Some(name.clone()));
                        self.say(msg::prev_named(&crate::visible::visible(&name), self.lang));
                        return self.changed();
                    }
                }
                // A routine confirmation: at start it must not hide a word said before it
                // (the locale notice); after `:prev` the key that ran it cleared the line.
                if self.message.is_some() {
                    return self.changed();
                }
                self.say(msg::prev_loaded(&shown, self.lang));
            }
            Purpose::Diff => {
                let compared = Compared::new(other, &self.report);
                let count = compared.count();
                self.derived.compared = Some(compared);
                self.say(msg::differences_marked(count, &shown, self.lang));
            }
        }
        self.changed();
    }
}
