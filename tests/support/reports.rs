//! Reports to run through export and import: the sample reports of the built-in formats, and
//! random ones.
// Each test that includes this uses part of it.
#![allow(dead_code)]

use nianbao::report::Report;
use nianbao::store::load_file;
use nianbao::template::Registry;
use proptest::prelude::*;

/// Every sample report of a built-in format, with its path.
pub fn samples() -> Vec<(String, Report)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // Reports of the built-in formats; a user's own template and its report are not
        // published reports.
        let is_report =
            std::fs::read_to_string(&path).is_ok_and(|t| t.contains("template = \"gov-"));
        if path.extension().is_some_and(|e| e == "toml") && is_report {
            let (report, _) = load_file(&path, &mut Registry::default()).unwrap();
            out.push((path.display().to_string(), report));
        }
    }
    assert!(out.len() >= 4);
    out
}

/// What a published report carries: everything but the link to last year's file.
pub fn published(report: &Report) -> Report {
    let mut r = report.clone();
    r.previous = None;
    r
}

fn paragraph() -> impl Strategy<Value = String> {
    // Text as reports write it: words, numbers and punctuation, no blank lines inside, no runs
    // of spaces (a page shows a run of spaces as one, so HTML cannot carry them).
    proptest::collection::vec(
        "[一-龥]{1,6}[，。、；：0-9a-zA-Z（）“”《》 ]{0,3}[一-龥]{1,4}",
        1..4,
    )
    .prop_map(|lines| lines.join("\n").replace("   ", " ").replace("  ", " "))
}

fn section_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        proptest::collection::vec(paragraph(), 1..4).prop_map(|p| p.join("\n\n")),
    ]
}

pub fn arbitrary_report() -> impl Strategy<Value = Report> {
    let template = Registry::default().get("gov-2021").unwrap();
    let tables = template
        .tables
        .iter()
        .map(|t| {
            proptest::collection::vec(
                proptest::option::of(prop_oneof![0..100i64, 0..=nianbao::value::MAX_UNITS]),
                t.cell_count(),
            )
        })
        .collect::<Vec<_>>();
    let texts = proptest::collection::vec(section_text(), 3);
    (
        tables,
        texts,
        "[一-龥]{2,12}",
        proptest::option::of(1990..2100i32),
    )
        .prop_map(move |(tables, texts, agency, year)| {
            let mut r = Report::new(template.clone());
            r.tables = tables;
            for (s, text) in [0, 4, 5].into_iter().zip(texts) {
                r.texts[s] = text;
            }
            r.agency = agency;
            r.year = year;
            r.title = r.default_title();
            r
        })
}

/// The table and row of a report by their ids.
fn table_row(report: &Report, table: &str, row: &str) -> (usize, usize) {
    let t = report
        .template
        .tables
        .iter()
        .position(|t| t.id == table)
        .unwrap();
    let r = report.template.tables[t]
        .rows
        .iter()
        .position(|x| x.id == row);
    (t, r.unwrap())
}

/// A cell by the ids of its table, row and column.
pub fn cell(report: &Report, table: &str, row: &str, column: &str) -> Option<i64> {
    let (t, r) = table_row(report, table, row);
    let columns = &report.template.tables[t].columns;
    let column = columns.iter().position(|x| x.id == column).unwrap();
    report.cell(t, r, column)
}

/// The values of one row, by the ids of its table and row.
pub fn row(report: &Report, table: &str, row: &str) -> Vec<Option<i64>> {
    let (t, r) = table_row(report, table, row);
    let columns = report.template.tables[t].columns.len();
    (0..columns).map(|c| report.cell(t, r, c)).collect()
}

/// Every table cell of `got` that differs from `want`, named by table, row and column.
pub fn cell_differences(got: &Report, want: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for (i, table) in want.template.tables.iter().enumerate() {
        for r in 0..table.rows.len() {
            for c in 0..table.columns.len() {
                let cell = table.cell_index(r, c);
                if got.tables[i][cell] != want.tables[i][cell] {
                    out.push(format!(
                        "{} / {} / {}: {:?} for {:?}",
                        table.id,
                        table.rows[r].id,
                        table.columns[c].id,
                        got.tables[i][cell],
                        want.tables[i][cell]
                    ));
                }
            }
        }
    }
    out
}

/// A count as reports print them: mostly 0 or a few, now and then hundreds.
fn count() -> impl Strategy<Value = i64> {
    prop_oneof![6 => Just(0i64), 3 => 1..10i64, 1 => 10..2000i64]
}

/// A random report that keeps every rule of its template, as a published report should: every
/// cell filled, the derived cells filled from the template's rules as the editor's `=` does,
/// and 一+二=三+四 made to hold by setting 四 (or raising 一 when 三 handled more than came in).
/// Only a report that keeps its rules lets the importer's rule-constrained placing be tried.
pub fn consistent_report() -> impl Strategy<Value = Report> {
    let template = Registry::default().get("gov-2021").unwrap();
    let tables = template
        .tables
        .iter()
        .map(|t| {
            let kind = t.columns[0].kind;
            let money = kind == nianbao::value::CellKind::Money;
            let value = if money {
                (0..100_000_000i64).boxed()
            } else {
                count().boxed()
            };
            proptest::collection::vec(value, t.cell_count())
        })
        .collect::<Vec<_>>();
    (tables, "[一-龥]{2,12}", 2021..2030i32).prop_map(move |(tables, agency, year)| {
        let mut r = Report::new(template.clone());
        r.tables = tables
            .into_iter()
            .map(|t| t.into_iter().map(Some).collect())
            .collect();
        let apps = template.table_by_id(2, "applications").unwrap();
        let table = &template.tables[apps];
        let k = table.columns.len();
        let row = |id: &str| table.rows.iter().position(|r| r.id == id).unwrap();
        let (new, carried) = (row("new"), row("carried"));
        let (handled, forward) = (row("handled.total"), row("carry_forward"));
        nianbao::rules::derive_all(&mut r);
        let values = &mut r.tables[apps];
        let at = |r: usize, c: usize| r * k + c;
        // Every column but 总计, which follows its row.
        for c in 0..k - 1 {
            let came = values[at(new, c)].unwrap() + values[at(carried, c)].unwrap();
            let gone = values[at(handled, c)].unwrap();
            if came >= gone {
                values[at(forward, c)] = Some(came - gone);
            } else {
                values[at(new, c)] = Some(values[at(new, c)].unwrap() + gone - came);
                values[at(forward, c)] = Some(0);
            }
        }
        nianbao::rules::derive_all(&mut r);
        r.agency = agency;
        r.year = Some(year);
        r.title = r.default_title();
        r.texts[0] = "本机关坚持以公开为常态。".into();
        r.texts[4] = "无。".into();
        r
    })
}
