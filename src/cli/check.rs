//! `nianbao check`: does each report add up? For people (text) and scripts (JSON).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{EXIT_TROUBLE, parallel};
use crate::describe;
use crate::i18n::Lang;
use crate::report::Report;
use crate::rules::{self, Finding, PrevValues, What};
use crate::store::{self, LoadError};
use crate::template::{Registry, Severity};
use crate::visible::visible;

use super::OutputFormat;

/// The outcome of checking one file.
pub enum Outcome {
    Checked {
        report: Report,
        findings: Vec<Finding>,
    },
    Unreadable(LoadError),
}

impl Outcome {
    fn counts(&self) -> (usize, usize) {
        match self {
            Outcome::Checked { findings, .. } => {
                let errors = findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                (errors, findings.len() - errors)
            }
            Outcome::Unreadable(_) => (0, 0),
        }
    }
}

/// Last year's reports already read, by path: the reports of one county's departments usually
/// name the same one, and reading it again for each would double the work. A few are kept, so
/// memory stays bounded when every report names its own.
#[derive(Default)]
pub struct PrevCache(Vec<(PathBuf, Result<Arc<Report>, LoadError>)>);

impl PrevCache {
    const KEPT: usize = 8;

    fn get(&mut self, path: PathBuf, registry: &mut Registry) -> Result<Arc<Report>, LoadError> {
        if let Some((_, found)) = self.0.iter().find(|(p, _)| *p == path) {
            return found.clone();
        }
        let loaded = store::load_file(&path, registry).map(|(r, _)| Arc::new(r));
        if self.0.len() == Self::KEPT {
            // The oldest goes.
            self.0.rotate_left(1);
            self.0.pop();
        }
        self.0.push((path, loaded.clone()));
        loaded
    }
}

/// Loads last year's report named by a report's `previous` key, relative to the report's folder.
fn previous_of(
    report: &Report,
    path: &Path,
    registry: &mut Registry,
    cache: &mut PrevCache,
) -> Result<Option<Arc<Report>>, LoadError> {
    let Some(previous) = &report.previous else {
        return Ok(None);
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    cache.get(dir.join(previous), registry).map(Some)
}

/// Checks one file against last year's report (given, or named in the file).
pub fn check_file(
    path: &Path,
    prev: Option<&Report>,
    registry: &mut Registry,
    cache: &mut PrevCache,
) -> Outcome {
    let report = match store::load_file(path, registry) {
        Ok((report, _)) => report,
        Err(e) => return Outcome::Unreadable(e),
    };
    let own_prev = match prev {
        Some(_) => None,
        None => match previous_of(&report, path, registry, cache) {
            Ok(p) => p,
            Err(e) => return Outcome::Unreadable(e),
        },
    };
    let aligned = prev
        .or(own_prev.as_deref())
        .map(|p| PrevValues::align(&report.template, p));
    let findings = rules::check_report(&report, aligned.as_ref());
    Outcome::Checked { report, findings }
}

/// One file's outcome, ready to print: done by the worker that checked it.
enum Rendered {
    Text(Vec<u8>),
    Json(JsonOutcome),
}

pub fn run(
    registry: &mut Registry,
    files: &[PathBuf],
    prev: Option<&Path>,
    format: OutputFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> u8 {
    let prev_report = match prev.map(|p| store::load_file(p, registry)) {
        None => None,
        Some(Ok((report, _))) => Some(report),
        Some(Err(e)) => {
            eprintln!("nianbao: {}", visible(&e.to_string()));
            return EXIT_TROUBLE;
        }
    };
    // Files are checked on every core, each worker with its own registry (the compiled
    // templates are shared) and its own cache of last year's reports; output keeps the order
    // the files were given in.
    let mut workers: Vec<(Registry, PrevCache)> = (0..parallel::workers(files.len()))
        .map(|_| (registry.clone(), PrevCache::default()))
        .collect();
    let check = |path: &PathBuf, (registry, cache): &mut (Registry, PrevCache)| {
        let outcome = check_file(path, prev_report.as_ref(), registry, cache);
        let unreadable = matches!(outcome, Outcome::Unreadable(_));
        let (errors, _) = outcome.counts();
        let rendered = match format {
            OutputFormat::Text => {
                let mut text = Vec::new();
                write_text(&mut text, path, &outcome, lang).expect("writing to memory");
                Rendered::Text(text)
            }
            OutputFormat::Json => Rendered::Json(json_outcome(path, &outcome, lang)),
        };
        (unreadable, errors, rendered)
    };
    let mut code = 0;
    let mut json = Vec::new();
    let mut written = true;
    parallel::in_order(
        files,
        &mut workers,
        check,
        |(unreadable, errors, rendered)| {
            code = match (unreadable, code) {
                (true, _) => EXIT_TROUBLE,
                (_, EXIT_TROUBLE) => EXIT_TROUBLE,
                _ if errors > 0 => 1,
                _ => code,
            };
            match rendered {
                Rendered::Text(text) => written = out.write_all(&text).is_ok(),
                Rendered::Json(outcome) => json.push(outcome),
            }
            written
        },
    );
    if !written {
        return EXIT_TROUBLE;
    }
    if format == OutputFormat::Json {
        let text = crate::export::json::to_string_pretty(&json);
        if writeln!(out, "{text}").is_err() {
            return EXIT_TROUBLE;
        }
    }
    code
}

/// One finding as a line: severity, place, message, rule id.
pub fn finding_line(report: &Report, f: &Finding, lang: Lang) -> String {
    let template = &report.template;
    let severity = match (f.severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    };
    let cell_place = |t| describe::place(template, t, f.row, f.column, lang);
    let place = match (&f.what, f.table) {
        // Both ends of a contradiction: the sentence and the cells.
        (What::TextVsTable { start, .. }, Some(t)) => {
            format!(
                "{} ↔ {}",
                text_place(report, f.section, *start, lang),
                cell_place(t)
            )
        }
        (_, Some(t)) => cell_place(t),
        (_, None) => template.sections[f.section].short.clone(),
    };
    format!(
        "{severity}  {place}: {}  [{}]",
        f.message(template, lang),
        f.rule_id(template)
    )
}

/// Where in a section's text a sentence is, for people: characters counted from 1.
fn text_place(report: &Report, section: usize, start: usize, lang: Lang) -> String {
    let short = &report.template.sections[section].short;
    match lang {
        Lang::Zh => format!("{short}（第{}字）", start + 1),
        Lang::En => format!("{short} (character {})", start + 1),
    }
}

fn write_text(
    out: &mut dyn Write,
    path: &Path,
    outcome: &Outcome,
    lang: Lang,
) -> std::io::Result<()> {
    let shown = path.display().to_string();
    let shown = visible(&shown);
    match outcome {
        Outcome::Unreadable(e) => writeln!(out, "{}", visible(&e.to_string())),
        Outcome::Checked { report, findings } => {
            let (errors, warnings) = outcome.counts();
            let summary = match lang {
                Lang::Zh if errors == 0 && warnings == 0 => "通过".to_string(),
                Lang::Zh => format!("{errors} 个错误，{warnings} 个警告"),
                Lang::En if errors == 0 && warnings == 0 => "ok".to_string(),
                Lang::En => format!("{errors} errors, {warnings} warnings"),
            };
            writeln!(out, "{shown}: {summary}")?;
            for f in findings {
                writeln!(out, "  {}", visible(&finding_line(report, f, lang)))?;
            }
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct JsonOutcome {
    path: String,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    load_errors: Vec<JsonLoadError>,
}

#[derive(Serialize)]
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
}

/// A place in a section's text; offsets and lengths count characters, not bytes.
#[derive(Serialize)]
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

#[derive(Serialize)]
struct JsonLoadError {
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

fn json_outcome(path: &Path, outcome: &Outcome, lang: Lang) -> JsonOutcome {
    let (errors, warnings) = outcome.counts();
    let mut result = JsonOutcome {
        path: path.display().to_string(),
        errors,
        warnings,
        findings: Vec::new(),
        load_errors: Vec::new(),
    };
    match outcome {
        Outcome::Unreadable(e) => {
            result.load_errors = e
                .diagnostics
                .iter()
                .map(|d| JsonLoadError {
                    line: d.place.map(|p| p.0),
                    column: d.place.map(|p| p.1),
                    message: d.message.clone(),
                })
                .collect();
        }
        Outcome::Checked { report, findings } => {
            let template = &report.template;
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
                    }
                })
                .collect();
        }
    }
    result
}
