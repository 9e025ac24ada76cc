//! Reports sent as files: a PDF, a Word document (Word or WPS), a spreadsheet. A file is told by
//! its content, not its name (WPS saves .docx and .xlsx under names of its own), and turned into
//! what the rest of import reads: text (a PDF, through poppler's `pdftotext`) or lines with the
//! cells of each table row laid out on the table's grid (a document, a sheet).

mod docx;
mod pdf;
mod sheet;

use std::io::{Cursor, Read};

use super::ImportError;
use super::lines::Line;
use crate::i18n::files::FileFailure;

pub use pdf::{PdfText, pdf_texts};

/// What kind of file a report came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    /// A Word document (.docx, or WPS's own name for one).
    Document,
    /// An Excel workbook, .xlsx or the older .xls.
    Workbook,
    /// It begins as a zip archive, as a .docx or .xlsx does, but the archive cannot be opened:
    /// the reason why, from the zip reader.
    BrokenZip,
    /// Anything else: text or an HTML page.
    Text,
}

/// An OLE compound file: .xls (or an old .doc, which calamine refuses in its turn).
const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// The kind of file `bytes` are, from their first bytes and, for a zip archive, its parts.
pub fn kind(bytes: &[u8]) -> FileKind {
    // A PDF may have a few bytes of junk before its header; readers allow 1024.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return FileKind::Pdf;
    }
    if bytes.starts_with(OLE) {
        return FileKind::Workbook;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return FileKind::BrokenZip;
        };
        let names: Vec<String> = archive
            .file_names()
            .flatten()
            .map(|n| n.into_owned())
            .collect();
        if names.iter().any(|n| n == "word/document.xml") {
            return FileKind::Document;
        }
        if names.iter().any(|n| n.starts_with("xl/")) {
            return FileKind::Workbook;
        }
    }
    FileKind::Text
}

/// The lines of a Word document or a workbook.
pub fn file_lines(bytes: &[u8], kind: FileKind) -> Result<Vec<Line>, ImportError> {
    match kind {
        FileKind::Document => docx::lines(bytes),
        FileKind::Workbook => sheet::lines(bytes),
        FileKind::BrokenZip => {
            let why = zip::ZipArchive::new(Cursor::new(bytes))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            Err(ImportError::File(FileFailure::ZipBroken, why))
        }
        FileKind::Pdf | FileKind::Text => Ok(Vec::new()),
    }
}

/// Reads one part of a zip archive, at most `limit` bytes of it (a small archive can unpack to
/// gigabytes).
fn read_part(bytes: &[u8], name: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let part = archive.by_name(name).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    part.take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() as u64 > limit {
        return Err(format!("{name} unpacks to more than {limit} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_by_their_content() {
        assert_eq!(kind(b"%PDF-1.7\n..."), FileKind::Pdf);
        assert_eq!(kind(b"\xef\xbb\xbf%PDF-1.4"), FileKind::Pdf);
        assert_eq!(kind(OLE), FileKind::Workbook);
        assert_eq!(kind("一、总体情况".as_bytes()), FileKind::Text);
        // A zip archive that cannot be opened is told apart: it was meant as a document or a sheet.
        assert_eq!(kind(b"PK\x03\x04garbage"), FileKind::BrokenZip);
        let mut zipped = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut zipped);
        writer
            .start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        writer.finish().unwrap();
        assert_eq!(kind(zipped.get_ref()), FileKind::Document);
    }
}
