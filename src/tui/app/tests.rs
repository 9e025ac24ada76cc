//! The editor driven by key strings, as a user would type them.

use std::path::PathBuf;

use super::*;
use crate::template::Registry;

fn load(name: &str) -> (Report, String) {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    crate::store::load_file(path.as_ref(), &mut Registry::default()).unwrap()
}

fn app(name: &str) -> App {
    let (report, text) = load(name);
    let mut app = App::new(
        report,
        PathBuf::from(format!("/tmp/{name}")),
        Some(text),
        Lang::Zh,
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn empty_app() -> App {
    let template = Registry::default().get("gov-2021").unwrap();
    let mut app = App::new(
        Report::new(template),
        PathBuf::from("/tmp/new.toml"),
        None,
        Lang::Zh,
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

/// The value of a cell by table, row and column id.
fn cell(app: &App, table: &str, row: &str, column: &str) -> Option<i64> {
    let template = &app.report.template;
    let t = template.tables.iter().position(|x| x.id == table).unwrap();
    let tt = &template.tables[t];
    let r = tt.rows.iter().position(|x| x.id == row).unwrap();
    let c = tt.columns.iter().position(|x| x.id == column).unwrap();
    app.report.cell(t, r, c)
}

fn errors(app: &App) -> usize {
    app.findings
        .iter()
        .filter(|f| f.severity == crate::template::Severity::Error)
        .count()
}

#[test]
fn typing_a_component_updates_its_totals_and_undo_restores_them() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]jj");
    assert_eq!(a.section, 2);
    assert_eq!((a.cursor().row, a.cursor().column), (2, 0));
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
    assert_eq!(a.cursor().row, 3, "Enter commits and moves down");
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
    assert_eq!(a.cursor().row, 2, "undo goes back to where the edit was");
    a.press("<C-r>");
    assert_eq!(cell(&a, "applications", "handled.total", "total"), Some(79));
}

#[test]
fn entering_a_row_skips_the_derived_total_and_wraps() {
    let mut a = empty_app();
    a.press("]]");
    a.press("1<Tab>2<Tab>0<Tab>0<Tab>0<Tab>3<Tab>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(6));
    assert_eq!(
        (a.cursor().row, a.cursor().column),
        (1, 0),
        "Tab skips 总计 and wraps to the next row"
    );
    a.press("4<S-Tab>");
    assert_eq!(cell(&a, "applications", "carried", "natural"), Some(4));
    // Down the first column: (七) 总计 is derived, so Enter skips it.
    a.press("G");
    assert_eq!(a.cursor().row, 24);
    a.press("k");
    a.press("k");
    a.press("7<Enter>");
    assert_eq!(
        a.cursor().row,
        24,
        "from other.other, Enter skips (七) 总计"
    );
}

#[test]
fn a_bad_value_is_refused_with_a_reason_and_the_edit_goes_on() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    a.press("1.5<Enter>");
    assert!(matches!(a.mode, Mode::CellEdit { .. }));
    assert!(a.message.as_ref().unwrap().error);
    assert!(a.message.as_ref().unwrap().text.contains("whole number"));
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
    assert_eq!(a.cursor().table, 3);
    a.press("0.092<Enter>");
    assert_eq!(cell(&a, "fees", "fees", "amount"), Some(920));
    a.press("1.23456<Enter>");
    assert!(a.message.as_ref().unwrap().text.contains("4 decimal"));
}

#[test]
fn motion_crosses_tables_and_sections() {
    let mut a = app("shiyan-2024.toml");
    a.press("]");
    assert_eq!(a.cursor().table, 0);
    a.press("jj");
    assert_eq!(
        (a.cursor().table, a.cursor().row),
        (1, 0),
        "down from the last row enters the next table"
    );
    a.press("k");
    assert_eq!((a.cursor().table, a.cursor().row), (0, 1));
    a.press("ll$");
    assert_eq!(a.cursor().column, 2);
    a.press("^");
    assert_eq!(a.cursor().column, 0);
    a.press("[[");
    assert_eq!(a.section, 5, "sections wrap around");
    a.press("<C-PageDown>");
    assert_eq!(a.section, 0);
    a.press("]]]<End>");
    assert_eq!(a.cursor().column, 14);
    assert!(a.lefts[3] > 0, "the wide table scrolled right");
    a.press("<Home>");
    assert_eq!(a.lefts[3], 0);
}

#[test]
fn n_jumps_to_each_broken_rule_in_any_section() {
    let mut a = app("broken-2024.toml");
    a.press("n");
    assert_eq!(
        a.section, 0,
        "first the sentence 「上年结转5件」, which table 三 contradicts"
    );
    assert_eq!(a.caret_offset(), Some(203));
    a.press("n");
    assert_eq!(
        (a.section, a.cursor().row, a.cursor().column),
        (2, 0, 0),
        "balance of 自然人"
    );
    let mut seen = vec![(a.section, a.cursor())];
    for _ in 0..12 {
        a.press("n");
        seen.push((a.section, a.cursor()));
    }
    assert!(seen.iter().any(|(s, _)| *s == 3), "reaches table 四");
    a.press("N");
    assert!(a.message.as_ref().unwrap().text.starts_with("问题 "));
}

#[test]
fn diff_marks_the_cells_that_differ_from_another_version() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(
        a.press(":diff other.toml<Enter>"),
        vec![Effect::Load {
            path: PathBuf::from("other.toml"),
            purpose: Purpose::Diff
        }]
    );
    let (other, _) = load("broken-2024.toml");
    a.update(Action::Loaded {
        path: PathBuf::from("other.toml"),
        purpose: Purpose::Diff,
        result: Ok(other),
    });
    let compared = a.compared.as_ref().unwrap();
    let t = a
        .report
        .template
        .tables
        .iter()
        .position(|t| t.id == "applications")
        .unwrap();
    let granted_natural = a.report.template.tables[t].cell_index(2, 0);
    assert!(compared.cells[t][granted_natural], "21 here, 22 there");
    assert!(!compared.cells[t][0]);
    let granted_total = a.report.template.tables[t].cell_index(2, 6);
    assert!(!compared.cells[t][granted_total], "26 in both");
    // The marks follow edits: typing the other version's value clears its mark, and the total
    // that follows from it now differs.
    a.press("]]jj22<Enter>");
    assert!(!a.compared.as_ref().unwrap().cells[t][granted_natural]);
    assert!(a.compared.as_ref().unwrap().cells[t][granted_total]);
    a.press(":nodiff<Enter>");
    assert!(a.compared.is_none());
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
fn saving_writes_the_edited_file_and_clears_the_modified_mark() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    let effects = a.press("<C-s>");
    let [
        Effect::Save {
            text,
            quit_after: false,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert!(text.contains("new                                = [9, 9, 0, 1, 3, 2, 24]"));
    let text = text.clone();
    a.update(Action::Saved {
        result: Ok(text.clone()),
        quit_after: false,
    });
    assert!(!a.is_modified());
    assert_eq!(a.original.as_deref(), Some(text.as_str()));
    // `:w` does the same.
    a.press("1<Enter>");
    assert!(matches!(
        a.press(":w<Enter>").as_slice(),
        [Effect::Save { .. }]
    ));
}

#[test]
fn a_failed_save_keeps_the_edits_and_says_why() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    a.press("<C-s>");
    a.update(Action::Saved {
        result: Err("Permission denied (os error 13)".into()),
        quit_after: true,
    });
    assert!(a.is_modified());
    assert!(!a.quit);
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("Permission denied")
    );
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(9));
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter><C-s>");
    assert_eq!(a.update(Action::SaveConflict { quit_after: false }), vec![]);
    assert_eq!(a.mode, Mode::ConfirmOverwrite { quit_after: false });
    let effects = a.press("y");
    assert!(
        matches!(effects.as_slice(), [Effect::Save { expected: None, .. }]),
        "forced: {effects:?}"
    );
    a.press("<C-s>");
    a.update(Action::SaveConflict { quit_after: false });
    assert!(a.press("n").is_empty());
    assert!(a.is_modified());
    assert!(a.message.as_ref().unwrap().text.contains("其他程序"));
}

#[test]
fn every_change_moves_the_revision_the_recovery_file_follows() {
    let mut a = app("shiyan-2024.toml");
    let r0 = a.revision;
    a.press("jjgg");
    assert_eq!(a.revision, r0, "moving changes nothing");
    a.press("i字");
    assert!(a.revision > r0, "typing text does");
    assert!(a.snapshot_text().contains("'''\n字2024年"));
    let r1 = a.revision;
    a.press("<Esc>]]5<Enter>");
    assert!(a.revision > r1);
    let r2 = a.revision;
    a.press("u");
    assert!(a.revision > r2);
}

#[test]
fn quitting_with_unsaved_changes_asks() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(
        a.press(":q<Enter>"),
        vec![Effect::Quit],
        "nothing changed: quits at once"
    );
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    assert!(a.press("<C-q>").is_empty());
    assert_eq!(a.mode, Mode::ConfirmQuit);
    a.press("<Esc>");
    assert_eq!(a.mode, Mode::Normal);
    a.press(":q<Enter>");
    assert_eq!(a.mode, Mode::ConfirmQuit);
    assert_eq!(a.press("n"), vec![Effect::Quit]);
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    assert_eq!(a.press(":q!<Enter>"), vec![Effect::Quit]);
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter><C-q>");
    let effects = a.press("y");
    let [
        Effect::Save {
            text,
            quit_after: true,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    let saved = a.update(Action::Saved {
        result: Ok(text.clone()),
        quit_after: true,
    });
    assert_eq!(saved, vec![Effect::Quit]);
    let mut a = app("shiyan-2024.toml");
    assert!(matches!(
        a.press(":wq<Enter>").as_slice(),
        [Effect::Save {
            quit_after: true,
            ..
        }]
    ));
}

#[test]
fn read_only_changes_nothing() {
    let mut a = app("shiyan-2024.toml");
    a.read_only = true;
    a.press("]]9<Enter><Del>zZ");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(62));
    assert!(a.press("<C-s>").is_empty());
    assert!(a.message.as_ref().unwrap().text.contains("只读"));
    a.press("[[i");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.press(":q<Enter>"), vec![Effect::Quit]);
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
fn saving_while_editing_text_includes_the_text() {
    let mut a = app("shiyan-2024.toml");
    a.press("i改<C-s>");
    let effects = a.press("<C-s>");
    let [Effect::Save { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(text.contains("'''\n改2024年"));
    assert_eq!(a.mode, Mode::TextEdit, "still editing after saving");
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
    let geoms = a.section_geoms();
    let geom = &geoms[0].1;
    let screen = crate::tui::layout::screen(ratatui::layout::Rect::new(0, 0, 80, 24));
    let x = screen.body.x + geom.column_x(3).unwrap() + 1;
    let y = screen.body.y + geom.header_height() as u16 + 4;
    a.update(Action::Click { x, y });
    assert_eq!((a.cursor().row, a.cursor().column), (4, 3));
}

#[test]
fn last_years_report_turns_on_the_cross_year_rules() {
    let mut a = app("broken-2024.toml");
    assert_eq!(
        a.startup_effects(),
        vec![Effect::Load {
            path: PathBuf::from("/tmp/shiyan-2023.toml"),
            purpose: Purpose::Prev
        }]
    );
    let before = errors(&a);
    let (prev, _) = load("shiyan-2023.toml");
    a.update(Action::Loaded {
        path: PathBuf::from("shiyan-2023.toml"),
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    assert_eq!(errors(&a), before + 2, "carried-continuity in two columns");
    a.press(":noprev<Enter>");
    assert_eq!(errors(&a), before);
    assert_eq!(
        a.press(":prev last.toml<Enter>"),
        vec![Effect::Load {
            path: PathBuf::from("last.toml"),
            purpose: Purpose::Prev
        }]
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
