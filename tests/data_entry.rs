//! A clerk types a whole report from paper into a new file at 80×24, as the editor is used: the
//! texts pasted (with a terminal's CR line endings), the tables typed. Three ways — the parts
//! only (`v1 Tab … v6 Enter`), the parts and the paper's totals (`… v6 Tab v7 Tab`), and the
//! fastest (non-zero values only, then `Z`) — end in the same file, every cell as on paper and
//! `check` clean. The keys of each way are counted; BENCHMARKS.md gives the numbers.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::i18n::Lang;
use nianbao::report::Report;
use nianbao::template::Registry;
use nianbao::tui::{Action, App, Effect};

/// The paper: a real-looking report, its every table filled in.
fn paper() -> Report {
    let path = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    let (mut report, _) = nianbao::store::load_file(Path::new(&path), &mut Registry::default())
        .expect("the sample loads");
    report.previous = None;
    report
}

/// A new report as `nianbao new` makes it, with the paper's title filled in.
fn blank(paper: &Report) -> App {
    let mut report = Report::new(paper.template.clone());
    report.agency = paper.agency.clone();
    report.year = paper.year;
    report.title = paper.title.clone();
    let mut app = App::new(report, PathBuf::from("/tmp/typed.toml"), None, Lang::Zh);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

#[derive(Clone, Copy, PartialEq)]
enum Way {
    /// Every part typed, zeros too, `Enter` at the end of a row; totals are Tabbed past.
    Parts,
    /// Every cell typed as on paper, the totals too (each a check), `Tab` after every one.
    PartsAndTotals,
    /// Only the values that are not 0, `Z` at the end for the zeros.
    Fastest,
}

/// What a way cost: keys pressed, and of them the characters of values.
#[derive(Debug, Default)]
struct Count {
    keys: usize,
    typed: usize,
    /// Keys that move past a cell or to the next row: the rest of the ideal.
    moves: usize,
}

/// The keys of one table row for `way`, from its first column, in the notation of
/// `App::press`.
fn row_keys(report: &Report, t: usize, row: usize, way: Way, count: &mut Count) -> String {
    let table = &report.template.tables[t];
    let columns = table.columns.len();
    let value = |c: usize| {
        report.tables[t][table.cell_index(row, c)]
            .map(|v| table.columns[c].kind.format(v))
            .unwrap_or_default()
    };
    let derived = |c: usize| table.is_derived(table.cell_index(row, c));
    let mut keys = String::new();
    let mut press = |keys: &mut String, text: &str, typed: bool| {
        keys.push_str(text);
        if typed {
            count.keys += text.chars().count();
            count.typed += text.chars().count();
        } else {
            count.keys += 1;
            count.moves += 1;
        }
    };
    match way {
        Way::PartsAndTotals => {
            for c in 0..columns {
                press(&mut keys, &value(c), true);
                press(&mut keys, "<Tab>", false);
            }
        }
        Way::Parts | Way::Fastest => {
            let wanted = |c: usize| !derived(c) && (way == Way::Parts || value(c) != "0");
            let Some(last) = (0..columns).rev().find(|&c| wanted(c)) else {
                // Nothing to type here (a row of zeros, or of totals the cursor came to).
                press(&mut keys, "<Down>", false);
                return keys;
            };
            for c in 0..=last {
                if wanted(c) {
                    press(&mut keys, &value(c), true);
                }
                press(
                    &mut keys,
                    if c == last { "<Enter>" } else { "<Tab>" },
                    false,
                );
            }
        }
    }
    keys
}

/// Types the whole paper into a new report `way`'s way; returns the saved file and the count.
fn type_report(paper: &Report, way: Way) -> (String, Count) {
    let mut app = blank(paper);
    let mut count = Count::default();
    let template = paper.template.clone();
    for (s, section) in template.sections.iter().enumerate() {
        if s > 0 {
            app.press("]");
            count.keys += 1;
        }
        if section.is_text() {
            // The text, copied from the paper's document: a terminal sends its line breaks as CR.
            let text = paper.texts[s].replace('\n', "\r");
            app.update(Action::Paste(text));
            app.press("<Esc>");
            count.keys += 2;
            continue;
        }
        // Row after row, from where the cursor is, as the clerk reads the screen; the section
        // is done when a row's keys leave the cursor on that row.
        loop {
            let c = app.cursor().unwrap();
            assert_eq!(c.column, 0, "every row starts in its first column");
            let keys = row_keys(paper, c.table, c.row, way, &mut count);
            app.press(&keys);
            assert_eq!(
                app.mode(),
                &nianbao::tui::app::Mode::Normal,
                "table {} row {}: {:?}",
                c.table,
                c.row,
                app.message()
            );
            // On the totals' way every total typed matched its parts: nothing was said amiss.
            assert!(
                app.message().is_none_or(|m| !m.error),
                "table {} row {}: {:?}",
                c.table,
                c.row,
                app.message()
            );
            let n = app.cursor().unwrap();
            if (n.table, n.row) == (c.table, c.row) {
                break;
            }
        }
        // The zeros left out, in the whole report at once (a key of the grid).
        let last_grid = template.sections.iter().rposition(|s| !s.is_text());
        if way == Way::Fastest && last_grid == Some(s) {
            app.press("Z");
            count.keys += 1;
        }
    }
    let effects = app.press("<C-s>");
    count.keys += 1;
    let [Effect::Save { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    (text.clone(), count)
}

fn check(path: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .arg(path)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn a_whole_report_typed_from_paper_three_ways_ends_in_one_file() {
    let paper = paper();
    let (parts, parts_count) = type_report(&paper, Way::Parts);
    let (totals, totals_count) = type_report(&paper, Way::PartsAndTotals);
    let (fastest, fastest_count) = type_report(&paper, Way::Fastest);
    assert_eq!(parts, totals, "the parts only and the parts with totals");
    assert_eq!(parts, fastest, "the fastest way too");
    // Every cell and every text as on paper.
    let typed = nianbao::store::load_str(&parts, "typed.toml", &mut Registry::default()).unwrap();
    assert_eq!(typed.tables, paper.tables);
    assert_eq!(typed.texts, paper.texts);
    assert_eq!(typed.empty_cells(), 0);
    assert!(nianbao::rules::check_report(&typed, None).is_empty());
    // And `check`, the command, says so too.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typed.toml");
    std::fs::write(&file, &parts).unwrap();
    let out = check(&file);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The keys each way took; BENCHMARKS.md quotes these numbers, so a change shows here.
    let ideal = |c: &Count| c.typed + c.moves;
    eprintln!("parts only: {parts_count:?}, ideal {}", ideal(&parts_count));
    eprintln!(
        "parts and totals: {totals_count:?}, ideal {}",
        ideal(&totals_count)
    );
    eprintln!(
        "fastest: {fastest_count:?}, ideal {}",
        ideal(&fastest_count)
    );
    // Besides a key per character and per cell, only the section keys, the two keys of each
    // pasted text, Ctrl-S (and Z) are pressed.
    let sections = paper.template.sections.len() - 1;
    let texts = paper
        .template
        .sections
        .iter()
        .filter(|s| s.is_text())
        .count();
    let overhead = sections + 2 * texts + 1;
    assert_eq!(parts_count.keys, ideal(&parts_count) + overhead);
    assert_eq!(totals_count.keys, ideal(&totals_count) + overhead);
    assert_eq!(fastest_count.keys, ideal(&fastest_count) + overhead + 1);
}
