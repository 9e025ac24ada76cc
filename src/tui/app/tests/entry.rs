//! Data entry as a clerk does it from paper: Tab and Enter as in a spreadsheet, totals checked
//! rather than replaced, overrides on purpose.

use super::*;

fn at(a: &App) -> (usize, usize) {
    let c = a.cursor().unwrap();
    (c.row, c.column)
}

fn message(a: &App) -> String {
    a.message().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn tab_visits_every_cell_of_the_row_the_total_too_and_wraps() {
    let mut a = empty_app();
    a.press("]]");
    // Browsing: six Tabs from 自然人 reach 总计, the seventh the next row.
    a.press("<Tab><Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(at(&a), (0, 6), "Tab stops on the derived 总计");
    a.press("<Tab>");
    assert_eq!(at(&a), (1, 0), "and wraps to the next row");
    a.press("<S-Tab>");
    assert_eq!(at(&a), (0, 6), "Shift-Tab wraps back to the row above");
    // Typing: the same cells, one Tab each, and the total is a cell like the others.
    a.press("gg^");
    a.press("1<Tab>2<Tab>0<Tab>0<Tab>0<Tab>3<Tab>");
    assert_eq!(at(&a), (0, 6), "a typed value's Tab stops on 总计 too");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(6));
    a.press("6<Tab>");
    assert_eq!(at(&a), (1, 0));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(6));
    a.press("4<S-Tab>");
    assert_eq!(cell(&a, "applications", "carried", "natural"), Some(4));
    assert_eq!(
        at(&a),
        (0, 6),
        "Shift-Tab commits and goes back over the row end"
    );
}

#[test]
fn tab_wraps_from_one_table_to_the_next_and_back() {
    let mut a = empty_app();
    // 二、主动公开: documents (2 rows × 3 columns), then licensing (1 × 1).
    a.press("]");
    a.press("<Tab><Tab><Tab><Tab><Tab>");
    let c = a.cursor().unwrap();
    assert_eq!((c.table, c.row, c.column), (0, 1, 2));
    a.press("<Tab>");
    let c = a.cursor().unwrap();
    assert_eq!(
        (c.table, c.row, c.column),
        (1, 0, 0),
        "on to the next table"
    );
    a.press("<S-Tab>");
    let c = a.cursor().unwrap();
    assert_eq!((c.table, c.row, c.column), (0, 1, 2), "and back");
    // The last cell of the section's last table stays where it is.
    a.press("G<End>");
    let last = a.cursor().unwrap();
    a.press("<Tab>");
    assert_eq!(a.cursor().unwrap(), last);
}

#[test]
fn enter_after_a_run_of_tabs_starts_the_next_row_where_the_run_began() {
    let mut a = empty_app();
    a.press("]]");
    a.press("1<Tab>2<Tab>0<Tab>0<Tab>0<Tab>3<Enter>");
    assert_eq!(cell(&a, "applications", "new", "other"), Some(3));
    assert_eq!(
        at(&a),
        (1, 0),
        "v1 Tab … v6 Enter fills a row and starts the next"
    );
    // A run that began in the third column comes back to the third column.
    a.press("ll5<Tab>6<Enter>");
    assert_eq!(at(&a), (2, 2));
    // Tabs over cells already right belong to the run too, and so does Enter while browsing.
    a.press("^7<Tab><Tab>8<Tab>");
    a.press("<Enter>");
    assert_eq!(
        at(&a),
        (3, 0),
        "Enter right after Tabs goes to the next row"
    );
    assert!(matches!(a.mode, Mode::Normal));
    // Without a run Enter edits, and goes down.
    a.press("<Enter>");
    assert!(matches!(a.mode, Mode::CellEdit { .. }), "Enter edits");
    a.press("9<Enter>");
    assert_eq!(at(&a), (4, 0), "and goes down the column");
    // Any other key ends a run: after `l`, Enter is an edit again.
    a.press("1<Tab>l<Enter>");
    assert!(matches!(a.mode, Mode::CellEdit { .. }));
}

#[test]
fn enter_without_a_row_below_goes_on_to_the_next_cell() {
    let mut a = empty_app();
    // 四: one row of fifteen cells, at 80 columns one band a group.
    a.press("]]]");
    a.press("3<Tab>1<Tab>0<Tab>1<Tab>5<Enter>");
    assert_eq!(
        at(&a),
        (0, 5),
        "after 行政复议, on to 未经复议直接起诉 (the band below), not back on its 总计"
    );
    a.press("1<Tab>0<Enter>");
    assert_eq!(
        at(&a),
        (0, 10),
        "a run's Enter starts the band below (复议后起诉) where the run began, as the next row"
    );
    // Value by value, Enter goes along the row as the paper prints it.
    a.press("hhh2<Enter>");
    assert_eq!(
        at(&a),
        (0, 8),
        "Enter without Tabs goes on to the next cell"
    );
    // What is typed next goes in the next cell: nothing typed is replaced.
    a.press("4<Enter>");
    assert_eq!(cell(&a, "cases", "cases", "direct.other"), Some(2));
    assert_eq!(cell(&a, "cases", "cases", "direct.pending"), Some(4));
    assert_eq!(cell(&a, "cases", "cases", "direct.total"), Some(7));
    // A run begun inside a band: Enter goes to the same place in the band below.
    a.press("^jl<Tab>1<Tab>1<Enter>");
    let c = a.cursor().unwrap();
    assert_eq!(
        (c.row, c.column),
        (0, 11),
        "under 结果纠正, where the run began"
    );
    // A run carried on by Tab into the next band is a row of that band: Enter starts the band
    // below it, or, under the last band, goes on to the table's last cell; it went back to the
    // middle band, where the next values typed went in over the ones there.
    let mut b = empty_app();
    b.press("]]]");
    b.press("0<Tab>0<Tab>0<Tab>0<Tab><Tab>1<Tab>1<Enter>");
    assert_eq!(
        at(&b),
        (0, 10),
        "the band under 未经复议直接起诉, where the run began in it"
    );
    b.press("^");
    b.press("0<Tab>0<Tab>0<Tab>0<Tab><Tab>0<Tab>0<Tab>0<Tab>0<Tab><Tab>0<Tab>0<Tab>0<Tab>0<Enter>");
    assert_eq!(
        at(&b),
        (0, 14),
        "under the last band, on to its total, the table's last cell"
    );
    assert_eq!(cell(&b, "cases", "cases", "direct.upheld"), Some(0));
    assert_eq!(cell(&b, "cases", "cases", "after_review.pending"), Some(0));
    // j and k walk the bands as the rows they look like.
    a.press("k");
    assert_eq!(at(&a), (0, 6));
    a.press("kk");
    assert_eq!(at(&a), (0, 1), "the top band stays");
    a.press("jjj");
    assert_eq!(at(&a), (0, 11), "the bottom band stays");
    // As in 二, where Enter after the last row of a table goes down into the next table.
    let mut a = empty_app();
    a.press("]j1<Tab>2<Enter>");
    let c = a.cursor().unwrap();
    assert_eq!((c.table, c.row, c.column), (1, 0, 0));
    // The last row of a table with rows goes on to the next cell too.
    let mut a = empty_app();
    a.press("]]G");
    a.press("5<Enter>");
    assert_eq!(at(&a), (24, 1));
    // The last cell of a section stays, and says that typing again replaces it.
    let mut a = empty_app();
    a.press("]G");
    a.press("1<Enter>");
    assert_eq!(a.cursor().unwrap().table, 3);
    assert!(message(&a).contains("最后一格"), "{}", message(&a));
    // Tab there too.
    a.press("2<Tab>");
    assert_eq!(a.cursor().unwrap().table, 3);
    assert!(message(&a).contains("最后一格"), "{}", message(&a));
}

#[test]
fn enter_down_a_column_skips_a_total_row_tab_does_not() {
    let mut a = empty_app();
    a.press("]]G");
    assert_eq!(at(&a), (24, 0));
    a.press("kk7<Enter>");
    assert_eq!(at(&a), (24, 0), "from 其他 3.其他, Enter skips (七) 总计");
    // The parts only: `v6 Enter` on the last row of parts skips the total row too.
    a.press("kk1<Tab>0<Tab>0<Tab>0<Tab>0<Tab>0<Enter>");
    assert_eq!(at(&a), (24, 0));
    // The parts and the totals: the total row is a row like the others.
    a.press("kk1<Tab>0<Tab>0<Tab>0<Tab>0<Tab>0<Tab>1<Tab>");
    assert_eq!(at(&a), (23, 0), "Tab goes on into (七) 总计");
    // In the column of totals, derived in every row, Enter goes down one row.
    a.press("gg$");
    a.press("0<Enter>");
    assert_eq!(at(&a), (1, 6));
}

#[test]
fn a_value_typed_on_a_total_checks_it() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]$");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    a.press("77<Tab>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    assert!(!message(&a).is_empty() && !a.message().unwrap().error);
    assert!(message(&a).contains('✓'), "{}", message(&a));
    assert_eq!(at(&a), (1, 0), "the cursor moves on as after any value");
    assert!(!a.is_modified(), "a total checked changes nothing");
    // Different: said at once, the sum kept, the cursor on.
    a.press("<S-Tab>78<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    assert!(a.message().unwrap().error);
    assert_eq!(message(&a), "你输入 78，各项相加为 77；o 改写合计");
    assert_eq!(at(&a), (1, 6));
    let (t, table) = applications(&a);
    let cell_index = table.cell_index(0, 6);
    assert!(!rules::is_overridden(
        table,
        &a.report.tables[t],
        cell_index
    ));
    assert_eq!(errors(&a), 0);
    // In English too.
    a.press(":lang en<Enter>");
    a.press("6<Tab>");
    assert_eq!(message(&a), "typed 6, parts add up to 5 (o overrides)");
    assert_eq!(cell(&a, "applications", "carried", "total"), Some(5));
}

#[test]
fn a_total_typed_before_its_parts_is_refused_with_a_reason() {
    let mut a = empty_app();
    a.press("]]$12<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), None);
    assert!(message(&a).contains("各项都还没有填写"), "{}", message(&a));
}

#[test]
fn an_override_is_explicit_shown_kept_and_undone_by_delete() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]$");
    let (t, table) = applications(&a);
    let total = table.cell_index(0, 6);
    // `o` types a value the total keeps.
    a.press("o");
    assert!(a.is_overriding());
    // What is typed replaces the total, as on any cell; it was typed after the old value.
    assert_eq!(*a.mode(), Mode::CellEdit { buffer: "".into() });
    assert_eq!(
        message(&a),
        "键入合计的新值（现为 77），Enter 确定，Esc 取消"
    );
    a.press("78<Enter>");
    assert!(!a.is_overriding());
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    let (_, table) = applications(&a);
    assert!(rules::is_overridden(table, &a.report.tables[t], total));
    assert_eq!(message(&a), "已改写合计为 78（各项相加为 77）");
    assert!(
        errors(&a) > 0,
        "an override still breaks its rule, as check says"
    );
    // A part changes: the overridden total stays as it was.
    a.press("gg^5<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    // Delete restores the sum of the parts.
    a.press("gg$<Del>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(20));
    assert_eq!(message(&a), "合计已恢复为各项之和 20");
    // `:override VALUE` does it at once; `x` restores it too.
    a.press(":override 100<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(100));
    assert!(matches!(a.mode, Mode::Normal));
    a.press("x");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(20));
    // Undo brings the override back.
    a.press("u");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(100));
    // Only a total can be overridden.
    a.press("^o");
    assert!(matches!(a.mode, Mode::Normal));
    assert!(a.message().unwrap().error);
    assert!(message(&a).contains("不是合计"));
    // Esc leaves an override unmade.
    a.press("$o1<Esc>");
    assert!(!a.is_overriding());
    assert_eq!(cell(&a, "applications", "new", "total"), Some(100));
}

#[test]
fn a_value_typed_on_an_overridden_total_checks_it_as_on_any_total() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]$:override 78<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    // A value meant for another cell: said, the override kept, `o` offered.
    a.press("5<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(78));
    assert!(a.message().unwrap().error);
    assert_eq!(message(&a), "你输入 5，合计仍为 78；o 改写合计");
    a.press("o<Enter>");
    assert_eq!(
        cell(&a, "applications", "new", "total"),
        Some(5),
        "o takes it"
    );
    // The value it holds keeps it, as Enter and Enter again does.
    a.press("gg$<Enter><Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(5));
    assert!(!a.message().unwrap().error);
    // Nothing is kept while it is typed, as on any total.
    a.press("gg$6");
    assert!(!a.snapshot_text().contains("= [62, 9, 0, 1, 3, 2, 6]"));
    // Its sum gives it its sum back.
    a.press("<BS>77<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(77));
    assert_eq!(message(&a), "合计已恢复为各项之和 77");
    // In English too.
    a.press("gg$:override 78<Enter>:lang en<Enter>gg$5<Enter>");
    assert_eq!(message(&a), "typed 5, total stays 78 (o overrides)");
}

#[test]
fn an_override_saves_loads_and_checks_as_the_editor_shows_it() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]$:override 78<Enter>");
    let effects = a.press("<C-s>");
    let [Effect::Save { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(text.contains("new                                = [62, 9, 0, 1, 3, 2, 78]"));
    let mut registry = crate::template::Registry::default();
    let loaded = crate::store::load_str(text, "x.toml", &mut registry).unwrap();
    let (t, table) = applications(&a);
    let total = table.cell_index(0, 6);
    assert!(rules::is_overridden(table, &loaded.tables[t], total));
    // `check` finds what the editor marks: the same findings.
    let checked = rules::check_report(&loaded, None);
    assert_eq!(checked, a.findings());
    assert!(
        checked
            .iter()
            .any(|f| f.table == Some(t) && f.row == Some(0))
    );
    // Reopened, a part typed leaves the override alone.
    let mut b = App::new(
        loaded,
        PathBuf::from("/tmp/x.toml"),
        Some(text.clone()),
        Lang::Zh,
    );
    b.press("]]1<Enter>");
    assert_eq!(cell(&b, "applications", "new", "total"), Some(78));
}

#[test]
fn zeros_keep_an_override() {
    let mut a = empty_app();
    a.press("]]$:override 5<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(5));
    a.press("z");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(0));
    assert_eq!(cell(&a, "applications", "new", "total"), Some(5));
    assert_eq!(cell(&a, "applications", "carried", "total"), Some(0));
    // `:fill` recomputes every total, overrides included.
    a.press(":fill<Enter>");
    assert_eq!(cell(&a, "applications", "new", "total"), Some(0));
}

#[test]
fn a_value_still_being_typed_is_in_the_recovery_snapshot() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]");
    let before = a.revision();
    a.press("4");
    assert!(
        a.revision() > before,
        "the recovery file follows each key typed"
    );
    a.press("2");
    assert!(matches!(a.mode, Mode::CellEdit { .. }));
    assert!(!a.is_modified(), "nothing committed yet");
    assert!(a.has_unsaved_work());
    let snapshot = a.snapshot_text();
    assert!(
        snapshot.contains("= [42, 9, 0, 1, 3, 2, 57]"),
        "the value and its total: {snapshot}"
    );
    // Cancelled, there is nothing to keep.
    let typed = a.revision();
    a.press("<Esc>");
    assert!(a.revision() > typed);
    assert!(!a.has_unsaved_work());
    // A total being checked changes nothing, so there is nothing to keep; an override is kept.
    a.press("$78");
    assert!(!a.has_unsaved_work());
    a.press("<Esc>o<BS><BS>78");
    assert!(a.has_unsaved_work());
    assert!(a.snapshot_text().contains("= [62, 9, 0, 1, 3, 2, 78]"));
}
