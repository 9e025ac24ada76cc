//! Habits people bring from vim and other terminal programs.

use super::*;

/// `3j`, `5l`: in a grid the digits start typing a value, and a motion key after them makes them
/// a count; a value typed and committed is still a value.
#[test]
fn counts_repeat_motions_in_a_grid() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    let start = a.cursor().unwrap();
    a.press("3j");
    assert_eq!(a.cursor().unwrap().row, start.row + 3);
    assert_eq!(*a.mode(), Mode::Normal);
    a.press("5l");
    assert_eq!(a.cursor().unwrap().column, 5);
    a.press("2h");
    assert_eq!(a.cursor().unwrap().column, 3);
    a.press("12k");
    assert_eq!(a.cursor().unwrap().row, 0, "a count stops at the edge");
    assert!(!a.is_modified(), "counts changed nothing");
    // A value is still typed and committed as before.
    a.press("7<Enter>");
    assert_eq!(cell(&a, "applications", "new", "charity"), Some(7));
    // Editing the current value (Enter) and then a letter is not a count.
    a.press("k<Enter>j");
    assert!(matches!(a.mode(), Mode::CellEdit { .. }));
}

#[test]
fn counts_repeat_motions_in_a_text() {
    let mut a = app("shiyan-2024.toml");
    a.press("4j");
    assert_eq!(a.text_editor().unwrap().cursor_row(), 4);
    a.press("10k");
    assert_eq!(a.text_editor().unwrap().cursor_row(), 0);
    assert!(!a.is_modified());
}

/// Ctrl-C, which ends most programs, says how this one ends, and ends nothing.
#[test]
fn ctrl_c_says_how_to_quit() {
    let mut a = app("shiyan-2024.toml");
    for keys in ["<C-c>", "i<C-c>"] {
        let effects = a.press(keys);
        assert!(effects.is_empty(), "{keys}");
        let text = &a.message().unwrap().text;
        assert!(text.contains("Ctrl-Q") && text.contains(":q"), "{text}");
    }
    assert_eq!(*a.mode(), Mode::TextEdit, "typing goes on");
    a.press("<Esc>");
    assert!(!a.is_modified());
}
