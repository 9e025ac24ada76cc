//! What the file readers take from a file is what its program shows: Word's hidden text and a
//! page's hidden elements are not read, a note mark written small after a number ("2731¹") never
//! becomes a digit of it, a workbook's formula kept without its value is said, not left silently
//! empty. Each input is `samples/shiyan-2024.toml` exported by nianbao, one cell edited here the
//! way a word processor, a page or a script writes it, so every cell is known.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use nianbao::export;
use nianbao::i18n::Lang;
use nianbao::import::{self, Imported, Kind, Level};
use nianbao::report::Report;
use nianbao::store::load_file;
use nianbao::template::Registry;

#[path = "support/reports.rs"]
mod reports;

fn sample() -> Report {
    let path = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    load_file(Path::new(&path), &mut Registry::default())
        .unwrap()
        .0
}

fn import_bytes(bytes: &[u8]) -> Imported {
    import::import(bytes, &mut Registry::default(), None).unwrap()
}

/// The archive with `part` edited: each `(from, to)` replaced once, `from` required to be there.
fn edit_part(archive: &[u8], part: &str, edits: &[(&str, &str)]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut out = Cursor::new(Vec::new());
    let mut zout = zip::ZipWriter::new(&mut out);
    for i in 0..zin.len() {
        let mut file = zin.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == part {
            let mut text = String::from_utf8(data).unwrap();
            for (from, to) in edits {
                assert!(text.contains(from), "{part} lacks {from}");
                text = text.replacen(from, to, 1);
            }
            data = text.into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&data).unwrap();
    }
    zout.finish().unwrap();
    out.into_inner()
}

/// A run of the document as nianbao writes a number.
fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn docx_with(edits: &[(&str, &str)]) -> Vec<u8> {
    edit_part(&export::docx::render(&sample()), "word/document.xml", edits)
}

/// Every cell that differs from the sample, named.
fn wrong_cells(got: &Report) -> Vec<String> {
    reports::cell_differences(got, &sample())
}

fn messages(imported: &Imported, lang: Lang) -> Vec<String> {
    imported
        .anomalies
        .iter()
        .map(|a| format!("{:?} {:?}: {}", a.line, a.level(), a.message(lang)))
        .collect()
}

/// The notes about dropped note marks, in English and Chinese, of an import that got every cell
/// right with no anomaly.
fn note_marks_of_a_clean_import(imported: &Imported) -> Vec<String> {
    assert_eq!(wrong_cells(&imported.report), Vec::<String>::new());
    assert_eq!(
        imported.anomaly_count(),
        0,
        "{:?}",
        messages(imported, Lang::En)
    );
    imported
        .anomalies
        .iter()
        .filter(|a| matches!(a.kind, Kind::NoteMark { .. }))
        .flat_map(|a| [a.message(Lang::En), a.message(Lang::Zh)])
        .collect()
}

#[test]
fn word_hidden_text_is_not_read_into_a_number() {
    let hidden = |v: &str| format!("<w:r><w:rPr><w:vanish/></w:rPr><w:t>{v}</w:t></w:r>");
    let web_hidden = |v: &str| format!("<w:r><w:rPr><w:webHidden/></w:rPr><w:t>{v}</w:t></w:r>");
    // 行政处罚 143 with a hidden 1 before it, 予以公开 × 总计 26 with a hidden 9 after it,
    // 行政许可 1286 with a web-hidden 7 after it.
    let bytes = docx_with(&[
        (&run("143"), &format!("{}{}", hidden("1"), run("143"))),
        (&run("26"), &format!("{}{}", run("26"), hidden("9"))),
        (&run("1286"), &format!("{}{}", run("1286"), web_hidden("7"))),
    ]);
    let imported = import_bytes(&bytes);
    assert_eq!(wrong_cells(&imported.report), Vec::<String>::new());
    assert_eq!(
        imported.anomaly_count(),
        0,
        "{:?}",
        messages(&imported, Lang::En)
    );
}

#[test]
fn word_text_switched_back_to_visible_is_read() {
    // A run whose style hides text but whose own property shows it again prints it.
    let shown = "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>1</w:t></w:r>";
    let bytes = docx_with(&[(&run("143"), &format!("{shown}{}", run("43")))]);
    assert_eq!(
        wrong_cells(&import_bytes(&bytes).report),
        Vec::<String>::new()
    );
}

#[test]
fn a_word_superscript_after_a_number_is_a_note_mark_not_a_digit() {
    let raised = |v: &str| {
        format!("<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>{v}</w:t></w:r>")
    };
    let lowered = "<w:r><w:rPr><w:vertAlign w:val=\"subscript\"/></w:rPr><w:t>2</w:t></w:r>";
    let bytes = docx_with(&[
        (&run("1286"), &format!("{}{}", run("1286"), raised("1"))),
        (&run("143"), &format!("{}{lowered}", run("143"))),
    ]);
    let imported = import_bytes(&bytes);
    let notes = note_marks_of_a_clean_import(&imported);
    assert_eq!(
        notes,
        [
            "row \"行政许可\": the superscript \"1\" after \"1286\" is taken for a note mark and left out of the cell",
            "“行政许可”行：“1286”后的上标“1”视为注释标记，未计入单元格",
            "row \"行政处罚\": the subscript \"2\" after \"143\" is taken for a note mark and left out of the cell",
            "“行政处罚”行：“143”后的下标“2”视为注释标记，未计入单元格",
        ]
    );
    assert!(imported.anomalies.iter().all(|a| a.level() == Level::Note));
}

#[test]
fn a_word_superscript_before_a_number_is_kept_apart_and_the_cell_refused() {
    let raised = "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>9</w:t></w:r>";
    let bytes = docx_with(&[(&run("1286"), &format!("{raised}{}", run("1286")))]);
    let imported = import_bytes(&bytes);
    // Never 91286: the cell reads "9 1286", which is no number, and is said.
    let wrong = wrong_cells(&imported.report);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("None for Some(1286)"), "{wrong:?}");
    assert!(
        messages(&imported, Lang::En)
            .iter()
            .any(|m| m.contains("9 1286")),
        "{:?}",
        messages(&imported, Lang::En)
    );
}

#[test]
fn a_workbook_formula_without_its_value_is_named() {
    let book = export::xlsx::render(&sample()).unwrap();
    // 三 › 予以公开 × 总计 (26), written as a script writes a total: a formula and no value.
    let bytes = edit_part(
        &book,
        "xl/worksheets/sheet5.xml",
        &[(
            r#"<c r="J8" s="5"><v>26</v></c>"#,
            r#"<c r="J8" s="5"><f>SUM(D8:I8)</f></c>"#,
        )],
    );
    let imported = import_bytes(&bytes);
    let wrong = wrong_cells(&imported.report);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("None for Some(26)"), "{wrong:?}");
    let said: Vec<(Option<usize>, String, String)> = imported
        .anomalies
        .iter()
        .filter(|a| matches!(a.kind, Kind::FormulaWithoutValue { .. }))
        .map(|a| (a.line, a.message(Lang::En), a.message(Lang::Zh)))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", messages(&imported, Lang::En));
    let (line, en, zh) = &said[0];
    assert!(line.is_some());
    assert!(
        en.contains(
            "cell J8 (row \"(一) 予以公开\"): the formula =SUM(D8:I8) has no computed value"
        ),
        "{en}"
    );
    assert!(
        zh.contains("单元格 J8（“(一) 予以公开”行）：公式 =SUM(D8:I8) 没有保存计算结果，留空"),
        "{zh}"
    );
    assert!(imported.anomaly_count() >= 1);
}

fn page_with(edits: &[(&str, &str)]) -> Vec<u8> {
    let mut page = export::html::render(&sample());
    for (from, to) in edits {
        assert!(page.contains(from), "the page lacks {from}");
        page = page.replacen(from, to, 1);
    }
    page.into_bytes()
}

const GRANTED: &str = "<td>0</td><td>1</td><td>1</td><td>0</td><td>26</td></tr>";

#[test]
fn text_a_page_hides_is_not_read_into_a_number() {
    let bytes = page_with(&[
        (
            "<td>143</td>",
            "<td><span hidden>1</span>14<span style=\"display: none\">7</span>3</td>",
        ),
        (
            GRANTED,
            "<td>0</td><td>1</td><td>1</td><td>0</td><td>26<span style='visibility:hidden'>7</span></td></tr>",
        ),
        // A row the page does not show: not a second 行政许可.
        (
            "<tr><th class=\"row label\">行政许可</th>",
            "<tr style=\"DISPLAY:NONE\"><th class=\"row label\">行政许可</th><td>9999</td></tr>\
             <tr><th class=\"row label\">行政许可</th>",
        ),
    ]);
    let imported = import_bytes(&bytes);
    assert_eq!(wrong_cells(&imported.report), Vec::<String>::new());
    assert_eq!(
        imported.anomaly_count(),
        0,
        "{:?}",
        messages(&imported, Lang::En)
    );
}

#[test]
fn a_superscript_after_a_number_on_a_page_is_a_note_mark_not_a_digit() {
    let bytes = page_with(&[
        ("<td>1286</td>", "<td>1286<sup>1</sup></td>"),
        (
            GRANTED,
            "<td>0</td><td>1</td><td>1</td><td>0</td><td>26<sup><a href=\"#n\">注1</a></sup></td></tr>",
        ),
        ("<td>143</td>", "<td>143<sub>2</sub></td>"),
    ]);
    let imported = import_bytes(&bytes);
    let notes = note_marks_of_a_clean_import(&imported);
    assert_eq!(
        notes,
        [
            "row \"行政许可\": the superscript \"1\" after \"1286\" is taken for a note mark and left out of the cell",
            "“行政许可”行：“1286”后的上标“1”视为注释标记，未计入单元格",
            "row \"行政处罚\": the subscript \"2\" after \"143\" is taken for a note mark and left out of the cell",
            "“行政处罚”行：“143”后的下标“2”视为注释标记，未计入单元格",
            "row \"(一) 予以公开\": the superscript \"注1\" after \"26\" is taken for a note mark and left out of the cell",
            "“(一) 予以公开”行：“26”后的上标“注1”视为注释标记，未计入单元格",
        ]
    );
}

#[test]
fn a_superscript_before_a_number_on_a_page_is_kept_apart() {
    let bytes = page_with(&[("<td>1286</td>", "<td><sup>9</sup>1286</td>")]);
    let imported = import_bytes(&bytes);
    let wrong = wrong_cells(&imported.report);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("None for Some(1286)"), "{wrong:?}");
    assert!(
        messages(&imported, Lang::En)
            .iter()
            .any(|m| m.contains("\"9 1286\" is not a valid value")),
        "{:?}",
        messages(&imported, Lang::En)
    );
}

/// The sample as a PDF-to-Markdown converter (MinerU and its like) writes it: the title a `#`
/// heading, the section headings plain lines, and each table an HTML `<table>` on one line, as
/// nianbao's page prints it; `edit` changes the page's tables first.
fn converter_markdown(edit: impl Fn(String) -> String) -> Vec<u8> {
    let report = sample();
    let page = edit(export::html::render(&report));
    let mut blocks = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("<table") {
        let end = rest[start..].find("</table>").unwrap() + start + "</table>".len();
        let block = &rest[start..end];
        // The Markdown keeps each table's caption as a line of its own.
        let block = match (block.find("<caption>"), block.find("</caption>")) {
            (Some(a), Some(b)) => format!("{}{}", &block[..a], &block[b + "</caption>".len()..]),
            _ => block.to_string(),
        };
        blocks.push(block.replace('\n', " "));
        rest = &rest[end..];
    }
    let markdown = export::md::render(&report);
    let mut out = Vec::new();
    let mut blocks = blocks.into_iter();
    let mut in_table = false;
    for line in markdown.lines() {
        if line.starts_with('|') {
            if !in_table {
                out.push(blocks.next().expect("a table for each pipe table"));
            }
            in_table = true;
            continue;
        }
        in_table = false;
        out.push(
            match line.strip_prefix("## ").or(line.strip_prefix("### ")) {
                Some(heading) => heading.to_string(),
                None => line.to_string(),
            },
        );
    }
    assert!(blocks.next().is_none(), "every table placed");
    out.join("\n").into_bytes()
}

#[test]
fn markdown_with_html_tables_is_read_as_markdown() {
    let bytes = converter_markdown(|page| page);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with("# ") && text.contains("\n<table"),
        "{text}"
    );
    let imported = import_bytes(&bytes);
    let want = sample();
    assert_eq!(wrong_cells(&imported.report), Vec::<String>::new());
    assert_eq!(
        (
            imported.report.title.as_str(),
            imported.report.agency.as_str()
        ),
        (want.title.as_str(), want.agency.as_str())
    );
    assert_eq!(imported.report.year, want.year);
    // Each paragraph its own, as written, not the lines run together.
    assert_eq!(imported.report.texts, want.texts);
    assert_eq!(
        imported.anomaly_count(),
        0,
        "{:?}",
        messages(&imported, Lang::En)
    );
}

#[test]
fn a_note_mark_in_a_markdown_html_table_is_named_on_the_markdowns_line() {
    let bytes =
        converter_markdown(|page| page.replacen("<td>1286</td>", "<td>1286<sup>1</sup></td>", 1));
    let text = String::from_utf8(bytes.clone()).unwrap();
    let line = text.lines().position(|l| l.contains("1286<sup>")).unwrap() + 1;
    let imported = import_bytes(&bytes);
    assert_eq!(wrong_cells(&imported.report), Vec::<String>::new());
    let marks: Vec<Option<usize>> = imported
        .anomalies
        .iter()
        .filter(|a| matches!(a.kind, Kind::NoteMark { .. }))
        .map(|a| a.line)
        .collect();
    assert_eq!(marks, [Some(line)]);
}

#[test]
fn an_html_comment_in_markdown_is_left_out() {
    let markdown = export::md::render(&sample());
    // A converter marks a page break inside table 三, on a line of its own and after a row.
    let row = "| (三) 不予公开 1.属于国家秘密 |";
    assert!(markdown.contains(row));
    let markdown = markdown
        .replacen(row, &format!("<!-- page 4 -->\n{row}"), 1)
        .replacen(
            "| 行政许可 | 1286 |",
            "| 行政许可 | 1286 | <!-- checked -->\n\n<!--\npage 2\n-->\n",
            1,
        );
    let imported = import_bytes(markdown.as_bytes());
    assert_eq!(wrong_cells(&imported.report), Vec::<String>::new());
    assert_eq!(
        imported.anomaly_count(),
        0,
        "{:?}",
        messages(&imported, Lang::En)
    );
}
