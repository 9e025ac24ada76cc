//! A money column whose header states its unit (`本年收费金额（单位：元）`, `采购总金额（元）`), the
//! way published tables print it once for the column: its values are converted to the column's
//! 万元 exactly and said, in every shape a report comes in (text, page, Markdown, Word document,
//! workbook); an amount that cannot be kept exactly is left empty and said.

use std::io::{Cursor, Read, Write};

use nianbao::export;
use nianbao::import::{self, Imported, Kind, Level};
use nianbao::report::Report;
use nianbao::store::load_file;
use nianbao::template::Registry;

#[path = "support/reports.rs"]
mod reports;
use reports::cell;

fn sample(name: &str) -> Report {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    load_file(std::path::Path::new(&path), &mut Registry::default())
        .unwrap()
        .0
}

/// A zip (a docx, an xlsx) with `pairs` replaced in each of its XML parts.
fn replaced_in_zip(bytes: &[u8], pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut found = vec![false; pairs.len()];
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name.ends_with(".xml") {
            let mut text = String::from_utf8(content).unwrap();
            for (k, (from, to)) in pairs.iter().enumerate() {
                found[k] |= text.contains(from);
                text = text.replace(from, to);
            }
            content = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(found.iter().all(|f| *f), "{pairs:?} are in the file");
    out.finish().unwrap().into_inner()
}

fn replaced(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut text = text.to_string();
    for (from, to) in pairs {
        assert!(text.contains(from), "{from} is in the export");
        text = text.replace(from, to);
    }
    text
}

/// The report exported in every shape, its money header and value rewritten as a table in
/// another unit prints them: (`header`, `header'`), (`value`, `value'`); a Word document may
/// break the header over lines (`docx_header`), a workbook's cells hold numbers (`number`).
fn published_in_another_unit(
    report: &Report,
    header: (&str, &str),
    docx_header: (&str, &str),
    value: (&str, &str),
    number: &str,
) -> Vec<(&'static str, Vec<u8>)> {
    let text_pairs = [header, value];
    let docx_pairs = [docx_header, value];
    let xlsx_number = format!("<v>{number}</v>");
    let xlsx_value = format!("<v>{}</v>", value.1);
    let xlsx_pairs = [header, (xlsx_number.as_str(), xlsx_value.as_str())];
    vec![
        (
            "txt",
            replaced(&export::txt::render(report), &text_pairs).into_bytes(),
        ),
        (
            "html",
            replaced(&export::html::render(report), &text_pairs).into_bytes(),
        ),
        (
            "md",
            replaced(&export::md::render(report), &text_pairs).into_bytes(),
        ),
        (
            "docx",
            replaced_in_zip(&export::docx::render(report), &docx_pairs),
        ),
        (
            "xlsx",
            replaced_in_zip(&export::xlsx::render(report).unwrap(), &xlsx_pairs),
        ),
    ]
}

fn import_bytes(bytes: &[u8], shape: &str) -> Imported {
    import::import(bytes, &mut Registry::default(), None).unwrap_or_else(|e| panic!("{shape}: {e}"))
}

fn header_notes(imported: &Imported) -> Vec<(String, String)> {
    imported
        .anomalies
        .iter()
        .filter_map(|a| match &a.kind {
            Kind::HeaderUnitConverted { unit, value, .. } => Some((unit.clone(), value.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_fee_column_headed_in_yuan_is_converted_in_every_shape() {
    let report = sample("shiyan-2024.toml");
    assert_eq!(cell(&report, "fees", "fees", "amount"), Some(188_710));
    let header = (
        "本年收费金额（单位：万元，保留4位小数）",
        "本年收费金额（单位：元）",
    );
    for (shape, bytes) in
        published_in_another_unit(&report, header, header, ("18.8710", "188710"), "18.871")
    {
        let back = import_bytes(&bytes, shape);
        assert_eq!(
            cell(&back.report, "fees", "fees", "amount"),
            Some(188_710),
            "{shape}: 188710 元 is 18.8710 万元"
        );
        assert_eq!(
            header_notes(&back),
            [("元".to_string(), "18.8710".to_string())],
            "{shape}"
        );
    }
}

#[test]
fn the_2019_procurement_column_headed_in_yuan_is_converted_in_every_shape() {
    let report = sample("shiyan-2020.toml");
    assert_eq!(
        cell(&report, "procurement", "procurement", "amount"),
        Some(1_264_500)
    );
    // The export names the column's unit, as the editor does, and reads back as it is.
    let header = ("采购总金额（万元）", "采购总金额（元）");
    let docx_header = (">（万元）<", ">（元）<");
    for (shape, bytes) in published_in_another_unit(
        &report,
        header,
        docx_header,
        ("126.4500", "1264500"),
        "126.45",
    ) {
        let back = import_bytes(&bytes, shape);
        assert_eq!(
            cell(&back.report, "procurement", "procurement", "amount"),
            Some(1_264_500),
            "{shape}: 1264500 元 is 126.4500 万元"
        );
        assert_eq!(
            cell(&back.report, "procurement", "procurement", "items"),
            Some(5),
            "{shape}: the count beside it keeps its own unit"
        );
        assert_eq!(
            header_notes(&back),
            [("元".to_string(), "126.4500".to_string())],
            "{shape}"
        );
    }
}

#[test]
fn other_units_convert_and_an_inexact_amount_is_left_empty_and_said() {
    let report = sample("shiyan-2024.toml");
    let text = export::txt::render(&report);
    let header = "本年收费金额（单位：万元，保留4位小数）";
    let with = |unit_header: &str, value: &str| {
        let text = replaced(&text, &[(header, unit_header), ("18.8710", value)]);
        import_bytes(text.as_bytes(), unit_header)
    };
    let fee = |imported: &Imported| cell(&imported.report, "fees", "fees", "amount");
    assert_eq!(
        fee(&with("本年收费金额（单位：千元）", "188.71")),
        Some(188_710)
    );
    assert_eq!(
        fee(&with("本年收费金额（亿元）", "0.0018871")),
        Some(188_710)
    );
    // A cell's own unit is its own, whatever the header says.
    assert_eq!(
        fee(&with("本年收费金额（单位：元）", "18.871万元")),
        Some(188_710)
    );
    // The header in 万元, as the template prints it: nothing to convert, nothing said.
    let plain = with(header, "18.8710");
    assert_eq!(fee(&plain), Some(188_710));
    assert!(header_notes(&plain).is_empty());

    let inexact = with("本年收费金额（单位：元）", "188710.5");
    assert_eq!(
        fee(&inexact),
        None,
        "half a yuan cannot be kept: never rounded"
    );
    let said: Vec<&Kind> = inexact
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| &a.kind)
        .collect();
    assert!(
        matches!(said.as_slice(), [Kind::NotWholeYuan { text, header_unit: Some(unit), .. }]
            if text == "188710.5" && unit == "元"),
        "{said:?}"
    );
    let message = inexact
        .anomalies
        .iter()
        .find(|a| matches!(a.kind, Kind::NotWholeYuan { .. }))
        .unwrap();
    assert!(
        message
            .message(nianbao::i18n::Lang::Zh)
            .contains("不是整元数")
    );
    assert!(
        message
            .message(nianbao::i18n::Lang::En)
            .contains("not a whole number of yuan")
    );
}

#[test]
fn amounts_written_with_separators_decimals_or_the_yuan_sign_are_read() {
    let report = sample("shiyan-2024.toml");
    let text = export::txt::render(&report);
    for written in ["188,710.00元", "¥188710", "￥188,710", "188710元"] {
        let text = replaced(&text, &[("18.8710", written)]);
        let back = import_bytes(text.as_bytes(), written);
        assert_eq!(
            cell(&back.report, "fees", "fees", "amount"),
            Some(188_710),
            "{written}"
        );
        assert!(
            back.anomalies.iter().any(|a| matches!(&a.kind,
                Kind::YuanConverted { unit, value, .. } if unit == "元" && value == "18.8710")),
            "{written}: {:?}",
            back.anomalies
        );
    }
}

#[test]
fn a_unit_noted_under_a_tables_caption_is_its_amounts_unit() {
    let report = sample("shiyan-2020.toml");
    // A header that does not say the unit itself (one saying 万元 would be the column's own).
    let text = replaced(
        &export::txt::render(&report),
        &[("采购总金额（万元）", "采购总金额")],
    );
    let caption = "第二十条第（九）项\n";
    let amount = |text: &str| {
        let back = import_bytes(text.as_bytes(), "note");
        let cells = (
            cell(&back.report, "procurement", "procurement", "items"),
            cell(&back.report, "procurement", "procurement", "amount"),
        );
        (cells, back)
    };
    let values = ("126.4500\n", "1264500\n");
    let noted = replaced(
        &text,
        &[(caption, "第二十条第（九）项\n单位：元\n"), values],
    );
    let ((items, money), back) = amount(&noted);
    assert_eq!(
        (items, money),
        (Some(5), Some(1_264_500)),
        "the count keeps its unit"
    );
    assert_eq!(header_notes(&back).len(), 1);
    // Under the rows it may be the next table's note: not taken, and said.
    let after = replaced(
        &text,
        &[(
            "政府集中采购\t5\t126.4500\n",
            "政府集中采购\t5\t1264500\n单位：元\n",
        )],
    );
    let ((_, money), back) = amount(&after);
    assert_eq!(money, Some(12_645_000_000), "read as printed, in 万元");
    assert!(back.anomalies.iter().any(|a| a.level() == Level::Anomaly
        && matches!(&a.kind, Kind::UnknownLabel { text } if text == "单位：元")));
}

#[test]
fn a_header_whose_unit_a_pdf_broke_onto_the_next_line_keeps_it() {
    // pdftotext -layout of a printed table: the header's note runs over two lines, the unit on
    // the second, beside the corner's label.
    let report = sample("shiyan-2024.toml");
    let text = replaced(
        &export::txt::render(&report),
        &[
            (
                "信息内容\t本年收费金额（单位：万元，保留4位小数）\n",
                "                                   本年收费金额（单\n                 信息内容              位：元）\n",
            ),
            (
                "行政事业性收费\t18.8710",
                "行政事业性收费                                188710",
            ),
        ],
    );
    let back = import_bytes(text.as_bytes(), "pdf layout");
    assert_eq!(cell(&back.report, "fees", "fees", "amount"), Some(188_710));
    assert_eq!(
        header_notes(&back),
        [("元".to_string(), "18.8710".to_string())]
    );
    let said: Vec<&Kind> = back
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .map(|a| &a.kind)
        .collect();
    assert_eq!(said, Vec::<&Kind>::new(), "the note's rest is no label");
}

#[test]
fn a_unit_a_space_after_its_number_in_a_pdfs_columns_is_the_numbers() {
    // pdftotext sets a number apart from the Chinese beside it: "188710 元", "1286 件".
    let path = format!(
        "{}/tests/fixtures/import/files/shiyan-2024-writer.layout.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let text = replaced(
        &text,
        &[
            (
                "行政事业性收费                   18.8710",
                "行政事业性收费                   188710 元",
            ),
            ("行政许可         1286", "行政许可         1286 件"),
        ],
    );
    let back = import_bytes(text.as_bytes(), "layout");
    assert_eq!(cell(&back.report, "fees", "fees", "amount"), Some(188_710));
    assert_eq!(
        cell(&back.report, "licensing", "licensing", "decisions"),
        Some(1286)
    );
    let wrong = reports::cell_differences(&back.report, &sample("shiyan-2024.toml"));
    assert!(wrong.is_empty(), "{wrong:?}");
}
