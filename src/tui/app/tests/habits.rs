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

/// `:w FILE` saves under that name, and editing goes on in that file.
#[test]
fn save_as_goes_on_editing_the_new_file() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]5<Enter>");
    let effects = a.press(":w /tmp/copy.toml<Enter>");
    let [
        Effect::Save {
            path,
            text,
            expected,
            ..
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path, &PathBuf::from("/tmp/copy.toml"));
    assert_eq!(
        *expected,
        Some(None),
        "a file already there is not replaced unasked"
    );
    let text = text.clone();
    a.update(Action::Saved {
        result: Ok(text),
        quit_after: false,
    });
    assert_eq!(a.path(), PathBuf::from("/tmp/copy.toml"));
    assert!(!a.is_modified());
    assert!(a.message().unwrap().text.contains("/tmp/copy.toml"));
    a.press("6<Enter>");
    let effects = a.press("<C-s>");
    assert!(
        matches!(&effects[..], [Effect::Save { path, .. }] if path == &PathBuf::from("/tmp/copy.toml"))
    );
}

/// A save under a name already taken asks; "no" keeps the old name for the next save.
#[test]
fn save_as_over_an_existing_file_asks_and_no_keeps_the_name() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]5<Enter>:w /tmp/taken.toml<Enter>");
    a.update(Action::SaveConflict {
        quit_after: false,
        doubts: vec![crate::store::guard::Doubt::Exists],
    });
    assert!(matches!(a.mode(), Mode::ConfirmOverwrite { .. }));
    assert!(a.press("n").is_empty());
    let effects = a.press("<C-s>");
    assert!(
        matches!(&effects[..], [Effect::Save { path, .. }] if path == &PathBuf::from("/tmp/shiyan-2024.toml")),
        "{effects:?}"
    );
}

/// `:e FILE` opens another report; with unsaved changes it asks first: save, give up, or stay.
#[test]
fn edit_another_file_asks_about_unsaved_changes() {
    let other = PathBuf::from("/tmp/other.toml");
    let mut a = app("shiyan-2024.toml");
    assert_eq!(
        a.press(":e /tmp/other.toml<Enter>"),
        vec![Effect::Open {
            path: other.clone()
        }],
        "nothing unsaved: it opens"
    );
    a.press("]]5<Enter>");
    assert!(a.press(":e /tmp/other.toml<Enter>").is_empty());
    assert_eq!(
        *a.mode(),
        Mode::ConfirmOpen {
            path: other.clone()
        }
    );
    assert!(a.press("<Esc>").is_empty(), "stay");
    assert_eq!(*a.mode(), Mode::Normal);
    assert!(a.is_modified());
    a.press(":e /tmp/other.toml<Enter>");
    assert_eq!(
        a.press("n"),
        vec![Effect::Open {
            path: other.clone()
        }]
    );
    a.press(":e /tmp/other.toml<Enter>");
    let effects = a.press("y");
    let [Effect::Save { text, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    let text = text.clone();
    assert_eq!(
        a.update(Action::Saved {
            result: Ok(text),
            quit_after: false
        }),
        vec![Effect::Open {
            path: other.clone()
        }],
        "saved, then opened"
    );
    assert_eq!(
        a.press(":e! /tmp/other.toml<Enter>"),
        vec![Effect::Open { path: other }]
    );
}
