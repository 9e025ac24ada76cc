//! The two status lines: the current cell (where, its value, every rule it takes part in) and the
//! file (name, modified, problem totals, mode, key hints or the latest message).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use super::sections::{problem_counts, truncate};
use crate::describe;
use crate::diff::OldCell;
use crate::i18n::Lang;
use crate::rules::{Outcome, What};
use crate::tui::app::{App, GridCursor, Mode};
use crate::tui::keymap::{self, Context};
use crate::visible::{visible, width as shown_width};

/// Every rule the current cell takes part in, as `行合计 26≠27 -1`: the broken ones, then the
/// ones that hold.
fn rule_spans(app: &App, c: GridCursor, theme: &Theme) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let template = &app.report().template;
    let table = &template.tables[c.table];
    let cell = table.cell_index(c.row, c.column);
    let values = &app.report().tables[c.table];
    let kind = table.columns[c.column].kind;
    // Values that hold are right-aligned to the table's widest value: moving to a cell whose
    // rules are the same redraws only the digits that differ, not every rule after them.
    let width = values
        .iter()
        .flatten()
        .map(|&v| kind.format(v).len())
        .max()
        .unwrap_or(1);
    let mut broken = Vec::new();
    let mut holding = Vec::new();
    for &ci in &table.cell_checks[cell] {
        let check = &table.checks[ci as usize];
        let (lhs, rhs) = match app.evaluation().outcome(c.table, ci as usize) {
            Outcome::Skipped => continue,
            Outcome::Held { value } => (value, value),
            Outcome::Broken { lhs, rhs } => (lhs, rhs),
        };
        let rule = &table.rules[check.rule];
        let fmt = |v: i128| kind.format(v.clamp(i64::MIN as i128 + 1, i64::MAX as i128) as i64);
        let name = visible(rule.name.get(app.lang())).into_owned();
        if lhs == rhs {
            holding.push(Span::styled(
                format!(" ✓{name} {:>width$}", fmt(lhs)),
                theme.ok(),
            ));
        } else {
            let style = match rule.severity {
                crate::template::Severity::Error => theme.error(),
                crate::template::Severity::Warning => theme.warning(),
            };
            let diff = lhs - rhs;
            let sign = if diff > 0 { "+" } else { "" };
            broken.push(Span::styled(
                format!(" ✗{name} {}≠{} {sign}{}", fmt(lhs), fmt(rhs), fmt(diff)),
                style,
            ));
        }
    }
    (broken, holding)
}

/// The current cell's place in words, cut to `width` by leaving out the table's caption
/// (the grid shows it), then shortening the row label: the section and
/// the column must stay readable. Returned in two parts, up to the row and from ` × column` on,
/// for the caller to set the second flush right: then a move along a column leaves the column's
/// name where it is on screen, and a move along a row the row's, and neither is sent again.
fn fit_place(app: &App, c: GridCursor, width: usize) -> (String, String) {
    let template = &app.report().template;
    let lang = app.lang();
    let full = visible(&describe::place(
        template,
        c.table,
        Some(c.row),
        Some(c.column),
        lang,
    ))
    .into_owned();
    let table = &template.tables[c.table];
    let section = &template.sections[table.section].short;
    let row = visible(&describe::row_label(table, c.row, lang)).into_owned();
    let Some(at) = full.find(row.as_str()).filter(|_| !row.is_empty()) else {
        return (truncate(&full, width), String::new());
    };
    let (head, tail) = (&full[..at], &full[at + row.len()..]);
    if shown_width(&full) <= width {
        return (format!("{head}{row}"), tail.to_string());
    }
    // Too long: the table's caption goes first (the grid shows it above the table).
    let head = format!("{section} › ");
    // A column under a group ("× 法人或其他组织 › 商业企业") can leave the row no room: then its
    // own label says enough, the group is in the header above it.
    let mut tail = tail.to_string();
    if width.saturating_sub(shown_width(&head) + shown_width(&tail)) < 8
        && let (Some(times), Some(leaf)) = (tail.find(" × "), tail.rfind(" › "))
        && leaf > times
    {
        tail = format!(" × {}", &tail[leaf + " › ".len()..]);
    }
    let room = width.saturating_sub(shown_width(&head) + shown_width(&tail));
    if room < 4 {
        return (truncate(&full, width), String::new());
    }
    (format!("{head}{}", truncate(&row, room)), tail)
}

/// A text section: where the caret is, and what its sentences state that the tables contradict
/// (the sentence under the caret first).
fn text_section_line(app: &App, theme: &Theme) -> Line<'static> {
    let lang = app.lang();
    let text = &app.report().texts[app.section()];
    let row = app.text_editor().map_or(0, |t| t.cursor_row());
    let lines = text.split('\n').count();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    // The section's title is on the line above the text already.
    let mut spans = vec![Span::raw(
        lang.pick(
            &format!("第 {}/{lines} 行 · {chars} 字", row + 1),
            &format!("line {}/{lines} · {chars} characters", row + 1),
        )
        .to_string(),
    )];
    let caret = app.caret_offset().unwrap_or(0);
    let contradictions: Vec<_> = app
        .findings()
        .iter()
        .filter(|f| f.section == app.section())
        .filter_map(|f| match &f.what {
            What::TextVsTable {
                sentence_start,
                sentence,
                ..
            } => Some((
                f,
                *sentence_start..*sentence_start + sentence.chars().count(),
            )),
            _ => None,
        })
        .collect();
    let shown = contradictions
        .iter()
        .find(|(_, range)| range.contains(&caret))
        .or(contradictions.first());
    if let Some((f, _)) = shown {
        let What::TextVsTable { quote, .. } = &f.what else {
            unreachable!("only text findings were kept")
        };
        let quote = visible(quote).into_owned();
        let table = f.expected.map(|v| f.kind.format(v)).unwrap_or_default();
        let place = f
            .table
            .map(|t| describe::place(&app.report().template, t, f.row, f.column, lang))
            .unwrap_or_default();
        let text = match lang {
            Lang::Zh => format!(
                " │ ? 「{quote}」与表不符：表中为 {table}（{}）",
                visible(&place)
            ),
            Lang::En => format!(
                " │ ? «{quote}»: the table has {table} ({})",
                visible(&place)
            ),
        };
        spans.push(Span::styled(text, theme.warning()));
    }
    Line::from(spans)
}

/// What the text says about the current cell where the table contradicts it: `✗正文 5≠6`.
fn text_spans(app: &App, c: GridCursor, theme: &Theme) -> Vec<Span<'static>> {
    let lang = app.lang();
    app.findings()
        .iter()
        .filter(|f| matches!(f.what, What::TextVsTable { .. }))
        .filter(|f| (f.table, f.row, f.column) == (Some(c.table), Some(c.row), Some(c.column)))
        .filter_map(|f| {
            let (stated, table) = (f.actual?, f.expected?);
            Some(Span::styled(
                format!(
                    " ✗{} {}≠{}",
                    lang.pick("正文", "text"),
                    f.kind.format(stated),
                    f.kind.format(table)
                ),
                theme.warning(),
            ))
        })
        .collect()
}

/// The value of the current cell in the version given to `:diff`, when it differs.
fn compared_span(app: &App, c: GridCursor, theme: &Theme) -> Option<Span<'static>> {
    let compared = app.compared()?;
    let table = &app.report().template.tables[c.table];
    let cell = table.cell_index(c.row, c.column);
    let old = compared.old_value(app.report(), c.table, cell)?;
    let lang = app.lang();
    let text = match old {
        OldCell::Value(Some(v)) => table.columns[c.column].kind.format(v),
        OldCell::Value(None) => lang.pick("空", "empty").to_string(),
        OldCell::NotInFormat => lang.pick("无此项", "none").to_string(),
    };
    Some(Span::styled(
        format!(" ~{} {text}", lang.pick("原", "was")),
        theme.dim(),
    ))
}

pub fn cell_line(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let lang = app.lang();
    let line = if let Some(c) = app.cursor() {
        let template = &app.report().template;
        let table = &template.tables[c.table];
        // Fixed fields (place, value, rules) keep each part where it was as the cursor moves, so a
        // move redraws only the characters that changed: bytes over SSH.
        let place_width = (area.width as usize * 2 / 5).max(10);
        let (place, column) = fit_place(app, c, place_width);
        let pad =
            " ".repeat(place_width.saturating_sub(shown_width(&place) + shown_width(&column)));
        let mut spans = vec![
            Span::styled(place, theme.header()),
            Span::raw(pad),
            Span::styled(column, theme.header()),
        ];
        match &app.mode() {
            Mode::CellEdit { buffer } => {
                if app.is_overriding() {
                    spans.push(Span::styled(
                        lang.pick(" 改写合计", " override"),
                        theme.overridden(),
                    ));
                }
                spans.push(Span::raw(format!(" ← {}", visible(buffer))));
                let kind = table.columns[c.column].kind;
                if let Err(e) = kind.parse(buffer).or_else(|e| {
                    if buffer.trim().is_empty() {
                        Ok(0)
                    } else {
                        Err(e)
                    }
                }) {
                    let why = e.text(app.lang());
                    spans.push(Span::styled(format!("  {why}"), theme.error()));
                }
            }
            _ => {
                let value = app.report().cell(c.table, c.row, c.column);
                let kind = table.columns[c.column].kind;
                let cell = table.cell_index(c.row, c.column);
                let derived = table.is_derived(cell);
                let values = &app.report().tables[c.table];
                let shown = match value {
                    Some(v) if derived && crate::rules::is_overridden(table, values, cell) => {
                        format!("*{}", kind.format(v))
                    }
                    Some(v) if derived => format!("={}", kind.format(v)),
                    Some(v) => kind.format(v),
                    None => lang.pick("空", "empty").to_string(),
                };
                spans.push(Span::raw(format!(" │ {shown:>9} │")));
                // What is wrong or different before what holds, and only whole ones, as many as
                // fit: at 80 columns a cut `~原 22` or `✓合计 62` would show a number that is not
                // there.
                let (broken, holding) = rule_spans(app, c, theme);
                let mut room = (area.width as usize)
                    .saturating_sub(spans.iter().map(|s| shown_width(&s.content)).sum());
                let facts = broken
                    .into_iter()
                    .chain(text_spans(app, c, theme))
                    .chain(compared_span(app, c, theme))
                    .chain(holding);
                for fact in facts {
                    let need = shown_width(&fact.content);
                    if need > room {
                        break;
                    }
                    room -= need;
                    spans.push(fact);
                }
            }
        }
        Line::from(spans)
    } else {
        text_section_line(app, theme)
    };
    buf.set_line(area.x, area.y, &line, area.width);
}

pub fn file_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let lang = app.lang();
    if let Mode::Prompt { buffer } = &app.mode() {
        let text = format!(":{}", visible(buffer));
        frame.buffer_mut().set_stringn(
            area.x,
            area.y,
            &text,
            area.width as usize,
            Style::default(),
        );
        let x = area.x + (shown_width(&text) as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
        return;
    }
    let name = app
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut spans = vec![Span::styled(visible(&name).into_owned(), theme.header())];
    if app.is_modified() {
        spans.push(Span::raw(" [+]"));
    }
    let (errors, warnings) = problem_counts(app)
        .iter()
        .fold((0, 0), |(e, w), (se, sw)| (e + se, w + sw));
    spans.push(Span::raw(" │ "));
    spans.push(Span::styled(
        format!("✗{errors}"),
        if errors > 0 {
            theme.error()
        } else {
            theme.ok()
        },
    ));
    spans.push(Span::styled(
        format!(" !{warnings}"),
        if warnings > 0 {
            theme.warning()
        } else {
            theme.ok()
        },
    ));
    let (mode, context) = match app.mode() {
        Mode::CellEdit { .. } => (lang.pick("输入", "EDIT"), Context::CellEdit),
        Mode::TextEdit => (lang.pick("编辑文字", "TEXT"), Context::TextEdit),
        Mode::Help { .. } => (lang.pick("帮助", "HELP"), Context::Help),
        _ if app.is_read_only() => (
            lang.pick("只读", "READ-ONLY"),
            if app.is_text_section() {
                Context::Text
            } else {
                Context::Grid
            },
        ),
        _ if app.is_text_section() => (lang.pick("浏览", "VIEW"), Context::Text),
        _ => (lang.pick("浏览", "VIEW"), Context::Grid),
    };
    spans.push(Span::raw(format!(" │ {mode} │ ")));
    match app.message() {
        Some(m) => {
            let style = if m.error {
                theme.error()
            } else {
                Style::default()
            };
            spans.push(Span::styled(visible(&m.text).into_owned(), style));
        }
        None => {
            // Only whole hints, as many as fit: a cut-off hint would name half a key.
            let used: usize = spans.iter().map(|s| shown_width(&s.content)).sum();
            let mut room = (area.width as usize).saturating_sub(used);
            let mut shown = Vec::new();
            for (ctx, command) in keymap::hints(context) {
                let hint = keymap::hint_text(*ctx, *command, lang);
                let need = shown_width(&hint) + if shown.is_empty() { 0 } else { 2 };
                if need > room {
                    break;
                }
                room -= need;
                shown.push(hint);
            }
            spans.push(Span::styled(shown.join("  "), theme.dim()));
        }
    }
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}
