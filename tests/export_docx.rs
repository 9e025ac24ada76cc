//! The Word export read back as Word reads it: the package's parts, an A4 page in the official
//! margins, the official fonts, the tables' merged headers and row groups, right-aligned numbers,
//! and no content of the report that could act.

mod common;
mod ooxml;
mod support;

use std::time::Duration;

use nianbao::export::docx;
use nianbao::report::Report;
use nianbao::store::load_file;
use nianbao::template::Registry;
use ooxml::{El, parse, part, part_names};

fn sample(name: &str) -> Report {
    load_file(&common::samples().join(name), &mut Registry::default())
        .unwrap()
        .0
}

fn document(report: &Report) -> El {
    parse(&part(&docx::render(report), "word/document.xml"))
}

/// A table's rows as (grid column, cell) pairs, the column counted through merged cells.
fn grid_rows(table: &El) -> Vec<Vec<(usize, &El)>> {
    table
        .kids("w:tr")
        .map(|tr| {
            let mut col = 0;
            tr.kids("w:tc")
                .map(|tc| {
                    let at = col;
                    col += tc
                        .val(&["w:tcPr", "w:gridSpan"])
                        .map_or(1, |s| s.parse::<usize>().unwrap());
                    (at, tc)
                })
                .collect()
        })
        .collect()
}

fn span(tc: &El) -> usize {
    tc.val(&["w:tcPr", "w:gridSpan"])
        .map_or(1, |s| s.parse().unwrap())
}

/// `Some("restart")` for the top of a cell merged down, `Some("continue")` below it.
fn merge(tc: &El) -> Option<&str> {
    tc.kid("w:tcPr")?
        .kid("w:vMerge")
        .map(|m| m.attr("w:val").unwrap_or("continue"))
}

fn table_with<'a>(doc: &'a El, text: &str) -> &'a El {
    doc.all("w:tbl")
        .into_iter()
        .find(|t| t.all("w:tc").iter().any(|c| c.text() == text))
        .unwrap_or_else(|| panic!("no table with {text}"))
}

fn cell_with<'a>(table: &'a El, text: &str) -> (usize, usize, &'a El) {
    for (r, row) in grid_rows(table).into_iter().enumerate() {
        for (c, tc) in row {
            if tc.text() == text {
                return (r, c, tc);
            }
        }
    }
    panic!("no cell {text}")
}

#[test]
fn the_package_has_the_parts_word_needs() {
    let bytes = docx::render(&sample("shiyan-2024.toml"));
    let names = part_names(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        // Every part is well-formed XML.
        parse(&part(&bytes, name));
    }
    let types = parse(&part(&bytes, "[Content_Types].xml"));
    assert!(types.kids("Override").any(|o| {
        o.attr("PartName") == Some("/word/document.xml")
            && o.attr("ContentType")
                .unwrap()
                .ends_with("document.main+xml")
    }));
    let settings = parse(&part(&bytes, "word/settings.xml"));
    assert_eq!(
        settings.all("w:compatSetting")[0].attr("w:val"),
        Some("15"),
        "Word opens it without compatibility mode"
    );
    let footer = parse(&part(&bytes, "word/footer1.xml"));
    assert_eq!(footer.all("w:fldSimple")[0].attr("w:instr"), Some(" PAGE "));
    let core = parse(&part(&bytes, "docProps/core.xml"));
    assert_eq!(
        core.kid("dc:title").unwrap().text_of_node(),
        "示例市自然资源和规划局2024年政府信息公开工作年度报告"
    );
    // The same report always gives the same file.
    assert_eq!(bytes, docx::render(&sample("shiyan-2024.toml")));
}

trait NodeText {
    fn text_of_node(&self) -> String;
}

impl NodeText for El {
    fn text_of_node(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                ooxml::Node::Text(t) => Some(t.as_str()),
                ooxml::Node::El(_) => None,
            })
            .collect()
    }
}

#[test]
fn the_page_is_a4_with_the_official_margins_and_fonts() {
    let bytes = docx::render(&sample("shiyan-2024.toml"));
    let doc = parse(&part(&bytes, "word/document.xml"));
    let sect = doc.all("w:sectPr")[0];
    let size = sect.kid("w:pgSz").unwrap();
    assert_eq!(
        (size.attr("w:w"), size.attr("w:h")),
        (Some("11906"), Some("16838"))
    );
    let margins = sect.kid("w:pgMar").unwrap();
    let twips = |k: &str| margins.attr(k).unwrap().parse::<u32>().unwrap();
    // 37, 35, 28 and 26 mm, to the twip.
    assert_eq!(
        [
            twips("w:top"),
            twips("w:bottom"),
            twips("w:left"),
            twips("w:right")
        ],
        [2098, 1984, 1587, 1474]
    );

    let styles = parse(&part(&bytes, "word/styles.xml"));
    let style = |id: &str| {
        styles
            .kids("w:style")
            .find(|s| s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id}"))
    };
    let east_asia = |id: &str| {
        style(id)
            .kid("w:rPr")
            .and_then(|r| r.kid("w:rFonts"))
            .and_then(|f| f.attr("w:eastAsia"))
            .unwrap()
            .to_string()
    };
    let size = |id: &str| style(id).val(&["w:rPr", "w:sz"]).unwrap().to_string();
    assert_eq!(
        (east_asia("Title").as_str(), size("Title").as_str()),
        ("方正小标宋简体", "44")
    );
    assert_eq!(
        (east_asia("Heading1").as_str(), size("Heading1").as_str()),
        ("黑体", "32")
    );
    assert_eq!(
        (east_asia("Heading2").as_str(), size("Heading2").as_str()),
        ("楷体", "32")
    );
    assert_eq!(
        (east_asia("BodyText").as_str(), size("BodyText").as_str()),
        ("仿宋", "32")
    );
    assert_eq!(east_asia("TableText"), "宋体");
    assert_eq!(style("Heading1").val(&["w:pPr", "w:outlineLvl"]), Some("0"));
    // Where a font is missing, Word substitutes a Chinese one of the GB2312 set.
    let fonts = parse(&part(&bytes, "word/fontTable.xml"));
    let title_font = fonts
        .kids("w:font")
        .find(|f| f.attr("w:name") == Some("方正小标宋简体"))
        .unwrap();
    assert_eq!(title_font.val(&["w:altName"]), Some("宋体"));
    assert_eq!(title_font.val(&["w:charset"]), Some("86"));

    // The title is broken before its year; a text's (一) line is a second-level heading.
    let paragraphs = doc.all("w:p");
    let styled = |id: &str| -> Vec<String> {
        paragraphs
            .iter()
            .filter(|p| p.val(&["w:pPr", "w:pStyle"]) == Some(id))
            .map(|p| p.text())
            .collect()
    };
    assert_eq!(
        styled("Title"),
        ["示例市自然资源和规划局\n2024年政府信息公开工作年度报告"]
    );
    assert_eq!(styled("Heading1").len(), 6);
    assert_eq!(styled("Heading1")[2], "三、收到和处理政府信息公开申请情况");
    assert!(styled("Heading2").contains(&"（二）依申请公开".to_string()));
    assert!(
        styled("BodyText")
            .iter()
            .any(|t| t.starts_with("全年共收到政府信息公开申请77件"))
    );
}

#[test]
fn tables_have_the_official_merged_headers_and_row_groups() {
    let doc = document(&sample("shiyan-2024.toml"));
    let requests = table_with(&doc, "法人或其他组织");
    let rows = grid_rows(requests);
    let (r, c, tc) = cell_with(requests, "法人或其他组织");
    assert_eq!((r, c, span(tc)), (1, 4, 5));
    let (_, _, applicant) = cell_with(requests, "申请人情况");
    assert_eq!(span(applicant), 6);
    // 总计 runs down the three header rows, 自然人 down two.
    let (r, c, total) = cell_with(requests, "总计");
    assert_eq!((r, c, merge(total)), (0, 9, Some("restart")));
    for below in [1, 2] {
        let (_, tc) = rows[below].iter().find(|(col, _)| *col == 9).unwrap();
        assert_eq!(merge(tc), Some("continue"));
    }
    // The three header rows repeat on every page.
    let repeated: Vec<bool> = requests
        .kids("w:tr")
        .map(|tr| {
            tr.kid("w:trPr")
                .is_some_and(|p| p.kid("w:tblHeader").is_some())
        })
        .collect();
    assert_eq!(&repeated[..4], [true, true, true, false]);
    // 三、本年度办理结果 down its 22 rows in the first column, (三) 不予公开 down its 8.
    let (r, c, handled) = cell_with(requests, "三、本年度办理结果");
    assert_eq!((r, c, merge(handled)), (5, 0, Some("restart")));
    for row in &rows[r + 1..r + 22] {
        assert_eq!(row[0].0, 0);
        assert_eq!(merge(row[0].1), Some("continue"), "{}", row[1].1.text());
    }
    assert_eq!(rows[r + 22][0].1.text(), "四、结转下年度继续办理");
    assert_eq!(merge(rows[r + 22][0].1), None);
    let (r, c, withheld) = cell_with(requests, "(三) 不予公开");
    assert_eq!((c, merge(withheld)), (1, Some("restart")));
    assert_eq!(rows[r][2].1.text(), "1.属于国家秘密");
    assert_eq!(
        merge(rows[r + 8][1].1),
        Some("restart"),
        "(四) starts after 8 rows"
    );
    // Short headers are never broken; narrow ones are broken in the middle.
    assert!(cell_with(requests, "自然人").2.all("w:br").is_empty());
    cell_with(requests, "商业\n企业");

    // 四: two header levels over fifteen columns.
    let appeals = table_with(&doc, "行政诉讼");
    assert_eq!(span(cell_with(appeals, "行政复议").2), 5);
    assert_eq!(span(cell_with(appeals, "行政诉讼").2), 10);
    let (r, c, direct) = cell_with(appeals, "未经复议直接起诉");
    assert_eq!((r, c, span(direct)), (1, 5, 5));
    assert_eq!(span(cell_with(appeals, "复议后起诉").2), 5);
    let (_, _, review_total) = cell_with(appeals, "总计");
    assert_eq!(
        merge(review_total),
        Some("restart"),
        "行政复议's 总计 runs down two rows"
    );
    let last_header = &grid_rows(appeals)[2];
    // 行政复议's five labels run down two rows: below them, five cells continue them.
    assert_eq!(last_header.len(), 15);
    let continued = last_header
        .iter()
        .filter(|(_, tc)| merge(tc) == Some("continue"));
    assert_eq!(
        continued.map(|(c, _)| *c).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert!(last_header.iter().any(|(_, tc)| tc.text() == "结果\n维持"));

    // 二's tables each carry their caption across their first row.
    let documents = table_with(&doc, "第二十条第（一）项");
    let caption = &grid_rows(documents)[0];
    assert_eq!((caption.len(), span(caption[0].1)), (1, 4));
}

#[test]
fn numbers_are_right_aligned_and_empty_cells_empty() {
    let doc = document(&sample("shiyan-2024.toml"));
    let requests = table_with(&doc, "法人或其他组织");
    let rows = grid_rows(requests);
    let new_row = &rows[3];
    assert_eq!(new_row[0].1.text(), "一、本年新收政府信息公开申请数量");
    let values: Vec<String> = new_row[1..].iter().map(|(_, tc)| tc.text()).collect();
    assert_eq!(values, ["62", "9", "0", "1", "3", "2", "77"]);
    for (_, tc) in &new_row[1..] {
        assert_eq!(tc.all("w:jc")[0].attr("w:val"), Some("right"));
    }
    assert_eq!(new_row[0].1.all("w:jc")[0].attr("w:val"), Some("left"));
    // Money with its four decimals, under the header that gives its unit.
    let fees = table_with(&doc, "行政事业性收费");
    let (_, _, unit) = cell_with(fees, "本年收费金额（单位：万元，保留4位小数）");
    assert!(unit.all("w:br").is_empty() || unit.text().contains("万元"));
    let fee_row = grid_rows(fees).pop().unwrap();
    assert_eq!(fee_row[1].1.text(), "18.8710");
    // An empty cell is empty, never 0.
    let empty = nianbao::report::Report::new(Registry::default().get("gov-2021").unwrap());
    let doc = document(&empty);
    let requests = table_with(&doc, "法人或其他组织");
    assert!(
        grid_rows(requests)[3][1..]
            .iter()
            .all(|(_, tc)| tc.text().is_empty())
    );
}

#[test]
fn hostile_content_is_shown_not_run() {
    let mut report = sample("shiyan-2024.toml");
    let hostile = "\u{1b}]52;c;aGk=\u{7}<script>alert(1)</script>\u{202e}翻转\u{fffe}";
    report.texts[0] = format!("{hostile}\n{}", report.texts[0]);
    report.agency = hostile.to_string();
    report.title = format!("{hostile}年度报告");
    let bytes = docx::render(&report);
    for name in part_names(&bytes) {
        let xml = part(&bytes, &name);
        // XML 1.0 cannot hold these at all: a file holding them would not open.
        assert!(
            !xml.chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t')
                    || c == '\u{202e}'
                    || c == '\u{fffe}'),
            "{name}"
        );
        let tree = parse(&xml);
        assert!(tree.all("script").is_empty(), "{name}");
    }
    let doc = parse(&part(&bytes, "word/document.xml"));
    let texts: Vec<String> = doc.all("w:p").iter().map(|p| p.text()).collect();
    // The hostile line is the first line of its paragraph, shown as text.
    assert!(
        texts
            .iter()
            .flat_map(|t| t.lines())
            .any(|t| t == "^[]52;c;aGk=^G<script>alert(1)</script><U+202E>翻转<U+FFFE>"),
        "{texts:?}"
    );
}

#[test]
fn export_writes_a_docx_but_not_to_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let sample = common::samples().join("shiyan-2024.toml");
    let sample = sample.to_str().unwrap();
    let run = common::nianbao_in(
        dir.path(),
        &["export", sample, "--to", "docx", "-o", "r.docx"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read(dir.path().join("r.docx")).unwrap();
    assert_eq!(written, docx::render(&self::sample("shiyan-2024.toml")));
    let mut pty = support::pty::Pty::spawn(
        &["export", sample, "--to", "docx", "--lang", "zh"],
        80,
        24,
        &[],
    );
    assert!(
        pty.wait_for("二进制文件", Duration::from_secs(10)),
        "{}",
        pty.text()
    );
    assert_eq!(pty.wait(Duration::from_secs(10)), Some(2));
    assert!(
        !pty.output().contains("PK\u{3}\u{4}"),
        "no zip reached the terminal"
    );
}
