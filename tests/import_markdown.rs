//! Markdown's own marks inside the cells of its pipe tables: converters (pandoc among them) bold
//! the numbers (`**397**`) and escape what would read as a list (`1\.属于国家秘密`). A reader of
//! the Markdown sees a number and a label, and so does import.

use nianbao::export;
use nianbao::import::{self, Imported, Level};
use nianbao::report::Report;
use nianbao::store::load_str;
use nianbao::template::Registry;
use proptest::prelude::*;

#[path = "support/reports.rs"]
mod reports;
use reports::consistent_report;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn reimport(text: &str) -> Imported {
    import::import(text.as_bytes(), &mut Registry::default(), None)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn anomaly_messages(imported: &Imported) -> Vec<String> {
    imported
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| a.message(nianbao::i18n::Lang::En))
        .collect()
}

#[test]
fn bold_numbers_and_escaped_labels_of_a_pandoc_table_are_read() {
    let text = std::fs::read_to_string(fixture("bold-escaped-shifan-2024.md")).unwrap();
    let expected =
        std::fs::read_to_string(fixture("bold-escaped-shifan-2024.expected.toml")).unwrap();
    let expected = load_str(&expected, "expected", &mut Registry::default()).unwrap();
    let imported = reimport(&text);
    assert_eq!(imported.report.tables, expected.tables);
    assert_eq!(anomaly_messages(&imported), Vec::<String>::new());
}

/// The ways Markdown emphasises a cell's text.
const EMPHASIS: [(&str, &str); 6] = [
    ("**", "**"),
    ("__", "__"),
    ("*", "*"),
    ("_", "_"),
    ("***", "***"),
    ("**_", "_**"),
];

/// A table row of the Markdown export with each cell emphasised or escaped as `marks` says, in
/// turn: a label has its ASCII punctuation escaped, and every cell may be emphasised.
fn marked_row(row: &str, marks: &mut impl Iterator<Item = u8>) -> String {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let cells: Vec<String> = inner
        .split(" | ")
        .map(|cell| {
            let cell = cell.trim();
            if cell.is_empty() || cell.chars().all(|c| matches!(c, '-' | ':')) {
                return cell.to_string();
            }
            let mark = marks.next().unwrap_or(0);
            let is_number = cell.parse::<f64>().is_ok();
            let mut text = if is_number {
                cell.to_string()
            } else {
                cell.chars()
                    .flat_map(|c| {
                        let escape = c.is_ascii_punctuation() && mark.is_multiple_of(2);
                        escape.then_some('\\').into_iter().chain([c])
                    })
                    .collect()
            };
            if let Some((open, close)) = EMPHASIS.get(usize::from(mark / 2) % (EMPHASIS.len() + 1))
            {
                text = format!("{open}{text}{close}");
            }
            text
        })
        .collect();
    format!("| {} |", cells.join(" | "))
}

fn marked_markdown(report: &Report, marks: &[u8]) -> String {
    let mut marks = marks.iter().copied().cycle();
    export::md::render(report)
        .lines()
        .map(|line| {
            if line.starts_with('|') {
                marked_row(line, &mut marks)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_kind_of_emphasis_and_escape_is_taken_off_a_cell() {
    let path = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let sample = load_str(&text, "sample", &mut Registry::default()).unwrap();
    for mark in 0..(2 * (EMPHASIS.len() as u8 + 1)) {
        let markdown = marked_markdown(&sample, &[mark]);
        let imported = reimport(&markdown);
        assert_eq!(imported.report.tables, sample.tables, "{markdown}");
        assert_eq!(
            anomaly_messages(&imported),
            Vec::<String>::new(),
            "{markdown}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever cells are emphasised or escaped, and however, the tables read back as they were
    /// written, with nothing to say.
    #[test]
    fn emphasis_and_escapes_in_cells_never_change_a_value(
        report in consistent_report(),
        marks in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        let markdown = marked_markdown(&report, &marks);
        let imported = reimport(&markdown);
        prop_assert_eq!(&imported.report.tables, &report.tables, "{}", markdown);
        prop_assert_eq!(anomaly_messages(&imported), Vec::<String>::new(), "{}", markdown);
    }
}

/// A PDF converter's tables (pdfplumber's, of the Shanghai 2019 report's PDF) keep a merged
/// header cell as a blank column: `上一年项目数量 | 本年增/减 |  | 处理决定数量`, a row's value in
/// either half (`行政许可 | 8 |  | 5 | 93`); and a row label over two places leaves a blank
/// before the values (`| （一）予以公开 |  | 258 |`). Each value is its header's column's. Four
/// values differ from the published ones (规章 12, 行政许可 8 5 93) so that no two columns of a
/// row hold the same value and a value in the wrong column shows.
#[test]
fn a_converters_page_lines_are_joined_into_the_paragraph() {
    // pdfplumber's Markdown keeps the PDF's line breaks, inside words too ("行\n政规范性文件").
    let text =
        std::fs::read_to_string(fixture("pdfplumber-merged-header-shanghai-2019.md")).unwrap();
    assert!(text.contains("深入贯彻\n习近平总书记"));
    let overview = &reimport(&text).report.texts[0];
    for joined in [
        "深入贯彻习近平总书记考察上海重要讲话精神",
        "主动公开规章13件，行政规范性文件60件",
    ] {
        assert!(overview.contains(joined), "{joined}: {overview}");
    }
    // The points of the text stay lines of their own.
    assert!(
        overview.contains("满意度。\n（一）主动公开方面\n2019年"),
        "{overview}"
    );
}

#[test]
fn values_under_a_merged_header_cell_are_that_columns() {
    let text =
        std::fs::read_to_string(fixture("pdfplumber-merged-header-shanghai-2019.md")).unwrap();
    let expected = std::fs::read_to_string(fixture(
        "pdfplumber-merged-header-shanghai-2019.expected.toml",
    ))
    .unwrap();
    // The values as the report prints them under its headers.
    for row in ["licensing      = [8, 5, 93]", "regulations = [13, 12, 524]"] {
        assert!(expected.contains(row), "{row}");
    }
    let expected = load_str(&expected, "expected", &mut Registry::default()).unwrap();
    // The same cells copied from a spreadsheet, separated by tabs.
    let tabs: String = text
        .lines()
        .filter(|line| !line.starts_with("|---"))
        .map(|line| match line.strip_prefix("| ") {
            Some(row) => row.trim_end_matches(" |").replace(" | ", "\t") + "\n",
            None => format!("{line}\n"),
        })
        .collect();
    for text in [&text, &tabs] {
        let imported = reimport(text);
        assert_eq!(imported.report.tables, expected.tables, "{text}");
        assert_eq!(anomaly_messages(&imported), Vec::<String>::new());
    }
}
