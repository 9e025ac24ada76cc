//! A report exported as a Word document or a workbook reads back through `import` to the same
//! report: every number, the title, agency and year, and (from the document, which carries them)
//! every text. A workbook holds the tables only, so its texts come back empty and their sections
//! are said to be missing, and nothing else is said.

use nianbao::export;
use nianbao::import::{self, Imported, Kind, Level};
use nianbao::report::Report;
use nianbao::template::Registry;
use proptest::prelude::*;

#[path = "support/reports.rs"]
mod reports;
use reports::{arbitrary_report, cell_differences, published, samples};

fn import_bytes(bytes: &[u8], name: &str) -> Imported {
    import::import(bytes, &mut Registry::default(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn docx(report: &Report) -> Vec<u8> {
    export::docx::render(report)
}

fn xlsx(report: &Report) -> Vec<u8> {
    export::xlsx::render(report).expect("the workbook is written")
}

/// The anomalies proper, as text, leaving out notes, and that a title without a year names none.
fn said(imported: &Imported) -> Vec<String> {
    imported
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
        .filter(|a| !(a.kind == Kind::NoYear && imported.report.year.is_none()))
        .map(|a| format!("{:?}: {}", a.line, a.message(nianbao::i18n::Lang::En)))
        .collect()
}

/// What differs between two reports, each difference named.
fn differences(got: &Report, want: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for (what, g, w) in [
        ("title", &got.title, &want.title),
        ("agency", &got.agency, &want.agency),
    ] {
        if g != w {
            out.push(format!("{what}: {g:?} for {w:?}"));
        }
    }
    if got.year != want.year {
        out.push(format!("year: {:?} for {:?}", got.year, want.year));
    }
    let t = &want.template;
    for (s, section) in t.sections.iter().enumerate() {
        if got.texts[s] != want.texts[s] {
            out.push(format!(
                "text of {}: {:?} for {:?}",
                section.id, got.texts[s], want.texts[s]
            ));
        }
    }
    out.extend(cell_differences(got, want));
    if out.is_empty() && got != want {
        out.push("the reports differ outside their title, texts and tables".into());
    }
    out
}

/// The document gives back the whole report, and says nothing.
fn check_docx(report: &Report, name: &str) -> Result<(), String> {
    let back = import_bytes(&docx(report), name);
    let wrong = differences(&back.report, &published(report));
    if !wrong.is_empty() {
        return Err(format!("{name} via docx:\n{}", wrong.join("\n")));
    }
    let said = said(&back);
    if !said.is_empty() {
        return Err(format!("{name} via docx: {said:?}"));
    }
    Ok(())
}

/// The workbook gives back the tables, title, agency and year; its text sections are missing,
/// and that is all that is said.
fn check_xlsx(report: &Report, name: &str) -> Result<(), String> {
    let back = import_bytes(&xlsx(report), name);
    let mut want = published(report);
    for text in &mut want.texts {
        text.clear();
    }
    let wrong = differences(&back.report, &want);
    if !wrong.is_empty() {
        return Err(format!("{name} via xlsx:\n{}", wrong.join("\n")));
    }
    let template = &report.template;
    for a in back
        .anomalies
        .iter()
        .filter(|a| a.level() == Level::Anomaly)
    {
        let text_section = matches!(&a.kind, Kind::MissingSection { section }
            if template.sections.iter().any(|s| s.is_text() && s.title.zh == *section));
        let no_year = a.kind == Kind::NoYear && report.year.is_none();
        if !text_section && !no_year {
            return Err(format!("{name} via xlsx: {:?}", said(&back)));
        }
    }
    Ok(())
}

#[test]
fn every_sample_report_survives_word() {
    for (path, report) in samples() {
        check_docx(&report, &path).unwrap();
    }
}

#[test]
fn every_sample_report_survives_a_workbook() {
    for (path, report) in samples() {
        check_xlsx(&report, &path).unwrap();
    }
}

#[test]
fn a_workbook_sheet_of_a_section_with_several_tables_names_the_section_and_the_table() {
    // The heading and the caption stand in the sheet as the official form prints them: the
    // heading above, the caption over the table.
    let report = samples()
        .into_iter()
        .find(|(p, _)| p.ends_with("shiyan-2024.toml"))
        .unwrap()
        .1;
    let back = import_bytes(&xlsx(&report), "shiyan-2024");
    assert!(
        !back.anomalies.iter().any(
            |a| matches!(&a.kind, Kind::MissingSection { section } if section.starts_with("二、"))
        ),
        "{:?}",
        said(&back)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_reports_survive_word_and_a_workbook(report in arbitrary_report()) {
        check_docx(&report, "random").map_err(TestCaseError::fail)?;
        check_xlsx(&report, "random").map_err(TestCaseError::fail)?;
    }
}

#[test]
fn a_heading_and_a_caption_in_one_line_are_both_read() {
    // As a sheet's heading cell holds them, or a page sets them on one line, before each table
    // of the section: "二、主动公开政府信息情况　第二十条第（一）项", the title repeated above.
    let report = samples()
        .into_iter()
        .find(|(p, _)| p.ends_with("shiyan-2024.toml"))
        .unwrap()
        .1;
    let text = export::txt::render(&report);
    let heading = "二、主动公开政府信息情况";
    let title = &report.title;
    let mut joined = text.replacen(&format!("{heading}\n\n"), "", 1);
    for caption in [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ] {
        joined = joined.replacen(caption, &format!("{title}\n{heading}\u{3000}{caption}"), 1);
    }
    let first = joined.find(title.as_str()).unwrap() + title.len();
    assert!(
        joined[first..]
            .matches(&format!("{heading}\u{3000}"))
            .count()
            == 4
    );
    let back = import_bytes(joined.as_bytes(), "joined");
    let wrong = differences(&back.report, &published(&report));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(said(&back), Vec::<String>::new());
}
