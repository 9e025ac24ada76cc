//! Reports sent as files: a PDF, a Word document (Word or WPS), a spreadsheet. A file is told by
//! its content, not its name (WPS saves .docx and .xlsx under names of its own), and turned into
//! what the rest of import reads: text (a PDF, through poppler's `pdftotext`) or lines with the
//! cells of each table row laid out on the table's grid (a document, a sheet).

mod docx;
mod pdf;
mod sheet;

use std::io::{Cursor, Read};

use super::ImportError;
use super::anomaly::Anomaly;
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
    /// A format that holds a report but that nianbao does not read: said, with what to save it
    /// as.
    Unsupported(Unsupported),
    /// Anything else: text or an HTML page.
    Text,
}

/// A file format reports come in that nianbao does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// Word 97-2003 (.doc), an OLE compound file with a WordDocument stream.
    WordBinary,
    /// An Office file with an opening password: an OLE compound file holding the encrypted
    /// package.
    Encrypted,
    /// OpenDocument text (.odt), from LibreOffice or WPS.
    OpenDocumentText,
    /// OpenDocument spreadsheet (.ods).
    OpenDocumentSheet,
    /// Another OpenDocument file (.odp, .odg…).
    OpenDocumentOther,
}

/// Whether an OLE compound file has a stream or storage called `name`: a directory entry, which
/// starts on a 128-byte boundary with the name in UTF-16 and its length in bytes at offset 64.
fn ole_has_stream(bytes: &[u8], name: &str) -> bool {
    let wide: Vec<u8> = name
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    let length = (wide.len() as u16).to_le_bytes();
    (512..bytes.len().saturating_sub(127))
        .step_by(128)
        .any(|at| bytes[at..].starts_with(&wide) && bytes[at + 64..at + 66] == length)
}

/// The OpenDocument kind of a zip archive, from its `mimetype` part.
fn open_document(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<Unsupported> {
    let mut part = archive.by_name("mimetype").ok()?;
    let mut mime = String::new();
    (&mut part).take(200).read_to_string(&mut mime).ok()?;
    let kind = mime
        .trim()
        .strip_prefix("application/vnd.oasis.opendocument.")?;
    Some(match kind.split('-').next().unwrap_or(kind) {
        "text" => Unsupported::OpenDocumentText,
        "spreadsheet" => Unsupported::OpenDocumentSheet,
        _ => Unsupported::OpenDocumentOther,
    })
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
        // A workbook first: an .xls may embed a Word document, whose streams it then holds too.
        if ole_has_stream(bytes, "Workbook") || ole_has_stream(bytes, "Book") {
            return FileKind::Workbook;
        }
        if ole_has_stream(bytes, "EncryptedPackage") {
            return FileKind::Unsupported(Unsupported::Encrypted);
        }
        if ole_has_stream(bytes, "WordDocument") {
            return FileKind::Unsupported(Unsupported::WordBinary);
        }
        return FileKind::Workbook;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return FileKind::BrokenZip;
        };
        if let Some(format) = open_document(&mut archive) {
            return FileKind::Unsupported(format);
        }
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

/// Whether `bytes` are an Office 97-2003 compound file holding no stream of a workbook, an
/// encrypted package or a Word document: what [`kind`] takes for a workbook for want of better.
fn is_unknown_office(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE)
        && !["Workbook", "Book", "EncryptedPackage", "WordDocument"]
            .iter()
            .any(|name| ole_has_stream(bytes, name))
}

/// The lines of a Word document or a workbook, and what its reader could not take over as
/// it was.
pub fn file_lines(bytes: &[u8], kind: FileKind) -> Result<(Vec<Line>, Vec<Anomaly>), ImportError> {
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
        FileKind::Unsupported(format) => Err(ImportError::Unsupported(format)),
        FileKind::Pdf | FileKind::Text => Ok((Vec::new(), Vec::new())),
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

    /// An OLE compound file whose directory holds the streams `names`.
    fn ole_with(names: &[&str]) -> Vec<u8> {
        let mut bytes = OLE.to_vec();
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

    fn zip_with(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zipped = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut zipped);
        for (name, text) in parts {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut writer, text.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
        zipped.into_inner()
    }

    #[test]
    fn formats_not_read_are_told_by_their_content_too() {
        let unsupported = |f| FileKind::Unsupported(f);
        assert_eq!(
            kind(&ole_with(&["Root Entry", "1Table", "WordDocument"])),
            unsupported(Unsupported::WordBinary)
        );
        assert_eq!(
            kind(&ole_with(&["Root Entry", "EncryptedPackage"])),
            unsupported(Unsupported::Encrypted)
        );
        assert_eq!(
            kind(&ole_with(&["Root Entry", "Workbook", "WordDocument"])),
            FileKind::Workbook
        );
        assert_eq!(kind(&ole_with(&["Root Entry", "Book"])), FileKind::Workbook);
        for (mime, format) in [
            (
                "application/vnd.oasis.opendocument.text",
                Unsupported::OpenDocumentText,
            ),
            (
                "application/vnd.oasis.opendocument.spreadsheet",
                Unsupported::OpenDocumentSheet,
            ),
            (
                "application/vnd.oasis.opendocument.text-template",
                Unsupported::OpenDocumentText,
            ),
            (
                "application/vnd.oasis.opendocument.presentation",
                Unsupported::OpenDocumentOther,
            ),
        ] {
            let bytes = zip_with(&[("mimetype", mime), ("content.xml", "<x/>")]);
            assert_eq!(kind(&bytes), unsupported(format), "{mime}");
        }
    }
}
