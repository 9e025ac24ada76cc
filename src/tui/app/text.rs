//! Text sections: read them, edit them with a wrapping text editor.

use ratatui_textarea::CursorMove;

use super::history::{Change, Transaction};
use super::text_editor::TextEditor;
use super::{App, Effect, Mode, SectionView};
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;

impl App {
    /// Shows section `s`, folding any text being edited into the report first.
    pub(super) fn enter_section(&mut self, s: usize) {
        self.commit_text();
        if let (Some(editor), SectionView::Text { caret }) =
            (&self.text, &mut self.views[self.section])
        {
            *caret = editor.caret_offset();
        }
        if self.mode == Mode::TextEdit {
            self.mode = Mode::Normal;
        }
        self.section = s;
        self.text = self.report.template.sections[s]
            .is_text()
            .then(|| TextEditor::new(&self.report.texts[s]));
        self.restore_view(self.views[s]);
    }

    /// Shows the current section as `view` says: its caret, or its cursor scrolled into view.
    pub(super) fn restore_view(&mut self, view: SectionView) {
        self.views[self.section] = view;
        match view {
            SectionView::Text { caret } => self.move_caret_to(caret),
            SectionView::Grid(_) => self.scroll_into_view(),
        }
    }

    pub(super) fn text_motion(&mut self, command: Command) {
        let page = self.layout().text_page();
        let Some(area) = &mut self.text else { return };
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
            Lookup::Command(Command::HowToQuit) => {
                self.say_how_to_quit();
                Vec::new()
            }
            Lookup::Command(Command::Help) => {
                self.mode = Mode::Help { scroll: 0 };
                Vec::new()
            }
            _ => {
                let height = self.layout().screen().body.height;
                if let Some(editor) = &mut self.text {
                    // Every other key is the text area's: typing, and its own shortcuts (Ctrl-U,
                    // Ctrl-K…, named in the keymap for the help), which people expect.
                    if editor.input(key) {
                        self.file.revision += 1;
                        editor.keep_view_filled(height);
                        self.changed();
                    }
                }
                Vec::new()
            }
        }
    }

    /// The text as the editor holds it, if it differs from the report's.
    pub(super) fn edited_text(&self) -> Option<String> {
        let text = self.text.as_ref()?.text();
        (text != self.report.texts[self.section]).then_some(text)
    }

    /// Where the caret is in the section's text, in characters from its start.
    pub fn caret_offset(&self) -> Option<usize> {
        Some(self.text.as_ref()?.caret_offset())
    }

    /// Puts the caret at a character offset of the section's text.
    pub(super) fn move_caret_to(&mut self, offset: usize) {
        if let Some(editor) = &mut self.text {
            editor.move_caret_to(offset);
        }
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
        // Undo and redo go back to where the text starts to differ: what was changed.
        let caret = before
            .chars()
            .zip(after.chars())
            .take_while(|(a, b)| a == b)
            .count();
        self.record(Transaction {
            changes: vec![Change::Text {
                section,
                before,
                after,
            }],
            section,
            view: SectionView::Text { caret },
        });
        self.changed();
    }
}
