//! Moving and typing: values, totals, motion, problems, pasting, clicks, help.

use super::*;

#[test]
fn typing_a_component_updates_its_totals_and_undo_restores_them() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]jj");
    assert_eq!(a.section, 2);
    assert_eq!(
        (a.cursor().unwrap().row, a.cursor().unwrap().column),
        (2, 0)
    );
    a.press("25<Enter>");
    assert_eq!(
        cell(&a, "applications", "handled.granted", "natural"),
        Some(25)
    );
    assert_eq!(
        cell(&a, "applications", "handled.granted", "total"),
        Some(30)
    );
    assert_eq!(
        cell(&a, "applications", "handled.total", "natural"),
        Some(66)
    );
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(79));
    assert_eq!(a.cursor().unwrap().row, 3, "Enter commits and moves down");
    assert!(a.is_modified());
    assert_eq!(errors(&a), 2, "the balance of 自然人 and 总计 is now off");
    a.press("u");
    assert_eq!(
        cell(&a, "applications", "handled.granted", "natural"),
        Some(21)
    );
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(75));
    assert_eq!(errors(&a), 0);
    assert!(!a.is_modified());
    assert_eq!(
        a.cursor().unwrap().row,
        2,
        "undo goes back to where the edit was"
    );
    a.press("<C-r>");
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(79));
}

#[test]
fn a_bad_value_is_refused_with_a_reason_and_the_edit_goes_on() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    a.press("1.5<Enter>");
    assert!(matches!(a.mode, Mode::CellEdit { .. }));
    assert!(a.message.as_ref().unwrap().error);
    assert!(a.message.as_ref().unwrap().text.contains("必须是整数"));
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(62));
    a.press("<BS><BS><Enter>");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(1));
    a.press("<Up>9<Esc>");
    assert_eq!(
        cell(&a, "applications", "new", "natural"),
        Some(1),
        "Esc cancels"
    );
    a.press("<Enter><BS>7<Enter>");
    assert_eq!(
        cell(&a, "applications", "new", "natural"),
        Some(7),
        "Enter edits the current value"
    );
}

#[test]
fn delete_makes_a_cell_empty_again() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]<Del>");
    assert_eq!(cell(&a, "applications", "new", "natural"), None);
    assert_eq!(
        cell(&a, "applications", "new", "total"),
        Some(15),
        "empty counts as 0 in the total"
    );
    a.press("lx");
    assert_eq!(cell(&a, "applications", "new", "commercial"), None);
}

#[test]
fn money_cells_take_decimals() {
    let mut a = app("shiyan-2024.toml");
    a.press("]G");
    assert_eq!(a.cursor().unwrap().table, 3);
    a.press("0.092<Enter>");
    assert_eq!(cell(&a, "fees", "fees", "amount"), Some(920));
    a.press("1.23456<Enter>");
    assert!(a.message.as_ref().unwrap().text.contains("最多 4 位小数"));
}

#[test]
fn motion_crosses_tables_and_sections() {
    let mut a = app("shiyan-2024.toml");
    a.press("]");
    assert_eq!(a.cursor().unwrap().table, 0);
    a.press("jj");
    assert_eq!(
        (a.cursor().unwrap().table, a.cursor().unwrap().row),
        (1, 0),
        "down from the last row enters the next table"
    );
    a.press("k");
    assert_eq!((a.cursor().unwrap().table, a.cursor().unwrap().row), (0, 1));
    a.press("ll$");
    assert_eq!(a.cursor().unwrap().column, 2);
    a.press("^");
    assert_eq!(a.cursor().unwrap().column, 0);
    a.press("[[");
    assert_eq!(a.section, 5, "sections wrap around");
    a.press("<C-PageDown>");
    assert_eq!(a.section, 0);
    a.press("]]]<End>");
    assert_eq!(a.cursor().unwrap().column, 14);
    assert_eq!(
        a.grid_view().unwrap().left,
        0,
        "at 80×24 the wide table stands stacked: nothing scrolls"
    );
    a.update(Action::Resize {
        width: 80,
        height: 16,
    });
    a.press("<Home><End>");
    assert!(
        a.grid_view().unwrap().left > 0,
        "too low to stack, the wide table scrolled right"
    );
    a.press("<Home>");
    assert_eq!(a.grid_view().unwrap().left, 0);
}

#[test]
fn n_jumps_to_each_broken_rule_in_any_section() {
    let mut a = app("broken-2024.toml");
    a.press("n");
    assert_eq!(
        (
            a.section,
            a.cursor().unwrap().row,
            a.cursor().unwrap().column
        ),
        (2, 0, 0),
        "balance of 自然人"
    );
    let mut seen = vec![(a.section, a.cursor())];
    for _ in 0..12 {
        a.press("n");
        seen.push((a.section, a.cursor()));
    }
    assert!(seen.iter().any(|(s, _)| *s == 3), "reaches table 四");
    // The sentence 「上年结转5件」 of 一 is a problem of the cell table 三 holds: 二、上年结转 × 总计.
    let t = a.report.template.table_by_id(2, "applications").unwrap();
    let carried = a.report.template.tables[t]
        .rows
        .iter()
        .position(|r| r.id == "carried")
        .unwrap();
    let cell = GridCursor {
        table: t,
        row: carried,
        column: 6,
    };
    assert!(seen.contains(&(2, Some(cell))), "{seen:?}");
    a.press("N");
    assert!(a.message.as_ref().unwrap().text.starts_with("问题 "));
}

#[test]
fn zero_fills_empty_cells_so_only_non_zero_ones_need_typing() {
    let mut a = empty_app();
    a.press("]]z");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(0));
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(0));
    assert_eq!(
        cell(&a, "cases", "cases", "review.upheld"),
        None,
        "only this table"
    );
    assert!(a.message.as_ref().unwrap().text.contains("144 个空单元格"));
    a.press("Z");
    assert_eq!(a.report.empty_cells(), 0);
    a.press("u");
    assert_eq!(cell(&a, "cases", "cases", "review.upheld"), None);
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(0));
}

#[test]
fn text_sections_are_edited_and_undone_as_one_change() {
    let mut a = app("shiyan-2024.toml");
    assert!(a.is_text_section());
    a.press("i");
    assert_eq!(a.mode, Mode::TextEdit);
    a.press("新增一句。<Esc>");
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.report.texts[0].starts_with("新增一句。2024年"));
    assert!(a.is_modified());
    a.press("]");
    a.press("[");
    assert!(a.report.texts[0].starts_with("新增一句。"));
    a.press("u");
    assert!(a.report.texts[0].starts_with("2024年"));
    assert!(!a.is_modified());
    // Keys that are commands elsewhere are text while editing.
    a.press("i]n:q<Esc>");
    assert!(a.report.texts[0].starts_with("]n:q2024年"));
    assert_eq!(a.section, 0);
}

#[test]
fn pasted_numbers_fill_right_and_down() {
    let mut a = empty_app();
    a.press("]]");
    a.update(Action::Paste("1\t2\t3\n4 5 6\n".into()));
    assert_eq!(cell(&a, "applications", "new", "research"), Some(3));
    assert_eq!(cell(&a, "applications", "carried", "natural"), Some(4));
    assert_eq!(cell(&a, "applications", "carried", "total"), Some(15));
    a.update(Action::Paste("x".into()));
    assert!(a.message.as_ref().unwrap().error);
    a.press("u");
    assert_eq!(
        cell(&a, "applications", "new", "natural"),
        None,
        "a paste is one undo step"
    );
}

#[test]
fn clicks_select_sections_and_cells() {
    let mut a = app("shiyan-2024.toml");
    a.update(Action::Click { x: 2, y: 2 });
    assert_eq!(a.section, 2);
    let grid = a.section_grid().unwrap();
    let geom = grid.geom(a.cursor().unwrap().table);
    let screen = a.layout().screen();
    let x = screen.body.x + geom.column_x(3).unwrap() + 1;
    // Rows 一, 二, the group 三、本年度办理结果, rows (一), (二), the group (三) 不予公开, then row 4.
    let y = screen.body.y + geom.header_height() as u16 + 6;
    a.update(Action::Click { x, y });
    assert_eq!(
        (a.cursor().unwrap().row, a.cursor().unwrap().column),
        (4, 3)
    );
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = app("shiyan-2024.toml");
    a.press("?");
    assert_eq!(a.mode, Mode::Help { scroll: 0 });
    a.press("jjj");
    assert_eq!(a.mode, Mode::Help { scroll: 3 });
    a.press("G");
    let Mode::Help { scroll } = a.mode else {
        panic!()
    };
    assert!(scroll > 10);
    a.press("<Esc>");
    assert_eq!(a.mode, Mode::Normal);
    a.press("<F1>q");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn commands_switch_language_and_report_unknown_ones() {
    let mut a = app("shiyan-2024.toml");
    a.press(":lang en<Enter>");
    assert_eq!(a.lang, Lang::En);
    a.press(":frobnicate<Enter>");
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("unknown command :frobnicate")
    );
    a.press(":<BS>");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn fill_recomputes_derived_totals() {
    let mut a = app("broken-2024.toml");
    let before = errors(&a);
    a.press(":fill<Enter>");
    assert!(errors(&a) < before);
    assert_eq!(cell(&a, "cases", "cases", "review.total"), Some(5));
    a.press("u");
    assert_eq!(errors(&a), before, ":fill is one undo step");
}

/// A text section has no grid cursor, and keeps its caret while another section is shown.
#[test]
fn each_section_keeps_how_it_was_shown() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(a.cursor(), None, "a text section has no grid cursor");
    a.press("jjj");
    let caret = a.caret_offset().unwrap();
    assert!(caret > 0);
    a.press("]]jjl");
    assert_eq!(a.cursor().map(|c| (c.row, c.column)), Some((2, 1)));
    a.press("[[");
    assert_eq!(a.caret_offset(), Some(caret), "the caret is where it was");
    a.press("]]");
    assert_eq!(a.cursor().map(|c| (c.row, c.column)), Some((2, 1)));
}

/// What follows from the report is brought up to date by every update, whatever changed it.
#[test]
fn findings_follow_every_change_at_once() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(errors(&a), 0);
    a.press("]]jj25<Enter>");
    assert_eq!(errors(&a), 2);
    a.press("u");
    assert_eq!(errors(&a), 0);
    a.press("<C-y>");
    assert_eq!(errors(&a), 2);
    assert_eq!(
        a.cursor().map(|c| c.row),
        Some(2),
        "redo goes back to the edit"
    );
    a.update(Action::Paste("21".into()));
    assert_eq!(errors(&a), 0);
}

/// Money typed with its unit is converted to the column's 万元, and the clerk is told; the status
/// line shows the unit.
#[test]
fn money_typed_with_a_unit_is_converted_and_said() {
    let mut a = app("shiyan-2020.toml");
    a.press("]G$");
    let c = a.cursor().unwrap();
    assert_eq!(a.report.template.tables[c.table].id, "procurement");
    a.press("251000元<Enter>");
    assert_eq!(
        cell(&a, "procurement", "procurement", "amount"),
        Some(251_000)
    );
    assert_eq!(
        a.message().unwrap().text,
        "251000元 已换算为 25.1000万元（本列单位为万元）"
    );
    a.press("25.2万元<Enter>");
    assert_eq!(
        cell(&a, "procurement", "procurement", "amount"),
        Some(252_000)
    );
    a.press("1.5元<Enter>");
    assert!(a.message().unwrap().error, "less than a yuan is refused");
    assert_eq!(
        cell(&a, "procurement", "procurement", "amount"),
        Some(252_000)
    );
}

/// An amount typed with the yuan sign in front (`￥300`, as a receipt prints it) is 300 yuan,
/// converted and said; the sign began no entry and 300 became 300万元.
#[test]
fn money_typed_with_the_yuan_sign_is_yuan() {
    for sign in ["￥", "¥"] {
        let mut a = app("shiyan-2020.toml");
        a.press("]G$");
        a.press(&format!("{sign}300<Enter>"));
        assert_eq!(
            cell(&a, "procurement", "procurement", "amount"),
            Some(300),
            "{sign}"
        );
        assert!(a.message().unwrap().text.contains("0.0300万元"), "{sign}");
    }
}

/// `:zero` fills this table's empty cells and `:zero all` every table's, as `z` and `Z` do:
/// values already typed stay, totals follow, and one `u` undoes each.
#[test]
fn the_zero_command_fills_this_table_or_every_table() {
    let mut a = empty_app();
    a.press("]]7<Enter>");
    a.press(":zero<Enter>");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(7));
    assert_eq!(cell(&a, "applications", "new", "commercial"), Some(0));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(7));
    assert_eq!(cell(&a, "cases", "cases", "review.upheld"), None);
    assert!(a.message.as_ref().unwrap().text.contains("143 个空单元格"));
    a.press(":zero all<Enter>");
    assert_eq!(a.report.empty_cells(), 0);
    assert_eq!(cell(&a, "cases", "cases", "review.upheld"), Some(0));
    a.press("u");
    assert_eq!(cell(&a, "cases", "cases", "review.upheld"), None);
    assert_eq!(cell(&a, "applications", "new", "commercial"), Some(0));
    a.press("u");
    assert_eq!(cell(&a, "applications", "new", "commercial"), None);
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(7));
    a.press(":zero everything<Enter>");
    let said = &a.message.as_ref().unwrap();
    assert!(
        said.error && said.text.contains(":zero [all]"),
        "{}",
        said.text
    );
    assert_eq!(cell(&a, "applications", "new", "commercial"), None);
}

/// F2 edits the value already in the cell, as in a spreadsheet, where typing a digit replaces
/// it; Esc leaves it as it was.
#[test]
fn f2_edits_the_value_in_the_cell() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]<F2>");
    assert_eq!(
        a.mode,
        Mode::CellEdit {
            buffer: "62".into()
        }
    );
    a.press("<BS>5<Enter>");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(65));
    a.press("k<F2>9<Esc>");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(65));
    a.press("<F2>9<Enter>");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(659));
    // Money keeps its four decimals: 18.8710 and a 5 typed after them is too many.
    a.press("[G<F2>");
    assert_eq!(
        a.mode,
        Mode::CellEdit {
            buffer: "18.8710".into()
        }
    );
    a.press("<BS><BS>5<Enter>");
    assert_eq!(cell(&a, "fees", "fees", "amount"), Some(188750));
}

/// Ctrl-Z and Ctrl-Y undo and redo, as `u` and Ctrl-R do, for cells and texts alike.
#[test]
fn ctrl_z_undoes_and_ctrl_y_redoes() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]jj25<Enter>");
    a.press("<C-z>");
    assert_eq!(
        cell(&a, "applications", "handled.granted", "natural"),
        Some(21)
    );
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(75));
    assert!(!a.is_modified());
    a.press("<C-y>");
    assert_eq!(
        cell(&a, "applications", "handled.granted", "natural"),
        Some(25)
    );
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(79));
    a.press("gg[[i新<Esc>");
    assert!(a.report.texts[0].starts_with("新2024年"));
    a.press("<C-z><C-z>");
    assert!(a.report.texts[0].starts_with("2024年"));
    assert!(!a.is_modified());
    a.press("<C-y>");
    assert!(a.report.texts[0].starts_with("2024年"));
    assert_eq!(
        cell(&a, "applications", "handled.granted", "natural"),
        Some(25)
    );
}

/// Ctrl-Z while editing a text undoes in the text, as Ctrl-U does and as Ctrl-Z does while
/// browsing; Ctrl-R redoes.
#[test]
fn ctrl_z_undoes_while_editing_a_text() {
    let mut a = app("shiyan-2024.toml");
    a.press("i新增<C-z>");
    assert_eq!(a.mode, Mode::TextEdit);
    let text = |a: &App| a.text_editor().unwrap().text();
    assert!(text(&a).starts_with("新2024年"), "{}", text(&a));
    a.press("<C-z>");
    assert!(text(&a).starts_with("2024年"), "{}", text(&a));
    a.press("<C-r>");
    assert!(text(&a).starts_with("新2024年"), "{}", text(&a));
    a.press("<C-z><Esc>");
    assert!(a.report.texts[0].starts_with("2024年"));
    assert!(!a.is_modified());
}

/// Ctrl-W in Chinese cuts back to the punctuation before, not the whole paragraph (Chinese has
/// no spaces); Ctrl-Y puts it back and undo takes the cut back.
#[test]
fn cutting_the_word_before_in_chinese_stops_at_punctuation() {
    let mut a = app("shiyan-2024.toml");
    let first_line = "2024年，示例市自然资源和规划局坚持以习近平新时代中国特色社会主义思想为指导，";
    a.press("i");
    for _ in 0..first_line.chars().count() - 1 {
        a.press("<Right>");
    }
    // The caret is before the second "，": the clause back to the first one goes.
    a.press("<C-w><Esc>");
    let start = |a: &App| a.report.texts[0].chars().take(40).collect::<String>();
    assert!(start(&a).starts_with("2024年，，认真贯彻"), "{}", start(&a));
    a.press("u");
    assert!(a.report.texts[0].starts_with(first_line), "{}", start(&a));
    // Cut and put back at once: the same text.
    a.press("i<C-w><C-y><Esc>");
    assert!(a.report.texts[0].starts_with(first_line), "{}", start(&a));
}
