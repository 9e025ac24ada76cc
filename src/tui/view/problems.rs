//! The problems list: every finding of the report as `check` prints it, in full, wrapped and
//! scrolled, the selected one reversed.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::i18n::editor as msg;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::visible::visible;

pub fn render(frame: &mut Frame, app: &App, selected: usize, top: usize, theme: &Theme) {
    let layout = app.layout();
    let area = layout.problems();
    frame.render_widget(Clear, area);
    let findings = app.findings();
    let problems = app.problems();
    let mut lines: Vec<Line> = Vec::new();
    for (k, text) in app.problem_lines().iter().enumerate() {
        let severity = findings[problems[k].0].severity;
        let style = match (k == selected, severity) {
            (true, _) => theme.selected(),
            (false, crate::template::Severity::Error) => theme.error(),
            (false, crate::template::Severity::Warning) => theme.warning(),
        };
        for line in layout.problem_wrapped(&visible(text)) {
            lines.push(Line::styled(line, style));
        }
    }
    if lines.is_empty() {
        lines.push(Line::raw(msg::no_problems(app.lang())));
    }
    let lang = app.lang();
    let title = format!(
        " {} {}/{} ",
        Context::Problems.title(lang),
        (selected + 1).min(problems.len()),
        problems.len()
    );
    let hints: Vec<String> = keymap::hints(Context::Problems)
        .iter()
        .map(|(c, command)| keymap::hint_text(*c, *command, lang))
        .collect();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(format!(" {} ", hints.join(" · ")));
    let paragraph = Paragraph::new(lines)
        .block(block)
        .scroll((top.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(paragraph, area);
}
