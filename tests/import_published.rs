//! Reports in the shapes they are really published in: the text pdftotext gives of a printed
//! report in both its modes, converter Markdown, crawler text, and the files themselves. Each
//! fixture was made from `samples/shiyan-2024.toml` (by `tests/fixtures/import/files/make.sh` for
//! those an outside program made), so every cell is known.

use std::path::Path;

use nianbao::import::{self, Imported, Kind, Level};
use nianbao::report::Report;
use nianbao::store::load_file;
use nianbao::template::Registry;

#[path = "support/reports.rs"]
mod reports;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sample(name: &str) -> Report {
    let path = format!("{}/samples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    load_file(Path::new(&path), &mut Registry::default())
        .unwrap()
        .0
}

fn import_bytes(bytes: &[u8], name: &str) -> Imported {
    import::import(bytes, &mut Registry::default(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn anomalies(imported: &Imported) -> Vec<String> {
    imported
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| format!("{:?}: {}", a.line, a.message(nianbao::i18n::Lang::En)))
        .collect()
}

/// Every cell as in the sample, each difference named; the texts with line breaks and spaces
/// taken out (a PDF wraps its paragraphs where its page ended).
fn assert_cells(got: &Report, want: &Report, name: &str) {
    let t = &want.template;
    let wrong = reports::cell_differences(got, want);
    assert!(
        wrong.is_empty(),
        "{name}: {} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (s, section) in t.sections.iter().enumerate() {
        assert_eq!(
            squeeze(&got.texts[s]),
            squeeze(&want.texts[s]),
            "{name}: text of {}",
            section.id
        );
    }
    assert_eq!(
        (got.agency.as_str(), got.year),
        (want.agency.as_str(), want.year),
        "{name}"
    );
}

fn assert_imports_whole(name: &str) -> Imported {
    let imported = import_bytes(&fixture(name), name);
    assert_cells(&imported.report, &sample("shiyan-2024"), name);
    assert_eq!(anomalies(&imported), Vec::<String>::new(), "{name}");
    imported
}

#[test]
fn pdftotext_layout_of_a_browser_printed_report() {
    assert_imports_whole("files/shiyan-2024-chromium.layout.txt");
}

/// Text in which some values cannot be told apart: every cell read is right, every cell not
/// read is empty, and what was left out is said.
fn assert_never_wrong(name: &str) -> Imported {
    let imported = import_bytes(&fixture(name), name);
    let (got, want) = (&imported.report, sample("shiyan-2024"));
    let mut missing = 0;
    for (i, table) in want.template.tables.iter().enumerate() {
        for (cell, expected) in want.tables[i].iter().enumerate() {
            match got.tables[i][cell] {
                None => missing += 1,
                value => assert_eq!(value, *expected, "{name}: {} cell {cell}", table.id),
            }
        }
    }
    let said = anomalies(&imported);
    assert!(
        missing == 0 || !said.is_empty(),
        "{name}: {missing} cells missing, unsaid"
    );
    imported
}

#[test]
fn pdftotext_default_of_a_browser_printed_report() {
    // Read column by column, a wrapped label is printed after its values and the rows of a page
    // after its header: the rows between two labelled ones are placed by position, and a page
    // whose runs of values do not keep the rows' totals is left out rather than guessed at.
    let imported = assert_never_wrong("files/shiyan-2024-chromium.default.txt");
    let filled = imported
        .report
        .tables
        .iter()
        .flatten()
        .filter(|c| c.is_some())
        .count();
    assert!(filled >= 158, "{filled} cells");
}

#[test]
fn pdftotext_layout_of_a_writer_printed_report() {
    assert_imports_whole("files/shiyan-2024-writer.layout.txt");
}

#[test]
fn pdftotext_layout_of_a_table_with_blank_cells_keeps_each_value_in_its_column() {
    // Four cells printed blank (blank_cells.py): each row has fewer values than columns, and
    // -layout keeps every value under its column; the rows beside it tell where the columns are.
    let name = "files/shiyan-2024-writer-blanks.layout.txt";
    let imported = import_bytes(&fixture(name), name);
    let mut wrong = reports::cell_differences(&imported.report, &sample("shiyan-2024"));
    wrong.sort();
    assert_eq!(
        wrong,
        [
            "applications / handled.granted / charity: None for Some(1)",
            "applications / handled.withheld.state_secret / other: None for Some(0)",
            "applications / handled.withheld.state_secret / research: None for Some(0)",
            "documents / regulations / repealed: None for Some(0)",
        ]
    );
    assert!(
        anomalies(&imported).is_empty(),
        "{:?}",
        anomalies(&imported)
    );
    let placed: Vec<&Vec<String>> = imported
        .anomalies
        .iter()
        .filter_map(|a| match &a.kind {
            Kind::PlacedByColumn { rows, .. } => Some(rows),
            _ => None,
        })
        .collect();
    assert_eq!(placed.len(), 2, "{placed:?}");
}

#[test]
fn pdftotext_default_of_a_writer_printed_report() {
    // The last values of table 四 are printed after section 六: they are not taken into 四, and
    // the 13 before them could stand in 11 places among its 15 columns as far as its group totals
    // tell. The 9 cells every place agrees on are taken, the 4 others left empty and said.
    let imported = assert_never_wrong("files/shiyan-2024-writer.default.txt");
    let filled = imported
        .report
        .tables
        .iter()
        .flatten()
        .filter(|c| c.is_some())
        .count();
    assert!(filled >= 194, "{filled} cells");
    assert!(imported.anomalies.iter().any(|a| matches!(&a.kind,
        Kind::GapAmbiguous { ways, placed, .. } if ways.len() > 1 && placed.len() == 9)));
    let placed = imported
        .anomalies
        .iter()
        .find_map(|a| match &a.kind {
            Kind::PlacedByPosition { rows } => Some(rows.len()),
            _ => None,
        })
        .unwrap_or(0);
    assert!(placed >= 1, "{placed} rows placed by position");
}

#[test]
fn a_word_document_with_merged_cells() {
    let imported = assert_imports_whole("files/shiyan-2024-writer.docx");
    assert_eq!(imported.report.title, sample("shiyan-2024").title);
}

#[test]
fn a_workbook_laid_out_like_the_official_tables() {
    assert_imports_whole("files/shiyan-2024-calc.xlsx");
}

/// The text export opened in Calc and saved as a workbook: one sheet, the headings, texts and
/// captions in cells of their own between the tables. Each table is found by its labels, wherever
/// it stands in the sheet, as in the text itself.
#[test]
fn a_whole_report_on_one_sheet() {
    let imported = assert_imports_whole("files/shiyan-2024-one-sheet.xlsx");
    let want = sample("shiyan-2024");
    assert_eq!(imported.report.title, want.title);
    assert_eq!(imported.report.texts, want.texts);
}

/// A sheet of the text export's lines, a cell for each tab-separated field, numbers as numbers
/// (as Calc reads them).
fn sheet_of_lines(lines: &[&str]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, line) in lines.iter().enumerate() {
        for (c, field) in line.split('\t').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match field.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                Err(_) if field.is_empty() => Ok(()),
                Err(_) => sheet.write_string(r, c, field).map(|_| ()),
            }
            .unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// A sheet holding table 三 alone begins with the section's heading: that is no title, and no
/// agency is read from it.
#[test]
fn a_sheet_of_one_table_takes_no_heading_for_its_title() {
    let report = sample("shiyan-2024");
    let text = nianbao::export::txt::render(&report);
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("三、"))
        .take_while(|l| !l.starts_with("四、政府信息公开"))
        .collect();
    assert!(lines.len() > 25, "{}", lines.len());
    let imported = import_bytes(&sheet_of_lines(&lines), "table-3.xlsx");
    assert_eq!(imported.report.title, "");
    assert_eq!(imported.report.agency, "");
    let requests = report.template.table_by_id(2, "applications").unwrap();
    assert_eq!(imported.report.tables[requests], report.tables[requests]);
}

#[test]
fn files_are_told_by_content_not_name() {
    // WPS saves under names of its own; a file renamed .txt is still read as what it is.
    let dir = tempfile::tempdir().unwrap();
    for (name, renamed) in [
        ("files/shiyan-2024-writer.docx", "report.wps"),
        ("files/shiyan-2024-calc.xlsx", "report.txt"),
    ] {
        let path = dir.path().join(renamed);
        std::fs::write(&path, fixture(name)).unwrap();
        let imported = import_bytes(&std::fs::read(&path).unwrap(), renamed);
        assert_cells(&imported.report, &sample("shiyan-2024"), renamed);
    }
}

#[test]
fn a_broken_document_or_workbook_is_refused_with_its_reason() {
    for name in [
        "files/shiyan-2024-writer.docx",
        "files/shiyan-2024-calc.xlsx",
    ] {
        let mut bytes = fixture(name);
        let keep = bytes.len() / 2;
        bytes.truncate(keep);
        // Cut in half, the archive is no longer one: read as text, it holds no report.
        assert!(
            import::import(&bytes, &mut Registry::default(), None).is_err(),
            "{name}"
        );
    }
    // An Office 97-2003 file whose insides cannot be made out (a damaged .doc): said as that,
    // not as a broken Excel workbook with the reader's English words after it.
    let mut damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    damaged.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let e = import::import(&damaged, &mut Registry::default(), None).unwrap_err();
    let zh = e.message(nianbao::i18n::Lang::Zh);
    assert!(zh.contains("不是可读的 Office 97-2003 文件"), "{zh}");
    assert!(
        !zh.contains("Excel 文件") && !zh.contains("原始信息"),
        "{zh}"
    );
}

/// The Word export printed to PDF by LibreOffice, from the texts pdftotext gives of it: the
/// texts and the title come as the report has them, not as the page set them (lines of a
/// paragraph joined, the indentation and the blank lines of a page break gone, no space between
/// a digit and the Chinese beside it).
#[test]
fn a_pdf_printed_from_the_word_export_keeps_paragraphs_not_lines() {
    let texts = ["-layout", ""]
        .into_iter()
        .map(|mode| {
            let name = if mode.is_empty() { "default" } else { "layout" };
            import::files::PdfText {
                mode,
                text: fixture(&format!("files/shiyan-2024-docx.{name}.txt")),
            }
        })
        .collect();
    let imported = import::import_pdf_texts(texts, &mut Registry::default(), None).unwrap();
    let want = sample("shiyan-2024");
    assert_cells(&imported.report, &want, "docx.pdf");
    assert_eq!(imported.report.title, want.title);
    assert_eq!(imported.report.texts, want.texts);
    // The fee column's header wraps over three lines, "保留 4" on the second: a word of the
    // header, not a value without a row.
    assert_eq!(anomalies(&imported), Vec::<String>::new());
}

/// Needs poppler's pdftotext, which `.ci/run` installs: `cargo test -- --ignored`.
#[test]
#[ignore = "needs pdftotext (poppler-utils); .ci/run installs it and runs this"]
fn a_pdf_is_read_in_both_orders_and_the_better_kept() {
    let imported = assert_imports_whole("files/shiyan-2024-writer.pdf");
    assert!(
        imported
            .anomalies
            .iter()
            .any(|a| matches!(&a.kind, Kind::FromPdf { mode } if mode == "-layout"))
    );
}

#[test]
fn crawler_text_whose_cells_touch_is_cut_by_the_rules_or_left_empty() {
    // tests/fixtures/import/touching.py: every separator inside the table rows taken out.
    let imported = import_bytes(&fixture("touching-shiyan-2024.txt"), "touching");
    let mut want = sample("shiyan-2024");
    let t = want.template.clone();
    let documents = t.table_by_id(1, "documents").unwrap();
    // "行政规范性文件3127": no rule ties 本年制发件数, 本年废止件数 and 现行有效件数, so the three
    // ways stay three; the row is left empty and the ways named.
    for c in 0..3 {
        want.tables[documents][t.tables[documents].cell_index(1, c)] = None;
    }
    assert_cells(&imported.report, &want, "touching");
    let said: Vec<&Kind> = imported
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| &a.kind)
        .collect();
    assert_eq!(
        said,
        [&Kind::TouchingAmbiguous {
            row: "行政规范性文件".into(),
            text: "3127".into(),
            ways: vec!["3 1 27".into(), "3 12 7".into(), "31 2 7".into()],
            more: 0,
        }]
    );
    // Every cut that was taken is said, with the row's text as printed.
    assert!(imported.anomalies.iter().any(|a| matches!(&a.kind,
        Kind::TouchingCut { text, values, .. } if text == "173001122" && values == "17 3 0 0 1 1 22")));
}

#[test]
fn a_report_with_its_own_section_numbering() {
    // No 一、总体情况 heading (the overview follows the title), the tables under 一、二、三,
    // no 五、 heading (the problems follow table 四), 其他需要报告的事项 numbered 五.
    let imported = assert_imports_whole("own-numbering-shiyan-2024.txt");
    let headless: Vec<&str> = imported
        .anomalies
        .iter()
        .filter_map(|a| match &a.kind {
            Kind::TextWithoutHeading { section } => Some(section.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headless, ["一、总体情况", "五、存在的主要问题及改进情况"]);
}

#[test]
fn crawler_text_one_cell_per_line_closed_by_bars() {
    // tests/fixtures/import/bars.py: "规章 |", "0 |", a lone "|" for a blank cell, "||" ending
    // each row. The blank cells keep their places: 二、上年结转 is 4, 1, blank ×4, 5.
    let imported = import_bytes(&fixture("bars-shiyan-2024.txt"), "bars");
    let mut want = sample("shiyan-2024");
    let t = want.template.clone();
    let apps = t.table_by_id(2, "applications").unwrap();
    let carried = t.tables[apps]
        .rows
        .iter()
        .position(|r| r.id == "carried")
        .unwrap();
    for c in 2..6 {
        want.tables[apps][t.tables[apps].cell_index(carried, c)] = None;
    }
    assert_cells(&imported.report, &want, "bars");
    assert_eq!(anomalies(&imported), Vec::<String>::new());
}

#[test]
fn converter_and_ocr_markdown() {
    // tests/fixtures/import/ocr.py: split tables under placeholder headers, rules in mid-table,
    // a label split over two cells and over loose lines, typos and old wordings, and two
    // columns printed the other way round (the header says so).
    let imported = assert_imports_whole("ocr-shiyan-2024.md");
    assert!(imported.anomalies.iter().any(|a| matches!(&a.kind,
        Kind::CloseLabel { text, .. } if text.contains("其他法律行政止公开"))));
}

/// The sample as sites print it that leave out the 0s they were not given: 二、上年结转 is 4, 1,
/// blank ×4, 5.
fn sample_with_carried_blank() -> Report {
    let mut want = sample("shiyan-2024");
    let t = want.template.clone();
    let apps = t.table_by_id(2, "applications").unwrap();
    let carried = t.tables[apps]
        .rows
        .iter()
        .position(|r| r.id == "carried")
        .unwrap();
    for c in 2..6 {
        want.tables[apps][t.tables[apps].cell_index(carried, c)] = None;
    }
    want
}

#[test]
fn a_site_printing_each_cell_on_a_line_and_header_gaps_as_bars() {
    // tests/fixtures/import/sites.py: "第二十条第（一）项 |" over "|||", a header row's empty
    // positions a line of bars ("|||||||"), a row's blank cells a lone "|".
    let imported = import_bytes(&fixture("site-bars-shiyan-2024.txt"), "site-bars");
    assert_cells(&imported.report, &sample_with_carried_blank(), "site-bars");
    assert_eq!(anomalies(&imported), Vec::<String>::new());
}

#[test]
fn a_line_of_bars_after_a_rows_values_does_not_place_them() {
    // A site that leaves a row's empty cells out wherever they stood and prints as many bars at
    // the row's end: "4 |", "1 |", "5 |", "|||||" are not 4 and 1 in the first two columns
    // and 5 in the third.
    let text = String::from_utf8(fixture("site-bars-shiyan-2024.txt")).unwrap();
    let row = "4 |\n1 |\n|\n|\n|\n|\n5 |\n||\n";
    assert!(text.contains(row));
    let shaped = text.replace(row, "4 |\n1 |\n5 |\n|||||\n");
    let imported = import_bytes(shaped.as_bytes(), "bars at the end");
    let (got, want) = (&imported.report, sample_with_carried_blank());
    let t = &want.template;
    let apps = t.table_by_id(2, "applications").unwrap();
    let carried = t.tables[apps].rows.iter().position(|r| r.id == "carried");
    let k = t.tables[apps].columns.len();
    for (cell, expected) in want.tables[apps].iter().enumerate() {
        let value = got.tables[apps][cell];
        if Some(cell / k) == carried {
            assert!(
                value.is_none() || value == *expected,
                "cell {cell}: {value:?}"
            );
        } else {
            assert_eq!(value, *expected, "cell {cell}");
        }
    }
    let said = anomalies(&imported);
    assert!(said.iter().any(|a| a.contains("上年结转")), "{said:?}");
}

#[test]
fn a_site_joining_cells_by_bars_with_its_header_words_broken() {
    // "商业 | 科研 |" over "企业 | 机构 |", half-width brackets, a group's rows without the
    // group's cells, blank cells "| |".
    let imported = import_bytes(&fixture("site-pipes-shiyan-2024.txt"), "site-pipes");
    assert_cells(&imported.report, &sample_with_carried_blank(), "site-pipes");
    assert_eq!(anomalies(&imported), Vec::<String>::new());
}

#[test]
fn a_flipbook_sites_page_text_with_headers_a_character_a_line() {
    // Each page headed "Page N - title" and "P. N"; table 四's narrow headers printed a
    // character a line ("结 结 其 尚" / "果 果 他 未" …), its fifteen values on one line.
    assert_imports_whole("site-flipbook-shiyan-2024.txt");
}

/// Table 四 of the sample's text export with its header and values printed in another order:
/// `groups` the three groups' places (0 行政复议, 1 未经复议直接起诉, 2 复议后起诉) left to right,
/// `total_first` each group's 总计 before its four results.
fn appeals_reordered(groups: [usize; 3], total_first: bool) -> String {
    let text = nianbao::export::txt::render(&sample("shiyan-2024"));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = lines
        .iter()
        .position(|l| l == "四、政府信息公开行政复议、行政诉讼情况")
        .unwrap()
        + 2;
    let values: Vec<&str> = lines[at + 3].split('\t').collect();
    let leaves = if total_first {
        "总计\t结果维持\t结果纠正\t其他结果\t尚未审结"
    } else {
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
    };
    let group_values = |g: usize| {
        let v = &values[g * 5..g * 5 + 5];
        if total_first {
            [v[4], v[0], v[1], v[2], v[3]].join("\t")
        } else {
            v.join("\t")
        }
    };
    let review_at = groups.iter().position(|&g| g == 0).unwrap();
    let suits: Vec<usize> = groups.iter().copied().filter(|&g| g != 0).collect();
    let suit_name = |g: usize| ["", "未经复议直接起诉", "复议后起诉"][g];
    let (top, second) = if review_at == 0 {
        (
            "行政复议\t\t\t\t\t行政诉讼".to_string(),
            format!(
                "{leaves}\t{}\t\t\t\t\t{}",
                suit_name(suits[0]),
                suit_name(suits[1])
            ),
        )
    } else {
        (
            "行政诉讼\t\t\t\t\t\t\t\t\t\t行政复议".to_string(),
            format!(
                "{}\t\t\t\t\t{}\t\t\t\t\t{leaves}",
                suit_name(suits[0]),
                suit_name(suits[1])
            ),
        )
    };
    let third = if review_at == 0 {
        format!("\t\t\t\t\t{leaves}\t{leaves}")
    } else {
        format!("{leaves}\t{leaves}")
    };
    let row: Vec<String> = groups.iter().map(|&g| group_values(g)).collect();
    lines[at] = top;
    lines[at + 1] = second;
    lines[at + 2] = third;
    lines[at + 3] = row.join("\t");
    lines.join("\n")
}

#[test]
fn table_four_is_read_in_the_order_its_two_level_header_prints() {
    for (groups, total_first) in [
        ([0, 2, 1], false),
        ([0, 1, 2], true),
        ([1, 2, 0], false),
        ([2, 1, 0], true),
    ] {
        let text = appeals_reordered(groups, total_first);
        let name = format!("四 as {groups:?}, 总计 first: {total_first}");
        let imported = import_bytes(text.as_bytes(), &name);
        assert_cells(&imported.report, &sample("shiyan-2024"), &name);
        assert_eq!(anomalies(&imported), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_end_of_a_wrapped_label_goes_to_the_row_it_ends_not_to_a_look_alike() {
    // A PDF wrapped "4.无正当理由大量反复申请" and its first half was lost: "反复申请" is the
    // end of that row's label only, while "2.重复申请" merely looks like it.
    let mut want = sample("shiyan-2024");
    let t = want.template.table_by_id(2, "applications").unwrap();
    let template = want.template.clone();
    let table = &template.tables[t];
    let row = |id: &str| table.rows.iter().position(|r| r.id == id).unwrap();
    let (repeated, mass) = (
        row("handled.declined.repeated"),
        row("handled.declined.mass"),
    );
    for (r, v) in [(repeated, 3), (mass, 5)] {
        for c in 0..table.columns.len() {
            want.tables[t][table.cell_index(r, c)] = Some(0);
        }
        want.tables[t][table.cell_index(r, 0)] = Some(v);
        want.tables[t][table.cell_index(r, table.columns.len() - 1)] = Some(v);
    }
    let text = nianbao::export::txt::render(&want);
    let label = "4.无正当理由大量反复申请\t";
    assert!(text.contains(label));
    let text = text.replace(label, "反复申请\t");
    let imported = import_bytes(text.as_bytes(), "wrapped");
    assert_cells(&imported.report, &want, "wrapped");
    assert_eq!(anomalies(&imported), Vec::<String>::new());
    let notes: Vec<&Kind> = imported.anomalies.iter().map(|a| &a.kind).collect();
    assert!(
        notes.iter().any(|k| matches!(k,
            Kind::PartOfLabel { text, label } if text == "反复申请" && label.ends_with("大量反复申请"))),
        "{notes:?}"
    );
    assert!(
        !notes
            .iter()
            .any(|k| matches!(k, Kind::CloseLabel { text, .. } if text == "反复申请")),
        "{notes:?}"
    );
}

/// Table 三 as pdftotext's default order prints it, a label and then one value a line, except
/// for the rows from `last_rows_from` on, whose values come before their label (a label that
/// wraps is printed after the values beside it).
fn one_value_a_line(text: &str, last_rows_from: &str) -> String {
    let start = text.find("一、本年新收").unwrap();
    let end = text[start..].find("四、政府信息公开行政复议").unwrap() + start;
    let mut out = text[..start].to_string();
    let mut before = false;
    for line in text[start..end].lines() {
        let cells: Vec<&str> = line.split('\t').filter(|c| !c.is_empty()).collect();
        let (values, labels): (Vec<&str>, Vec<&str>) = cells
            .iter()
            .partition(|c| c.chars().all(|ch| ch.is_ascii_digit()));
        before |= labels.iter().any(|l| l.starts_with(last_rows_from));
        let (first, then) = if before {
            (values, labels)
        } else {
            (labels, values)
        };
        for cell in first.iter().chain(&then) {
            out.push_str(cell);
            out.push('\n');
        }
    }
    out + &text[end..]
}

#[test]
fn rows_printed_values_first_at_a_tables_end_take_their_own_values() {
    // The last two rows of 三 printed values first: read label-first, (七) 总计 took the
    // carried-over row's values (which keep a row total of their own) and 总计's were left
    // without a row. The values go back one row, where every row's total holds.
    let want = sample("shiyan-2024");
    let text = nianbao::export::txt::render(&want);
    let shaped = one_value_a_line(&text, "(七)");
    assert!(shaped.contains("\n4\n2\n0\n0\n1\n0\n7\n四、结转下年度继续办理\n"));
    let imported = import_bytes(shaped.as_bytes(), "values first");
    assert_cells(&imported.report, &want, "values first");
    assert_eq!(anomalies(&imported), Vec::<String>::new());
    assert!(imported.anomalies.iter().any(|a| matches!(&a.kind,
        Kind::ValuesBeforeLabels { rows } if rows.len() == 2)));
}
