//! The report as a Word document in the official layout (GB/T 9704 for the page and fonts, the
//! form of 国办公开办函〔2021〕30号 for the tables): A4, the title in 小标宋, headings in 黑体,
//! texts in 仿宋, tables in 宋体 with their merged headers and row groups, numbers right-aligned,
//! page numbers at the foot.
//!
//! The OOXML is written here rather than through a docx crate: the parts needed are few and
//! fixed (document, styles, settings, fonts, footer), writing them keeps full control of what
//! Word, WPS and LibreOffice each insist on (merged cells, East Asian fonts, repeated header
//! rows), and the one dependency, `zip`, is the version `rust_xlsxwriter` and the importer's
//! readers already use (docx-rs would bring a second zip and a second quick-xml).

mod body;
mod parts;
mod table;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::report::Report;

/// Writes `text` for an XML text node or attribute: markup characters as entities, and every
/// character XML cannot hold or that would drive a terminal made visible (`^[`, `<U+202E>`),
/// as on screen.
pub(crate) fn xml_text(text: &str) -> String {
    let shown = crate::visible::visible(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not characters XML 1.0 allows, even as references.
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("&lt;U+{:04X}&gt;", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The document's file, a zip of its parts. Entries carry a fixed date, so the same report
/// always gives the same bytes.
pub fn render(report: &Report) -> Vec<u8> {
    let files: [(&str, String); 10] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_string()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        ("docProps/core.xml", parts::core(report)),
        ("docProps/app.xml", parts::APP.to_string()),
        ("word/document.xml", body::document(report)),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::SETTINGS.to_string()),
        ("word/fontTable.xml", parts::font_table()),
        ("word/footer1.xml", parts::FOOTER.to_string()),
        (
            "word/_rels/document.xml.rels",
            parts::DOCUMENT_RELS.to_string(),
        ),
    ];
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in files {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(content.as_bytes()).map_err(Into::into))
            .expect("writing a zip in memory cannot fail");
    }
    zip.finish()
        .expect("writing a zip in memory cannot fail")
        .into_inner()
}
