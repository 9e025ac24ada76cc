//! Changing cells: setting values with their totals, filling with zeros or totals, pasting, and
//! going to the next problem.

use super::history::{Change, Transaction};
use super::{App, GridCursor};
use crate::rules::{self, What};

impl App {
    pub(super) fn set_current_cell(&mut self, value: Option<i64>) {
        let Some(c) = self.cursor() else { return };
        let cell = self.report.template.tables[c.table].cell_index(c.row, c.column);
        self.set_cells(c.table, &[(cell, value)]);
    }

    /// Says so and returns true when the report may not be changed.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        if self.file.read_only {
            self.complain(
                self.lang
                    .pick("只读模式：不能修改", "read-only: nothing can be changed"),
            );
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
        self.say(self.lang.pick(
            &format!("已将 {filled} 个空单元格填为 0"),
            &format!("filled {filled} empty cells with 0"),
        ));
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
        self.say(self.lang.pick(
            &format!("已重新计算合计，{changed} 个单元格有变化"),
            &format!("recomputed the totals: {changed} cells changed"),
        ));
    }

    /// Goes to the next (or previous) broken rule, in any section.
    pub(super) fn jump_to_problem(&mut self, forward: bool) {
        self.refresh();
        let template = self.report.template.clone();
        // Places as (section, table, row, column); a place in a text is (section, 0, 0, offset),
        // which orders the same way since a section has either tables or a text.
        let mut places: Vec<(usize, usize, usize, usize)> = Vec::new();
        for f in self.findings() {
            let Some(t) = f.table else { continue };
            let table = &template.tables[t];
            if !matches!(f.what, What::Rule { .. } | What::TextVsTable { .. }) {
                continue;
            }
            let Some(&cell) = f.cells(&template).first() else {
                continue;
            };
            let (row, column) = table.row_column(cell);
            places.push((table.section, t, row, column));
            // A sentence the table contradicts is a place too.
            if let What::TextVsTable { start, .. } = f.what {
                places.push((f.section, 0, 0, start));
            }
        }
        places.sort_unstable();
        places.dedup();
        if places.is_empty() {
            self.say(self.lang.pick("没有违反规则的地方", "no broken rules"));
            return;
        }
        let here = match self.cursor() {
            None => (self.section, 0, 0, self.caret_offset().unwrap_or(0)),
            Some(c) => (self.section, c.table, c.row, c.column),
        };
        let target = if forward {
            places.iter().find(|p| **p > here).or(places.first())
        } else {
            places.iter().rev().find(|p| **p < here).or(places.last())
        };
        let &(section, table, row, column) = target.expect("places is not empty");
        let index = places
            .iter()
            .position(|p| *p == (section, table, row, column))
            .unwrap_or(0);
        self.enter_section(section);
        if self.is_text_section() {
            self.move_caret_to(column);
        } else {
            self.move_cursor(GridCursor { table, row, column });
        }
        self.say(self.lang.pick(
            &format!("问题 {}/{}", index + 1, places.len()),
            &format!("problem {} of {}", index + 1, places.len()),
        ));
    }
}
