//! The tables of a section: frozen labels on the left, merged headers on top, numbers that scroll.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use super::Theme;
use super::sections::truncate_words;
use crate::rules::{self, What};
use crate::template::{Severity, Table};
use crate::tui::app::{App, Mode};
use crate::tui::layout::{self, GridLine, ROW_INDENT, TableGeom};
use crate::tui::wrap::{wrap, wrap_even};
use crate::visible::{visible, width as shown_width};

/// How a cell is marked: broken by a rule (error or warning), or contradicted by the text. An
/// overridden total is not marked by its own sum, which the override breaks on purpose (its `*`
/// says so); another rule it breaks marks it as any cell.
fn cell_marks(app: &App) -> HashMap<(usize, usize), Severity> {
    let mut marks: HashMap<(usize, usize), Severity> = HashMap::new();
    let template = &app.report().template;
    for f in app.findings() {
        let (Some(t), What::Rule { .. } | What::TextVsTable { .. }) = (f.table, &f.what) else {
            continue;
        };
        let table = &template.tables[t];
        let values = &app.report().tables[t];
        let own_sum = |cell: usize| match f.what {
            What::Rule { check, .. } => {
                table.derived_by[cell] == Some(check) && rules::is_overridden(table, values, cell)
            }
            _ => false,
        };
        for cell in f.cells(template).into_iter().filter(|&c| !own_sum(c)) {
            let entry = marks.entry((t, cell)).or_insert(f.severity);
            *entry = (*entry).max(f.severity);
        }
    }
    marks
}

/// Writes `text` into `width` columns starting at `x`, aligned right or left, padded with spaces.
/// A label too long for its place is cut after a whole word, with an ellipsis.
fn put(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, right: bool, style: Style) {
    let text = truncate_words(text, width as usize);
    let pad = (width as usize).saturating_sub(shown_width(&text));
    let line = if right {
        format!("{}{text}", " ".repeat(pad))
    } else {
        format!("{text}{}", " ".repeat(pad))
    };
    buf.set_stringn(x, y, &line, width as usize, style);
}

fn centered(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    let text = truncate_words(text, width as usize);
    let left = (width as usize).saturating_sub(shown_width(&text)) / 2;
    let line = format!("{}{text}", " ".repeat(left));
    put(buf, x, y, width, &line, false, style);
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(grid), Some(view)) = (app.section_grid(), app.grid_view()) else {
        return;
    };
    let shown = grid.shown(view.top);
    let marks = cell_marks(app);
    let geom_of = |t: usize| grid.geom(t);
    for (i, line) in shown.iter().enumerate() {
        let y = area.y + i as u16;
        match *line {
            GridLine::Gap => {}
            GridLine::Caption(t) => {
                let caption =
                    visible(app.report().template.tables[t].caption.get(app.lang())).into_owned();
                put(
                    frame.buffer_mut(),
                    area.x,
                    y,
                    area.width,
                    &caption,
                    false,
                    theme.header(),
                );
            }
            GridLine::Header(t, band, h) => {
                let ctx = TableCtx {
                    app,
                    t,
                    geom: geom_of(t),
                    marks: &marks,
                    theme,
                };
                header_line(frame.buffer_mut(), area, y, &ctx, (band, h));
            }
            GridLine::RowGroup(t, _, g) => {
                let table = &app.report().template.tables[t];
                let depth = Table::group_path(&table.row_groups, Some(g)).len() - 1;
                let label = visible(table.row_groups[g].label.get(app.lang())).into_owned();
                let x = area.x + depth as u16 * ROW_INDENT;
                let width = area.width.saturating_sub(depth as u16 * ROW_INDENT);
                put(frame.buffer_mut(), x, y, width, &label, false, theme.dim());
            }
            GridLine::Row(t, band, r) => {
                let ctx = TableCtx {
                    app,
                    t,
                    geom: geom_of(t),
                    marks: &marks,
                    theme,
                };
                row_line(frame, area, y, &ctx, (band, r));
            }
        }
    }
}

/// Line `h` of the header of a table's band: the corner text, merged group labels, column labels.
fn header_line(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    ctx: &TableCtx<'_>,
    (band, h): (usize, usize),
) {
    let (app, geom, theme) = (ctx.app, ctx.geom, ctx.theme);
    let table = &app.report().template.tables[ctx.t];
    let lang = app.lang();
    if geom.label_width > 0 {
        let corner = visible(table.corner.get(lang)).into_owned();
        let wrapped = wrap(&corner, geom.label_width.saturating_sub(1) as usize);
        let height = geom.band_header_height(band);
        let text = if h + 1 == height && wrapped.len() > height {
            wrapped[h..].concat()
        } else {
            wrapped.get(h).cloned().unwrap_or_default()
        };
        put(
            buf,
            area.x,
            y,
            geom.label_width - 1,
            &text,
            false,
            theme.dim(),
        );
        buf.set_string(area.x + geom.label_width - 1, y, "│", theme.dim());
    }
    let shown = geom.bands[band].clone();
    let total_levels = geom.band_header_height(band);
    let mut c = shown.start;
    while c < shown.end {
        let column = &table.columns[c];
        let path = Table::group_path(&table.column_groups, column.group);
        let x = area.x + geom.column_x(c).unwrap_or(0);
        if h < path.len() {
            // A merged group header: one label over every shown column of the group.
            let group = path[h];
            let mut end = c + 1;
            let mut width = geom.column_widths[c];
            while end < shown.end {
                let other = Table::group_path(&table.column_groups, table.columns[end].group);
                if other.get(h).is_some_and(|g| g.id == group.id) {
                    width += geom.column_widths[end];
                    end += 1;
                } else {
                    break;
                }
            }
            let label = visible(group.label.get(lang)).into_owned();
            let style = theme.header().add_modifier(Modifier::UNDERLINED);
            centered(buf, x, y, width.saturating_sub(1), &label, style);
            buf.set_string(x + width - 1, y, " ", Style::default());
            c = end;
            continue;
        }
        let label = layout::column_label(table, c, lang);
        let w = geom.column_widths[c];
        let wrapped = wrap_even(&label, (w - 1) as usize);
        // Labels sit at the bottom of the header; a column with fewer groups spans the rows above.
        let lines_here = total_levels - path.len();
        let offset = lines_here.saturating_sub(wrapped.len());
        let k = h - path.len();
        let text = if k >= offset {
            wrapped.get(k - offset).cloned().unwrap_or_default()
        } else {
            String::new()
        };
        let text = if k + 1 == lines_here && wrapped.len() > lines_here {
            wrapped[k - offset..].concat()
        } else {
            text
        };
        centered(buf, x, y, w - 1, &text, theme.header());
        buf.set_string(x + w - 1, y, " ", Style::default());
        c += 1;
    }
}

/// What drawing a line of one table needs.
struct TableCtx<'a> {
    app: &'a App,
    t: usize,
    geom: &'a TableGeom,
    marks: &'a HashMap<(usize, usize), Severity>,
    theme: &'a Theme,
}

fn row_line(frame: &mut Frame, area: Rect, y: u16, ctx: &TableCtx<'_>, (band, r): (usize, usize)) {
    let app = ctx.app;
    let table = &app.report().template.tables[ctx.t];
    let geom = ctx.geom;
    let theme = ctx.theme;
    let Some(cursor) = app.cursor() else { return };
    let on_cursor_row = cursor.table == ctx.t && cursor.row == r;
    if geom.label_width > 0 {
        let depth = Table::group_path(&table.row_groups, table.rows[r].group).len();
        let buf = frame.buffer_mut();
        let indent = depth as u16 * ROW_INDENT;
        put(buf, area.x, y, indent, "", false, Style::default());
        let x = area.x + indent;
        let width = geom.label_width.saturating_sub(1 + indent);
        let label = visible(table.rows[r].label.get(app.lang())).into_owned();
        put(buf, x, y, width, &label, false, Style::default());
        // Plain, not dim: a row's only colours are the ones that mean something (a derived,
        // broken or overridden cell), so a row scrolled in costs fewer style changes.
        buf.set_string(area.x + geom.label_width - 1, y, "│", Style::default());
    }
    for c in geom.bands[band].clone() {
        let x = area.x + geom.column_x(c).unwrap_or(0);
        let w = geom.column_widths[c];
        let cell = table.cell_index(r, c);
        let is_cursor = on_cursor_row && cursor.column == c;
        let kind = table.columns[c].kind;
        let value = app.report().tables[ctx.t][cell]
            .map(|v| kind.format(v))
            .unwrap_or_default();
        let differs = app.compared().as_ref().is_some_and(|c| {
            c.cells
                .get(ctx.t)
                .and_then(|t| t.get(cell))
                .copied()
                .unwrap_or(false)
        });
        let values = &app.report().tables[ctx.t];
        let overridden = table.is_derived(cell) && rules::is_overridden(table, values, cell);
        let (marker, mut style) = match ctx.marks.get(&(ctx.t, cell)) {
            // An override that breaks another rule too keeps its `*`, in that rule's colour.
            Some(Severity::Error) if overridden => ("*", theme.error()),
            Some(Severity::Warning) if overridden => ("*", theme.warning()),
            _ if overridden => ("*", theme.overridden()),
            Some(Severity::Error) => ("!", theme.error()),
            Some(Severity::Warning) => ("?", theme.warning()),
            None if differs => ("~", Style::default()),
            None if table.is_derived(cell) => ("=", theme.derived()),
            None => (" ", Style::default()),
        };
        if differs {
            // Differs from the version given to `:diff`.
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        if is_cursor {
            style = style.add_modifier(Modifier::REVERSED);
        }
        let buf = frame.buffer_mut();
        match (&app.mode(), is_cursor) {
            (Mode::CellEdit { buffer }, true) => {
                let shown = visible(buffer).into_owned();
                let edit_style = Style::default().add_modifier(Modifier::UNDERLINED);
                put(buf, x, y, w - 1, &shown, false, edit_style);
                let caret = x + (shown_width(&shown) as u16).min(w.saturating_sub(2));
                frame.set_cursor_position(Position::new(caret, y));
            }
            _ => {
                buf.set_string(x, y, marker, style);
                put(buf, x + 1, y, w - 2, &value, true, style);
                buf.set_string(x + w - 1, y, " ", Style::default());
            }
        }
    }
}
