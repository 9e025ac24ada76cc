//! Drawing the app: pure functions from state to a frame; nothing here changes the app.

mod grid;
pub mod help;
mod problems;
mod sections;
mod status;
pub use sections::truncate;
mod text;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Mode};
use super::keymap::{self, Context};
use crate::i18n::editor as msg;
use crate::visible::visible;

/// Colours, or none at all when NO_COLOR is set: then only bold, reverse and underline mark things.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn derived(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// A total overridden by hand: it breaks its rule, so it is as loud as an error, in a colour
    /// of its own; without colour, its `*` mark tells it apart.
    pub fn overridden(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
}

pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let screen = app.layout().screen();
    sections::render(frame.buffer_mut(), screen.sections, app, theme);
    let section = &app.report().template.sections[app.section()];
    // The official heading always, and its English gloss for an English interface: the report
    // itself is in Chinese, and its headings are how people refer to its parts.
    let title = match app.lang() {
        crate::i18n::Lang::Zh => visible(&section.title.zh).into_owned(),
        crate::i18n::Lang::En => {
            visible(&format!("{} · {}", section.title.zh, section.title.en)).into_owned()
        }
    };
    // Cut after a whole word, with an ellipsis, never in the middle of one.
    let title = sections::truncate_words(&title, screen.title.width as usize);
    frame.buffer_mut().set_stringn(
        screen.title.x,
        screen.title.y,
        &title,
        screen.title.width as usize,
        theme.header(),
    );
    if app.is_text_section() {
        text::render(frame, screen.body, app);
    } else {
        grid::render(frame, screen.body, app, theme);
    }
    status::cell_line(frame.buffer_mut(), screen.cell_status, app, theme);
    status::file_line(frame, screen.file_status, app, theme);
    match app.mode() {
        Mode::Help { scroll } => help::render(frame, app, *scroll, theme),
        Mode::Problems { selected, top } => problems::render(frame, app, *selected, *top, theme),
        Mode::ConfirmQuit => confirm_quit(frame, app, theme),
        Mode::ConfirmOpen { path } => confirm_open(frame, app, path, theme),
        Mode::ConfirmOverwrite { .. } => confirm_overwrite(frame, app, theme),
        _ => {}
    }
    make_controls_visible(frame.buffer_mut());
    uncover_wide_characters(frame.buffer_mut());
}

fn confirm_quit(frame: &mut Frame, app: &App, theme: &Theme) {
    let lang = app.lang();
    let lines = vec![
        Line::styled(msg::unsaved_changes(lang), theme.header()),
        Line::raw(""),
    ];
    let lines = lines
        .into_iter()
        .chain(
            keymap::choices(app.confirm_quit_context(), lang)
                .into_iter()
                .map(Line::raw),
        )
        .collect();
    let title = match app.confirm_quit_context() {
        Context::ConfirmBack => msg::back_title(lang),
        _ => msg::quit_title(lang),
    };
    dialog(frame, app, title, lines);
}

fn confirm_open(frame: &mut Frame, app: &App, path: &std::path::Path, theme: &Theme) {
    let lang = app.lang();
    let shown = visible(&path.display().to_string()).into_owned();
    let mut lines = vec![
        Line::styled(msg::unsaved_before_opening(&shown, lang), theme.header()),
        Line::raw(""),
    ];
    lines.extend(
        keymap::choices(Context::ConfirmOpen, lang)
            .into_iter()
            .map(Line::raw),
    );
    dialog(frame, app, msg::open_title(lang), lines);
}

fn confirm_overwrite(frame: &mut Frame, app: &App, theme: &Theme) {
    let lang = app.lang();
    let Mode::ConfirmOverwrite { doubts, .. } = &app.mode() else {
        return;
    };
    let mut lines: Vec<Line> = doubts
        .iter()
        .map(|d| Line::styled(visible(&d.text(lang)).into_owned(), theme.error()))
        .collect();
    lines.extend([Line::raw("")]);
    lines.extend(
        keymap::choices(Context::ConfirmOverwrite, lang)
            .into_iter()
            .map(Line::raw),
    );
    dialog(frame, app, msg::save_title(lang), lines);
}

/// A box in the middle of the screen with a question.
fn dialog(frame: &mut Frame, app: &App, title: &str, lines: Vec<Line>) {
    let layout = app.layout();
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // As wrapped: a reason longer than the box takes two rows, and the answers below it must
    // still show.
    let rows = paragraph.line_count(layout.dialog_width().saturating_sub(2));
    let rect = layout.dialog(rows);
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(title);
    frame.render_widget(paragraph.block(block), rect);
}

/// Something drawn over the right half of a wide character (a dialog's border over 三) would be
/// hidden by it on the screen, or cut it in half: the overlay was drawn last, so it wins and the
/// wide character gives way to a blank.
pub(crate) fn uncover_wide_characters(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let wide = crate::visible::width(buffer[(x, y)].symbol()) > 1;
            let covered = buffer[(x + 1, y)].symbol() != " ";
            if wide && covered {
                let style = buffer[(x, y)].style();
                buffer[(x, y)].reset();
                buffer[(x, y)].set_style(style);
            }
        }
    }
}

/// A last line of defence: no cell may carry a hidden character to the terminal, whatever a
/// widget drew (everything nianbao draws went through [`visible`] already). Such a cell shows
/// one replacement character, one column wide.
pub(crate) fn make_controls_visible(buffer: &mut Buffer) {
    for cell in buffer.content.iter_mut() {
        if cell.symbol().chars().any(crate::visible::is_hidden) {
            cell.set_symbol("\u{fffd}");
        }
    }
}
