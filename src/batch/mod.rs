//! Many report files at once, as `check`, `sum`, `export` and `review` read them: one file checked
//! with its last year's report, the inputs (files, folders, lists), work spread over the cores in
//! order, and a progress count on a terminal.

pub mod inputs;
pub mod parallel;
pub mod progress;

use std::path::Path;
use std::sync::Arc;

use crate::import::files::FileKind;
use crate::report::Report;
use crate::rules::{self, Finding, PrevValues, What};
use crate::store::LoadError;
use crate::store::previous::{self, Found, PrevCache};
use crate::store::published::{self, Loaded};
use crate::template::{Registry, Severity};

/// A file's identity, device and inode (16 bytes), so that even 100,000 inputs cost little to
/// tell apart: the same file named twice, by a folder and a list say, is one report.
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Which last year's report a file is checked against.
#[derive(Clone, Copy)]
pub enum Prev<'a> {
    /// The one the file names with `previous = "…"`, if any.
    Named,
    /// One given for every file (`--prev FILE`).
    Given(&'a Report),
    /// None: the cross-year rules are skipped (`--no-prev`).
    Skip,
}

/// The outcome of checking one file.
pub enum Outcome {
    Checked {
        report: Report,
        findings: Vec<Finding>,
        /// The file's text, as read; for a published report, the report file import made of it.
        text: String,
        /// What the file was, when it was a published report read by import.
        imported: Option<FileKind>,
    },
    Unreadable(LoadError),
}

/// How a file came out, worst last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Ok,
    Warnings,
    Errors,
    Unreadable,
}

impl Status {
    /// The word scripts read (`--format json`, the assessment table).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warnings => "warnings",
            Status::Errors => "errors",
            Status::Unreadable => "unreadable",
        }
    }

    pub fn of(errors: usize, warnings: usize) -> Status {
        match (errors, warnings) {
            (0, 0) => Status::Ok,
            (0, _) => Status::Warnings,
            _ => Status::Errors,
        }
    }
}

/// How many errors and warnings there are among findings.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

impl Outcome {
    /// Errors and warnings; `None` for a file that could not be read, which has neither.
    pub fn counts(&self) -> Option<(usize, usize)> {
        match self {
            Outcome::Checked { findings, .. } => Some(counts(findings)),
            Outcome::Unreadable(_) => None,
        }
    }

    pub fn status(&self) -> Status {
        match self.counts() {
            Some((errors, warnings)) => Status::of(errors, warnings),
            None => Status::Unreadable,
        }
    }
}

/// Checks one file, against last year's report as `prev` says. A `previous` file that is
/// missing or unreadable does not hide the report's own results: it is a warning among them,
/// and the cross-year rules are left out. A published report (a PDF, a Word document…) is
/// imported first, and what import could not take over is a warning of its own each.
pub fn check_file(
    path: &Path,
    prev: Prev<'_>,
    registry: &mut Registry,
    cache: &mut PrevCache,
) -> Outcome {
    let Loaded {
        report,
        text,
        imported,
    } = match published::load_any(path, registry) {
        Ok(loaded) => loaded,
        Err(e) => return Outcome::Unreadable(e),
    };
    let (imported, anomalies) = imported.unzip();
    let mut unreadable_prev = None;
    let aligned = match prev {
        Prev::Skip => None,
        Prev::Given(p) => Some(Arc::new(PrevValues::align(&report.template, p))),
        Prev::Named => match previous::find(&report, path, registry, cache) {
            Found::NotNamed => None,
            Found::Read(p) => Some(p),
            Found::Unreadable { path, error } => {
                unreadable_prev = Some(previous_unreadable(&path, &error));
                None
            }
        },
    };
    let mut findings: Vec<Finding> = anomalies.iter().flatten().map(import_finding).collect();
    findings.extend(unreadable_prev);
    findings.extend(rules::check_report(&report, aligned.as_deref()));
    Outcome::Checked {
        report,
        findings,
        text,
        imported,
    }
}

/// What import could not take over from a published report, as a warning about the report.
pub fn import_finding(anomaly: &crate::import::Anomaly) -> Finding {
    Finding::report_warning(What::Imported {
        line: anomaly.line,
        zh: anomaly.message(crate::i18n::Lang::Zh),
        en: anomaly.message(crate::i18n::Lang::En),
    })
}

/// The warning that last year's report could not be read, with every reason.
pub fn previous_unreadable(path: &Path, error: &LoadError) -> Finding {
    Finding::report_warning(What::PreviousUnreadable {
        path: path.display().to_string(),
        reasons: error.diagnostics.clone(),
    })
}
