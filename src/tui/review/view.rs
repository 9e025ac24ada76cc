//! Drawing the desk: the counts, the chart of what is wrong across the folder, the list of
//! reports, the line being typed and the keys; or, with a report open, the editor above a line
//! that says where in the queue it is.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Borders, Clear, Paragraph};

use super::{Desk, Typing};
use crate::batch::Status;
use crate::i18n::Lang;
use crate::i18n::review as msg;
use crate::review::export::problem_text;
use crate::tui::keymap::{self, Context};
use crate::tui::view::{self as editor_view, Theme};
use crate::visible::{visible, width};

/// Where each part of the queue screen goes.
struct Areas {
    counts: Rect,
    /// The chart's heading and bars; empty when nothing is wrong or the screen is too short.
    chart: Rect,
    header: Rect,
    list: Rect,
    foot: Rect,
    hints: Rect,
}

fn areas(desk: &Desk) -> Areas {
    let (w, h) = desk.size();
    let bars = desk.queue().chart().len() as u16;
    // A quarter of a tall screen for the chart, at least two bars once there are 12 lines.
    let chart = if bars == 0 || h < 12 {
        0
    } else {
        1 + bars.min(((h - 12) / 3).max(2))
    };
    let row = |y: u16, height: u16| Rect::new(0, y.min(h), w, height.min(h.saturating_sub(y)));
    let list_height = h.saturating_sub(4 + chart);
    Areas {
        counts: row(0, 1),
        chart: row(1, chart),
        header: row(1 + chart, 1),
        list: row(2 + chart, list_height),
        foot: row(h.saturating_sub(2), 1),
        hints: row(h.saturating_sub(1), 1),
    }
}

pub fn list_rows(desk: &Desk) -> usize {
    areas(desk).list.height as usize
}

/// The line of the list (among those shown) at screen row `y`.
pub fn line_at(desk: &Desk, y: u16) -> Option<usize> {
    let list = areas(desk).list;
    if y < list.y || y >= list.y + list.height {
        return None;
    }
    let line = desk.top() + (y - list.y) as usize;
    (line < desk.queue().shown().len()).then_some(line)
}

/// `text` cut to `columns` wide (an ellipsis where it was cut), then padded to it.
fn fit(text: &str, columns: usize) -> String {
    let shown = editor_view::truncate(&visible(text), columns);
    let pad = columns.saturating_sub(width(&shown));
    format!("{shown}{}", " ".repeat(pad))
}

/// Like [`fit`], but a path too long loses its middle: what tells files of one folder apart
/// (`子目录/十堰 2024.toml`, `dept-17.toml`) is at their end, and what tells a file in a subfolder
/// from one of the same name above it is its first folder, kept when it is short
/// (`补报/…林业局-2024.toml` beside `…示例县林业局-2024.toml`; both were `…林业局-2024.toml`).
fn fit_end(text: &str, columns: usize) -> String {
    let text = visible(text);
    if width(&text) <= columns {
        return fit(&text, columns);
    }
    let head = match text.split_once('/') {
        Some((folder, _)) if width(folder) < columns / 3 => format!("{folder}/"),
        _ => String::new(),
    };
    let mut kept: Vec<char> = Vec::new();
    let mut used = width(&head) + 1; // the ellipsis
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            break;
        }
        kept.push(c);
        used += w;
    }
    let shown: String = head
        .chars()
        .chain(std::iter::once('…'))
        .chain(kept.into_iter().rev())
        .collect();
    let pad = columns.saturating_sub(width(&shown));
    format!("{shown}{}", " ".repeat(pad))
}

/// How wide the year column is: a year and its head, and when some report is of another year
/// than most, room for the mark after its year (`2023 异`), measured as the terminal shows it.
fn year_width(desk: &Desk) -> usize {
    let plain = 5;
    if !desk.queue().has_other_years() {
        return plain;
    }
    plain.max(4 + 1 + width(msg::other_year_mark(desk.lang())))
}

/// The widths of the list's columns that grow with the screen: file, agency, note.
fn columns(total: u16, year: usize) -> (usize, usize, usize) {
    // The mark, errors, warnings and year take 2 + 5 + 5 + `year`, and six spaces part the
    // columns.
    let rest = (total as usize).saturating_sub(18 + year);
    // On a wide screen the note gets what file names and agencies do not need.
    let file = (rest * 35 / 100).min(36);
    let agency = (rest * 30 / 100).min(30);
    (file, agency, rest - file - agency)
}

pub fn render(frame: &mut Frame, desk: &Desk, theme: &Theme) {
    if let Some(open) = desk.opened() {
        editor_view::render(frame, &open.editing.app, theme);
        reviewing_line(frame.buffer_mut(), desk, theme);
        return;
    }
    let a = areas(desk);
    let buf = frame.buffer_mut();
    let lang = desk.lang();
    let counts = desk.queue().counts();
    let filter = desk.queue().filter();
    let top = counts.line(lang);
    buf.set_stringn(0, a.counts.y, &top, a.counts.width as usize, theme.header());
    if a.chart.height > 0 {
        chart(frame, a.chart, desk, theme);
    }
    let buf = frame.buffer_mut();
    let yw = year_width(desk);
    let (fw, aw, nw) = columns(a.header.width, yw);
    let head = format!(
        "{} {} {} {} {} {} {}",
        fit(msg::head_mark(lang), 2),
        fit(msg::head_errors(lang), 5),
        fit(msg::head_warnings(lang), 5),
        fit(msg::head_file(lang), fw),
        fit(msg::head_agency(lang), aw),
        fit(msg::head_year(lang), yw),
        fit(msg::head_note(lang), nw),
    );
    buf.set_stringn(0, a.header.y, &head, a.header.width as usize, theme.dim());
    let queue = desk.queue();
    let shown = queue.shown();
    for (row, &item) in shown
        .iter()
        .enumerate()
        .skip(desk.top())
        .take(a.list.height as usize)
    {
        let y = a.list.y + (row - desk.top()) as u16;
        let s = queue.item(item);
        let (errors, warnings, style) = match s.status {
            Status::Unreadable => ("—".to_string(), "—".to_string(), theme.error()),
            Status::Errors if s.warnings == 0 => {
                (format!("✗{}", s.errors), String::new(), theme.error())
            }
            Status::Errors => (
                format!("✗{}", s.errors),
                format!("!{}", s.warnings),
                theme.error(),
            ),
            Status::Warnings => (String::new(), format!("!{}", s.warnings), theme.warning()),
            Status::Ok => (String::new(), String::new(), theme.ok()),
        };
        // The reviewer's note first, then why the file cannot be read: a note must not hide it.
        let note = match (queue.note(item), &s.problem) {
            ("", Some(problem)) => problem_text(s.status, problem, lang),
            (note, Some(problem)) => format!("{note} · {}", problem_text(s.status, problem, lang)),
            (note, None) => note.to_string(),
        };
        // The file may not be what its writer meant to hand in: said first, where it is seen.
        let note = match (s.unsaved, note.is_empty()) {
            (false, _) => note,
            (true, true) => msg::unsaved_mark(lang).to_string(),
            (true, false) => format!("{} · {note}", msg::unsaved_mark(lang)),
        };
        let other_year = queue.is_other_year(item);
        let year = match s.year {
            Some(y) if other_year => format!("{y} {}", msg::other_year_mark(lang)),
            Some(y) => y.to_string(),
            None => String::new(),
        };
        let x = |n: usize| n as u16;
        let selected = row == desk.cursor();
        let base = if selected {
            theme.selected()
        } else {
            Style::default()
        };
        let line = format!(
            "{} {} {} {} {} {} {}",
            fit(queue.review(item).symbol(), 2),
            fit(&errors, 5),
            fit(&warnings, 5),
            fit_end(queue.key(item), fw),
            fit(&s.agency, aw),
            fit(&year, yw),
            fit(&note, nw),
        );
        buf.set_stringn(0, y, &line, a.list.width as usize, base);
        // The counts in their colour, over the plain line.
        buf.set_stringn(x(3), y, fit(&errors, 5), 5, style.patch(base));
        buf.set_stringn(x(9), y, fit(&warnings, 5), 5, theme.warning().patch(base));
        if other_year {
            let at = 2 + 1 + 5 + 1 + 5 + 1 + fw + 1 + aw + 1;
            let room = (a.list.width as usize).saturating_sub(at).min(yw);
            buf.set_stringn(x(at), y, fit(&year, yw), room, theme.warning().patch(base));
        }
    }
    if shown.is_empty() {
        let text = if queue.counts().reports == 0 {
            msg::no_reports(lang)
        } else {
            msg::nothing_matches(lang)
        };
        buf.set_stringn(0, a.list.y, text, a.list.width as usize, theme.dim());
    }
    foot(buf, a.foot, desk, theme);
    let hints: Vec<String> = keymap::hints(if desk.typing().is_some() {
        Context::QueueLine
    } else {
        Context::Queue
    })
    .iter()
    .map(|(c, command)| keymap::hint_text(*c, *command, lang))
    .collect();
    buf.set_stringn(
        0,
        a.hints.y,
        hints.join(" · "),
        a.hints.width as usize,
        theme.dim(),
    );
    let _ = filter;
    if desk.is_help() {
        help(frame, desk, theme);
    }
    editor_view::make_controls_visible(frame.buffer_mut());
    editor_view::uncover_wide_characters(frame.buffer_mut());
}

/// How many reports break each rule, most first, as long as the screen has room.
fn chart(frame: &mut Frame, area: Rect, desk: &Desk, theme: &Theme) {
    let lang = desk.lang();
    let queue = desk.queue();
    let title = msg::chart_title(lang);
    let bars_all = queue.chart();
    let rows = area.height.saturating_sub(1) as usize;
    let more = bars_all.len().saturating_sub(rows);
    let title = match more {
        0 => title.to_string(),
        n => msg::chart_title_more(title, n, lang),
    };
    frame
        .buffer_mut()
        .set_stringn(0, area.y, &title, area.width as usize, theme.dim());
    let names: Vec<String> = bars_all
        .iter()
        .take(rows)
        .map(|(id, _)| visible(queue.rule_name(id, lang)).into_owned())
        .collect();
    let label_width = names
        .iter()
        .map(|n| width(n))
        .max()
        .unwrap_or(0)
        .min(area.width as usize / 3);
    let bars: Vec<Bar> = bars_all
        .iter()
        .take(rows)
        .zip(&names)
        .map(|((_, count), name)| {
            Bar::default()
                .value(*count as u64)
                .label(Line::from(format!("{} {count:>5}", fit(name, label_width))))
                .text_value(String::new())
        })
        .collect();
    let chart = BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .max(queue.len().max(1) as u64)
        .bar_style(theme.error())
        .label_style(Style::default());
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    frame.render_widget(chart, body);
}

/// The line above the keys: what is being typed, the latest message, or the filter in force.
fn foot(buf: &mut Buffer, area: Rect, desk: &Desk, theme: &Theme) {
    let lang = desk.lang();
    let (text, style) = match (desk.typing(), desk.message(), desk.marks_problem()) {
        (Some(Typing::Filter { buffer, .. }), _, _) => {
            let line = typed_line(
                msg::filter_heading(lang),
                buffer,
                &shown_count(desk),
                area.width as usize,
            );
            buf.set_stringn(0, area.y, line, area.width as usize, theme.header());
            return;
        }
        (Some(Typing::Note { item, buffer }), _, _) => {
            let key = visible(desk.queue().key(*item)).into_owned();
            let label = format!("{} {key}：", msg::note_for(lang));
            let line = typed_line(&label, buffer, "", area.width as usize);
            buf.set_stringn(0, area.y, line, area.width as usize, theme.header());
            return;
        }
        (None, Some(m), _) => (
            m.text.clone(),
            if m.error {
                theme.error()
            } else {
                Style::default()
            },
        ),
        (None, None, Some(problem)) => (problem.to_string(), theme.error()),
        (None, None, None) => {
            let f = desk.queue().filter();
            let mut parts = Vec::new();
            if !f.text.is_empty() {
                parts.push(format!("{}“{}”", msg::filter_with(lang), f.text));
            }
            if f.open_only {
                parts.push(msg::filter_unreviewed(lang).to_string());
            }
            if f.errors_only {
                parts.push(msg::filter_errors(lang).to_string());
            }
            if parts.is_empty() {
                (String::new(), Style::default())
            } else {
                let count = shown_count(desk);
                (
                    format!("{}{}{count}", msg::filter_heading(lang), parts.join(" · ")),
                    theme.derived(),
                )
            }
        }
    };
    // A message longer than the line ends in an ellipsis, so a cut reason does not read as whole.
    let shown = editor_view::truncate(&visible(&text), area.width as usize);
    buf.set_stringn(0, area.y, shown, area.width as usize, style);
}

/// A line being typed: `label`, what is typed so far with the caret after it, and `after`. Too
/// long for the line, the start of what is typed gives way to `…`, so its end and the caret
/// stay in sight as a text field scrolls; then the label, if even that is not enough.
fn typed_line(label: &str, typed: &str, after: &str, line_width: usize) -> String {
    let typed = visible(typed).into_owned();
    let whole = format!("{label}{typed}▏{after}");
    if width(&whole) < line_width {
        return whole;
    }
    let tail_room = |fixed: usize| line_width.saturating_sub(fixed + 1);
    let keep = |room: usize| {
        let mut tail = String::new();
        let mut used = 0;
        for c in typed.chars().rev() {
            let w = width(c.encode_utf8(&mut [0; 4]));
            if used + w > room {
                break;
            }
            used += w;
            tail.insert(0, c);
        }
        tail
    };
    // "…" and the caret around the tail; the count after the filter goes if it does not fit.
    let fixed = width(label) + 2;
    if tail_room(fixed) >= 8 {
        return format!("{label}…{}▏", keep(tail_room(fixed)));
    }
    format!("…{}▏", keep(tail_room(2)))
}

/// The last line under the editor: which report of the queue this is, and the keys to move on.
fn reviewing_line(buf: &mut Buffer, desk: &Desk, theme: &Theme) {
    let (w, h) = desk.size();
    let lang = desk.lang();
    let Some(open) = desk.opened() else { return };
    let position = desk
        .queue()
        .shown()
        .iter()
        .position(|&i| i == open.item)
        .map_or(0, |p| p + 1);
    let hints: Vec<String> = keymap::hints(Context::Reviewing)
        .iter()
        .map(|(c, command)| keymap::hint_text(*c, *command, lang))
        .collect();
    let mode = if open.editing.app.is_read_only() {
        msg::read_only(lang)
    } else {
        msg::editable(lang)
    };
    let mut text = format!(
        "{} {position}/{} · {} · {mode}",
        msg::review_word(lang),
        desk.queue().shown().len(),
        visible(desk.queue().key(open.item)),
    );
    // Each key's hint whole or not at all: one cut off ("Ctrl-P 上一") names no key.
    for hint in hints {
        let longer = format!("{text} · {hint}");
        if crate::visible::width(&longer) > w as usize {
            break;
        }
        text = longer;
    }
    let y = h.saturating_sub(1);
    for x in 0..w {
        buf[(x, y)].reset();
    }
    buf.set_stringn(0, y, text, w as usize, theme.selected());
}

/// How many reports the filter lets through, after the filter.
fn shown_count(desk: &Desk) -> String {
    let shown = desk.queue().shown().len();
    msg::shown_count(shown, desk.lang())
}

/// Whether a help line describes a move of the cursor.
fn is_move(what: &str, lang: Lang) -> bool {
    use crate::tui::keymap::Command as C;
    [C::Down, C::Up, C::PageDown, C::PageUp, C::Top, C::Bottom]
        .iter()
        .any(|c| c.describe(lang) == what)
}

/// The queue's keys, framed over the list.
fn help(frame: &mut Frame, desk: &Desk, theme: &Theme) {
    let lang = desk.lang();
    let mut lines = Vec::new();
    for (context, entries) in keymap::help_entries(lang) {
        if !context.is_review() {
            continue;
        }
        lines.push(Line::styled(
            context.title(lang).to_string(),
            theme.header(),
        ));
        // The moves are one line (they are the editor's): the help must fit 24 lines.
        let mut moves = Vec::new();
        let first = lines.len();
        for (keys, what) in entries {
            if context == Context::Queue && is_move(what, lang) {
                moves.push(keys);
                continue;
            }
            lines.push(Line::raw(format!("  {}  {what}", fit(&keys, 14))));
        }
        if !moves.is_empty() {
            let what = msg::help_moves(lang);
            let line = format!("  {}  {what}", moves.join(" "));
            lines.insert(first, Line::raw(line));
        }
    }
    let (w, h) = desk.size();
    let height = (lines.len() as u16 + 2).min(h);
    let width = w.min(72);
    let area = Rect::new((w - width) / 2, (h - height) / 2, width, height);
    frame.render_widget(Clear, area);
    let title = msg::help_title(lang);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::fit_end;

    #[test]
    fn a_long_path_keeps_its_end_and_its_width() {
        assert_eq!(fit_end("dept-01.toml", 14), "dept-01.toml  ");
        assert_eq!(fit_end("子目录/十堰 2024.toml", 16), "…/十堰 2024.toml");
        // A wide character that does not fit whole leaves a space, never half a character.
        assert_eq!(fit_end("子目录/十堰 2024.toml", 17), "…/十堰 2024.toml ");
        assert_eq!(fit_end("子目录/十堰 2024.toml", 18), "…录/十堰 2024.toml");
        assert_eq!(fit_end("十堰十堰.toml", 9), "…堰.toml ");
        // A short first folder stays: the same name above it and in it are two files.
        assert_eq!(
            fit_end("补报/示例县林业局-2024.toml", 24),
            "补报/…县林业局-2024.toml"
        );
        assert_eq!(fit_end("示例县林业局-2024.toml", 19), "…县林业局-2024.toml");
    }
}
