//! The two status lines: the current cell (where, its value, every rule it takes part in) and the
//! file (name, modified, problem totals, mode, key hints or the latest message).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use super::sections::{problem_counts, truncate_words};
use crate::describe;
use crate::diff::OldCell;
use crate::i18n::Lang;
use crate::i18n::editor as msg;
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
    // Values that hold are right-aligned to the column's widest value: moving down to a cell
    // whose rules are the same redraws only the digits that differ, not every rule after them.
    let width = (0..table.rows.len())
        .filter_map(|r| values[table.cell_index(r, c.column)])
        .map(|v| kind.format(v).len())
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
            // A warning's mark as the grid draws it on the cell (`?`), not an error's.
            let (mark, style) = match rule.severity {
                crate::template::Severity::Error => ("✗", theme.error()),
                crate::template::Severity::Warning => ("?", theme.warning()),
            };
            let diff = lhs - rhs;
            let sign = if diff > 0 { "+" } else { "" };
            broken.push(Span::styled(
                format!(
                    " {mark}{name} {}≠{} {sign}{}",
                    fmt(lhs),
                    fmt(rhs),
                    fmt(diff)
                ),
                style,
            ));
        }
    }
    (broken, holding)
}

/// The current cell's place in words, as much of it as fits `width`: the table's caption when the
/// section has several, and the row with its groups; then the caption with the column's label
/// without its note in brackets (本年收费金额, whose unit the value shows), and with the caption's
/// own name before its gloss (Article 20 (8)), so that the table is still named; then without the
/// caption (the grid shows it above the table), with the column's own label (its group is in the
/// header), with the row's own label, and last the row's label cut after a whole word, with an
/// ellipsis. Never a part cut in the middle of a number. Returned in two parts, up to the row and from ` × column` on, for the caller to set the
/// second flush right: then a move along a column leaves the column's name where it is on screen,
/// and a move along a row the row's, and neither is sent again. Unless `column_whole`, the column
/// is named by its own label only (see [`place_field`]).
fn fit_place(app: &App, c: GridCursor, width: usize, column_whole: bool) -> (String, String) {
    let template = &app.report().template;
    let lang = app.lang();
    let table = &template.tables[c.table];
    let section = &template.sections[table.section];
    let label = |text: &str| visible(text).into_owned();
    let row = label(&describe::row_label(table, c.row, lang));
    let row_leaf = label(table.rows[c.row].label.get(lang));
    let column = label(&describe::column_label(table, c.column, lang));
    let column_leaf = label(table.columns[c.column].label.get(lang));
    let caption = label(table.caption.get(lang));
    // No section name: the title line above the grid and the list on the left show it, and a
    // name that comes and goes with the room a row's label leaves shifts the whole line, which
    // then costs its bytes again on every move.
    let column = if column_whole {
        column
    } else {
        column_leaf.clone()
    };
    let short_column = without_note(&column);
    let short_leaf = without_note(&column_leaf);
    let mut candidates = Vec::new();
    if section.tables.len() > 1 {
        candidates.push((format!("{caption} › {row}"), column.clone()));
        candidates.push((format!("{caption} › {row}"), short_column.clone()));
        candidates.push((format!("{} › {row}", without_gloss(&caption)), short_column));
    }
    candidates.extend([
        (row.clone(), column.clone()),
        (row.clone(), column_leaf.clone()),
        (row_leaf.clone(), column_leaf.clone()),
        (row_leaf.clone(), short_leaf.clone()),
    ]);
    for (head, column) in &candidates {
        // A table whose rows have no labels (四) is placed by its column alone: 四 › 行政复议 › 结果维持.
        let head = head.trim_end_matches(" › ").to_string();
        let tail = match (column.is_empty(), row.is_empty()) {
            (true, _) => String::new(),
            (false, true) if head.is_empty() => column.clone(),
            (false, true) => format!(" › {column}"),
            (false, false) => format!(" × {column}"),
        };
        let head = &head;
        if shown_width(head) + shown_width(&tail) <= width {
            return match row.is_empty() {
                // No row to keep in place: the column's path reads as one.
                true => (format!("{head}{tail}"), String::new()),
                false => (head.clone(), tail),
            };
        }
    }
    let tail = if row.is_empty() {
        format!(" › {short_leaf}")
    } else {
        format!(" × {short_leaf}")
    };
    let room = width.saturating_sub(shown_width(&tail));
    if room >= 6 {
        return (truncate_words(&row_leaf, room), tail);
    }
    (
        truncate_words(&format!("{row_leaf}{tail}"), width),
        String::new(),
    )
}

/// A label without the note in brackets at its end: 本年收费金额（单位：万元，保留4位小数） is
/// 本年收费金额, Fees collected (10k yuan, 4 decimals) is Fees collected. The label itself when it
/// has no such note, or is nothing but one.
fn without_note(label: &str) -> String {
    let open = match label.chars().last() {
        Some('）') => '（',
        Some(')') => '(',
        _ => return label.to_string(),
    };
    match label.rfind(open).map(|at| label[..at].trim_end()) {
        Some(short) if !short.is_empty() && !short.ends_with('›') => short.to_string(),
        _ => label.to_string(),
    }
}

/// A caption's own name before its gloss: Article 20 (8): administrative fees is Article 20 (8).
fn without_gloss(caption: &str) -> &str {
    caption.split_once(": ").map_or(caption, |(name, _)| name)
}

/// The width of the place's field in table `c.table`: its widest row (with the caption, in a
/// section of several tables) beside its widest column, in at most `room` columns. The same for
/// every cell of the table, so that the value and the rules after it stay where they are. And
/// whether a column is named with its group (法人或其他组织 › 商业企业): where the widest row
/// leaves room for it, on every cell of the table; named so on some rows and not on others, the
/// column's name would be sent again on every move between them.
fn place_field(app: &App, c: GridCursor, room: usize) -> (usize, bool) {
    let table = &app.report().template.tables[c.table];
    let whole = |row, column| {
        let (head, tail) = fit_place(app, GridCursor { row, column, ..c }, usize::MAX, true);
        (shown_width(&head), shown_width(&tail))
    };
    let heads = (0..table.rows.len()).map(|r| whole(r, 0).0).max();
    let columns: Vec<(usize, usize)> = (0..table.columns.len()).map(|k| whole(0, k)).collect();
    let tails = columns.iter().map(|w| w.1).max();
    // A table without row labels is placed by its column alone, all of it in the head.
    let heads_alone = columns.iter().map(|w| w.0).max();
    let widest = (heads.unwrap_or(0) + tails.unwrap_or(0)).max(heads_alone.unwrap_or(0));
    (widest.min(room), widest <= room)
}

/// Spans added while they fit in `room` columns; the first that does not gives way to `…`.
fn fitting(spans: Vec<Span<'static>>, mut room: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let count = spans.len();
    for (i, span) in spans.into_iter().enumerate() {
        let need = shown_width(&span.content);
        // The last span needs no room for an ellipsis after it.
        let reserve = if i + 1 < count { 2 } else { 0 };
        if need + reserve <= room || (i + 1 == count && need <= room) {
            room -= need;
            out.push(span);
        } else {
            if room >= 2 {
                out.push(Span::raw(" …"));
            }
            break;
        }
    }
    out
}

/// A text section: where the caret is, and what its sentences state that the tables contradict
/// (the sentence under the caret first).
fn text_section_line(app: &App, width: usize, theme: &Theme) -> Line<'static> {
    let lang = app.lang();
    // The text as it is being typed: the count follows each key, not the last commit.
    let text = app
        .text_editor()
        .map(|t| t.text())
        .unwrap_or_else(|| app.report().texts[app.section()].clone());
    let row = app.text_editor().map_or(0, |t| t.cursor_row());
    let lines = text.split('\n').count();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    // The section's title is on the line above the text already.
    let mut spans = vec![Span::raw(msg::text_position(row + 1, lines, chars, lang))];
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
        let place = visible(&place);
        let said = match lang {
            Lang::Zh => format!(" │ ? 「{quote}」与表不符：表中为 {table}"),
            Lang::En => format!(" │ ? «{quote}»: the table has {table}"),
        };
        let with_place = match lang {
            Lang::Zh => format!("{said}（{place}）"),
            Lang::En => format!("{said} ({place})"),
        };
        // The place goes whole or not at all (the problems list has it): a place cut short names
        // another cell.
        let room = width.saturating_sub(shown_width(&spans[0].content));
        let text = if shown_width(&with_place) <= room {
            with_place
        } else {
            truncate_words(&said, room)
        };
        spans.push(Span::styled(text, theme.warning()));
    }
    Line::from(spans)
}

/// What the text says about the current cell where the table contradicts it: `?正文 5≠6`, a
/// warning, marked as the grid marks the cell.
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
                    " ?{} {}≠{}",
                    msg::status_text(lang),
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
        OldCell::Value(None) => msg::status_empty(lang).to_string(),
        OldCell::NotInFormat => msg::status_not_in_format(lang).to_string(),
    };
    Some(Span::styled(
        format!(" ~{} {text}", msg::status_other(lang)),
        theme.dim(),
    ))
}

/// A cell's value as the status line shows it: with its unit, `=` before a total the rule fills
/// in, `*` before one typed over, a word for an empty cell.
fn shown_value(app: &App, c: GridCursor) -> String {
    let lang = app.lang();
    let table = &app.report().template.tables[c.table];
    let kind = table.columns[c.column].kind;
    let cell = table.cell_index(c.row, c.column);
    let derived = table.is_derived(cell);
    let values = &app.report().tables[c.table];
    let unit = crate::tui::units::unit(kind, lang);
    match app.report().cell(c.table, c.row, c.column) {
        // A total typed over on purpose (`o`), unlike one the rule fills in.
        Some(v) if derived && crate::rules::is_overridden(table, values, cell) => {
            format!("*{}{unit}", kind.format(v))
        }
        Some(v) if derived => format!("={}{unit}", kind.format(v)),
        Some(v) => format!("{}{unit}", kind.format(v)),
        None => msg::status_empty(lang).to_string(),
    }
}

pub fn cell_line(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let lang = app.lang();
    let line = if let Some(c) = app.cursor() {
        let template = &app.report().template;
        let table = &template.tables[c.table];
        let shown = shown_value(app, c);
        // The value's field as wide as the table's widest value: the same on every cell, so the
        // rules after it stay where they are, and no wider, to leave the rules room.
        let field = (0..table.rows.len())
            .flat_map(|row| (0..table.columns.len()).map(move |column| (row, column)))
            .map(|(row, column)| shown_width(&shown_value(app, GridCursor { row, column, ..c })))
            .max()
            .unwrap_or(0);
        let value_text = format!(
            " │ {}{shown} │",
            " ".repeat(field.saturating_sub(shown_width(&shown)))
        );
        let width = area.width as usize;
        // The place and the value come first; the rules take what is left, the ones that do not
        // fit giving way to an ellipsis (the problems list has them all, in full). At least one
        // short rule keeps room, in a table that has rules: one without (the fees of 二) gives its
        // place the room, to name its table.
        // What is wrong first: broken rules, what the text says otherwise; then what holds.
        let (mut rest, holding) = rule_spans(app, c, theme);
        rest.extend(text_spans(app, c, theme));
        rest.extend(compared_span(app, c, theme));
        let wrong = rest.len();
        rest.extend(holding);
        let least = if table.checks.is_empty() { 0 } else { 14 };
        let rules_width = |n: usize| {
            rest.iter()
                .take(n)
                .map(|s| shown_width(&s.content))
                .sum::<usize>()
                .clamp(least, 30)
        };
        let room_for = |rule: usize| {
            width
                .saturating_sub(shown_width(&value_text) + rule + 3)
                .max(10)
        };
        // Fixed fields (place, value, rules) keep each part where it was as the cursor moves, so a
        // move redraws only the characters that changed, not the value and every rule after a
        // place one character longer or shorter: bytes over SSH. The place's field is as wide as
        // the table's widest place (with room for one short rule); only a cell whose first rule
        // needs more room than that narrows it: what is wrong or different keeps its room, and
        // the first rule that holds beside it too where the place still shows whole (the few
        // such cells move the line, the many that are not leave it in place).
        let (fixed, column_whole) = place_field(app, c, room_for(least));
        let wide = fixed.min(room_for(rules_width(wrong.max(1))));
        let narrow = fixed.min(room_for(rules_width(wrong + 1)));
        let fit = |width| fit_place(app, c, width, column_whole);
        let mut place_width = if fit(narrow) == fit(wide) {
            narrow
        } else {
            wide
        };
        let typed_wrong = typed_error(app).is_some();
        // A value being typed is shown whole, however long: the place gives way to it.
        if let Mode::CellEdit { buffer } = &app.mode() {
            let overriding = if app.is_overriding() {
                shown_width(msg::status_overriding(lang))
            } else {
                0
            };
            let mark = if typed_wrong { 3 } else { 0 };
            let typed = overriding + mark + shown_width(&format!(" ← {}", visible(buffer)));
            place_width = place_width.min(width.saturating_sub(typed + 1));
        }
        let (place, column) = fit(place_width);
        let pad =
            " ".repeat(place_width.saturating_sub(shown_width(&place) + shown_width(&column)));
        // Plain, not bold: the place changes with every move, and two style changes around it
        // cost each move their bytes; the colours after it are the ones that mean something.
        let mut spans = vec![Span::raw(place), Span::raw(pad), Span::raw(column)];
        match &app.mode() {
            Mode::CellEdit { buffer } => {
                if app.is_overriding() {
                    spans.push(Span::styled(
                        msg::status_overriding(lang),
                        theme.overridden(),
                    ));
                }
                spans.push(Span::raw(format!(" ← {}", visible(buffer))));
                // The reason stands whole on the line below, where the reason a value was not
                // taken stands too: here, where it would be cut at 80 columns ("最多"), a mark.
                if typed_wrong {
                    spans.push(Span::styled("  ✗", theme.error()));
                }
            }
            _ => {
                spans.push(Span::raw(value_text));
                let used: usize = spans.iter().map(|s| shown_width(&s.content)).sum();
                // The last column stays free: a line that reaches the edge looks cut there.
                spans.extend(fitting(rest, width.saturating_sub(used + 1)));
            }
        }
        Line::from(spans)
    } else {
        text_section_line(app, area.width as usize, theme)
    };
    buf.set_line(area.x, area.y, &line, area.width);
}

/// Why the value being typed cannot be taken, when it cannot.
fn typed_error(app: &App) -> Option<String> {
    let Mode::CellEdit { buffer } = &app.mode() else {
        return None;
    };
    let c = app.cursor()?;
    let kind = app.report().template.tables[c.table].columns[c.column].kind;
    if buffer.trim().is_empty() {
        return None;
    }
    crate::tui::units::parse(kind, buffer, app.lang())
        .err()
        .map(|e| e.text(app.lang()))
}

pub fn file_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let lang = app.lang();
    if let Mode::Prompt { buffer } = &app.mode() {
        let lead = if app.is_searching() { '/' } else { ':' };
        let text = format!("{lead}{}", visible(buffer));
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
        Mode::CellEdit { .. } => (msg::mode_edit(lang), Context::CellEdit),
        Mode::TextEdit => (msg::mode_text(lang), Context::TextEdit),
        Mode::Help { .. } => (msg::mode_help(lang), Context::Help),
        Mode::Problems { .. } => (msg::mode_problems(lang), Context::Problems),
        _ if app.is_read_only() => (
            msg::mode_read_only(lang),
            if app.is_text_section() {
                Context::Text
            } else {
                Context::Grid
            },
        ),
        _ if app.is_text_section() => (msg::mode_view(lang), Context::Text),
        _ => (msg::mode_view(lang), Context::Grid),
    };
    spans.push(Span::raw(format!(" │ {mode} │ ")));
    let typed = typed_error(app).map(|why| crate::tui::app::Message {
        text: why,
        error: true,
    });
    // The reason a typed value is refused is read whole, its number last: where the file's name
    // and counts leave no room for it, they give way while the value is typed.
    if let Some(why) = &typed {
        let used: usize = spans.iter().map(|s| shown_width(&s.content)).sum();
        if used + shown_width(&why.text) >= area.width as usize {
            spans = vec![Span::raw(format!("{mode} │ "))];
        }
    }
    match typed.as_ref().or(app.message()) {
        Some(m) => {
            let style = if m.error {
                theme.error()
            } else {
                Style::default()
            };
            // Cut between words, with an ellipsis: the problems list has the whole of a problem.
            let used: usize = spans.iter().map(|s| shown_width(&s.content)).sum();
            let room = (area.width as usize).saturating_sub(used);
            spans.push(Span::styled(truncate_words(&visible(&m.text), room), style));
        }
        None => {
            // Only whole hints, as many as fit: a cut-off hint would name half a key.
            let used: usize = spans.iter().map(|s| shown_width(&s.content)).sum();
            let mut room = (area.width as usize).saturating_sub(used);
            let mut shown = Vec::new();
            let hints = if app.is_read_only() {
                keymap::read_only_hints(context)
            } else {
                keymap::hints(context).to_vec()
            };
            for (ctx, command) in &hints {
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
