//! Text sections: read them, edit them with a wrapping text editor.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::history::{Change, Transaction};
use super::{App, Effect, Mode};
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;

/// The text as the editor shows it: control characters that would drive the terminal become
/// visible. C0 controls become their pictures (␛ for ESC), which turn back into the controls when
/// the text is stored; C1 controls and direction overrides become `<U+009B>`-style text.
fn display_form(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0x0a | 0x09 => c.to_string(),
            0..=0x1f => char::from_u32(0x2400 + c as u32)
                .map(String::from)
                .unwrap_or_default(),
            0x7f => '\u{2421}'.to_string(),
            _ => crate::visible::visible(&c.to_string()).into_owned(),
        })
        .collect()
}

/// The inverse of [`display_form`] for what it can invert: control pictures back to controls.
fn stored_form(shown: &str) -> String {
    shown
        .chars()
        .map(|c| match c as u32 {
            0x2400..=0x241f => char::from_u32(c as u32 - 0x2400).unwrap_or(c),
            0x2421 => '\u{7f}',
            _ => c,
        })
        .collect()
}

fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = display_form(text).split('\n').map(String::from).collect();
    let mut area = TextArea::new(lines);
    // Chinese has no spaces: wrap at words where there are some, anywhere otherwise.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    area
}

impl App {
    /// Shows section `s`, folding any text being edited into the report first.
    pub(super) fn enter_section(&mut self, s: usize) {
        self.commit_text();
        if self.mode == Mode::TextEdit {
            self.mode = Mode::Normal;
        }
        self.section = s;
        self.text = self.report.template.sections[s]
            .is_text()
            .then(|| text_area(&self.report.texts[s]));
        self.scroll_into_view();
    }

    pub(super) fn text_motion(&mut self, command: Command) {
        let Some(area) = &mut self.text else { return };
        let page = self.size.1.saturating_sub(6).max(1);
        match command {
            Command::Down => area.move_cursor(CursorMove::Down),
            Command::Up => area.move_cursor(CursorMove::Up),
            Command::PageDown => (0..page).for_each(|_| area.move_cursor(CursorMove::Down)),
            Command::PageUp => (0..page).for_each(|_| area.move_cursor(CursorMove::Up)),
            Command::Top => area.move_cursor(CursorMove::Top),
            Command::Bottom => area.move_cursor(CursorMove::Bottom),
            _ => {}
        }
    }

    pub(super) fn start_text_edit(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        if self.text.is_some() {
            self.mode = Mode::TextEdit;
        }
    }

    pub(super) fn text_edit_key(&mut self, key: Key) -> Vec<Effect> {
        match keymap::lookup(&[Context::TextEdit], &[key]) {
            Lookup::Command(Command::LeaveText) => {
                self.mode = Mode::Normal;
                self.commit_text();
                Vec::new()
            }
            Lookup::Command(Command::Save) => self.save(false),
            Lookup::Command(Command::Quit) => self.quit(false),
            Lookup::Command(Command::Help) => {
                self.mode = Mode::Help { scroll: 0 };
                Vec::new()
            }
            _ => {
                if let Some(area) = &mut self.text {
                    // The text area's own shortcuts (Ctrl-U, Ctrl-K…) are editing keys people
                    // expect; everything global was taken out above.
                    if area.input(key.to_event()) {
                        self.revision += 1;
                    }
                }
                Vec::new()
            }
        }
    }

    /// The text as the editor holds it, if it differs from the report's.
    pub(super) fn edited_text(&self) -> Option<String> {
        let area = self.text.as_ref()?;
        let shown = area.lines().join("\n");
        let shown = shown.trim_end_matches('\n');
        (shown != display_form(&self.report.texts[self.section])).then(|| stored_form(shown))
    }

    /// Where the caret is in the section's text, in characters from its start.
    pub fn caret_offset(&self) -> Option<usize> {
        let area = self.text.as_ref()?;
        let cursor = area.cursor();
        let (row, col) = (cursor.0, cursor.1);
        let before: usize = area.lines()[..row]
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum();
        Some(before + col)
    }

    /// Puts the caret at a character offset of the section's text.
    pub(super) fn move_caret_to(&mut self, offset: usize) {
        let Some(area) = &mut self.text else { return };
        let mut left = offset;
        for (row, line) in area.lines().iter().enumerate() {
            let len = line.chars().count();
            if left <= len {
                area.move_cursor(CursorMove::Jump(row as u16, left as u16));
                return;
            }
            left -= len + 1;
        }
        area.move_cursor(CursorMove::Bottom);
    }

    pub(super) fn text_differs(&self) -> bool {
        self.edited_text().is_some()
    }

    /// Folds the text being edited into the report as one undoable change.
    pub(super) fn commit_text(&mut self) {
        let Some(after) = self.edited_text() else {
            return;
        };
        let section = self.section;
        let before = std::mem::replace(&mut self.report.texts[section], after.clone());
        self.record(Transaction {
            changes: vec![Change::Text {
                section,
                before,
                after,
            }],
            section,
            cursor: self.cursor(),
        });
        self.refresh();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_show_and_come_back() {
        let text = "a\u{1b}]52;c;x\u{7}\tb\n\u{9b}c";
        let shown = display_form(text);
        assert_eq!(shown, "a␛]52;c;x␇\tb\n<U+009B>c");
        assert_eq!(stored_form("a␛b␇"), "a\u{1b}b\u{7}");
    }
}
