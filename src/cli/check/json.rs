//! `check --format json`: one object per file, the shape docs/FORMAT.md documents.

use std::path::Path;

use serde::Serialize;

use crate::batch::Outcome;
use crate::i18n::Lang;
use crate::report::Report;
use crate::rules::{Finding, What};

#[derive(Clone, Serialize)]
pub struct JsonOutcome {
    path: String,
    status: &'static str,
    agency: Option<String>,
    year: Option<i32>,
    title: Option<String>,
    template: Option<String>,
    /// For a published report read by import: what it was (`pdf`, `word`, `excel`, `text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    imported: Option<&'static str>,
    /// `null` for a file that cannot be read: it has no count, least of all 0.
    errors: Option<usize>,
    warnings: Option<usize>,
    findings: Vec<JsonFinding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    load_errors: Vec<JsonLoadError>,
    /// The report's year is not the one most of the reports checked are of (last year's report
    /// sent among this year's): it may pass its rules and still be the wrong report.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    other_year: bool,
}

impl JsonOutcome {
    /// Says the report is of another year than `usual`, the year of most.
    pub fn mark_other_year(&mut self, usual: i32) {
        self.other_year = self.year.is_some_and(|y| y != usual);
    }
}
#[derive(Clone, Serialize)]
struct JsonFinding {
    severity: &'static str,
    rule: String,
    table: Option<String>,
    row: Option<String>,
    column: Option<String>,
    expected: Option<serde_json::Value>,
    actual: Option<serde_json::Value>,
    message: String,
    /// For a text that contradicts a table: where the sentence is.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<JsonText>,
    /// For a last year's report that cannot be read: which file, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<JsonPrevious>,
    /// For a last year's report of another body: the two agencies.
    #[serde(skip_serializing_if = "Option::is_none")]
    agencies: Option<JsonAgencies>,
    /// For what import could not take over from a published report: the file's line.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

/// The word scripts read for what a published report was.
fn imported_name(kind: crate::import::files::FileKind) -> &'static str {
    use crate::import::files::FileKind as K;
    match kind {
        K::Pdf => "pdf",
        K::Document => "word",
        K::Workbook => "excel",
        K::Text | K::BrokenZip | K::Unsupported(_) => "text",
    }
}

#[derive(Clone, Serialize)]
struct JsonAgencies {
    report: String,
    previous: String,
}

fn json_agencies(f: &Finding) -> Option<JsonAgencies> {
    match &f.what {
        What::PreviousAgency { agency, previous } => Some(JsonAgencies {
            report: agency.clone(),
            previous: previous.clone(),
        }),
        _ => None,
    }
}

#[derive(Clone, Serialize)]
struct JsonPrevious {
    path: String,
    reasons: Vec<String>,
}

fn json_previous(f: &Finding, lang: Lang) -> Option<JsonPrevious> {
    match &f.what {
        What::PreviousUnreadable { path, reasons } => Some(JsonPrevious {
            path: path.clone(),
            reasons: reasons.iter().map(|d| d.text(lang)).collect(),
        }),
        _ => None,
    }
}

/// A place in a section's text; offsets and lengths count characters, not bytes.
#[derive(Clone, Serialize)]
struct JsonText {
    section: String,
    fact: String,
    offset: usize,
    length: usize,
    quote: String,
    sentence_offset: usize,
    sentence: String,
}

fn json_text(report: &Report, f: &Finding) -> Option<JsonText> {
    let What::TextVsTable {
        fact,
        start,
        end,
        quote,
        sentence_start,
        sentence,
    } = &f.what
    else {
        return None;
    };
    let template = &report.template;
    Some(JsonText {
        section: template.sections[f.section].id.clone(),
        fact: template.text_facts.facts[*fact as usize].id.clone(),
        offset: *start,
        length: end - start,
        quote: quote.clone(),
        sentence_offset: *sentence_start,
        sentence: sentence.clone(),
    })
}

#[derive(Clone, Serialize)]
struct JsonLoadError {
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

pub fn json_outcome(path: &Path, outcome: &Outcome, lang: Lang) -> JsonOutcome {
    let (errors, warnings) = outcome.counts().unzip();
    let mut result = JsonOutcome {
        path: path.display().to_string(),
        status: outcome.status().as_str(),
        agency: None,
        year: None,
        title: None,
        template: None,
        imported: None,
        errors,
        warnings,
        findings: Vec::new(),
        load_errors: Vec::new(),
        other_year: false,
    };
    match outcome {
        Outcome::Unreadable(e) => {
            result.load_errors = e
                .diagnostics
                .iter()
                .map(|d| JsonLoadError {
                    line: d.place.map(|p| p.0),
                    column: d.place.map(|p| p.1),
                    message: d.message.text(lang),
                })
                .collect();
        }
        Outcome::Checked {
            report,
            findings,
            imported,
            ..
        } => {
            let template = &report.template;
            result.imported = imported.map(imported_name);
            result.agency = Some(report.agency.clone());
            result.year = report.year;
            result.title = Some(report.title.clone());
            result.template = Some(template.id.clone());
            result.findings = findings
                .iter()
                .map(|f| {
                    let table = f.table.map(|t| &template.tables[t]);
                    JsonFinding {
                        severity: f.severity.as_str(),
                        rule: f.rule_id(template).to_string(),
                        table: table.map(|t| t.id.clone()),
                        row: table.zip(f.row).map(|(t, r)| t.rows[r].id.clone()),
                        column: table.zip(f.column).map(|(t, c)| t.columns[c].id.clone()),
                        expected: f.expected.map(|v| f.kind.to_json(v)),
                        actual: f.actual.map(|v| f.kind.to_json(v)),
                        message: f.message(template, lang),
                        text: json_text(report, f),
                        previous: json_previous(f, lang),
                        agencies: json_agencies(f),
                        line: match &f.what {
                            What::Imported { line, .. } => *line,
                            _ => None,
                        },
                    }
                })
                .collect();
        }
    }
    result
}
