//! What the editor draws, at 80×24 and at 200×60, compared with reviewed snapshots.

mod support;

use std::path::PathBuf;

use nianbao::i18n::Lang;
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::view::{self, Theme};
use nianbao::tui::{Action, App, Effect};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn app(name: &str, width: u16, height: u16, lang: Lang) -> App {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let (report, text) = store::load_file(path.as_ref(), &mut Registry::default()).unwrap();
    started(
        App::new(report, PathBuf::from(path), Some(text), lang),
        width,
        height,
    )
}

/// The editor as it starts in a terminal: sized, and with what it loads first (last year's
/// report), so that its counts are the real editor's.
fn started(mut app: App, width: u16, height: u16) -> App {
    app.update(Action::Resize { width, height });
    let mut pending = app.startup_effects();
    while let Some(effect) = pending.pop() {
        let Effect::Load { path, purpose } = effect else {
            panic!("only loads at startup: {effect:?}")
        };
        let mut registry = Registry::default();
        registry.insert(app.report().template.clone());
        let result = store::load_file(&path, &mut registry).map(|(report, _)| report);
        // Named as from the project's folder: a screen must not depend on where it is cloned.
        let shown = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(&path)
            .to_path_buf();
        pending.extend(app.update(Action::Loaded {
            path: shown,
            purpose,
            result,
        }));
    }
    app
}

fn draw(app: &App, theme: Theme) -> Terminal<TestBackend> {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::render(frame, app, &theme))
        .unwrap();
    terminal
}

/// The screen as a terminal shows it (tests/support/screen.rs).
fn screen(app: &App) -> String {
    let terminal = draw(app, Theme { color: true });
    support::screen::text(terminal.backend().buffer())
}

#[test]
fn every_section_at_80_by_24_and_200_by_60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut a = app("shiyan-2024.toml", width, height, Lang::Zh);
        for section in 0..6 {
            insta::assert_snapshot!(
                format!("section{}_{width}x{height}", section + 1),
                screen(&a)
            );
            a.press("]");
        }
    }
}

#[test]
fn a_broken_rule_shows_in_the_grid_and_the_status_line() {
    let mut a = app("broken-2024.toml", 80, 24, Lang::Zh);
    a.press("]]jj$");
    insta::assert_snapshot!("broken_rule_80x24", screen(&a));
}

#[test]
fn typing_a_value() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    a.press("]]jj12");
    insta::assert_snapshot!("typing_80x24", screen(&a));
}

#[test]
fn help_screen() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    a.press("?");
    insta::assert_snapshot!("help_80x24", screen(&a));
    a.press("<PageDown>");
    insta::assert_snapshot!("help_80x24_page2", screen(&a));
}

/// Long lines wrap inside the frame, under their description, and the last page reaches the
/// help's last line.
#[test]
fn help_screen_wraps_long_lines_and_scrolls_to_the_end() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::En);
    a.press("?G");
    insta::assert_snapshot!("help_80x24_en_end", screen(&a));
    let mut a = app("shiyan-2024.toml", 60, 20, Lang::Zh);
    a.press("?<PageDown>");
    insta::assert_snapshot!("help_60x20", screen(&a));
}

#[test]
fn english_interface() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::En);
    a.press("]]]");
    insta::assert_snapshot!("appeals_en_80x24", screen(&a));
}

#[test]
fn unsaved_changes_dialog() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    a.press("]]5<Enter><C-q>");
    insta::assert_snapshot!("confirm_quit_80x24", screen(&a));
}

/// At 82×14 the dialog's left edge falls on the second half of a Chinese character of the section
/// list (四、政府信息公…): the character gives way (a terminal would show it over the border
/// otherwise), and nothing drawn is hidden by a wide character.
#[test]
fn the_quit_dialog_over_chinese_text_keeps_its_border() {
    let mut a = app("shiyan-2024.toml", 82, 14, Lang::Zh);
    a.press("ix<Esc><C-q>");
    let shown = screen(&a);
    insta::assert_snapshot!("confirm_quit_over_text_82x14", shown);
    assert!(!shown.contains("hidden by wide characters"), "{shown}");
    // The box's left edge at column 11 on each of its 5 inner lines, wide characters counted
    // twice.
    let at_11 = |line: &str| {
        let mut x = 0;
        line.chars().find(|&c| {
            let here = x;
            x += nianbao::visible::width(&c.to_string());
            here == 11
        })
    };
    let borders = shown.lines().filter(|l| at_11(l) == Some('│')).count();
    assert_eq!(borders, 5, "{shown}");
}

/// Read-only, the hints name only keys that work: no 填0, 撤销, 编辑 or 保存.
#[test]
fn read_only_hints_show_only_keys_that_work() {
    for section in ["", "]]"] {
        let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
        a.set_read_only(true);
        // A key clears the message of the startup (last year's report loaded).
        a.press(&format!("<Esc>{section}"));
        let shown = screen(&a);
        let file_line = shown.lines().nth(23).unwrap();
        assert!(
            file_line.contains("只读") && file_line.contains("? 帮助"),
            "{file_line}"
        );
        for word in ["填0", "撤销", "编辑", "保存"] {
            assert!(!file_line.contains(word), "{word}: {file_line}");
        }
        insta::assert_snapshot!(format!("read_only{}_80x24", section.len()), shown);
    }
}

/// A text's character count follows each key typed, not the last time the text was committed.
#[test]
fn the_character_count_follows_the_typing() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    let count = |a: &App| screen(a).lines().nth(22).unwrap().to_string();
    assert!(count(&a).contains("· 366 字"), "{}", count(&a));
    a.press("i新增");
    assert!(count(&a).contains("· 368 字"), "{}", count(&a));
    a.press("<BS>");
    assert!(count(&a).contains("· 367 字"), "{}", count(&a));
}

#[test]
fn no_color_means_no_colour_at_all() {
    let mut a = app("broken-2024.toml", 80, 24, Lang::Zh);
    a.press("]]");
    let plain = draw(&a, Theme { color: false });
    let coloured = draw(&a, Theme { color: true });
    let uses_colour = |t: &Terminal<TestBackend>| {
        t.backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    };
    assert!(uses_colour(&coloured));
    assert!(!uses_colour(&plain));
    // Broken cells stay marked without colour.
    let text: String = plain
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    // A broken part is `!`; the total the file gives against its parts is an override, `*`.
    assert!(text.contains("!  62") && text.contains("* 26"), "{text}");
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 10)] {
        let mut a = app("shiyan-2024.toml", w, h, Lang::Zh);
        for keys in ["", "]", "]", "]", "?", "<Esc>]", "]"] {
            a.press(keys);
            draw(&a, Theme { color: true });
        }
    }
}

#[test]
fn a_text_that_contradicts_its_table() {
    let mut a = app("mismatch-2024.toml", 80, 24, Lang::Zh);
    a.press("n");
    insta::assert_snapshot!("text_vs_table_80x24", screen(&a));
}

#[test]
fn the_problems_list() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut a = app("broken-2024.toml", width, height, Lang::Zh);
        a.press("p");
        insta::assert_snapshot!(format!("problems_{width}x{height}"), screen(&a));
    }
    let mut a = app("broken-2024.toml", 80, 24, Lang::En);
    a.press("pjj");
    insta::assert_snapshot!("problems_en_80x24", screen(&a));
    a.press("<Enter>");
    insta::assert_snapshot!("problems_en_went_80x24", screen(&a));
}

#[test]
fn the_2019_format_opens_and_edits() {
    let mut a = app("shiyan-2020.toml", 80, 24, Lang::Zh);
    assert_eq!(a.report().template.id, "gov-2019");
    a.press("]");
    insta::assert_snapshot!("format2019_section2_80x24", screen(&a));
    // Money says its unit in the header and the status line: 采购总金额 is in 万元.
    a.press("G$");
    let shown = screen(&a);
    insta::assert_snapshot!("format2019_money_80x24", shown);
    assert!(shown.contains("采购总金额（万元）"), "{shown}");
    assert!(shown.lines().nth(22).unwrap().contains("万元 │"), "{shown}");
    a.press("gg<Home>");
    // 本年增/减 takes a negative change, a count does not.
    a.press("jjl-2<Enter>");
    let t = a.cursor().unwrap().table;
    assert_eq!(a.report().template.tables[t].id, "licensing");
    assert_eq!(a.report().cell(t, 0, 1), Some(-2));
    a.press("k$-1<Enter>");
    assert!(
        a.message().unwrap().error,
        "a count refuses a negative number"
    );
}

#[test]
fn a_template_of_ones_own_opens_edits_and_checks() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut registry = Registry::default();
    registry
        .load_file(format!("{dir}/samples/anquan-template.toml").as_ref())
        .unwrap();
    let path = format!("{dir}/samples/anquan-2024.toml");
    let (report, text) = store::load_file(path.as_ref(), &mut registry).unwrap();
    let mut a = started(
        App::new(report, PathBuf::from(path), Some(text), Lang::Zh),
        80,
        24,
    );
    a.press("]");
    insta::assert_snapshot!("user_template_80x24", screen(&a));
    let errors = |a: &App| {
        a.findings()
            .iter()
            .filter(|f| f.severity == nianbao::template::Severity::Error)
            .count()
    };
    assert_eq!(errors(&a), 0);
    // Typing a part updates the template's own derived total.
    let before = a.report().tables[0].clone();
    a.press("15<Enter>");
    assert_ne!(a.report().tables[0], before);
    assert_eq!(errors(&a), 0, "totals follow the parts");
}

/// At 80 columns the status line names the sub-row with its group, and a column under a group
/// by its own label on every row of the table, short or long (the group is in the header above;
/// named on some rows and not on others, the column's name would be sent again on every move
/// between them). Where the widest row leaves room, with its group on every row.
#[test]
fn the_status_line_names_the_sub_row() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    // 5.属于三类内部事务信息 is the 9th row; 商业企业 the 2nd column.
    a.press("]]jjjjjjjjl");
    // The column's name stands at the end of the place's field, the room between them blank.
    let status_line = |a: &App| {
        let line = screen(a).lines().nth(22).unwrap().to_string();
        line.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let status = status_line(&a);
    assert!(
        status.starts_with("(三) 不予公开 › 5.属于三类内部事务信息 × 商业企业 │"),
        "{status}"
    );
    a.press("G");
    let status = status_line(&a);
    assert!(
        status.starts_with("四、结转下年度继续办理 × 商业企业 │"),
        "{status}"
    );
    let mut wide = app("shiyan-2024.toml", 200, 60, Lang::Zh);
    for keys in ["]]jjjjjjjjl", "G"] {
        wide.press(keys);
        let status = screen(&wide).lines().nth(58).unwrap().to_string();
        assert!(status.contains("× 法人或其他组织 › 商业企业 │"), "{status}");
    }
}

/// Down a column of 三 at 80 columns, the value's field and the first rule stand at the same
/// place on every row, however long its label: a move then redraws the label and the digits, not
/// the whole line after a label one character longer or shorter.
#[test]
fn the_status_lines_fields_stay_in_place_down_a_column() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        a.press("]]gg");
        let mut at = std::collections::BTreeSet::new();
        for _ in 0..25 {
            let status = screen(&a).lines().nth(22).unwrap().to_string();
            let value = status.find('│').expect("the value's field");
            let rule = status.find('✓').expect("a rule that holds");
            at.insert((
                nianbao::visible::width(&status[..value]),
                nianbao::visible::width(&status[..rule]),
            ));
            a.press("j");
        }
        assert_eq!(at.len(), 1, "{lang:?}: {at:?}");
    }
}

/// Every cell's status line at 80 columns, in both languages: the value whole, every label
/// whole or cut after a whole word with `…`, and each rule whole or given way to `…` — never
/// `行合计 2`, a number cut short.
#[test]
fn status_lines_at_80_columns_never_cut_a_number_or_a_label() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app("broken-2024.toml", 80, 24, lang);
        // Table 四's `j` goes on to the band below: a cell may be walked twice, and counts once.
        let mut visited = std::collections::HashSet::new();
        for _ in 0..3 {
            a.press("]gg<Home>");
            let mut last = None;
            while last != Some(a.cursor()) {
                last = Some(a.cursor());
                let mut column = None;
                while column != Some(a.cursor().unwrap().column) {
                    column = Some(a.cursor().unwrap().column);
                    let c = a.cursor().unwrap();
                    let table = &a.report().template.tables[c.table];
                    let status = screen(&a).lines().nth(22).unwrap().to_string();
                    let (place, rest) = status.split_once(" │ ").expect("a place and a value");
                    let (value, rules) = rest.split_once(" │").expect("the value's field");
                    let kind = table.columns[c.column].kind;
                    let shown = a
                        .report()
                        .cell(c.table, c.row, c.column)
                        .map(|v| kind.format(v))
                        .unwrap_or_default();
                    assert!(
                        value
                            .trim()
                            .trim_start_matches(['=', '*'])
                            .starts_with(&shown),
                        "{status}"
                    );
                    let leaf = table.columns[c.column].label.get(lang);
                    // Or the label without its note in brackets, which is a whole label too.
                    let short = leaf
                        .rsplit_once(['（', '('])
                        .map_or(leaf, |(s, _)| s.trim_end());
                    let place = place.trim_end();
                    assert!(
                        place.ends_with(leaf) || place.ends_with(short) || place.ends_with('…'),
                        "{status}"
                    );
                    for rule in rules
                        .split([' '])
                        .filter(|w| w.starts_with(['✓', '✗', '?']))
                    {
                        assert!(rule.chars().count() > 1, "{status}");
                    }
                    // Nothing ran into the edge of the screen, where the terminal would cut it.
                    assert!(
                        nianbao::visible::width(&status) < 80 || status.ends_with('…'),
                        "{status}"
                    );
                    // The last piece is a whole number, or the ellipsis that stands for the rest.
                    let end = rules.trim_end().rsplit(' ').next().unwrap_or("");
                    assert!(
                        rules.trim().is_empty()
                            || end == "…"
                            || end.trim_start_matches(['+', '-']).parse::<f64>().is_ok(),
                        "{status}"
                    );
                    visited.insert(a.cursor().map(|c| (c.table, c.row, c.column)));
                    a.press("l");
                }
                a.press("<Home>j");
            }
        }
        assert_eq!(visited.len(), 200);
    }
}

/// The status line's broken rules are `check`'s, cell by cell: with last year's report in the
/// 2019 format (no 现行有效 column there), it once showed `✗现行有效 2≠0 +2`, which `check` does not
/// report. `check`'s findings are computed here as `check` computes them, not read from the editor.
#[test]
fn the_status_line_breaks_only_the_rules_check_breaks() {
    for this in ["weihui-2021.toml", "shiyan-2024.toml"] {
        let mut a = app(this, 80, 24, Lang::Zh);
        let path = format!("{}/samples/shiyan-2020.toml", env!("CARGO_MANIFEST_DIR"));
        let (prev, _) = store::load_file(path.as_ref(), &mut Registry::default()).unwrap();
        assert_eq!(prev.template.id, "gov-2019");
        let aligned = nianbao::rules::PrevValues::align(&a.report().template, &prev);
        let check = nianbao::rules::check_report(a.report(), Some(&aligned));
        a.update(Action::Loaded {
            path: PathBuf::from("shiyan-2020.toml"),
            purpose: nianbao::tui::app::Purpose::Prev,
            result: Ok(prev),
        });
        assert_eq!(
            a.findings(),
            &check[..],
            "{this}: the editor's findings are check's"
        );
        // Table 四's `j` goes on to the band below: a cell may be walked twice, and counts once.
        let mut visited = std::collections::HashSet::new();
        for _ in 0..3 {
            a.press("]gg<Home>");
            let mut last = None;
            while last != Some(a.cursor()) {
                last = Some(a.cursor());
                let mut column = None;
                while column != Some(a.cursor().unwrap().column) {
                    column = Some(a.cursor().unwrap().column);
                    let c = a.cursor().unwrap();
                    let table = &a.report().template.tables[c.table];
                    let cell = table.cell_index(c.row, c.column);
                    let broken = table.cell_checks[cell]
                        .iter()
                        .filter(|&&ci| {
                            check.iter().any(|f| {
                                f.table == Some(c.table)
                                    && matches!(f.what, nianbao::rules::What::Rule { check, .. } if check == ci)
                            })
                        })
                        .count();
                    let status = screen(&a).lines().nth(22).unwrap().to_string();
                    // A broken rule that does not fit gives way to `…`, never to a rule that holds;
                    // an error is marked `✗`, a warning `?`.
                    let shown = status.matches('✗').count() + status.matches(" ?").count();
                    assert!(
                        shown == broken || (shown < broken && status.ends_with('…')),
                        "{this} {c:?}: {broken} broken: {status}"
                    );
                    assert!(broken > 0 || shown == 0, "{this} {c:?}: {status}");
                    visited.insert(a.cursor().map(|c| (c.table, c.row, c.column)));
                    a.press("l");
                }
                a.press("<Home>j");
            }
        }
        assert_eq!(visited.len(), 200, "{this}: every cell of 二, 三 and 四");
    }
}

/// Every reason a save asks about shows, wrapped, and so do both answers below them.
#[test]
fn a_save_that_asks_shows_every_reason_and_both_answers() {
    use nianbao::store::guard::Doubt;
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        let doubts = vec![
            Doubt::ChangedOnDisk,
            Doubt::LockTaken(Some("clerk@server (pid 4242)".into())),
            Doubt::OwnerChanges {
                owner: "nobody".into(),
            },
            Doubt::ReadOnly,
            Doubt::HardLinks(2),
        ];
        a.update(Action::SaveConflict {
            quit_after: false,
            doubts,
        });
        let shown = screen(&a);
        let answers = match lang {
            Lang::Zh => [
                "仍然保存",
                "不保存（修改仍在）",
                "2 个硬链接；保存后它们仍是旧内容。",
            ],
            Lang::En => [
                "save anyway",
                "don't save",
                "2 other hard link(s); they will keep",
            ],
        };
        for answer in answers {
            assert!(shown.contains(answer), "{answer}:\n{shown}");
        }
    }
}

fn load(name: &str) -> nianbao::report::Report {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    store::load_file(path.as_ref(), &mut Registry::default())
        .unwrap()
        .0
}

/// The status line (the cell's line, above the file's).
fn status(a: &App) -> String {
    let (_, height) = a.size();
    screen(a)
        .lines()
        .nth(height as usize - 2)
        .unwrap()
        .to_string()
}

/// `:diff`: a cell that differs from the other version is marked `~` and underlined in the grid,
/// and the status line says what it was there; the others are not.
#[test]
fn diff_marks_the_cells_and_the_status_line_says_what_they_were() {
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    a.press(":diff broken-2024.toml<Enter>");
    a.update(Action::Loaded {
        path: PathBuf::from("broken-2024.toml"),
        purpose: nianbao::tui::app::Purpose::Diff,
        result: Ok(load("broken-2024.toml")),
    });
    // 三 › (一) 予以公开 × 自然人: 21 here, 22 there.
    a.press("]]jj");
    insta::assert_snapshot!("diff_80x24", screen(&a));
    assert!(status(&a).contains(" ~对照 22 "), "{}", status(&a));
    let terminal = draw(&a, Theme { color: true });
    let buffer = terminal.backend().buffer();
    let row = screen(&a)
        .lines()
        .position(|l| l.contains("(一) 予以公开 "))
        .unwrap() as u16;
    let line: Vec<_> = (0..80).map(|x| &buffer[(x, row)]).collect();
    let marked: String = line
        .iter()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked.trim(), "~  21", "only 自然人 differs on this row");
    // 总计 is 26 in both: no mark, nothing in the status line.
    a.press("$");
    assert!(!status(&a).contains('~'), "{}", status(&a));
    a.press(":lang en<Enter><Home>");
    assert!(status(&a).contains(" ~other 22 "), "{}", status(&a));
    a.press(":nodiff<Enter>");
    assert!(!status(&a).contains('~') && !screen(&a).contains("~  21"));
}

/// A cell the text contradicts says so in the status line: `?正文 76≠77`, the text's number
/// first, marked as the warning it is.
#[test]
fn a_cell_the_text_contradicts_says_so_in_the_status_line() {
    let mut a = app("mismatch-2024.toml", 80, 24, Lang::Zh);
    // 三 › 一、本年新收 × 总计.
    a.press("]]$");
    assert!(status(&a).contains(" ?正文 76≠77"), "{}", status(&a));
    a.press("h");
    assert!(!status(&a).contains("正文"), "{}", status(&a));
    a.press(":lang en<Enter>$");
    assert!(status(&a).contains(" ?text 76≠77"), "{}", status(&a));
}

/// A total typed that differs from its parts is said at once and the sum kept; an override is
/// typed as one (the status line says so) and drawn with `*`, in the grid and the status line.
#[test]
fn a_total_checked_and_a_total_overridden() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut a = app("shiyan-2024.toml", width, height, Lang::Zh);
        a.press("]]$78<Tab>");
        insta::assert_snapshot!(format!("total_checked_{width}x{height}"), screen(&a));
        a.press("<S-Tab>o<BS><BS>78");
        insta::assert_snapshot!(format!("total_overriding_{width}x{height}"), screen(&a));
        a.press("<Enter>");
        insta::assert_snapshot!(format!("total_overridden_{width}x{height}"), screen(&a));
        a.press("k");
        insta::assert_snapshot!(
            format!("total_override_status_{width}x{height}"),
            screen(&a)
        );
    }
}

/// A broken warning rule is marked in the status line as the grid marks its cell: `?` in the
/// warning's colour, not the error's `✗`.
#[test]
fn a_broken_warning_has_the_warning_mark_in_the_status_line() {
    let mut a = app("broken-2024.toml", 80, 24, Lang::Zh);
    // 二 › 行政规范性文件 × 现行有效件数: 28, the warning that it is 27 after 3 issued, 1 repealed.
    a.press("]j$");
    let status = status(&a);
    assert!(status.contains(" ?现行有效 28≠27 +1"), "{status}");
    assert!(!status.contains('✗'), "{status}");
    let terminal = draw(&a, Theme { color: true });
    let buffer = terminal.backend().buffer();
    let (x, _) = status
        .chars()
        .scan(0u16, |x, ch| {
            let at = *x;
            *x += nianbao::visible::width(&ch.to_string()) as u16;
            Some((at, ch))
        })
        .find(|&(_, ch)| ch == '?')
        .unwrap();
    assert_eq!(buffer[(x, 22)].fg, Color::Yellow, "the warning's colour");
    assert!(!buffer[(x, 22)].modifier.contains(Modifier::BOLD));
}

/// A column's header wrapped over two lines is split between its words: neither one character
/// left under the rest of its word (法律服务机 / 构) nor a word torn in two (法律服 / 务机构), at
/// 120 columns.
#[test]
fn headers_wrap_between_words() {
    let mut a = app("shiyan-2024.toml", 120, 15, Lang::Zh);
    a.press("]]");
    let lines: Vec<String> = screen(&a).lines().map(str::to_string).collect();
    let upper = lines.iter().position(|l| l.ends_with("法律服务")).unwrap();
    assert!(lines[upper + 1].contains(" 机构 "), "{}", lines.join("\n"));
    let shown = lines.join("\n");
    assert!(
        !shown.contains("法律服务机 ") && !shown.contains("务机构"),
        "{shown}"
    );
}

/// The fee cell's column label is long (本年收费金额（单位：万元，保留4位小数）): at 80 columns the
/// status line still names the table the cell is in (its caption, in English the caption's name
/// before its gloss), the label giving way to its short form, whose unit the value shows.
#[test]
fn the_fee_cell_names_its_table_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        a.press("]G");
        let c = a.cursor().unwrap();
        let table = &a.report().template.tables[c.table];
        assert_eq!(table.id, "fees");
        let line = status(&a);
        let caption = table.caption.get(lang);
        let name = caption.split_once(": ").map_or(caption, |(name, _)| name);
        assert!(line.starts_with(&format!("{name} › ")), "{line}");
        assert!(line.contains(table.rows[0].label.get(lang)), "{line}");
        assert!(nianbao::visible::width(&line) < 80, "{line}");
        let snapshot = match lang {
            Lang::Zh => "fee_cell_80x24",
            Lang::En => "fee_cell_en_80x24",
        };
        insta::assert_snapshot!(snapshot, screen(&a));
    }
}

/// A value typed wrong at 80 columns: its reason stands whole on the line below (on the status
/// line it was cut to "最多"), and a long value is shown whole, the place giving way to it.
#[test]
fn a_value_typed_wrong_says_why_whole_at_80_columns() {
    for (lang, why) in [
        (Lang::Zh, "最多 4 位小数，而不是 12.345678"),
        (
            Lang::En,
            "at most 4 decimal places are allowed, found 12.345678",
        ),
    ] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        a.press("]G12.345678");
        let shown = screen(&a);
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[22].trim_end().ends_with("← 12.345678  ✗"), "{shown}");
        assert!(lines[23].contains(why), "{shown}");
        a.press("<Esc>99999999999999999999");
        let shown = screen(&a);
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[22].trim_end().ends_with("← 99999999999999999999  ✗"),
            "{shown}"
        );
        assert!(nianbao::visible::width(lines[22]) < 80, "{shown}");
        // A value that reads says nothing, and the hints come back.
        a.press("<Esc>12");
        let shown = screen(&a);
        assert!(!shown.contains('✗') || !shown.lines().nth(22).unwrap().contains('✗'));
    }
}

/// Values pasted past the right edge of a row are said on the message line at 80 columns, as
/// those past the bottom are, even when a pasted total that differs has a long place to name.
#[test]
fn values_pasted_off_the_right_edge_are_said_at_80_columns() {
    for (lang, said) in [
        (Lang::Zh, "2 个数值超出表格，未粘贴"),
        (Lang::En, "values outside the table, not pasted: 2"),
    ] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        a.press("]]$");
        a.update(Action::Paste("1\t2\t3".into()));
        let last = screen(&a).lines().last().unwrap().to_string();
        assert!(last.contains(said), "{last}");
    }
}

/// A value typed on an overridden total that is neither its sum nor its value is said in full
/// on the message line at 80 columns, the override kept.
#[test]
fn a_value_typed_on_an_overridden_total_is_said_at_80_columns() {
    for (lang, said) in [
        (Lang::Zh, "你输入 1234，合计仍为 78；o 改写合计"),
        (Lang::En, "typed 1234, total stays 78 (o overrides)"),
    ] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        a.press("]]$:override 78<Enter>1234<Enter>");
        let last = screen(&a).lines().last().unwrap().to_string();
        assert!(nianbao::visible::width(&last) < 80, "{last}");
        assert!(last.contains(said), "{last}");
        let row = screen(&a).lines().nth(6).unwrap().to_string();
        assert!(
            row.ends_with("78") && row.contains('*'),
            "the override kept: {row}"
        );
    }
}

/// A paste refused says why in full on the message line at 80 columns, after a change that
/// marks the file modified and on the longest row label: a field that is no value, and more
/// lines than the table has rows from the cursor down.
#[test]
fn a_refused_paste_says_why_at_80_columns() {
    for (lang, bad_field, too_many) in [
        (
            Lang::Zh,
            "未粘贴：第 2 行“本年新…”不是件数",
            "未粘贴：27 行，此处往下只有 25 行",
        ),
        (
            Lang::En,
            "not pasted: line 2 \"本年新…\": not a count",
            "not pasted: 27 lines, rows from here: 25",
        ),
    ] {
        let mut a = app("shiyan-2024.toml", 80, 24, lang);
        a.press("]]5<Enter>k");
        a.update(Action::Paste(
            "1\t2\r本年新收政府信息公开申请数量\t3".into(),
        ));
        let last = screen(&a).lines().last().unwrap().to_string();
        assert!(last.contains(bad_field), "{last}");
        assert!(nianbao::visible::width(&last) < 80, "{last}");
        let copied = vec!["1\t0"; 27].join("\r");
        a.update(Action::Paste(copied));
        let last = screen(&a).lines().last().unwrap().to_string();
        assert!(last.contains(too_many), "{last}");
        assert!(nianbao::visible::width(&last) < 80, "{last}");
    }
}

/// An overridden total keeps its `*`: magenta when it breaks only its own sum, which it does on
/// purpose; in the colour of any other rule it breaks too (一+二=三+四 for 三's first total).
#[test]
fn an_override_is_marked_in_the_colour_of_another_rule_it_breaks() {
    let star_colour = |a: &App| {
        let terminal = draw(a, Theme { color: true });
        let buffer = terminal.backend().buffer();
        let stars: Vec<Color> = buffer
            .content()
            .iter()
            .filter(|c| c.symbol() == "*")
            .map(|c| c.fg)
            .collect();
        assert_eq!(stars.len(), 1, "one overridden total on screen");
        stars[0]
    };
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    a.press("]]$o<BS><BS>78<Enter>");
    assert_eq!(star_colour(&a), Color::Red, "一+二=三+四 no longer holds");
    // 四 › 行政复议 › 总计: the text says 行政复议5件, so 6 is a warning beside the override.
    let mut a = app("shiyan-2024.toml", 80, 24, Lang::Zh);
    a.press("]]]llllo<BS>6<Enter>");
    let cases = a.report().template.tables.len() - 1;
    assert_eq!(a.report().tables[cases][4], Some(6));
    assert_eq!(star_colour(&a), Color::Yellow, "the text says 5");
    // Without that sentence only its own sum is broken.
    let path = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "全年因政府信息公开被申请行政复议5件，被提起行政诉讼4件。",
        "",
    );
    let report = store::load_str(&text, &path, &mut Registry::default()).unwrap();
    let mut a = started(
        App::new(report, PathBuf::from(&path), Some(text), Lang::Zh),
        80,
        24,
    );
    a.press("]]]llllo<BS>6<Enter>");
    assert_eq!(
        star_colour(&a),
        Color::Magenta,
        "only its own sum, on purpose"
    );
}
