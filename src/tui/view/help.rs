//! The help screen: the keymap's help lines, framed and scrolled.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::tui::app::App;
use crate::tui::keymap::{self, HelpLine};
use crate::visible::width as shown_width;

fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let help = keymap::help_lines(app.lang);
    let key_width = help
        .iter()
        .filter_map(|l| match l {
            HelpLine::Entry(keys, _) => Some(shown_width(keys)),
            _ => None,
        })
        .max()
        .unwrap_or(8)
        .min(28);
    help.into_iter()
        .map(|line| match line {
            HelpLine::Title(text) | HelpLine::Heading(text) => Line::styled(text, theme.header()),
            HelpLine::Entry(keys, description) => {
                let pad = " ".repeat(key_width.saturating_sub(shown_width(&keys)) + 2);
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys, theme.derived()),
                    Span::raw(pad),
                    Span::raw(description),
                ])
            }
            HelpLine::Note(text) => Line::raw(format!("  {text}")),
            HelpLine::Blank => Line::raw(""),
        })
        .collect()
}

pub fn render(frame: &mut Frame, app: &App, scroll: usize, theme: &Theme) {
    let area = app.layout().help();
    frame.render_widget(Clear, area);
    let hint = app
        .lang
        .pick(" j/k 滚动 · Esc 关闭 ", " j/k scroll · Esc close ");
    let block = Block::default().borders(Borders::ALL).title(hint);
    let paragraph = Paragraph::new(lines(app, theme))
        .block(block)
        .scroll((scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(paragraph, area);
}
