//! Where everything goes on the screen, as pure functions of the report, the interface's language
//! and the screen size: the one owner of geometry. The view draws from it and the app asks it
//! for scrolling, paging and mouse clicks, so they always agree. Widths are those of the text as
//! it is drawn: in the interface's language, hidden characters escaped.

use ratatui::layout::Rect;

use crate::i18n::Lang;
use crate::report::Report;
use crate::template::{Table, Template};
use crate::tui::wrap::wrap;

mod table;

use table::table_geom;
pub use table::{ROW_INDENT, TableGeom, column_label};

/// The geometry of one report on one screen, in one language.
#[derive(Clone, Copy)]
pub struct Layout<'a> {
    report: &'a Report,
    lang: Lang,
    area: Rect,
}

impl<'a> Layout<'a> {
    pub fn new(report: &'a Report, lang: Lang, (width, height): (u16, u16)) -> Layout<'a> {
        Layout {
            report,
            lang,
            area: Rect::new(0, 0, width, height),
        }
    }

    pub fn screen(&self) -> Screen {
        screen(self.area)
    }

    /// Table `t` scrolled so that `left` is its first number column, if not all fit.
    pub fn table(&self, t: usize, left: usize) -> TableGeom {
        let body = self.screen().body;
        table_geom(self.report, self.lang, t, (body.width, body.height), left)
    }

    /// The first number column to show so that `column` is visible, scrolling as little as
    /// possible.
    pub fn scroll_columns(&self, t: usize, left: usize, column: usize) -> usize {
        if self.table(t, 0).is_stacked() {
            return 0;
        }
        if column < left {
            return column;
        }
        let mut left = left;
        loop {
            let g = self.table(t, left);
            if column < g.first_column + g.shown_columns || left >= column {
                return g.first_column;
            }
            left += 1;
        }
    }

    /// The tables of a section, the cursor's table scrolled sideways to `left`.
    pub fn section(&self, section: usize, cursor_table: usize, left: usize) -> SectionGrid {
        let template = &self.report.template;
        let geoms: Vec<(usize, TableGeom)> = template.sections[section]
            .tables
            .clone()
            .map(|t| {
                let left = if t == cursor_table { left } else { 0 };
                (t, self.table(t, left))
            })
            .collect();
        let lines = section_lines(template, section, &geoms);
        SectionGrid {
            geoms,
            lines,
            cursor_table,
            height: self.screen().body.height as usize,
        }
    }

    /// Rows a page up or down moves in table `t`: those that fit under its header.
    pub fn grid_page(&self, t: usize) -> usize {
        let header = self.table(t, 0).header_height();
        (self.screen().body.height as usize)
            .saturating_sub(header)
            .max(1)
    }

    /// Lines a page up or down moves in a text section: all that are shown but two, which stay
    /// in view to read on from.
    pub fn text_page(&self) -> usize {
        (self.screen().body.height as usize)
            .saturating_sub(2)
            .max(1)
    }

    /// The help box: the whole screen, framed.
    pub fn help(&self) -> Rect {
        self.area
    }

    /// Lines a page moves in the help: all that are shown but two.
    pub fn help_page(&self) -> usize {
        self.help_height().saturating_sub(2).max(1)
    }

    /// Lines of help shown at once, inside the frame.
    pub fn help_height(&self) -> usize {
        self.help().height.saturating_sub(2) as usize
    }

    /// How far the help scrolls at most: its last line at the bottom of the frame.
    pub fn help_last_scroll(&self, lines: usize) -> usize {
        lines.saturating_sub(self.help_height())
    }

    /// Columns of help inside the frame, which its long lines are wrapped to.
    pub fn help_width(&self) -> usize {
        self.help().width.saturating_sub(2) as usize
    }

    /// How far the help in `lang` scrolls at most, counting its lines as wrapped in the frame.
    pub fn help_scroll_limit(&self, lang: Lang) -> usize {
        self.help_last_scroll(crate::tui::help::rows(lang, self.help_width()).len())
    }

    /// The problems list: the screen above the two status lines, framed (the status lines keep
    /// saying where the cursor is and which keys work).
    pub fn problems(&self) -> Rect {
        let s = self.screen();
        Rect::new(self.area.x, self.area.y, self.area.width, s.sections.height)
    }

    /// Lines of the problems list shown at once, inside the frame.
    pub fn problems_height(&self) -> usize {
        self.problems().height.saturating_sub(2) as usize
    }

    /// Problems a page moves in the list: as many as there are lines shown, but one.
    pub fn problems_page(&self) -> usize {
        self.problems_height().saturating_sub(1).max(1)
    }

    /// One problem's text as the list wraps it: whole words, each line inside the frame, the
    /// lines after the first indented.
    pub fn problem_wrapped(&self, text: &str) -> Vec<String> {
        let width = (self.problems().width as usize).saturating_sub(4).max(2);
        wrap(text, width)
            .into_iter()
            .enumerate()
            .map(|(i, line)| if i == 0 { line } else { format!("  {line}") })
            .collect()
    }

    /// The first line of the problems list to show so that problem `selected` shows whole,
    /// scrolling as little as possible from `top`; `heights` are the problems' lines.
    pub fn problems_top(&self, heights: &[usize], selected: usize, top: usize) -> usize {
        let height = self.problems_height().max(1);
        let start: usize = heights.iter().take(selected).sum();
        let end = start + heights.get(selected).copied().unwrap_or(1);
        let total: usize = heights.iter().sum();
        let top = top.min(total.saturating_sub(height));
        if start < top {
            start
        } else if end > top + height {
            end.saturating_sub(height).min(start)
        } else {
            top
        }
    }

    /// The width of a dialog, borders included.
    pub fn dialog_width(&self) -> u16 {
        DIALOG_WIDTH.min(self.area.width)
    }

    /// A dialog of `lines` lines of text (as wrapped), in the middle of the screen.
    pub fn dialog(&self, lines: usize) -> Rect {
        let area = self.area;
        let width = self.dialog_width();
        let height = (lines as u16 + 2).min(area.height);
        Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        )
    }
}

/// The grid lines of a section and which of them are shown.
pub struct SectionGrid {
    pub geoms: Vec<(usize, TableGeom)>,
    pub lines: Vec<GridLine>,
    cursor_table: usize,
    height: usize,
}

impl SectionGrid {
    pub fn geom(&self, t: usize) -> &TableGeom {
        &self
            .geoms
            .iter()
            .find(|(gt, _)| *gt == t)
            .expect("every table of the section has a geometry")
            .1
    }

    /// The lines shown from `top`, the cursor's table's header kept in view.
    pub fn shown(&self, top: usize) -> Vec<GridLine> {
        visible_lines(&self.lines, top, self.height, self.cursor_table)
    }

    /// The top that shows the cursor's cell.
    pub fn scroll_to(&self, top: usize, row: usize, column: usize) -> usize {
        let band = self.geom(self.cursor_table).band_of(column);
        scroll_to(
            &self.lines,
            top,
            self.height,
            GridLine::Row(self.cursor_table, band, row),
        )
    }
}

/// How wide a dialog is, when the screen allows.
const DIALOG_WIDTH: u16 = 60;

/// The parts of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub sections: Rect,
    /// The section's title line.
    pub title: Rect,
    /// The grid or the text.
    pub body: Rect,
    pub cell_status: Rect,
    pub file_status: Rect,
}

fn screen(area: Rect) -> Screen {
    let status_height = 2.min(area.height);
    let main_height = area.height - status_height;
    let list_width = (area.width / 5).clamp(14, 40).min(area.width / 2);
    let right_x = area.x + list_width + 1;
    let right_width = area.width.saturating_sub(list_width + 1);
    Screen {
        sections: Rect::new(area.x, area.y, list_width, main_height),
        title: Rect::new(right_x, area.y, right_width, main_height.min(1)),
        body: Rect::new(
            right_x,
            area.y + 1,
            right_width,
            main_height.saturating_sub(1),
        ),
        cell_status: Rect::new(
            area.x,
            area.y + main_height,
            area.width,
            status_height.min(1),
        ),
        file_status: Rect::new(
            area.x,
            area.y + main_height + 1,
            area.width,
            status_height.saturating_sub(1),
        ),
    }
}

/// One line of a section's grid area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridLine {
    /// A table's caption (only in sections with several tables).
    Caption(usize),
    /// Line `n` of the header of a table's band.
    Header(usize, usize, usize),
    /// A data row of a table's band.
    Row(usize, usize, usize),
    /// The label of a row group (its index into the table's row groups), above its first row.
    RowGroup(usize, usize, usize),
    /// Space between tables.
    Gap,
}

/// Every line of a section's grids, top to bottom, unscrolled.
fn section_lines(
    template: &Template,
    section: usize,
    geoms: &[(usize, TableGeom)],
) -> Vec<GridLine> {
    let tables = template.sections[section].tables.clone();
    let several = tables.len() > 1;
    let mut lines = Vec::new();
    for (i, (t, geom)) in geoms.iter().enumerate() {
        if i > 0 {
            lines.push(GridLine::Gap);
        }
        if several {
            lines.push(GridLine::Caption(*t));
        }
        for band in 0..geom.bands.len() {
            if band > 0 {
                lines.push(GridLine::Gap);
            }
            let header = geom.band_header_height(band);
            lines.extend((0..header).map(|h| GridLine::Header(*t, band, h)));
            let table = &template.tables[*t];
            let mut open: Vec<usize> = Vec::new();
            for r in 0..table.rows.len() {
                let path = Table::group_path_indexes(&table.row_groups, table.rows[r].group);
                let same = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
                lines.extend(
                    path[same..]
                        .iter()
                        .map(|&g| GridLine::RowGroup(*t, band, g)),
                );
                open = path;
                lines.push(GridLine::Row(*t, band, r));
            }
        }
    }
    lines
}

/// The lines shown in a grid area `height` lines tall, scrolled to `top`, with the header of the
/// cursor's table kept in view once its rows scroll under it.
fn visible_lines(
    lines: &[GridLine],
    top: usize,
    height: usize,
    cursor_table: usize,
) -> Vec<GridLine> {
    let top = top.min(lines.len().saturating_sub(1));
    let header: Vec<GridLine> = lines
        .iter()
        .copied()
        .filter(|l| matches!(l, GridLine::Header(t, 0, _) if *t == cursor_table))
        .collect();
    let header_start = lines
        .iter()
        .position(|l| matches!(l, GridLine::Header(t, 0, _) if *t == cursor_table));
    let pinned = match header_start {
        Some(start) if top > start => header.len().min(height),
        _ => 0,
    };
    let mut out: Vec<GridLine> = header[..pinned].to_vec();
    out.extend(lines[top..].iter().copied().take(height - pinned));
    out
}

/// Scrolls `top` so the cursor's line is visible, keeping its table's header in view.
fn scroll_to(lines: &[GridLine], top: usize, height: usize, cursor: GridLine) -> usize {
    let (Some(line), GridLine::Row(t, _, _)) = (lines.iter().position(|l| *l == cursor), cursor)
    else {
        return top;
    };
    let height = height.max(1);
    let table_start = lines
        .iter()
        .position(|l| matches!(l, GridLine::Caption(x) | GridLine::Header(x, _, _) if *x == t))
        .unwrap_or(line);
    let header_first = lines
        .iter()
        .position(|l| matches!(l, GridLine::Header(x, 0, _) if *x == t))
        .unwrap_or(line);
    let header_len = lines
        .iter()
        .filter(|l| matches!(l, GridLine::Header(x, 0, _) if *x == t))
        .count();
    let pinned = |top: usize| if top > header_first { header_len } else { 0 };
    if line >= top && line < top + height.saturating_sub(pinned(top)) {
        return top;
    }
    if line < top {
        // Upwards by as little as it takes, like downwards: a jump would redraw the whole grid.
        // At the table's first row, its caption and header come back into view.
        // The labels of the groups the row opens come along: a row is read under its group.
        let mut first = line;
        while first > 0 && matches!(lines[first - 1], GridLine::RowGroup(..)) {
            first -= 1;
        }
        return if first <= header_first + header_len {
            table_start
        } else {
            first
        };
    }
    let unpinned = (line + 1).saturating_sub(height);
    if unpinned <= header_first {
        unpinned
    } else {
        (line + 1 + header_len).saturating_sub(height)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::template::Registry;

    pub(crate) fn report() -> Report {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/shiyan-2024.toml");
        crate::store::load_file(path.as_ref(), &mut Registry::default())
            .unwrap()
            .0
    }

    #[test]
    fn pages_are_what_the_screen_shows() {
        let r = report();
        let layout = Layout::new(&r, Lang::Zh, (80, 24));
        let body = layout.screen().body.height as usize;
        assert_eq!(body, 21);
        let t = r.template.sections[2].tables.start;
        let header = layout.table(t, 0).header_height();
        assert_eq!(layout.grid_page(t), body - header);
        assert_eq!(layout.text_page(), body - 2);
        assert_eq!(layout.help_height(), 22);
        assert_eq!(layout.help_last_scroll(30), 8);
        assert_eq!(layout.help_last_scroll(10), 0);
    }

    #[test]
    fn scrolling_keeps_the_cursor_row_and_its_header_in_view() {
        let r = report();
        let s = 2;
        let t = r.template.sections[s].tables.start;
        let geoms = vec![(t, table_geom(&r, Lang::Zh, t, (65, 21), 0))];
        let lines = section_lines(&r.template, s, &geoms);
        let header = geoms[0].1.header_height();
        // 25 rows and the lines of the 5 row groups (三、本年度办理结果, （三）, （四）, （五）, （六）).
        assert_eq!(lines.len(), header + 25 + 5);
        let top = scroll_to(&lines, 0, 20, GridLine::Row(t, 0, 24));
        let shown = visible_lines(&lines, top, 20, t);
        assert_eq!(shown.len(), 20);
        assert_eq!(
            shown[0],
            GridLine::Header(t, 0, 0),
            "the header stays pinned"
        );
        assert_eq!(*shown.last().unwrap(), GridLine::Row(t, 0, 24));
        let back = scroll_to(&lines, top, 20, GridLine::Row(t, 0, 0));
        assert_eq!(back, 0);
    }
}
