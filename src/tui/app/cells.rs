//! Changing cells: setting values with their totals, filling with zeros or totals.

use super::App;
use super::history::{Change, Transaction};
use crate::i18n::editor as msg;
use crate::rules;

impl App {
    pub(super) fn set_current_cell(&mut self, value: Option<i64>) {
        let Some(c) = self.cursor() else { return };
        let cell = self.report.template.tables[c.table].cell_index(c.row, c.column);
        self.set_cells(c.table, &[(cell, value)]);
    }

    /// Says so and returns true when the report may not be changed.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        if self.file.read_only {
            self.complain(msg::read_only_no_change(self.lang));
        }
        self.file.read_only
    }

    /// Sets cells of one table as one undoable edit, with the totals that follow from them.
    pub(super) fn set_cells(&mut self, t: usize, values: &[(usize, Option<i64>)]) {
        if self.refuse_if_read_only() {
            return;
        }
        let template = self.report.template.clone();
        let table = &template.tables[t];
        let before = self.report.tables[t].clone();
        for &(cell, value) in values {
            rules::set_cell(table, &mut self.report.tables[t], cell, value);
        }
        let changes = self.table_changes(t, &before);
        self.record_changes(changes);
    }

    /// The cells of table `t` that differ from `before`, as changes.
    pub(super) fn table_changes(&self, t: usize, before: &[Option<i64>]) -> Vec<Change> {
        before
            .iter()
            .zip(&self.report.tables[t])
            .enumerate()
            .filter(|(_, (b, a))| b != a)
            .map(|(cell, (b, a))| Change::Cell {
                table: t,
                cell,
                before: *b,
                after: *a,
            })
            .collect()
    }

    /// Records changes as one undoable edit, from where the cursor is.
    pub(super) fn record_changes(&mut self, changes: Vec<Change>) {
        self.record(Transaction {
            changes,
            section: self.section,
            view: self.view(),
        });
    }

    /// Fills every still-empty cell with 0 (derived ones get their totals): most cells of a real
    /// report are 0, so this leaves only the non-zero ones to type.
    pub(super) fn fill_zero(&mut self, whole_report: bool) {
        if self.refuse_if_read_only() {
            return;
        }
        let template = self.report.template.clone();
        let tables: Vec<usize> = if whole_report {
            (0..template.tables.len()).collect()
        } else if let Some(c) = self.cursor() {
            vec![c.table]
        } else {
            return;
        };
        let mut changes = Vec::new();
        let mut filled = 0;
        for t in tables {
            let table = &template.tables[t];
            let before = self.report.tables[t].clone();
            let overridden = rules::overridden(table, &before);
            for (cell, value) in self.report.tables[t].iter_mut().enumerate() {
                if value.is_none() && !table.is_derived(cell) {
                    *value = Some(0);
                    filled += 1;
                }
            }
            rules::derive_table_keeping(table, &mut self.report.tables[t], &overridden);
            changes.extend(self.table_changes(t, &before));
        }
        self.record_changes(changes);
        self.say(msg::filled_zeros(filled, self.lang));
    }

    /// Recomputes every derived total (`:fill`), as one undoable edit.
    pub(super) fn fill_derived(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let template = self.report.template.clone();
        let mut changes = Vec::new();
        for t in 0..template.tables.len() {
            let before = self.report.tables[t].clone();
            rules::derive_table(&template.tables[t], &mut self.report.tables[t]);
            changes.extend(self.table_changes(t, &before));
        }
        let changed = changes.len();
        self.record_changes(changes);
        self.say(msg::recomputed(changed, self.lang));
    }
}
