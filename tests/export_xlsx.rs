//! The spreadsheet export read back as a spreadsheet program reads it: one sheet per table,
//! numbers as numbers, money shown with 4 decimals, the official merged headers and row labels,
//! frozen labels and headers, fitted widths, A4 print, empty cells empty, nothing that runs.

mod common;
mod ooxml;

use std::collections::HashMap;

use nianbao::export::xlsx;
use nianbao::report::Report;
use nianbao::store::load_file;
use nianbao::template::Registry;
use ooxml::{El, parse, part, part_names};

fn sample(name: &str) -> Report {
    load_file(&common::samples().join(name), &mut Registry::default())
        .unwrap()
        .0
}

/// A workbook as its sheets, by name, each as its cells by reference.
struct Book {
    bytes: Vec<u8>,
    names: Vec<String>,
    strings: Vec<String>,
}

/// A cell: its value as written (a shared string resolved), whether it is a number, its style.
#[derive(Debug)]
struct Cell {
    value: Option<String>,
    number: bool,
    style: usize,
}

impl Book {
    fn new(report: &Report) -> Book {
        let bytes = xlsx::render(report).unwrap();
        let workbook = parse(&part(&bytes, "xl/workbook.xml"));
        let names = workbook
            .all("sheet")
            .iter()
            .map(|s| s.attr("name").unwrap().to_string())
            .collect();
        let strings = parse(&part(&bytes, "xl/sharedStrings.xml"))
            .kids("si")
            .map(|si| si.all("t").iter().map(|t| plain(t)).collect::<String>())
            .collect();
        Book {
            bytes,
            names,
            strings,
        }
    }

    fn sheet(&self, name: &str) -> El {
        let i = self
            .names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no sheet {name}"));
        parse(&part(
            &self.bytes,
            &format!("xl/worksheets/sheet{}.xml", i + 1),
        ))
    }

    fn cells(&self, sheet: &El) -> HashMap<String, Cell> {
        sheet
            .all("c")
            .into_iter()
            .map(|c| {
                let v = c.kid("v").map(plain);
                let shared = c.attr("t") == Some("s");
                let value = if shared {
                    v.map(|i| self.strings[i.parse::<usize>().unwrap()].clone())
                } else {
                    v
                };
                let cell = Cell {
                    number: c.attr("t").is_none() && value.is_some(),
                    value,
                    style: c.attr("s").map_or(0, |s| s.parse().unwrap()),
                };
                (c.attr("r").unwrap().to_string(), cell)
            })
            .collect()
    }

    /// The number format of a cell style.
    fn number_format(&self, style: usize) -> String {
        let styles = parse(&part(&self.bytes, "xl/styles.xml"));
        let xf = styles
            .kid("cellXfs")
            .unwrap()
            .kids("xf")
            .nth(style)
            .unwrap();
        let id = xf.attr("numFmtId").unwrap();
        styles
            .all("numFmt")
            .iter()
            .find(|f| f.attr("numFmtId") == Some(id))
            .map_or_else(
                || format!("builtin {id}"),
                |f| f.attr("formatCode").unwrap().to_string(),
            )
    }
}

fn plain(e: &El) -> String {
    e.children
        .iter()
        .filter_map(|n| match n {
            ooxml::Node::Text(t) => Some(t.as_str()),
            ooxml::Node::El(_) => None,
        })
        .collect()
}

fn merges(sheet: &El) -> Vec<String> {
    sheet
        .all("mergeCell")
        .iter()
        .map(|m| m.attr("ref").unwrap().to_string())
        .collect()
}

const REQUESTS: &str = "三、收到和处理政府信息公开申请情况";
const APPEALS: &str = "四、政府信息公开行政复议、行政诉讼情况";

#[test]
fn one_sheet_per_table_with_the_official_headers() {
    let book = Book::new(&sample("shiyan-2024.toml"));
    assert_eq!(
        book.names,
        [
            "二 第二十条第（一）项",
            "二 第二十条第（五）项",
            "二 第二十条第（六）项",
            "二 第二十条第（八）项",
            REQUESTS,
            APPEALS
        ]
    );
    let sheet = book.sheet(REQUESTS);
    let cells = book.cells(&sheet);
    let text = |r: &str| cells[r].value.clone().unwrap_or_default();
    assert_eq!(
        text("A1"),
        "示例市自然资源和规划局2024年政府信息公开工作年度报告"
    );
    assert_eq!(text("A2"), REQUESTS);
    assert_eq!(text("D3"), "申请人情况");
    assert_eq!(text("E4"), "法人或其他组织");
    assert_eq!(text("J3"), "总计");
    assert_eq!(text("A8"), "三、本年度办理结果");
    let merged = merges(&sheet);
    for range in [
        "A3:C5", "D3:I3", "E4:I4", "D4:D5", "J3:J5", "A6:C6", "A8:A29", "B10:B17",
    ] {
        assert!(merged.contains(&range.to_string()), "{range} in {merged:?}");
    }
    assert_eq!(text("C10"), "1.属于国家秘密");

    let sheet = book.sheet(APPEALS);
    let cells = book.cells(&sheet);
    let merged = merges(&sheet);
    for (range, label) in [
        ("A3:E3", "行政复议"),
        ("F3:O3", "行政诉讼"),
        ("F4:J4", "未经复议直接起诉"),
        ("K4:O4", "复议后起诉"),
        ("A4:A5", "结果维持"),
        ("E4:E5", "总计"),
    ] {
        assert!(merged.contains(&range.to_string()), "{range} in {merged:?}");
        let top = range.split(':').next().unwrap();
        assert_eq!(cells[top].value.as_deref(), Some(label));
    }
}

#[test]
fn numbers_are_numbers_money_has_four_decimals_and_empty_cells_stay_empty() {
    let book = Book::new(&sample("shiyan-2024.toml"));
    let cells = book.cells(&book.sheet(REQUESTS));
    let row: Vec<&Cell> = ["D6", "E6", "F6", "G6", "H6", "I6", "J6"]
        .iter()
        .map(|r| &cells[*r])
        .collect();
    let values: Vec<&str> = row.iter().map(|c| c.value.as_deref().unwrap()).collect();
    assert_eq!(values, ["62", "9", "0", "1", "3", "2", "77"]);
    assert!(row.iter().all(|c| c.number));
    assert_eq!(book.number_format(row[0].style), "0");
    let fees = book.cells(&book.sheet("二 第二十条第（八）项"));
    // The section's heading in A2, the table's caption merged over the table in row 3.
    assert_eq!(
        fees["A2"].value.as_deref(),
        Some("二、主动公开政府信息情况")
    );
    assert_eq!(fees["A3"].value.as_deref(), Some("第二十条第（八）项"));
    let fee = &fees["B5"];
    assert!(fee.number);
    assert_eq!(
        fee.value.as_deref().unwrap().parse::<f64>().unwrap(),
        18.871
    );
    assert_eq!(book.number_format(fee.style), "0.0000");
    assert_eq!(
        fees["B4"].value.as_deref(),
        Some("本年收费金额（单位：万元，保留4位小数）")
    );

    let empty = Report::new(Registry::default().get("gov-2021").unwrap());
    let book = Book::new(&empty);
    let cells = book.cells(&book.sheet(REQUESTS));
    for r in ["D6", "J6", "D29", "J30"] {
        assert_eq!(cells[r].value, None, "{r} is empty, not 0");
    }
}

#[test]
fn labels_and_headers_are_frozen_widths_fitted_and_print_is_a4() {
    let book = Book::new(&sample("shiyan-2024.toml"));
    let sheet = book.sheet(REQUESTS);
    let pane = sheet.all("pane")[0];
    assert_eq!(
        (pane.attr("xSplit"), pane.attr("ySplit"), pane.attr("state")),
        (Some("3"), Some("5"), Some("frozen"))
    );
    let cols = sheet.all("col");
    let width = |col: u32| -> f64 {
        cols.iter()
            .find(|c| {
                let min: u32 = c.attr("min").unwrap().parse().unwrap();
                let max: u32 = c.attr("max").unwrap().parse().unwrap();
                (min..=max).contains(&col)
            })
            .and_then(|c| c.attr("width"))
            .unwrap()
            .parse()
            .unwrap()
    };
    // The row's own label is wider than the group columns and the numbers.
    assert!(
        width(3) > 30.0 && width(1) < 12.0 && width(4) < 12.0,
        "{cols:?}"
    );
    let setup = sheet.all("pageSetup")[0];
    assert_eq!(setup.attr("paperSize"), Some("9"));
    assert_eq!(setup.attr("orientation"), Some("landscape"));
    assert_eq!(setup.attr("fitToHeight"), Some("0"));
    let workbook = parse(&part(&book.bytes, "xl/workbook.xml"));
    let titles: Vec<String> = workbook
        .all("definedName")
        .iter()
        .filter(|d| d.attr("name") == Some("_xlnm.Print_Titles"))
        .map(|d| plain(d))
        .collect();
    assert!(titles.iter().any(|t| t.ends_with("!$3:$5")), "{titles:?}");
    // Wrapped labels get the room they need: 三's long (六) 1. label is taller than one line.
    let rows: HashMap<String, f64> = sheet
        .all("row")
        .iter()
        .filter_map(|r| Some((r.attr("r")?.to_string(), r.attr("ht")?.parse().ok()?)))
        .collect();
    assert!(rows["27"] > rows["8"], "{rows:?}");
    // The same report always gives the same file.
    assert_eq!(
        book.bytes,
        xlsx::render(&sample("shiyan-2024.toml")).unwrap()
    );
}

#[test]
fn hostile_labels_and_texts_are_strings_shown_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let template = common::sample_text("anquan-template.toml").replacen(
        "label = \"道路运输\"",
        "label = \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\\u001b[31m\\u202e\"",
        1,
    );
    let path = common::write(dir.path(), "t.toml", &template);
    let mut registry = Registry::default();
    registry.load_file(std::path::Path::new(&path)).unwrap();
    let report_path = dir.path().join("r.toml");
    std::fs::copy(common::samples().join("anquan-2024.toml"), &report_path).unwrap();
    let (mut report, _) = load_file(&report_path, &mut registry).unwrap();
    report.agency = "\u{1b}]52;c;aGk=\u{7}某局".into();
    let book = Book::new(&report);
    for name in part_names(&book.bytes) {
        let xml = part(&book.bytes, &name);
        assert!(
            !xml.chars().any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t') || c == '\u{202e}'),
            "{name}"
        );
        assert!(parse(&xml).all("f").is_empty(), "no formula in {name}");
    }
    assert!(
        book.strings
            .iter()
            .any(|s| s == "=HYPERLINK(\"http://evil\",\"x\")^[[31m<U+202E>"),
        "{:?}",
        book.strings
    );
}

#[test]
fn export_writes_an_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::samples().join("shiyan-2024.toml");
    let run = common::nianbao_in(
        dir.path(),
        &[
            "export",
            sample.to_str().unwrap(),
            "--to",
            "xlsx",
            "-o",
            "r.xlsx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read(dir.path().join("r.xlsx")).unwrap();
    assert_eq!(
        written,
        xlsx::render(&self::sample("shiyan-2024.toml")).unwrap()
    );
}
