//! A text section: its text wrapped to the screen, and the terminal cursor on the caret while
//! editing, so an input method's candidate window opens in the right place.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::tui::app::{App, Mode};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(editor) = &app.text else { return };
    let text = editor.area();
    frame.render_widget(text, area);
    if app.mode == Mode::TextEdit {
        let cursor = text.screen_cursor();
        let (top, left) = text.scroll_offset();
        let row = (cursor.row as u16).saturating_sub(top);
        let col = (cursor.col as u16).saturating_sub(left);
        if row < area.height && col < area.width {
            frame.set_cursor_position(Position::new(area.x + col, area.y + row));
        }
    }
}
