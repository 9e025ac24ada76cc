//! The list of sections, each with its count of problems.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Theme;
use crate::template::Severity;
use crate::tui::app::App;
use crate::visible::{visible, width as shown_width};

/// Errors and warnings per section.
pub fn problem_counts(app: &App) -> Vec<(usize, usize)> {
    let mut counts = vec![(0, 0); app.report().template.sections.len()];
    for f in app.findings() {
        match f.severity {
            Severity::Error => counts[f.section].0 += 1,
            Severity::Warning => counts[f.section].1 += 1,
        }
    }
    counts
}

/// Cuts `text` to `width` display columns, ending with … when it was longer.
pub fn truncate(text: &str, width: usize) -> String {
    if shown_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Like [`truncate`], but never inside a number or a Latin word: `相差 -1` loses the whole `-1`
/// rather than show `相差 -…`, a wrong number.
pub fn truncate_words(text: &str, width: usize) -> String {
    if shown_width(text) <= width {
        return text.to_string();
    }
    let joins =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '+' | '-' | '≠' | '_');
    let chars: Vec<char> = text.chars().collect();
    let mut used = 0;
    let mut cut = 0;
    for (i, &c) in chars.iter().enumerate() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if !(joins(c) && joins(next)) {
            cut = i + 1;
        }
    }
    let mut out: String = chars[..cut]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    out.push('…');
    out
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let counts = problem_counts(app);
    for (i, section) in app.report().template.sections.iter().enumerate() {
        if i as u16 >= area.height {
            break;
        }
        let y = area.y + i as u16;
        let (errors, warnings) = counts[i];
        let badge = match (errors, warnings) {
            (0, 0) => String::new(),
            (0, w) => format!("!{w}"),
            (e, _) => format!("✗{e}"),
        };
        let room = (area.width as usize).saturating_sub(shown_width(&badge) + 1);
        let title = truncate(&visible(section.title.get(app.lang())), room);
        let selected = i == app.section();
        let style = if selected {
            theme.selected()
        } else {
            Default::default()
        };
        let pad = " ".repeat(room.saturating_sub(shown_width(&title)) + 1 + shown_width(&badge));
        let line = format!("{title}{pad}");
        buf.set_stringn(area.x, y, &line, area.width as usize, style);
        if !badge.is_empty() {
            let badge_style = if errors > 0 {
                theme.error()
            } else {
                theme.warning()
            };
            let x = area.x + area.width - shown_width(&badge) as u16;
            buf.set_stringn(x, y, &badge, shown_width(&badge), badge_style.patch(style));
        }
    }
    // The separator between the list and the section, plain: a scrolled grid row redraws it
    // (the terminal scrolls whole lines), and a colour there would cost two style changes.
    for y in area.y..area.y + area.height {
        if area.x + area.width < buf.area.width {
            buf.set_string(area.x + area.width, y, "│", Style::default());
        }
    }
}
