//! Moving through tables: cursor motion across tables, scrolling, and mouse clicks.

use super::{App, GridCursor, Mode};
use crate::tui::keymap::Command;
use crate::tui::layout::{GridLine, Layout, SectionGrid};

/// Where a movement after committing a value should go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Down (up) the column to the next row it is typed in: a total row is skipped, since its
    /// values follow from the rows above.
    Down,
    Up,
    /// The next (previous) cell, totals included, wrapping to the next (previous) row and table,
    /// as Tab does in a spreadsheet.
    Next,
    Prev,
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
        let Some(mut c) = self.cursor() else { return };
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
        self.move_cursor(c);
    }

    /// Puts the grid cursor at `c` and scrolls it into view.
    pub(super) fn move_cursor(&mut self, c: GridCursor) {
        if let Some(view) = self.grid_view_mut() {
            view.cursor = c;
        }
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
                } else if let Some(column) = self.band_column(c, 1) {
                    // A table standing in bands: below its last row, the band below.
                    c.row = 0;
                    c.column = column;
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
                } else if let Some(column) = self.band_column(c, -1) {
                    c.row = rows - 1;
                    c.column = column;
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

    /// The column of the band `by` bands below (above) the one `c` stands in, at the same place
    /// in it, when the table stands in bands at this size (table 四 at 80 columns).
    pub(super) fn band_column(&self, c: GridCursor, by: isize) -> Option<usize> {
        let geom = self.layout().table(c.table, 0);
        if !geom.is_stacked() {
            return None;
        }
        let band = geom.band_of(c.column);
        let other = geom.bands.get(band.checked_add_signed(by)?)?;
        let offset = c.column - geom.bands[band].start;
        Some((other.start + offset).min(other.end - 1))
    }

    /// Column `column` moved to the same place in the band `c` stands in, when the table stands
    /// in bands: a run of Tabs begun in one band and carried on into the next is a row of that
    /// band, and Enter after it starts the band below that one, not the band below the first.
    pub(super) fn in_band_of(&self, column: usize, c: GridCursor) -> usize {
        let geom = self.layout().table(c.table, 0);
        if !geom.is_stacked() {
            return column;
        }
        let (from, to) = (geom.band_of(column), geom.band_of(c.column));
        let offset = column - geom.bands[from].start;
        (geom.bands[to].start + offset).min(geom.bands[to].end - 1)
    }

    /// Where a step from `from` goes; `from` itself where there is nowhere to go.
    pub(super) fn step(&self, from: GridCursor, step: Step) -> GridCursor {
        match step {
            Step::Next => self.next_cell(from, true),
            Step::Prev => self.next_cell(from, false),
            Step::Down | Step::Up => {
                let by = if step == Step::Down { 1 } else { -1 };
                let first = self.vertical(from, by);
                let mut c = first;
                // A column of totals (总计) is derived in every row: then the next row will do.
                while c != from {
                    let table = &self.report.template.tables[c.table];
                    if !table.is_derived(table.cell_index(c.row, c.column)) {
                        return c;
                    }
                    let next = self.vertical(c, by);
                    if next == c {
                        break;
                    }
                    c = next;
                }
                first
            }
        }
    }

    /// The next (or previous) cell in reading order across the section's tables.
    fn next_cell(&self, c: GridCursor, forward: bool) -> GridCursor {
        let tables = self.section_tables();
        let (rows, cols) = self.table_size(c.table);
        let at = |table, row, column| GridCursor { table, row, column };
        if forward {
            if c.column + 1 < cols {
                at(c.table, c.row, c.column + 1)
            } else if c.row + 1 < rows {
                at(c.table, c.row + 1, 0)
            } else if c.table + 1 < tables.end {
                at(c.table + 1, 0, 0)
            } else {
                c
            }
        } else if c.column > 0 {
            at(c.table, c.row, c.column - 1)
        } else if c.row > 0 {
            at(c.table, c.row - 1, cols - 1)
        } else if c.table > tables.start {
            let (rows, cols) = self.table_size(c.table - 1);
            at(c.table - 1, rows - 1, cols - 1)
        } else {
            c
        }
    }

    /// The geometry of the screen, in the interface's language.
    pub fn layout(&self) -> Layout<'_> {
        Layout::new(&self.report, self.lang, self.size)
    }

    /// The grid of the current section as it is scrolled now, if it is a section of tables.
    pub fn section_grid(&self) -> Option<SectionGrid> {
        let g = self.grid_view()?;
        Some(self.layout().section(self.section, g.cursor.table, g.left))
    }

    /// Scrolls the current section so the cursor is on screen.
    pub(super) fn scroll_into_view(&mut self) {
        let Some(mut g) = self.grid_view() else {
            return;
        };
        let c = g.cursor;
        g.left = self.layout().scroll_columns(c.table, g.left, c.column);
        let grid = self.layout().section(self.section, c.table, g.left);
        g.top = grid.scroll_to(g.top, c.row, c.column);
        if let Some(view) = self.grid_view_mut() {
            *view = g;
        }
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
        let (Some(grid), Some(view)) = (self.section_grid(), self.grid_view()) else {
            return;
        };
        if !inside(screen.body) {
            return;
        }
        let shown = grid.shown(view.top);
        let Some(GridLine::Row(t, band, row)) = shown.get((y - screen.body.y) as usize).copied()
        else {
            return;
        };
        let geom = grid.geom(t);
        let dx = x - screen.body.x;
        let column = geom.bands[band].clone().find(|&col| {
            let start = geom.column_x(col).unwrap_or(u16::MAX);
            dx >= start && dx < start + geom.column_widths[col]
        });
        let column = column.unwrap_or(if t == view.cursor.table {
            view.cursor.column
        } else {
            0
        });
        self.move_cursor(GridCursor {
            table: t,
            row,
            column,
        });
    }
}
