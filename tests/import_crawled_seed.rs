//! The published seed report as crawler text prints it: every row's values touching
//! ("0000000", which no count is written as) after a tab, and table 二's one value glued to its
//! label with the tab the crawler ends each line with ("行政许可5⇥"). Every value is read, or
//! its row is named; none is dropped in silence.

use std::path::Path;

use nianbao::import::{self, Imported, Kind, Level};
use nianbao::store::load_file;
use nianbao::template::Registry;

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/seed-weihui-2021.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

fn import_text(text: &str) -> Imported {
    import::import(text.as_bytes(), &mut Registry::default(), None).unwrap()
}

/// Every line's values glued into one run after the labels, each value its digits as printed.
fn values_touching(seed: &str) -> String {
    let mut out = String::new();
    for line in seed.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        let labels = cells
            .iter()
            .rposition(|c| !c.is_empty() && !c.bytes().all(|b| b.is_ascii_digit()));
        let values: Vec<&str> = match labels {
            Some(at) => cells[at + 1..].to_vec(),
            None => cells.clone(),
        };
        let digits: String = values.concat();
        if values.iter().filter(|v| !v.is_empty()).count() < 2 || digits.is_empty() {
            out.push_str(line);
        } else {
            let head = labels.map_or(String::new(), |at| cells[..=at].join("\t") + "\t");
            out.push_str(&format!("{head}{digits}"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn runs_of_zeros_are_cut_into_one_zero_a_cell() {
    let text = values_touching(&seed());
    assert!(text.contains("\t0000000\n"), "{text}");
    let imported = import_text(&text);
    let (published, _) = load_file(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/weihui-2021.toml"
        )),
        &mut Registry::default(),
    )
    .unwrap();
    // The seed prints three rows with a value too many: glued, they cannot be cut, and are named.
    let named: Vec<String> = imported
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| match &a.kind {
            Kind::TouchingNoWay { row, .. } => row.clone(),
            other => panic!("unexpected: {other:?}"),
        })
        .collect();
    assert_eq!(
        named,
        [
            "(七) 总计",
            "四、结转下年度继续办理",
            "行政复议、行政诉讼情况"
        ]
    );
    let report = &imported.report;
    for (t, table) in report.template.tables.iter().enumerate() {
        for (i, cell) in report.tables[t].iter().enumerate() {
            let row = &table.rows[i / table.columns.len()].label.zh;
            let left_empty = named.iter().any(|n| n.ends_with(row.as_str()));
            if !left_empty {
                assert_eq!(*cell, published.tables[t][i], "{} › {row}", table.id);
            }
        }
    }
}

#[test]
fn a_value_glued_to_its_label_before_a_trailing_tab_is_read() {
    let text = seed()
        .replace("行政许可\t0\t\t\n", "行政许可5\t\n")
        .replace("行政处罚\t0\t\t\n", "行政处罚12\t\n");
    assert!(text.contains("行政许可5\t\n") && text.contains("行政处罚12\t\n"));
    let imported = import_text(&text);
    let report = &imported.report;
    let value = |table: &str, row: &str| {
        let t = report
            .template
            .tables
            .iter()
            .position(|t| t.id == table)
            .unwrap();
        let r = report.template.tables[t]
            .rows
            .iter()
            .position(|r| r.id == row)
            .unwrap();
        report.cell(t, r, 0)
    };
    assert_eq!(value("licensing", "licensing"), Some(5));
    assert_eq!(value("enforcement", "penalty"), Some(12));
}
