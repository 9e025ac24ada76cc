//! Where everything goes on the screen, as pure functions of the report, the interface's language
//! and the screen size: the one owner of geometry. The view draws from it and the app asks it
//! for scrolling, paging and mouse clicks, so they always agree. Widths are those of the text as
//! it is drawn: in the interface's language, hidden characters escaped.

use ratatui::layout::Rect;

use crate::i18n::Lang;
use crate::report::Report;
use crate::template::{Label, Table, Template};
use crate::visible::{visible, width as shown_width};

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

/// The width of a label as drawn in `lang`.
fn drawn_width(label: &Label, lang: Lang) -> u16 {
    shown_width(&visible(label.get(lang))) as u16
}

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

/// How far a row's label is indented for each row group it is in: the group's label stands on a
/// line of its own above its first row, as the published tables read (三、本年度办理结果, then
/// （三）不予公开, then 1.属于国家秘密), instead of running down a narrow column beside them.
pub const ROW_INDENT: u16 = 2;
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
    /// The columns shown side by side, band by band, each band drawn under the one before with
    /// its own header: one band of the shown columns, or, for a table too wide for the screen
    /// whose column groups each fit, one band a group (stacked), and then nothing scrolls.
    pub bands: Vec<std::ops::Range<usize>>,
    /// Levels of column groups over each band's columns (all levels when not stacked).
    pub band_group_levels: Vec<usize>,
}

impl TableGeom {
    pub fn header_height(&self) -> usize {
        self.column_group_levels + self.label_lines
    }

    /// The x offset (from the grid's left) of a shown column, in its band.
    pub fn column_x(&self, column: usize) -> Option<u16> {
        let band = self.bands.iter().find(|b| b.contains(&column))?;
        let before: u16 = self.column_widths[band.start..column].iter().sum();
        Some(self.label_width + before)
    }

    /// Lines of the header of band `band`: its own groups' levels and the column labels.
    pub fn band_header_height(&self, band: usize) -> usize {
        self.band_group_levels[band] + self.label_lines
    }

    /// The band a column is drawn in (the first when it is not shown).
    pub fn band_of(&self, column: usize) -> usize {
        self.bands
            .iter()
            .position(|b| b.contains(&column))
            .unwrap_or(0)
    }

    /// Whether the table stands in bands one above another instead of scrolling sideways.
    pub fn is_stacked(&self) -> bool {
        self.bands.len() > 1
    }
}

fn depth(groups: &[crate::template::Group], group: Option<usize>) -> usize {
    Table::group_path(groups, group).len()
}

/// Wraps text into lines of at most `width` columns: between words where there are spaces
/// (English), between any two characters of Chinese, which has none; a word wider than a line is
/// broken where it must be.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        if word == " " {
            if !line.is_empty() && used < width {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        let w = shown_width(word);
        if used + w > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        if w <= width {
            line.push_str(word);
            used += w;
            continue;
        }
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    let line = line.trim_end();
    if !line.is_empty() {
        lines.push(line.to_string());
    }
    lines
}

/// A column's header wrapped into as many lines as [`wrap`] makes, but as even as they can be:
/// 法律服 / 务机构 rather than 法律服务机 / 构, a character left alone under its word.
pub fn wrap_even(text: &str, width: usize) -> Vec<String> {
    let lines = wrap(text, width);
    if lines.len() < 2 {
        return lines;
    }
    let narrowest = shown_width(text).div_ceil(lines.len()).max(1);
    (narrowest..width)
        .map(|w| wrap(text, w))
        .find(|even| even.len() == lines.len())
        .unwrap_or(lines)
}

/// Punctuation a line may not start with, and punctuation it may not end with (Chinese
/// typesetting's rule): kept with the character before, or after.
const NO_LINE_START: &str = "，。、；：！？）」』”’》〉】…,.;:!?)";
const NO_LINE_END: &str = "（「『“‘《〈【";

/// The pieces text may be broken between: a space, one wide character, or a run of others;
/// punctuation that may not start or end a line goes with its neighbour.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    let piece = |rest: &str| -> usize {
        let Some(first) = rest.chars().next() else {
            return 0;
        };
        let narrow = |c: char| c != ' ' && unicode_width::UnicodeWidthChar::width(c) != Some(2);
        if first == ' ' || !narrow(first) {
            first.len_utf8()
        } else {
            rest.find(|c: char| !narrow(c)).unwrap_or(rest.len())
        }
    };
    std::iter::from_fn(move || {
        let mut len = piece(rest);
        if len == 0 {
            return None;
        }
        loop {
            let tail = &rest[len..];
            let ends_open = rest[..len]
                .chars()
                .last()
                .is_some_and(|c| NO_LINE_END.contains(c));
            let next_closes = tail
                .chars()
                .next()
                .is_some_and(|c| NO_LINE_START.contains(c));
            if tail.starts_with(' ') || tail.is_empty() || !(ends_open || next_closes) {
                break;
            }
            len += piece(tail);
        }
        let (word, tail) = rest.split_at(len);
        rest = tail;
        Some(word)
    })
}

/// A column's label as it is drawn: in the interface's language, with its unit when a money
/// column's own label does not say it.
pub fn column_label(table: &Table, column: usize, lang: Lang) -> String {
    crate::tui::units::column_label(&table.columns[column], lang)
}

/// The widest word of a label, as drawn: what a column must give it not to break a word.
fn longest_word(label: &str) -> u16 {
    words(label).map(shown_width).max().unwrap_or(0) as u16
}

/// Runs of columns under the same innermost group (a column under none is a run of its own):
/// the pieces a table too wide for the screen can be stacked in.
fn column_units(table: &Table) -> Vec<std::ops::Range<usize>> {
    let innermost = |c: usize| {
        Table::group_path(&table.column_groups, table.columns[c].group)
            .last()
            .map(|g| g.id.clone())
    };
    let mut units: Vec<std::ops::Range<usize>> = Vec::new();
    for c in 0..table.columns.len() {
        match units.last_mut() {
            Some(unit) if innermost(c).is_some() && innermost(c) == innermost(unit.start) => {
                unit.end = c + 1
            }
            _ => units.push(c..c + 1),
        }
    }
    units
}

/// Lays out table `t` of the report in a grid of `width`×`height`, scrolled so that `left` is
/// the first number column (when not everything fits and the table cannot be stacked).
fn table_geom(
    report: &Report,
    lang: Lang,
    t: usize,
    (width, height): (u16, u16),
    left: usize,
) -> TableGeom {
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
            d * ROW_INDENT + drawn_width(&r.label, lang)
        })
        .max()
        .unwrap_or(0)
        + 1;
    let label_cap = (width * 3 / 8).max(16).min(width);
    let any_label = table.rows.iter().any(|r| !r.label.get(lang).is_empty());
    let label_width = if any_label {
        label_need
            .min(label_cap)
            .max(group_levels as u16 * ROW_INDENT + 6)
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
            // Never narrower than a word of its label ("Upheld", not "Uphe / ld").
            let word = longest_word(&column_label(table, c, lang)) + 1;
            (widest + 2).max(MIN_COLUMN).max(word)
        })
        .collect();
    let available = width.saturating_sub(label_width);
    // Widen columns toward their label's width while there is room, so labels need fewer lines.
    let mut spare = available.saturating_sub(widths.iter().sum());
    loop {
        let mut grew = false;
        for (c, w) in widths.iter_mut().enumerate() {
            let want = shown_width(&column_label(table, c, lang)) as u16 + 1;
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
    let label_lines_of = |widths: &[u16]| {
        widths
            .iter()
            .enumerate()
            .map(|(c, w)| wrap(&column_label(table, c, lang), (*w - 1) as usize).len())
            .max()
            .unwrap_or(1)
            .clamp(1, MAX_HEADER_LABEL_LINES)
    };
    let label_lines = label_lines_of(&widths);
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
    // Too wide for the screen, but each of its groups fits: the groups stand one above another
    // (each under its own header), when all of them fit on the screen that way.
    let units = column_units(table);
    let levels_over = |u: &std::ops::Range<usize>| {
        u.clone()
            .map(|c| depth(&table.column_groups, table.columns[c].group))
            .max()
            .unwrap_or(0)
    };
    let stacked_height: usize = units
        .iter()
        .map(|u| levels_over(u) + label_lines + table.rows.len() + 1)
        .sum::<usize>()
        - 1;
    let band_width = |u: &std::ops::Range<usize>| widths[u.clone()].iter().sum::<u16>();
    let stack = shown_columns < ncols
        && units.len() > 1
        && units.len() < ncols
        && units.iter().all(|u| band_width(u) <= available)
        && stacked_height <= height as usize;
    let mut label_lines = label_lines;
    if stack {
        // Each band has the screen's width to itself: its columns widen toward their labels, so
        // "Other result" stands on one line instead of two that read across into the next column.
        for u in &units {
            let mut spare = available.saturating_sub(widths[u.clone()].iter().sum::<u16>());
            loop {
                let mut grew = false;
                for c in u.clone() {
                    let want = shown_width(&column_label(table, c, lang)) as u16 + 1;
                    if spare > 0 && widths[c] < want {
                        widths[c] += 1;
                        spare -= 1;
                        grew = true;
                    }
                }
                if !grew {
                    break;
                }
            }
        }
        label_lines = label_lines_of(&widths);
    }
    let (first_column, shown_columns, bands, band_group_levels) = if stack {
        let levels = units.iter().map(levels_over).collect();
        (0, ncols, units, levels)
    } else {
        let band = first_column..first_column + shown_columns;
        (
            first_column,
            shown_columns,
            vec![band],
            vec![column_group_levels],
        )
    };
    TableGeom {
        group_levels,
        label_width,
        column_widths: widths,
        column_group_levels,
        label_lines,
        first_column,
        shown_columns,
        bands,
        band_group_levels,
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
        assert_eq!(wrap_even("法律服务机构", 10), vec!["法律服", "务机构"]);
        assert_eq!(wrap_even("自然人", 4), vec!["自然", "人"]);
        assert_eq!(
            wrap_even("Legal service agencies", 9),
            wrap("Legal service agencies", 9)
        );
        // No line starts with a colon or a closing bracket, none ends with an opening one.
        assert_eq!(wrap("关系为：第一项", 6), vec!["关系", "为：第", "一项"]);
        assert_eq!(wrap("甲乙（丙丁）", 6), vec!["甲乙", "（丙", "丁）"]);
        assert_eq!(wrap("Other result", 7), vec!["Other", "result"]);
        assert_eq!(
            wrap("Legal service agencies", 9),
            vec!["Legal", "service", "agencies"]
        );
        assert_eq!(
            wrap("Withheld", 5),
            vec!["Withh", "eld"],
            "only when it must"
        );
        assert_eq!(wrap("(三) 不予 公开", 5), vec!["(三)", "不予", "公开"]);
    }

    /// Headers are laid out in the language they are drawn in: at 80 columns the English labels of
    /// table 四 keep their words whole.
    #[test]
    fn english_headers_do_not_break_words() {
        let r = report();
        let t = r
            .template
            .tables
            .iter()
            .position(|t| t.id == "cases")
            .unwrap();
        let layout = Layout::new(&r, Lang::En, (80, 24));
        let g = layout.table(t, 0);
        for c in g.first_column..g.first_column + g.shown_columns {
            let label = r.template.tables[t].columns[c].label.get(Lang::En);
            let lines = wrap(label, (g.column_widths[c] - 1) as usize);
            assert!(
                lines.len() <= g.label_lines,
                "{label:?} in {lines:?}, {g:?}"
            );
            for word in label.split(' ') {
                assert!(
                    lines.iter().any(|l| l.split(' ').any(|w| w == word)),
                    "{word:?} of {label:?} broken: {lines:?}"
                );
            }
        }
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
    fn the_requests_table_fits_80_columns_with_its_labels_frozen() {
        let r = report();
        let t = r
            .template
            .tables
            .iter()
            .position(|t| t.id == "applications")
            .unwrap();
        let g = table_geom(&r, Lang::Zh, t, (65, 21), 0);
        assert_eq!(g.group_levels, 2);
        assert_eq!(g.column_group_levels, 2);
        assert_eq!(g.shown_columns, 7, "{g:?}");
        assert!(g.label_width + g.column_widths.iter().sum::<u16>() <= 65);
        let wide = table_geom(&r, Lang::Zh, t, (160, 21), 0);
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
        // Too low for its groups to stand one above another: it scrolls.
        let g = table_geom(&r, Lang::Zh, t, (65, 12), 0);
        assert!(g.shown_columns < 15);
        assert!(!g.is_stacked());
        let scrolled = table_geom(&r, Lang::Zh, t, (65, 12), 14);
        assert_eq!(
            scrolled.first_column + scrolled.shown_columns,
            15,
            "{scrolled:?}"
        );
        assert!(scrolled.column_x(14).is_some());
        assert_eq!(scrolled.column_x(0), None);
    }

    /// Table 四 at 80×24: its three groups (行政复议, 未经复议直接起诉, 复议后起诉) one above
    /// another, every column on the screen, the whole table shown without scrolling; side by side
    /// where the screen is wide enough.
    #[test]
    fn a_wide_table_stands_in_its_groups_where_it_does_not_fit() {
        let r = report();
        let t = r
            .template
            .tables
            .iter()
            .position(|t| t.id == "cases")
            .unwrap();
        let section = r.template.tables[t].section;
        for lang in [Lang::Zh, Lang::En] {
            let layout = Layout::new(&r, lang, (80, 24));
            let body = layout.screen().body;
            let g = layout.table(t, 0);
            assert_eq!(g.bands, vec![0..5, 5..10, 10..15], "{lang:?}");
            for c in 0..15 {
                let x = g.column_x(c).unwrap();
                assert!(
                    x + g.column_widths[c] <= body.width,
                    "{lang:?} column {c}: {g:?}"
                );
            }
            assert_eq!(
                layout.scroll_columns(t, 0, 14),
                0,
                "nothing scrolls sideways"
            );
            let grid = layout.section(section, t, 0);
            assert!(grid.lines.len() <= body.height as usize, "{:?}", grid.lines);
            assert_eq!(grid.shown(0), grid.lines, "the whole table is shown");
            assert_eq!(grid.scroll_to(0, 0, 14), 0);
        }
        let wide = Layout::new(&r, Lang::Zh, (200, 60)).table(t, 0);
        assert_eq!(wide.bands, vec![0..15], "side by side where it fits");
        assert_eq!(
            Layout::new(&r, Lang::Zh, (100, 30)).table(t, 0).bands,
            vec![0..15]
        );
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
