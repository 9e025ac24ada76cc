//! Moving through tables and changing cells.

use super::history::{Change, Transaction};
use super::{App, Effect, GridCursor, Mode};
use crate::rules::{self, What};
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;
use crate::tui::layout::{self, GridLine};

/// Where a movement after committing a value should go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Down,
    Up,
    Right,
    Left,
}

impl App {
    /// The tables of the current section, as template indexes.
    fn section_tables(&self) -> std::ops::Range<usize> {
        self.report.template.sections[self.section].tables.clone()
    }

    fn table_size(&self, t: usize) -> (usize, usize) {
        let table = &self.report.template.tables[t];
        (table.rows.len(), table.columns.len())
    }

    pub(super) fn grid_motion(&mut self, command: Command) {
        let mut c = self.cursor();
        let (rows, cols) = self.table_size(c.table);
        let tables = self.section_tables();
        let page = self.size.1.saturating_sub(8).max(1) as usize;
        match command {
            Command::Left => c.column = c.column.saturating_sub(1),
            Command::Right => c.column = (c.column + 1).min(cols - 1),
            Command::RowStart => c.column = 0,
            Command::RowEnd => c.column = cols - 1,
            Command::Down => c = self.vertical(c, 1),
            Command::Up => c = self.vertical(c, -1),
            Command::PageDown => c = self.vertical(c, page as isize),
            Command::PageUp => c = self.vertical(c, -(page as isize)),
            Command::Top => {
                c.table = tables.start;
                c.row = 0;
            }
            Command::Bottom => {
                c.table = tables.end - 1;
                c.row = self.table_size(c.table).0 - 1;
            }
            _ => {}
        }
        let _ = rows;
        c.column = c.column.min(self.table_size(c.table).1 - 1);
        self.cursors[self.section] = c;
        self.scroll_into_view();
    }

    /// Moves `by` rows, crossing into the next or previous table of the section.
    fn vertical(&self, mut c: GridCursor, by: isize) -> GridCursor {
        let tables = self.section_tables();
        let mut remaining = by;
        while remaining != 0 {
            let (rows, _) = self.table_size(c.table);
            if remaining > 0 {
                if c.row + 1 < rows {
                    c.row += 1;
                } else if c.table + 1 < tables.end {
                    c.table += 1;
                    c.row = 0;
                } else {
                    break;
                }
                remaining -= 1;
            } else {
                if c.row > 0 {
                    c.row -= 1;
                } else if c.table > tables.start {
                    c.table -= 1;
                    c.row = self.table_size(c.table).0 - 1;
                } else {
                    break;
                }
                remaining += 1;
            }
        }
        c.column = c.column.min(self.table_size(c.table).1 - 1);
        c
    }

    /// After a value is committed: the next cell in that direction that is not filled in by a rule,
    /// wrapping to the next row at the end of one, as in a spreadsheet.
    fn step(&self, from: GridCursor, step: Step) -> GridCursor {
        let mut c = from;
        for _ in 0..1000 {
            let (rows, cols) = self.table_size(c.table);
            let next = match step {
                Step::Down => self.vertical(c, 1),
                Step::Up => self.vertical(c, -1),
                Step::Right if c.column + 1 < cols => GridCursor {
                    column: c.column + 1,
                    ..c
                },
                Step::Right if c.row + 1 < rows => GridCursor {
                    row: c.row + 1,
                    column: 0,
                    ..c
                },
                Step::Right => self.vertical(GridCursor { column: 0, ..c }, 1),
                Step::Left => GridCursor {
                    column: c.column.saturating_sub(1),
                    ..c
                },
            };
            if next == c {
                return from;
            }
            c = next;
            let table = &self.report.template.tables[c.table];
            if !table.is_derived(table.cell_index(c.row, c.column)) {
                return c;
            }
        }
        from
    }

    pub(super) fn start_cell_edit(&mut self, initial: String) {
        if self.refuse_if_read_only() {
            return;
        }
        self.mode = Mode::CellEdit { buffer: initial };
    }

    pub(super) fn cell_edit_key(&mut self, key: Key, mut buffer: String) -> Vec<Effect> {
        let step = match keymap::lookup(&[Context::CellEdit], &[key]) {
            Lookup::Command(Command::Cancel) => {
                self.mode = Mode::Normal;
                return Vec::new();
            }
            Lookup::Command(Command::CommitDown) => Some(Step::Down),
            Lookup::Command(Command::CommitUp) => Some(Step::Up),
            Lookup::Command(Command::CommitRight) => Some(Step::Right),
            Lookup::Command(Command::CommitLeft) => Some(Step::Left),
            _ => None,
        };
        let Some(step) = step else {
            if key.code == ratatui::crossterm::event::KeyCode::Backspace {
                buffer.pop();
            } else if let Some(c) = key.typed_char() {
                buffer.push(c);
            }
            self.mode = Mode::CellEdit { buffer };
            return Vec::new();
        };
        let c = self.cursor();
        let kind = self.report.template.tables[c.table].columns[c.column].kind;
        let value = match buffer.trim() {
            "" => Ok(None),
            text => kind.parse(text).map(Some),
        };
        match value {
            Ok(value) => {
                self.mode = Mode::Normal;
                self.set_current_cell(value);
                self.cursors[self.section] = self.step(c, step);
                self.scroll_into_view();
            }
            Err(e) => {
                self.complain(e.to_string());
                self.mode = Mode::CellEdit { buffer };
            }
        }
        Vec::new()
    }

    pub(super) fn set_current_cell(&mut self, value: Option<i64>) {
        let c = self.cursor();
        let cell = self.report.template.tables[c.table].cell_index(c.row, c.column);
        self.set_cells(c.table, &[(cell, value)]);
    }

    /// Says so and returns true when the report may not be changed.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        if self.read_only {
            self.complain(
                self.lang
                    .pick("只读模式：不能修改", "read-only: nothing can be changed"),
            );
        }
        self.read_only
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
            self.report.tables[t][cell] = value;
            rules::derive_from(table, &mut self.report.tables[t], cell);
        }
        let changes = self.table_changes(t, &before);
        self.record_changes(changes);
    }

    /// The cells of table `t` that differ from `before`, as changes.
    fn table_changes(&self, t: usize, before: &[Option<i64>]) -> Vec<Change> {
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
    fn record_changes(&mut self, changes: Vec<Change>) {
        self.record(Transaction {
            changes,
            section: self.section,
            cursor: self.cursor(),
        });
        self.refresh();
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
        } else if self.is_text_section() {
            return;
        } else {
            vec![self.cursor().table]
        };
        let mut changes = Vec::new();
        let mut filled = 0;
        for t in tables {
            let table = &template.tables[t];
            let before = self.report.tables[t].clone();
            for (cell, value) in self.report.tables[t].iter_mut().enumerate() {
                if value.is_none() && !table.is_derived(cell) {
                    *value = Some(0);
                    filled += 1;
                }
            }
            rules::derive_table(table, &mut self.report.tables[t]);
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

    /// Pasted numbers go into the grid from the cursor: tabs or spaces to the right, lines down.
    pub(super) fn paste_values(&mut self, text: &str) {
        let c = self.cursor();
        let table = &self.report.template.tables[c.table];
        let mut values = Vec::new();
        for (dr, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            for (dc, word) in line
                .split(['\t', ' ', ','])
                .filter(|w| !w.is_empty())
                .enumerate()
            {
                let (row, column) = (c.row + dr, c.column + dc);
                if row >= table.rows.len() || column >= table.columns.len() {
                    continue;
                }
                match table.columns[column].kind.parse(word) {
                    Ok(v) => values.push((table.cell_index(row, column), Some(v))),
                    Err(e) => {
                        self.complain(e.to_string());
                        return;
                    }
                }
            }
        }
        let t = c.table;
        self.set_cells(t, &values);
    }

    /// Goes to the next (or previous) broken rule, in any section.
    pub(super) fn jump_to_problem(&mut self, forward: bool) {
        let template = self.report.template.clone();
        // Places as (section, table, row, column); a place in a text is (section, 0, 0, offset),
        // which orders the same way since a section has either tables or a text.
        let mut places: Vec<(usize, usize, usize, usize)> = Vec::new();
        for f in &self.findings {
            let Some(t) = f.table else { continue };
            let table = &template.tables[t];
            let (row, column) = match (f.row, f.column, &f.what) {
                (_, _, What::EmptyCells { .. } | What::SupersededFormat { .. }) => continue,
                (Some(r), Some(c), _) => (r, c),
                (None, Some(c), What::Rule { check }) => {
                    let Some(first) = table.checks[*check as usize].lhs.first() else {
                        continue;
                    };
                    (table.row_column(first.cell as usize).0, c)
                }
                (Some(r), None, _) => (r, 0),
                _ => (0, 0),
            };
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
        let c = self.cursor();
        let here = if self.is_text_section() {
            (self.section, 0, 0, self.caret_offset().unwrap_or(0))
        } else {
            (self.section, c.table, c.row, c.column)
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
            self.cursors[section] = GridCursor { table, row, column };
            self.scroll_into_view();
        }
        self.say(self.lang.pick(
            &format!("问题 {}/{}", index + 1, places.len()),
            &format!("problem {} of {}", index + 1, places.len()),
        ));
    }

    /// The geometry of every table of the current section at the current screen size.
    pub fn section_geoms(&self) -> Vec<(usize, layout::TableGeom)> {
        let body = layout::screen(ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1)).body;
        let c = self.cursor();
        self.section_tables()
            .map(|t| {
                let left = if t == c.table {
                    self.lefts[self.section]
                } else {
                    0
                };
                (t, layout::table_geom(&self.report, t, body.width, left))
            })
            .collect()
    }

    /// Scrolls the current section so the cursor is on screen.
    pub(super) fn scroll_into_view(&mut self) {
        if self.is_text_section() {
            return;
        }
        let body = layout::screen(ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1)).body;
        let c = self.cursor();
        self.lefts[self.section] = layout::scroll_columns(
            &self.report,
            c.table,
            body.width,
            self.lefts[self.section],
            c.column,
        );
        let geoms = self.section_geoms();
        let lines = layout::section_lines(&self.report.template, self.section, &geoms);
        self.tops[self.section] = layout::scroll_to(
            &lines,
            self.tops[self.section],
            body.height as usize,
            GridLine::Row(c.table, c.row),
        );
    }

    /// A mouse click selects a section in the list or a cell in the grid.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let screen = layout::screen(area);
        let inside = |r: ratatui::layout::Rect| {
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        };
        if !matches!(self.mode, Mode::Normal) {
            return;
        }
        if inside(screen.sections) {
            let index = (y - screen.sections.y) as usize;
            if index < self.report.template.sections.len() {
                self.enter_section(index);
            }
            return;
        }
        if !inside(screen.body) || self.is_text_section() {
            return;
        }
        let geoms = self.section_geoms();
        let lines = layout::section_lines(&self.report.template, self.section, &geoms);
        let shown = layout::visible_lines(
            &lines,
            self.tops[self.section],
            screen.body.height as usize,
            self.cursor().table,
        );
        let Some(GridLine::Row(t, row)) = shown.get((y - screen.body.y) as usize).copied() else {
            return;
        };
        let Some((_, geom)) = geoms.iter().find(|(gt, _)| *gt == t) else {
            return;
        };
        let dx = x - screen.body.x;
        let column = (geom.first_column..geom.first_column + geom.shown_columns).find(|&col| {
            let start = geom.column_x(col).unwrap_or(u16::MAX);
            dx >= start && dx < start + geom.column_widths[col]
        });
        let column = column.unwrap_or(if t == self.cursor().table {
            self.cursor().column
        } else {
            0
        });
        self.cursors[self.section] = GridCursor {
            table: t,
            row,
            column,
        };
        self.scroll_into_view();
    }
}
