//! A .docx, .xlsx or .pdf that cannot be read: `nianbao import` says in the user's language what
//! failed, and keeps the reader's own (English) reason after a marker as a detail.

use std::io::Write;
use std::path::Path;
use std::process::Command;

#[path = "support/language.rs"]
mod language;
use language::{chinese_prose, english_sentence, run_in_locale};

/// A zip archive with these parts.
fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    for (name, text) in parts {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    out.into_inner()
}

/// (file, its bytes, what the Chinese and the English message must say failed).
fn unreadable() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let mut vec = vec![
        (
            "torn.docx",
            b"PK\x03\x04garbage, not an archive".to_vec(),
            "zip 无法打开",
            "the zip cannot be opened",
        ),
        (
            "torn.xlsx",
            b"PK\x03\x04\x14\x00garbage".to_vec(),
            "zip 无法打开",
            "the zip cannot be opened",
        ),
        (
            "broken-xml.docx",
            zipped(&[("word/document.xml", "<w:document><w:body")]),
            "word/document.xml 第",
            "the XML of word/document.xml is wrong at byte",
        ),
        (
            "broken.xlsx",
            zipped(&[("xl/workbook.xml", "<workbook")]),
            "不是有效的 Excel 文件",
            "not a valid Excel file",
        ),
    ];
    // Read through poppler's pdftotext; without it the message is another one, tested elsewhere.
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        vec.push((
            "broken.pdf",
            b"%PDF-1.4\nnot a PDF body\n".to_vec(),
            "不是有效的 PDF 文件",
            "not a valid PDF file",
        ));
    }
    vec
}

fn import(dir: &Path, locale: &str, file: &str) -> String {
    let out = run_in_locale(dir, locale, &["import", file]);
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{file}: {text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(text.contains(file), "the file is named: {text}");
    text
}

#[test]
fn an_unreadable_file_says_what_failed_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, zh, en) in unreadable() {
        std::fs::write(dir.path().join(name), bytes).unwrap();

        let chinese = import(dir.path(), "zh_CN.UTF-8", name);
        assert!(chinese.contains(zh), "{name}: {chinese}");
        // The reader's reason is kept, after the marker; what comes before it is Chinese.
        let (said, detail) = chinese
            .split_once("；原始信息：")
            .unwrap_or_else(|| panic!("{name}: the reader's reason is kept: {chinese}"));
        assert!(!detail.trim().is_empty(), "{chinese}");
        assert_eq!(english_sentence(said), None, "{name}: {chinese}");

        let english = import(dir.path(), "en_US.UTF-8", name);
        assert!(english.contains(en), "{name}: {english}");
        assert_eq!(chinese_prose(&english, ""), None, "{name}: {english}");
    }
}
