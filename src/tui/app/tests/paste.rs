//! Pastes as terminals send them: spreadsheet rows with tabs, CR or CR LF line endings.

use super::*;

fn applications_row(a: &App, row: &str) -> Vec<Option<i64>> {
    [
        "natural",
        "commercial",
        "research",
        "charity",
        "legal",
        "other",
        "total",
    ]
    .iter()
    .map(|c| cell(a, "applications", row, c))
    .collect()
}

#[test]
fn empty_fields_between_tabs_keep_their_column() {
    let mut a = empty_app();
    a.press("]]");
    a.update(Action::Paste("258\t12\t\t\t1\t1".into()));
    assert_eq!(
        applications_row(&a, "new"),
        [Some(258), Some(12), None, None, Some(1), Some(1), Some(272)]
    );
    // Over values already there, an empty field empties its cell, as a spreadsheet's paste does.
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    a.update(Action::Paste("1\t\t2\r\n".into()));
    assert_eq!(applications_row(&a, "new")[..3], [Some(1), None, Some(2)]);
}

#[test]
fn cr_and_crlf_end_rows() {
    for text in [
        "1\t2\r3\t4\r5\t6\r",
        "1\t2\r\n3\t4\r\n5\t6\r\n",
        "1\t2\n3\t4\n5\t6",
    ] {
        let mut a = empty_app();
        a.press("]]");
        a.update(Action::Paste(text.into()));
        assert!(a.message().is_none(), "{text:?}: {:?}", a.message());
        for (row, first) in [("new", 1), ("carried", 3), ("handled.granted", 5)] {
            assert_eq!(
                cell(&a, "applications", row, "natural"),
                Some(first),
                "{text:?}"
            );
            assert_eq!(
                cell(&a, "applications", row, "commercial"),
                Some(first + 1),
                "{text:?}"
            );
        }
    }
}

#[test]
fn a_pasted_total_is_checked_and_a_bad_field_named() {
    let mut a = empty_app();
    a.press("]]");
    a.update(Action::Paste(
        "62\t9\t0\t1\t3\t2\t78\r4\t1\t0\t0\t0\t0\t5\r".into(),
    ));
    // A total unlike its parts is kept as pasted, overriding its sum: the difference stays as
    // the error it is, in the grid and the list of problems, instead of said once and gone.
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    assert_eq!(cell(&a, "applications", "carried", "total"), Some(5));
    let m = a.message().unwrap();
    assert!(m.error);
    assert_eq!(
        m.text,
        "已保留粘贴的合计 78（各项相加为 77，合计有误或某项有误）：一、本年新收政府信息公开申请数量 × 总计"
    );
    let (t, table) = applications(&a);
    assert!(crate::rules::is_overridden(
        table,
        &a.report.tables[t],
        table.cell_index(0, 6)
    ));
    assert!(errors(&a) > 0);
    // One undo takes the whole paste back, the total with it.
    a.press("u");
    assert_eq!(cell(&a, "applications", "new", "total"), None);
    assert_eq!(cell(&a, "applications", "new", "natural"), None);
    // A total pasted without its row's parts is checked only, as a typed one is.
    a.update(Action::Paste("62\t9\t0\t1\t3\t2".into()));
    a.press("$");
    a.update(Action::Paste("78".into()));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    assert_eq!(
        a.message().unwrap().text,
        "粘贴 78，各项相加为 77：一、本年新收政府信息公开申请数量 × 总计"
    );
    // A field that is no value: nothing pasted, and where it is said.
    let mut a = empty_app();
    a.press("]]");
    a.update(Action::Paste("1\t2\r3\tx3\r".into()));
    assert_eq!(cell(&a, "applications", "new", "natural"), None);
    assert!(!a.is_modified());
    assert!(
        a.message().unwrap().text == "未粘贴：第 2 行“x3”不是件数",
        "{:?}",
        a.message()
    );
    // A paste that goes well clears what was said before.
    a.update(Action::Paste("1\t2".into()));
    assert!(a.message().is_none());
    a.press("u");
    // What does not fit is said too.
    a.press("$");
    a.update(Action::Paste("1\t2\t3".into()));
    assert_eq!(
        a.message().unwrap().text,
        "2 个数值超出表格，未粘贴；\
         粘贴 1，各项相加为 空（各项都还没有填写）：一、本年新收政府信息公开申请数量 × 总计"
    );
}

#[test]
fn a_block_pasted_while_typing_starts_at_the_cell() {
    let mut a = empty_app();
    a.press("]]9");
    a.update(Action::Paste("5".into()));
    assert_eq!(
        a.mode,
        Mode::CellEdit {
            buffer: "95".into()
        }
    );
    a.press("<Esc>");
    a.press("7");
    a.update(Action::Paste("5\t6\r\n".into()));
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(5));
    assert_eq!(cell(&a, "applications", "new", "commercial"), Some(6));
}

/// A text pasted with CR line endings: lines, never a CR in the file, and saved means saved.
#[test]
fn a_text_pasted_with_cr_saves_clean_and_is_no_longer_modified() {
    let mut a = app("shiyan-2024.toml");
    a.press("<End>");
    a.press("i");
    a.update(Action::Paste("第一行\r第二行\r\n第三行\r".into()));
    assert!(a.is_modified());
    let effects = a.press("<C-s>");
    let [Effect::Save { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(!text.contains('\r') && !text.contains("u000D"), "{text}");
    assert!(text.contains("第一行\n第二行\n第三行\n"), "{text}");
    let text = text.clone();
    a.update(Action::Saved {
        result: Ok(text),
        quit_after: false,
    });
    assert!(!a.is_modified());
    a.press("<Esc>");
    assert!(!a.is_modified());
    assert_eq!(a.press(":q<Enter>"), vec![Effect::Quit], "no question");
    // Pasted on a text being read, the caret not moved into it: at the end, and said; it went
    // in before the text's first word.
    let mut a = app("shiyan-2024.toml");
    a.update(Action::Paste("补充一句话。".into()));
    assert_eq!(a.mode, Mode::TextEdit);
    let text = a.text_editor().unwrap().text();
    assert!(text.starts_with("2024年"), "{text}");
    assert!(text.trim_end().ends_with("补充一句话。"), "{text}");
    assert!(
        a.message()
            .unwrap()
            .text
            .starts_with("已粘贴到本节文字末尾")
    );
    // Once the reader moved the caret into it, at the caret, as while editing.
    let mut a = app("shiyan-2024.toml");
    a.press("jj");
    a.update(Action::Paste("插入".into()));
    let text = a.text_editor().unwrap().text();
    assert!(
        text.starts_with("2024年") && text.contains("插入"),
        "{text}"
    );
    assert!(!text.trim_end().ends_with("插入"), "{text}");
}

/// Published tables print counts with thousands separators: `1,286` is one number, in a line of
/// its own or among others parted by spaces, while commas between small numbers still part them.
#[test]
fn a_number_with_thousands_separators_is_one_value() {
    let mut a = empty_app();
    a.press("]jj");
    a.update(Action::Paste("1,286\r".into()));
    assert_eq!(cell(&a, "licensing", "licensing", "decisions"), Some(1286));
    assert!(a.message().is_none(), "{:?}", a.message());

    let mut a = empty_app();
    a.press("]]j");
    a.update(Action::Paste("1,286 9 0 1 3 2".into()));
    assert_eq!(
        applications_row(&a, "carried"),
        [
            Some(1286),
            Some(9),
            Some(0),
            Some(1),
            Some(3),
            Some(2),
            Some(1301)
        ]
    );
    let mut a = empty_app();
    a.press("]]");
    a.update(Action::Paste("1,2,3".into()));
    assert_eq!(
        applications_row(&a, "new")[..3],
        [Some(1), Some(2), Some(3)]
    );
    let mut a = empty_app();
    a.press("]]");
    a.update(Action::Paste("12, 5, 1,045".into()));
    assert_eq!(
        applications_row(&a, "new")[..3],
        [Some(12), Some(5), Some(1045)]
    );
}

/// A spreadsheet's copy of a whole table has its heading rows (三、本年度办理结果 …) as blank
/// lines: more lines than the rows below the cursor. Pasted, every line after a heading would go
/// in the row above its own, and the last fall off: nothing is pasted, and the message says why.
#[test]
fn more_lines_than_rows_below_pastes_nothing() {
    let mut a = empty_app();
    a.press("]]");
    let rows = a.report.template.tables[a.cursor().unwrap().table]
        .rows
        .len();
    let mut copied: Vec<String> = (1..=rows).map(|n| format!("{n}\t0\t0\t0\t0\t0")).collect();
    copied.insert(2, String::new());
    a.update(Action::Paste(copied.join("\r")));
    assert!(!a.is_modified(), "nothing pasted");
    assert_eq!(cell(&a, "applications", "new", "natural"), None);
    let m = a.message().unwrap();
    assert!(m.error);
    assert_eq!(
        m.text,
        format!("未粘贴：{} 行，此处往下只有 {rows} 行", rows + 1)
    );
    // From a row further down, the rows from there are what count.
    a.press("G");
    a.update(Action::Paste("1\r2".into()));
    assert!(!a.is_modified());
    assert_eq!(a.message().unwrap().text, "未粘贴：2 行，此处往下只有 1 行");
    // As many lines as rows, trailing blank lines aside, go in (from (七) 总计, a blank line
    // over it).
    a.press("k");
    a.update(Action::Paste("\r2\r\t\t\r\r".into()));
    assert!(a.message().is_none(), "{:?}", a.message());
    assert_eq!(
        cell(&a, "applications", "carry_forward", "natural"),
        Some(2)
    );
    // In English too.
    a.press("u:lang en<Enter>G");
    a.update(Action::Paste("1\r2".into()));
    assert_eq!(
        a.message().unwrap().text,
        "not pasted: 2 lines, rows from here: 1"
    );
}

/// A value pasted on an overridden total is checked as one typed there is: it never replaces the
/// override unseen. The sum of its parts gives the total its sum back, in the one edit of the paste.
#[test]
fn a_value_pasted_on_an_overridden_total_checks_it() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]$:override 78<Enter>");
    // Neither its sum nor its value: said, the override kept, the parts pasted.
    a.press("^");
    a.update(Action::Paste("62\t9\t0\t1\t3\t2\t80".into()));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    let m = a.message().unwrap();
    assert!(m.error);
    assert_eq!(
        m.text,
        "粘贴 80，合计仍为 78：一、本年新收政府信息公开申请数量 × 总计"
    );
    // Its own value: nothing to say.
    a.update(Action::Paste("62\t9\t0\t1\t3\t2\t78".into()));
    assert!(a.message().is_none(), "{:?}", a.message());
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    // The sum of its parts as pasted: its sum back, and one undo takes the paste back.
    a.update(Action::Paste("63\t9\t0\t1\t3\t2\t78".into()));
    assert!(a.message().is_none(), "{:?}", a.message());
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(63));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    a.press("gg^1<Enter>");
    assert_eq!(
        cell(&a, "applications", "new", "total"),
        Some(16),
        "a sum again"
    );
    a.press("uu");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(62));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    // Its parts' sum, unlike the value held: its sum back, one undo the override back.
    a.update(Action::Paste("62\t9\t0\t1\t3\t2\t77".into()));
    assert!(a.message().is_none(), "{:?}", a.message());
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    a.press("gg^1<Enter>");
    assert_eq!(
        cell(&a, "applications", "new", "total"),
        Some(16),
        "a sum again"
    );
    a.press("uu");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    // In English too.
    a.press(":lang en<Enter>");
    a.update(Action::Paste("62\t9\t0\t1\t3\t2\t80".into()));
    assert_eq!(
        a.message().unwrap().text,
        "pasted 80, total stays 78: 1. New requests this year × Total"
    );
}
