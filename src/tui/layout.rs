//! Where everything goes on the screen, as pure functions of the report and the screen size. The
//! view draws from it and the app uses it for scrolling and mouse clicks, so both always agree.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::report::Report;
use crate::template::{Table, Template};

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

pub fn screen(area: Rect) -> Screen {
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

/// Width of one row-group column of the frozen label area: two Chinese characters.
pub const GROUP_WIDTH: u16 = 4;
const MIN_COLUMN: u16 = 5;
const MAX_HEADER_LABEL_LINES: usize = 3;

/// The geometry of one table at a given width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableGeom {
    /// How many row-group columns the frozen area has (0 when rows have no groups).
    pub group_levels: usize,
    /// Width of the frozen label area, group columns included.
    pub label_width: u16,
    pub column_widths: Vec<u16>,
    /// Levels of column groups above the column labels.
    pub column_group_levels: usize,
    /// Lines of column labels under the groups.
    pub label_lines: usize,
    /// First column shown, after horizontal scrolling.
    pub first_column: usize,
    /// Columns shown, from `first_column`.
    pub shown_columns: usize,
}

impl TableGeom {
    pub fn header_height(&self) -> usize {
        self.column_group_levels + self.label_lines
    }

    /// The x offset (from the grid's left) of a shown column.
    pub fn column_x(&self, column: usize) -> Option<u16> {
        if column < self.first_column || column >= self.first_column + self.shown_columns {
            return None;
        }
        let before: u16 = self.column_widths[self.first_column..column].iter().sum();
        Some(self.label_width + before)
    }
}

fn depth(groups: &[crate::template::Group], group: Option<usize>) -> usize {
    Table::group_path(groups, group).len()
}

/// Wraps text into lines of at most `width` columns, breaking anywhere (Chinese has no spaces).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width.max(1) && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if line.is_empty() && c == ' ' {
            continue;
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays out table `t` of the report in a grid `width` columns wide, scrolled so that `left` is the
/// first number column (when not everything fits).
pub fn table_geom(report: &Report, t: usize, width: u16, left: usize) -> TableGeom {
    let template: &Template = &report.template;
    let table = &template.tables[t];
    let values = &report.tables[t];
    let group_levels = table
        .rows
        .iter()
        .map(|r| depth(&table.row_groups, r.group))
        .max()
        .unwrap_or(0);
    let label_need = table
        .rows
        .iter()
        .map(|r| {
            let d = depth(&table.row_groups, r.group) as u16;
            d * GROUP_WIDTH + r.label.zh.width() as u16
        })
        .max()
        .unwrap_or(0)
        + 1;
    let label_cap = (width * 3 / 8).max(16).min(width);
    let any_label = table.rows.iter().any(|r| !r.label.zh.is_empty());
    let label_width = if any_label {
        label_need
            .min(label_cap)
            .max(group_levels as u16 * GROUP_WIDTH + 6)
    } else {
        0
    };
    let ncols = table.columns.len();
    let mut widths: Vec<u16> = (0..ncols)
        .map(|c| {
            let kind = table.columns[c].kind;
            let widest = (0..table.rows.len())
                .filter_map(|r| values[table.cell_index(r, c)])
                .map(|v| kind.format(v).len() as u16)
                .max()
                .unwrap_or(1);
            (widest + 2).max(MIN_COLUMN)
        })
        .collect();
    let available = width.saturating_sub(label_width);
    // Widen columns toward their label's width while there is room, so labels need fewer lines.
    let mut spare = available.saturating_sub(widths.iter().sum());
    loop {
        let mut grew = false;
        for (c, w) in widths.iter_mut().enumerate() {
            let want = table.columns[c].label.zh.width() as u16 + 1;
            if spare > 0 && *w < want {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // Room left over on a wide screen goes to the labels, which are what people read.
    let label_width = if label_width > 0 {
        let extra = spare.min(label_need.saturating_sub(label_width));
        label_width + extra
    } else {
        0
    };
    let available = width.saturating_sub(label_width);
    let column_group_levels = table
        .columns
        .iter()
        .map(|c| depth(&table.column_groups, c.group))
        .max()
        .unwrap_or(0);
    let label_lines = table
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| wrap(&c.label.zh, (*w - 1) as usize).len())
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_HEADER_LABEL_LINES);
    // Horizontal scrolling: as many columns as fit from `left`, moving `left` back if the end fits.
    let fits_from = |first: usize| {
        let mut used = 0u16;
        let mut n = 0;
        for w in &widths[first..] {
            if used + w > available {
                break;
            }
            used += w;
            n += 1;
        }
        n.max(1).min(ncols - first)
    };
    let mut first_column = left.min(ncols - 1);
    // No empty space on the right while earlier columns are hidden.
    while first_column > 0 && fits_from(first_column - 1) >= ncols - (first_column - 1) {
        first_column -= 1;
    }
    let shown_columns = fits_from(first_column);
    TableGeom {
        group_levels,
        label_width,
        column_widths: widths,
        column_group_levels,
        label_lines,
        first_column,
        shown_columns,
    }
}

/// One line of a section's grid area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridLine {
    /// A table's caption (only in sections with several tables).
    Caption(usize),
    /// Line `n` of a table's header.
    Header(usize, usize),
    /// A data row.
    Row(usize, usize),
    /// Space between tables.
    Gap,
}

/// The first number column to show so that `column` is visible, scrolling as little as possible.
pub fn scroll_columns(report: &Report, t: usize, width: u16, left: usize, column: usize) -> usize {
    if column < left {
        return column;
    }
    let mut left = left;
    loop {
        let g = table_geom(report, t, width, left);
        if column < g.first_column + g.shown_columns || left >= column {
            return g.first_column;
        }
        left += 1;
    }
}

/// Every line of a section's grids, top to bottom, unscrolled.
pub fn section_lines(
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
        lines.extend((0..geom.header_height()).map(|h| GridLine::Header(*t, h)));
        lines.extend((0..template.tables[*t].rows.len()).map(|r| GridLine::Row(*t, r)));
    }
    lines
}

/// The lines shown in a grid area `height` lines tall, scrolled to `top`, with the header of the
/// cursor's table kept in view once its rows scroll under it.
pub fn visible_lines(
    lines: &[GridLine],
    top: usize,
    height: usize,
    cursor_table: usize,
) -> Vec<GridLine> {
    let top = top.min(lines.len().saturating_sub(1));
    let header: Vec<GridLine> = lines
        .iter()
        .copied()
        .filter(|l| matches!(l, GridLine::Header(t, _) if *t == cursor_table))
        .collect();
    let header_start = lines
        .iter()
        .position(|l| matches!(l, GridLine::Header(t, _) if *t == cursor_table));
    let pinned = match header_start {
        Some(start) if top > start => header.len().min(height),
        _ => 0,
    };
    let mut out: Vec<GridLine> = header[..pinned].to_vec();
    out.extend(lines[top..].iter().copied().take(height - pinned));
    out
}

/// Scrolls `top` so the cursor's line is visible, keeping its table's header in view.
pub fn scroll_to(lines: &[GridLine], top: usize, height: usize, cursor: GridLine) -> usize {
    let (Some(line), GridLine::Row(t, _)) = (lines.iter().position(|l| *l == cursor), cursor)
    else {
        return top;
    };
    let height = height.max(1);
    let table_start = lines
        .iter()
        .position(|l| matches!(l, GridLine::Caption(x) | GridLine::Header(x, _) if *x == t))
        .unwrap_or(line);
    let header_first = lines
        .iter()
        .position(|l| matches!(l, GridLine::Header(x, _) if *x == t))
        .unwrap_or(line);
    let header_len = lines
        .iter()
        .filter(|l| matches!(l, GridLine::Header(x, _) if *x == t))
        .count();
    let pinned = |top: usize| if top > header_first { header_len } else { 0 };
    if line >= top && line < top + height.saturating_sub(pinned(top)) {
        return top;
    }
    if line < top {
        // Upwards by as little as it takes, like downwards: a jump would redraw the whole grid.
        // At the table's first row, its caption and header come back into view.
        return if line <= header_first + header_len {
            table_start
        } else {
            line
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
mod tests {
    use super::*;
    use crate::template::Registry;

    fn report() -> Report {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/shiyan-2024.toml");
        crate::store::load_file(path.as_ref(), &mut Registry::default())
            .unwrap()
            .0
    }

    #[test]
    fn wrapping_counts_display_width() {
        assert_eq!(wrap("本年收费金额", 5), vec!["本年", "收费", "金额"]);
        assert_eq!(wrap("(三) 不予公开", 4), vec!["(三)", "不予", "公开"]);
        assert_eq!(wrap("abc", 10), vec!["abc"]);
    }

    #[test]
    fn the_requests_table_fits_80_columns_with_its_labels_frozen() {
        let r = report();
        let t = r
            .template
            .tables
            .iter()
            .position(|t| t.id == "applications")
            .unwrap();
        let g = table_geom(&r, t, 65, 0);
        assert_eq!(g.group_levels, 2);
        assert_eq!(g.column_group_levels, 2);
        assert_eq!(g.shown_columns, 7, "{g:?}");
        assert!(g.label_width + g.column_widths.iter().sum::<u16>() <= 65);
        let wide = table_geom(&r, t, 160, 0);
        assert!(wide.label_width > g.label_width);
        assert_eq!(wide.label_lines, 1);
    }

    #[test]
    fn wide_tables_scroll_their_number_columns() {
        let r = report();
        let t = r
            .template
            .tables
            .iter()
            .position(|t| t.id == "cases")
            .unwrap();
        let g = table_geom(&r, t, 65, 0);
        assert!(g.shown_columns < 15);
        let scrolled = table_geom(&r, t, 65, 14);
        assert_eq!(
            scrolled.first_column + scrolled.shown_columns,
            15,
            "{scrolled:?}"
        );
        assert!(scrolled.column_x(14).is_some());
        assert_eq!(scrolled.column_x(0), None);
    }

    #[test]
    fn scrolling_keeps_the_cursor_row_and_its_header_in_view() {
        let r = report();
        let s = 2;
        let t = r.template.sections[s].tables.start;
        let geoms = vec![(t, table_geom(&r, t, 65, 0))];
        let lines = section_lines(&r.template, s, &geoms);
        let header = geoms[0].1.header_height();
        assert_eq!(lines.len(), header + 25);
        let top = scroll_to(&lines, 0, 20, GridLine::Row(t, 24));
        let shown = visible_lines(&lines, top, 20, t);
        assert_eq!(shown.len(), 20);
        assert_eq!(shown[0], GridLine::Header(t, 0), "the header stays pinned");
        assert_eq!(*shown.last().unwrap(), GridLine::Row(t, 24));
        let back = scroll_to(&lines, top, 20, GridLine::Row(t, 0));
        assert_eq!(back, 0);
    }
}
