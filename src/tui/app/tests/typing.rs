//! Keys pressed while a value is being typed: each commits the value and then acts, or keeps it
//! and says why; none throws the digits away without a word.

use super::*;

fn at(a: &App) -> GridCursor {
    a.cursor().unwrap()
}

fn value_at(a: &App, c: GridCursor) -> Option<i64> {
    a.report.cell(c.table, c.row, c.column)
}

fn message(a: &App) -> String {
    a.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// → ← Home End PgDn PgUp after digits typed from browsing commit them and move once, as ↓ ↑ do
/// and as a spreadsheet does; the digits are not a count.
#[test]
fn arrows_home_end_and_page_keys_commit_the_value_then_move_once() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]<Home>");
    let start = at(&a);
    a.press("5<Right>");
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(value_at(&a, start), Some(5));
    let right = at(&a);
    assert_eq!((right.row, right.column), (start.row, start.column + 1));
    a.press("3<Right>");
    assert_eq!(value_at(&a, right), Some(3));
    assert_eq!(at(&a).column, start.column + 2);
    a.press("9<Left>");
    assert_eq!(
        value_at(
            &a,
            GridCursor {
                column: start.column + 2,
                ..start
            }
        ),
        Some(9)
    );
    assert_eq!(at(&a).column, start.column + 1);
    a.press("4<End>");
    assert_eq!(value_at(&a, right), Some(4));
    assert_eq!(at(&a).column, 6, "End: the row's last column");
    a.press("<Left>8<Home>");
    assert_eq!(value_at(&a, GridCursor { column: 5, ..start }), Some(8));
    assert_eq!(at(&a).column, 0);
    a.press("2<PageDown>");
    assert_eq!(value_at(&a, start), Some(2));
    let down = at(&a);
    assert!(
        down.row > start.row + 1 || down.table != start.table,
        "a page down"
    );
    a.press("6<PageUp>");
    assert_eq!(value_at(&a, down), Some(6));
    assert_eq!(at(&a), start);
}

/// A letter motion after digits is a vim count, and the status line says the digits were one.
#[test]
fn a_count_before_a_letter_motion_says_so() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    let start = at(&a);
    a.press("3j");
    assert_eq!(at(&a).row, start.row + 3);
    assert!(!a.is_modified());
    assert_eq!(message(&a), "3 作为移动次数，未填入单元格");
}

/// A key that neither types nor finishes a value keeps it, and says how to finish it.
#[test]
fn a_key_that_means_nothing_while_typing_keeps_the_value_and_says_why() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]<Home>");
    let start = at(&a);
    for key in ["<F1>", "<C-z>", "<Del>", "<F2>"] {
        a.press("4");
        a.press(key);
        assert_eq!(*a.mode(), Mode::CellEdit { buffer: "4".into() }, "{key}");
        assert_eq!(message(&a), "正在输入数值：Enter 确认，Esc 取消", "{key}");
        a.press("<Esc>");
    }
    assert_eq!(at(&a), start);
    assert!(!a.is_modified());
}

/// Ctrl-S while typing commits the value, then saves; a value that is not one stays, with why.
#[test]
fn ctrl_s_while_typing_commits_then_saves() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]<Home>");
    let start = at(&a);
    let effects = a.press("42<C-s>");
    assert_eq!(*a.mode(), Mode::Normal);
    assert_eq!(value_at(&a, start), Some(42));
    assert_eq!(at(&a), start, "the cursor stays");
    let [Effect::Save { text, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert!(text.contains("[42, 9, 0"), "the value typed is saved");
    // Not a value: nothing saved, typing goes on with the reason.
    let effects = a.press("<Right>4x<C-s>");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        *a.mode(),
        Mode::CellEdit {
            buffer: "4x".into()
        }
    );
    assert!(a.message().unwrap().error);
}

/// Ctrl-Q while typing commits the value, then quits as from browsing: asking first, since the
/// value is an unsaved change.
#[test]
fn ctrl_q_while_typing_commits_then_asks_before_quitting() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]<Home>");
    let start = at(&a);
    assert!(a.press("42<C-q>").is_empty());
    assert_eq!(value_at(&a, start), Some(42));
    assert_eq!(*a.mode(), Mode::ConfirmQuit);
    // The value typed as before is the same: nothing to save, so it quits.
    let mut b = app("shiyan-2024.toml");
    b.press("]]<Home>");
    let same = value_at(&b, start).unwrap().to_string();
    assert_eq!(b.press(&format!("{same}<C-q>")), vec![Effect::Quit]);
}

/// `o` right after a typed total was not kept overrides that total with the value typed, though
/// the cursor moved on; after any other key, `o` is about the cell under the cursor again.
#[test]
fn o_right_after_a_typed_total_overrides_it_with_the_value_typed() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]$");
    let total = at(&a);
    a.press("78<Tab>");
    assert_eq!(message(&a), "你输入 78，各项相加为 77；o 改写合计");
    assert_ne!(at(&a), total, "the cursor moved on");
    a.press("o");
    assert_eq!(at(&a), total);
    assert!(a.is_overriding());
    assert_eq!(
        *a.mode(),
        Mode::CellEdit {
            buffer: "78".into()
        }
    );
    a.press("<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    assert_eq!(message(&a), "已改写合计为 78（各项相加为 77）");
    // Another key in between: the offer is gone.
    a.press("ugg$j");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    a.press("6<Tab>");
    assert_eq!(message(&a), "你输入 6，各项相加为 5；o 改写合计");
    a.press("<Right>o");
    assert!(!a.is_overriding());
    assert!(message(&a).contains("不是合计"), "{}", message(&a));
    assert_eq!(cell(&a, "applications", "carried", "total"), Some(5));
}

/// An input method left in full-width mode types `１２．５`: on the grid these are the digits and
/// the decimal point, both to start a value and while typing it; pasted, they are too.
#[test]
fn full_width_digits_and_marks_type_a_value() {
    let mut a = app("shiyan-2024.toml");
    a.press("]G");
    a.press("１２．５<Enter>");
    assert_eq!(cell(&a, "fees", "fees", "amount"), Some(125_000));
    // Nothing converted to say: only that this is the section's last cell.
    assert_eq!(message(&a), "已是本部分最后一格：再输入会改写它");
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    a.press("１，２３４<Enter>");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(1234));
    a.press("k");
    a.update(Action::Paste("３５６\t１，２８６".into()));
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(356));
    assert_eq!(cell(&a, "applications", "new", "commercial"), Some(1286));
    // In a text, what is typed is kept: a full-width digit is part of the sentence.
    let mut a = app("shiyan-2024.toml");
    a.press("i");
    a.press("１２");
    assert!(a.text_editor().unwrap().text().starts_with("１２"));
}
