//! The help screen, generated from the keymap table so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::visible::width as shown_width;

fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut out = vec![
        Line::styled(
            lang.pick("nianbao 帮助 — 按键", "nianbao help — keys"),
            theme.header(),
        ),
        Line::raw(""),
    ];
    let entries = keymap::help_entries(lang);
    let key_width = entries
        .iter()
        .flat_map(|(_, e)| e.iter().map(|(k, _)| shown_width(k)))
        .max()
        .unwrap_or(8)
        .min(28);
    for (context, entries) in entries {
        out.push(Line::styled(
            context.title(lang).to_string(),
            theme.header(),
        ));
        for (keys, description) in entries {
            let pad = " ".repeat(key_width.saturating_sub(shown_width(&keys)) + 2);
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys, theme.derived()),
                Span::raw(pad),
                Span::raw(description),
            ]));
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled(
        lang.pick("命令行（按 : 输入）", "Command line (type :)"),
        theme.header(),
    ));
    for (command, description) in keymap::command_lines(lang) {
        let pad = " ".repeat(key_width.saturating_sub(shown_width(command)) + 2);
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(command, theme.derived()),
            Span::raw(pad),
            Span::raw(description),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(lang.pick("其他", "Also"), theme.header()));
    for text in [
        lang.pick(
            "  鼠标：单击章节或单元格即可选中",
            "  Mouse: click a section or a cell to select it",
        ),
        lang.pick(
            "  粘贴数字：从光标处向右、向下填入",
            "  Paste numbers: they fill right and down from the cursor",
        ),
        lang.pick(
            "  空单元格显示为空白（未填写，不等于 0）",
            "  Empty cells are blank: not filled in, which is not 0",
        ),
        lang.pick(
            "  = 由规则自动计算的合计    ! 违反规则    ? 警告",
            "  = total filled in by a rule   ! breaks a rule   ? warning",
        ),
    ] {
        out.push(Line::raw(text));
    }
    out
}

pub fn line_count(app: &App) -> usize {
    lines(app, &Theme { color: false }).len() + 2
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: usize, theme: &Theme) {
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
