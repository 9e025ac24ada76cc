//! Moving through tables: cursor motion across tables, scrolling, and mouse clicks.

use super::{App, GridCursor, Mode};
use crate::tui::keymap::Command;
use crate::tui::layout::{GridLine, Layout};

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
        let (_, cols) = self.table_size(c.table);
        let tables = self.section_tables();
        let page = self.layout().grid_page(c.table);
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
    pub(super) fn step(&self, from: GridCursor, step: Step) -> GridCursor {
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

    /// The geometry of the screen, in the interface's language.
    pub fn layout(&self) -> Layout<'_> {
        Layout::new(&self.report, self.lang, self.size)
    }

    /// The grid of the current section as it is scrolled now.
    pub fn section_grid(&self) -> crate::tui::layout::SectionGrid {
        let c = self.cursor();
        self.layout()
            .section(self.section, c.table, self.lefts[self.section])
    }

    /// Scrolls the current section so the cursor is on screen.
    pub(super) fn scroll_into_view(&mut self) {
        if self.is_text_section() {
            return;
        }
        let c = self.cursor();
        self.lefts[self.section] =
            self.layout()
                .scroll_columns(c.table, self.lefts[self.section], c.column);
        let top = self
            .section_grid()
            .scroll_to(self.tops[self.section], c.row);
        self.tops[self.section] = top;
    }

    /// A mouse click selects a section in the list or a cell in the grid.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let screen = self.layout().screen();
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
        let grid = self.section_grid();
        let shown = grid.shown(self.tops[self.section]);
        let Some(GridLine::Row(t, row)) = shown.get((y - screen.body.y) as usize).copied() else {
            return;
        };
        let geom = grid.geom(t);
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
