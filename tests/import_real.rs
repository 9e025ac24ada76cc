//! Reports as they were really published, their tables excerpted from stored pages
//! (tests/fixtures/import/real): a city's page, the same page copied from a browser and as a
//! crawler keeps it (cells touching), a 2019-format page printing an amount in 元, and a
//! converter's Markdown, and pages stored cut off (an excerpt ending inside a row). Each is
//! imported cell for cell; whatever is left empty is said.

use nianbao::import::{self, Imported, Kind, Level};
use nianbao::report::Report;
use nianbao::template::Registry;

#[path = "support/reports.rs"]
mod reports;
use reports::{cell, cell_differences, row};

fn import_real(name: &str) -> Imported {
    let path = format!(
        "{}/tests/fixtures/import/real/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    import::import(&bytes, &mut Registry::default(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn anomalies(imported: &Imported) -> Vec<&Kind> {
    imported
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| &a.kind)
        .collect()
}

fn filled(r: &Report) -> usize {
    r.tables.iter().flatten().filter(|v| v.is_some()).count()
}

#[test]
fn a_city_page_with_placeholder_header_cells_imports_whole() {
    // The header's third row holds empty cells under 自然人 and 总计, table 四's its own under
    // 行政复议's five columns; 4.无正当理由大量反复申请 and 五、存在问题及改进情况 as that city words them.
    let page = import_real("hangzhou-2025.html");
    let r = &page.report;
    assert_eq!(anomalies(&page), Vec::<&Kind>::new());
    assert_eq!(filled(r), 200);
    assert_eq!(cell(r, "applications", "new", "total"), Some(14069));
    assert_eq!(
        cell(r, "applications", "handled.declined.mass", "natural"),
        Some(100)
    );
    assert_eq!(cell(r, "applications", "carry_forward", "total"), Some(819));
    assert_eq!(cell(r, "cases", "cases", "review.total"), Some(790));
    assert_eq!(cell(r, "cases", "cases", "after_review.total"), Some(156));
    assert_eq!(
        cell(r, "licensing", "licensing", "decisions"),
        Some(11_398_889)
    );
    // The same page copied from a browser: tab-separated, a spanned cell once.
    let copied = import_real("hangzhou-2025.copied.txt");
    assert_eq!(cell_differences(&copied.report, r), Vec::<String>::new());
    assert_eq!(anomalies(&copied), Vec::<&Kind>::new());
}

#[test]
fn the_city_page_as_a_crawler_keeps_it_is_cut_by_the_rules_and_never_wrong() {
    // Every row's cells touch its label ("一、本年新收政府信息公开申请数量136122520451283214069"):
    // a cut is taken where the rules leave one; every other row is left empty and said.
    let page = import_real("hangzhou-2025.html").report;
    let crawler = import_real("hangzhou-2025.crawler.txt");
    let r = &crawler.report;
    let said: Vec<String> = crawler
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| a.message(nianbao::i18n::Lang::Zh))
        .collect();
    for (t, table) in page.template.tables.iter().enumerate() {
        for (i, (got, want)) in r.tables[t].iter().zip(&page.tables[t]).enumerate() {
            if got.is_none() {
                let row = nianbao::describe::row_label(
                    table,
                    i / table.columns.len(),
                    nianbao::i18n::Lang::Zh,
                );
                let row = if row.is_empty() {
                    table.caption.zh.clone()
                } else {
                    row
                };
                assert!(said.iter().any(|m| m.contains(&row)), "{row}: {said:#?}");
            } else {
                assert_eq!(got, want, "{} cell {i}", table.id);
            }
        }
    }
    // 行政事业性收费316441: 316441 万元, as the page has it, not 31.6441.
    assert_eq!(cell(r, "fees", "fees", "amount"), Some(316_441 * 10_000));
    assert!(filled(r) >= 175, "{}", filled(r));
}

#[test]
fn a_2019_page_with_blank_cells_and_an_amount_in_yuan() {
    let page = import_real("shanghai-2019.html");
    let r = &page.report;
    assert_eq!(r.template.id, "gov-2019");
    assert_eq!(anomalies(&page), Vec::<&Kind>::new());
    // &nbsp; cells stay empty: 63 cells were filled in as published.
    assert_eq!(filled(r), 63);
    assert_eq!(cell(r, "applications", "new", "total"), Some(859));
    assert_eq!(cell(r, "applications", "new", "research"), None);
    assert_eq!(cell(r, "applications", "handled.total", "total"), Some(805));
    assert_eq!(cell(r, "cases", "cases", "direct.total"), Some(9));
    // 251000元 in a column kept in 万元: 25.1, said in a note.
    assert_eq!(
        cell(r, "procurement", "procurement", "amount"),
        Some(251_000)
    );
    assert!(page.anomalies.iter().any(|a| matches!(&a.kind,
        Kind::YuanConverted { text, value, .. } if text == "251000元" && value == "25.1000")));
    let copied = import_real("shanghai-2019.copied.txt");
    assert_eq!(cell_differences(&copied.report, r), Vec::<String>::new());
}

#[test]
fn a_converters_markdown_with_headings_of_its_own() {
    // "## 表三：…" headings, one row of table 三 and table 四's values under a header run
    // together ("行政复议行政诉讼"): what is there is imported, the rows that are not are said.
    let md = import_real("suqian-2025.md");
    let r = &md.report;
    assert_eq!(filled(r), 6 + 7 + 15);
    assert_eq!(cell(r, "documents", "normative", "in_force"), Some(422));
    assert_eq!(cell(r, "applications", "new", "total"), Some(3830));
    assert_eq!(cell(r, "cases", "cases", "review.total"), Some(259));
    assert_eq!(cell(r, "cases", "cases", "after_review.total"), Some(38));
    assert!(anomalies(&md)
        .iter()
        .any(|k| matches!(k, Kind::MissingRows { rows, .. } | Kind::CutOff { rows, .. } if rows.len() == 24)));
}

#[test]
fn an_excerpt_cut_off_inside_a_row_keeps_the_values_before_the_cut() {
    // A stored page ends in the middle of table 三, after six of the row's seven cells
    // (`7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 |`): the cells missing are those after the cut,
    // not gaps among the values, so the six are its first six columns and the total is empty.
    let page = import_real("longgang-2024.excerpt.txt");
    let r = &page.report;
    let zeros = |n: usize| {
        let mut v = vec![Some(0); n];
        v.resize(7, None);
        v
    };
    assert_eq!(
        row(r, "applications", "handled.withheld.case_file"),
        zeros(6)
    );
    assert_eq!(
        row(r, "applications", "new"),
        [58, 7, 0, 0, 1, 0, 66].map(Some)
    );
    assert_eq!(
        row(r, "applications", "handled.withheld.inquiry"),
        vec![None; 7]
    );
    let said: Vec<&Kind> = anomalies(&page);
    assert!(
        said.iter().any(|k| matches!(
            k,
            Kind::CutInRow {
                found: 6,
                expected: 7,
                ..
            }
        )),
        "{said:?}"
    );
    assert!(
        said.iter().any(|k| matches!(k, Kind::CutOff { .. })),
        "{said:?}"
    );
    // The same on a site's traditional-character page printing a cell a line, cut after two
    // values of 一、本年新收政府信息公开申请数量.
    let page = import_real("pingjiang-2021.traditional-excerpt.txt");
    assert_eq!(row(&page.report, "applications", "new"), zeros(2));
    assert!(
        anomalies(&page)
            .iter()
            .any(|k| matches!(k, Kind::CutInRow { found: 2, .. }))
    );
}

/// A row with something after it is whole, though the input ends soon after: its blank cells
/// stand where they stand, not after its values. An excerpt of a 2019 report cut off two lines
/// after `(二)部分公开 |` `0 |` `||||||||` (the next row's label follows), and the text of a PDF of
/// a table ending at a row whose label goes on under its one value (`5.属于三类内部` `0`
/// `事务信息`; the PDF made by LibreOffice of a published table with blank cells): neither row
/// was cut, and a 0 taken as their first column was a guess said as fact.
#[test]
fn a_row_followed_by_more_text_is_no_row_cut_off() {
    let excerpt = import_real("yueyang-nanhu-2019.excerpt.txt");
    let pdf = import_real("xuwen-2023.layout.txt");
    for (page, id) in [
        (&excerpt, "handled.partial"),
        (&pdf, "handled.withheld.internal"),
    ] {
        assert_eq!(row(&page.report, "applications", id), vec![None; 7], "{id}");
        let said = anomalies(page);
        assert!(
            !said.iter().any(|k| matches!(k, Kind::CutInRow { .. })),
            "{id}: {said:?}"
        );
        assert!(
            said.iter().any(|k| matches!(k, Kind::CutOff { .. })),
            "{id}: the rows after it are still said missing: {said:?}"
        );
    }
}

/// The body and the year where the title does not give them: a title that begins 关于 ("about")
/// with the body on a line under it, and an excerpt without its title whose year only the
/// statistics' period states (统计期限自2022年1月1日起). The body was "关于", and no year was
/// found though the text states it.
#[test]
fn the_body_and_year_are_found_where_the_title_lacks_them() {
    let page = import_real("yanbian-xinjiu-2021.excerpt.txt");
    assert_eq!(page.report.agency, "盐边县新九镇人民政府");
    assert_eq!(page.report.year, Some(2021));
    let page = import_real("tianjin-hexi-2022.excerpt.txt");
    assert_eq!(page.report.year, Some(2022));
    assert!(
        page.anomalies
            .iter()
            .any(|a| a.line == Some(1) && matches!(a.kind, Kind::YearFromText { year: 2022 })),
        "said where the year comes from"
    );
}

/// A page converted to Taiwan's usage writes 規範性檔案 for 规范性文件, a word for a word, not a
/// character for a character: the row is read as 规范性文件 (it was not recognised, its values
/// left out). The 2019 format's table of a city's 2020 report, in traditional characters.
#[test]
fn a_label_in_taiwans_words_is_read_as_the_templates() {
    let page = import_real("wuhan-sthj-2020.traditional-excerpt.txt");
    assert_eq!(
        row(&page.report, "documents", "normative"),
        [2, 2, 19].map(Some)
    );
}

/// Table 三 of a real report turned on its side (the row labels across one line, a line of
/// values a column, 自然人 first): import does not turn it, and says why in one line before the
/// rest, instead of ten rows without values and a line of values without a label a column, with
/// nothing saying what they have in common.
#[test]
fn a_transposed_table_is_said_to_be_one() {
    let page = import_real("longgang-2024.transposed.txt");
    let said = anomalies(&page);
    let at = said
        .iter()
        .position(|k| matches!(k, Kind::Transposed { rows: 10, .. }));
    let first_row = said
        .iter()
        .position(|k| matches!(k, Kind::RowWithoutValues { .. }));
    assert!(at.is_some() && at < first_row, "{said:?}");
    // The same report as published gives no such word.
    let page = import_real("longgang-2024.excerpt.txt");
    assert!(
        !anomalies(&page)
            .iter()
            .any(|k| matches!(k, Kind::Transposed { .. }))
    );
}
