//! A published report (a PDF, a Word document, a workbook, a saved page, copied text) read as
//! `nianbao import` reads it, so that `check`, `review`, `sum` and `export` take the files a
//! reviewer receives as they come, not only report files. What import could not take over
//! stays with the report, to be said among its findings.

use std::io::Read;
use std::path::Path;

use super::{Diagnostic, LoadError};
use crate::i18n::Lang;
use crate::i18n::load::LoadMessage;
use crate::import::files::FileKind;
use crate::import::{self, Anomaly};
use crate::read;
use crate::report::Report;
use crate::template::Registry;

/// The names of the files reports are published in, taken from a folder beside `*.toml`: PDF,
/// Word and WPS documents, workbooks, saved pages, OpenDocument files (which import names and
/// says what to save them as).
const PUBLISHED: &[&str] = &[
    "pdf", "docx", "doc", "wps", "xlsx", "xls", "et", "html", "htm", "odt", "ods",
];

/// Copied text and converters' Markdown: read as published reports when named, but not taken
/// from a folder, where a `.txt` or `.md` is more often a note than a report.
const TEXT: &[&str] = &["txt", "text", "md", "markdown"];

fn extension_in(path: &Path, names: &[&str]) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| names.iter().any(|n| x.eq_ignore_ascii_case(n)))
}

/// Whether a file found in a folder is a published report to read (`a.docx`, `b.PDF`).
pub fn is_published_in_folder(path: &Path) -> bool {
    extension_in(path, PUBLISHED)
}

/// Whether a file is read as a published report rather than as a report file: its name says it
/// is one of the formats import reads. Any other name (`.toml` above all) is a report file.
pub fn is_published(path: &Path) -> bool {
    extension_in(path, PUBLISHED) || extension_in(path, TEXT)
}

/// Whether a file is copied text or Markdown, read as a report only when named.
pub fn is_text(path: &Path) -> bool {
    extension_in(path, TEXT)
}

/// A published report as import read it.
struct Published {
    report: Report,
    /// What import could not take over as it was (its notes left out).
    anomalies: Vec<Anomaly>,
    kind: FileKind,
}

/// Reads a published report with import, its template detected.
fn load_published(path: &Path, registry: &mut Registry) -> Result<Published, LoadError> {
    let shown = path.display().to_string();
    let failed = |message| LoadError {
        path: shown.clone(),
        diagnostics: vec![Diagnostic {
            place: None,
            message,
        }],
    };
    // One byte over import's limit, so that it can say the file is too large.
    let limit = import::MAX_INPUT_BYTES as u64 + 1;
    let bytes = read::open_regular(path)
        .and_then(|f| read::read_limited(f.take(limit), limit))
        .map_err(|e| {
            failed(LoadMessage::CannotRead {
                zh: e.text(Lang::Zh),
                en: e.text(Lang::En),
            })
        })?;
    if crate::review::export::is_assessment_table(std::io::Cursor::new(&bytes)) {
        return Err(failed(LoadMessage::IsAnAssessmentTable));
    }
    let kind = import::files::kind(&bytes);
    let imported = import::import(&bytes, registry, None).map_err(|e| {
        failed(LoadMessage::NotImported {
            zh: e.message(Lang::Zh),
            en: e.message(Lang::En),
        })
    })?;
    let anomalies = imported
        .anomalies
        .into_iter()
        .filter(|a| a.level() == import::Level::Anomaly)
        .collect();
    Ok(Published {
        report: imported.report,
        anomalies,
        kind,
    })
}

/// A report as a command reads it, from a report file or from a published report.
pub struct Loaded {
    pub report: Report,
    /// The file's text; for a published report, the report file import made of it.
    pub text: String,
    /// What a published report was, and what import could not take over from it.
    pub imported: Option<(FileKind, Vec<Anomaly>)>,
}

/// Reads a report file, or a published report (by its name: [`is_published`]) with import.
pub fn load_any(path: &Path, registry: &mut Registry) -> Result<Loaded, LoadError> {
    if !is_published(path) {
        let (report, text) = super::load_file(path, registry)?;
        return Ok(Loaded {
            report,
            text,
            imported: None,
        });
    }
    let found = load_published(path, registry)?;
    Ok(Loaded {
        text: super::render_new(&found.report),
        report: found.report,
        imported: Some((found.kind, found.anomalies)),
    })
}

/// The command that imports a published report into a report file beside it, for a person to
/// copy: `nianbao import a.docx -o a.toml`, the names quoted as a shell needs them.
pub fn import_command(path: &Path) -> String {
    let quoted = |p: &Path| crate::store::load::shell_word(&p.display().to_string());
    format!(
        "nianbao import {} -o {}",
        quoted(path),
        quoted(&path.with_extension("toml"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_the_formats_reports_are_published_in_and_names_give_text_too() {
        for name in ["a.docx", "b.PDF", "c.xls", "d.html", "e.Htm", "f.wps"] {
            assert!(is_published_in_folder(Path::new(name)), "{name}");
            assert!(is_published(Path::new(name)), "{name}");
        }
        for name in ["notes.txt", "copied.md"] {
            assert!(!is_published_in_folder(Path::new(name)), "{name}");
            assert!(is_published(Path::new(name)), "{name}");
        }
        for name in ["r.toml", "R.TOML", "report", "table.csv"] {
            assert!(!is_published(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn the_import_command_names_a_report_file_beside_the_published_one() {
        assert_eq!(
            import_command(Path::new("收到/a b.docx")),
            "nianbao import '收到/a b.docx' -o '收到/a b.toml'"
        );
    }
}
