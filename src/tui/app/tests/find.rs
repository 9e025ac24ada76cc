//! `/` finds a row, a column or words of a text, from the cursor on.

use super::*;

fn place(a: &App) -> (usize, usize, usize, usize) {
    let c = a.cursor().unwrap();
    (a.section, c.table, c.row, c.column)
}

#[test]
fn slash_finds_a_row_from_anywhere_and_enter_alone_the_next() {
    let mut a = app("shiyan-2024.toml");
    let t = a.report().template.clone();
    let licensing = t.table_by_id(1, "licensing").unwrap();
    let apps = t.table_by_id(2, "applications").unwrap();
    let carried = t.tables[apps]
        .rows
        .iter()
        .position(|r| r.id == "carried")
        .unwrap();
    let forward = t.tables[apps]
        .rows
        .iter()
        .position(|r| r.id == "carry_forward")
        .unwrap();
    a.press("/行政许可<Enter>");
    assert_eq!(
        place(&a),
        (1, licensing, 0, 0),
        "from the overview to 二's row"
    );
    // Spaces and brackets do not matter; the first place after the cursor is taken.
    a.press("/结 转<Enter>");
    assert_eq!(place(&a), (2, apps, carried, 0));
    a.press("/<Enter>");
    assert_eq!(
        place(&a),
        (2, apps, forward, 0),
        "/ Enter alone: the next place"
    );
    // Past the end, from the start again, and said.
    a.press("/<Enter>");
    assert_eq!(place(&a), (2, apps, carried, 0));
    assert!(
        a.message.as_ref().unwrap().text.contains("从头"),
        "{:?}",
        a.message
    );
    // In English too: the next row named so after the cursor, then the column of 四.
    a.press("/Total<Enter>");
    let c = a.cursor().unwrap();
    assert!(t.tables[c.table].rows[c.row].label.en.contains("Total"));
    a.press("/<Enter>");
    let c = a.cursor().unwrap();
    assert_eq!((a.section, c.column), (3, 4), "行政复议 › 总计");
}

#[test]
fn slash_finds_words_of_a_text_and_says_when_there_are_none() {
    let mut a = app("shiyan-2024.toml");
    let text = a.report().texts[4].clone();
    let words: String = text.chars().skip(3).take(4).collect();
    a.press("]]]]");
    a.press(&format!("/{words}<Enter>"));
    assert_eq!(a.section, 4);
    assert_eq!(a.caret_offset(), Some(3), "the caret at the words");
    a.press("/没有这几个字<Enter>");
    assert_eq!(a.section, 4, "nowhere: the cursor stays");
    let m = a.message.as_ref().unwrap();
    assert!(m.error && m.text.contains("未找到“没有这几个字”"), "{m:?}");
    // The line shows what is typed after a slash, not a colon.
    a.press("/行政");
    assert!(a.is_searching());
    a.press("<Esc>:");
    assert!(!a.is_searching());
}

#[test]
fn slash_finds_a_group_of_rows_or_columns_at_its_first() {
    // `/不予公开` found nothing: the words name a group of rows, printed as its heading.
    let mut a = app("shiyan-2024.toml");
    let t = a.report().template.clone();
    let apps = t.table_by_id(2, "applications").unwrap();
    let secret = t.tables[apps]
        .rows
        .iter()
        .position(|r| r.id == "handled.withheld.state_secret")
        .unwrap();
    a.press("/不予公开<Enter>");
    assert_eq!(place(&a), (2, apps, secret, 0), "{:?}", a.message);
    let cases = t.table_by_id(3, "cases").unwrap();
    a.press("/复议后起诉<Enter>");
    let first = t.tables[cases]
        .columns
        .iter()
        .position(|c| c.id.starts_with("after_review"))
        .unwrap();
    assert_eq!(place(&a), (3, cases, 0, first));
}

/// A character no key does anything with, typed while browsing (a letter in a grid, Chinese
/// with the input method still on in a text), says what to do instead of nothing.
#[test]
fn a_character_no_key_takes_says_what_to_do() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    a.press("a");
    let said = a.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        said.starts_with("“a”在这里不起作用：数值直接键入数字"),
        "{said}"
    );
    assert_eq!(*a.mode(), Mode::Normal);
    let mut t = app("shiyan-2024.toml");
    t.press("测");
    let said = t.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.contains("按 Enter 编辑文字"), "{said}");
    assert_eq!(
        t.report().texts,
        app("shiyan-2024.toml").report().texts,
        "nothing typed"
    );
}
