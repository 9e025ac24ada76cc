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

/// An OLE compound file (what Word 97-2003 and Excel 97-2003 write) whose directory holds the
/// streams `names`.
fn ole_with(names: &[&str]) -> Vec<u8> {
    let mut bytes = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    bytes.resize(1024, 0);
    for name in names {
        let mut entry: Vec<u8> = name
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        let length = entry.len() as u16;
        entry.resize(64, 0);
        entry.extend(length.to_le_bytes());
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}

#[test]
fn a_format_not_read_is_named_with_what_to_save_it_as() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            // Named by its content, whatever its name says.
            "report.xls",
            ole_with(&["Root Entry", "1Table", "WordDocument"]),
            "这是 Word 97-2003 文档（.doc）",
            "另存为 .docx",
            "a Word 97-2003 document (.doc)",
        ),
        (
            "report.odt",
            zipped(&[
                ("mimetype", "application/vnd.oasis.opendocument.text"),
                ("content.xml", "<office:document-content/>"),
            ]),
            "OpenDocument 文本（.odt）",
            "另存为 .docx",
            "an OpenDocument text (.odt)",
        ),
        (
            "report.ods",
            zipped(&[
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", "<office:document-content/>"),
            ]),
            "OpenDocument 电子表格（.ods）",
            "另存为 .xlsx",
            "an OpenDocument spreadsheet (.ods)",
        ),
    ];
    for (name, bytes, what, save, en) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let chinese = import(dir.path(), "zh_CN.UTF-8", name);
        assert!(
            chinese.contains(what) && chinese.contains(save),
            "{chinese}"
        );
        // Nothing of a reader's English: the whole message is Chinese.
        assert_eq!(english_sentence(&chinese), None, "{name}: {chinese}");
        let english = import(dir.path(), "en_US.UTF-8", name);
        assert!(english.contains(en), "{name}: {english}");
        assert_eq!(chinese_prose(&english, ""), None, "{name}: {english}");
    }
}

/// A PDF of pictures of its pages (a scan) gives pdftotext nothing but page breaks: said so, with
/// what to do, not "no report found".
#[test]
fn a_pdf_without_text_is_said_to_need_ocr() {
    use nianbao::import::{ImportError, files::PdfText, import_pdf_texts};
    let blank = |mode| PdfText {
        mode,
        text: b"\x0c\n\x0c".to_vec(),
    };
    let e = import_pdf_texts(
        vec![blank("-layout"), blank("")],
        &mut nianbao::template::Registry::default(),
        None,
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::PdfWithoutText), "{e}");
    let zh = e.message(nianbao::i18n::Lang::Zh);
    assert!(
        zh.starts_with("PDF 中没有文字") && zh.contains("文字识别"),
        "{zh}"
    );
    assert!(e.message(nianbao::i18n::Lang::En).contains("OCR"));
}
