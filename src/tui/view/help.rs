//! The help screen: the keymap's help lines, framed and scrolled.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::tui::app::App;
use crate::tui::help::{self as content, HelpRow};
use crate::tui::keymap::{self, Context};

fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let width = app.layout().help_width();
    content::rows(app.lang(), width)
        .into_iter()
        .map(|row| match row {
            HelpRow::Heading(text) => Line::styled(text, theme.header()),
            HelpRow::Entry(keys, pad, description) => Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, theme.derived()),
                Span::raw(pad),
                Span::raw(description),
            ]),
            HelpRow::Text(text) => Line::raw(text),
            HelpRow::Blank => Line::raw(""),
        })
        .collect()
}

pub fn render(frame: &mut Frame, app: &App, scroll: usize, theme: &Theme) {
    let area = app.layout().help();
    frame.render_widget(Clear, area);
    let hints: Vec<String> = keymap::hints(Context::Help)
        .iter()
        .map(|(c, command)| keymap::hint_text(*c, *command, app.lang()))
        .collect();
    let hint = format!(" {} ", hints.join(" · "));
    let block = Block::default().borders(Borders::ALL).title(hint);
    let paragraph = Paragraph::new(lines(app, theme))
        .block(block)
        .scroll((scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(paragraph, area);
}
