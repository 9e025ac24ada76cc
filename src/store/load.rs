//! Reading a report file, with an error for every problem that names the line, the column and what
//! was expected. A file with any error gives no report at all: nothing half-read is ever used.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Document, Item, Table, Value};

use super::position::line_column;
use crate::report::Report;
use crate::template::{Registry, Template};
use crate::value::{CellKind, MAX_UNITS};

/// One problem in a file, at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line and column, when the problem has a place.
    pub place: Option<(usize, usize)>,
    pub message: String,
}

/// A file that cannot be used, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::error::Error for LoadError {}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match d.place {
                Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, d.message)?,
                None => write!(f, "{}: {}", self.path, d.message)?,
            }
        }
        Ok(())
    }
}

impl LoadError {
    pub fn new(path: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_string(),
            diagnostics: vec![Diagnostic {
                place: None,
                message: message.into(),
            }],
        }
    }
}

/// Stop collecting after this many problems: the first ones are what a person fixes first.
const MAX_DIAGNOSTICS: usize = 20;

struct Reader<'a> {
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        if self.diagnostics.len() < MAX_DIAGNOSTICS {
            self.diagnostics.push(Diagnostic {
                place: span.map(|s| line_column(self.text, s.start)),
                message: message.into(),
            });
        }
    }

    fn string(&mut self, item: &Item, key: &str) -> Option<String> {
        match item.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.error(item.span(), format!("`{key}` must be a string in quotes"));
                None
            }
        }
    }
}

/// Reads a report file from disk.
pub fn load_file(path: &Path, registry: &mut Registry) -> Result<(Report, String), LoadError> {
    let shown = path.display().to_string();
    let bytes = crate::read::read_bytes(path, crate::read::REPORT_LIMIT)
        .map_err(|e| LoadError::new(&shown, format!("cannot read: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.into_bytes()[..valid]).into_owned();
            let (line, column) = line_column(&text, valid);
            return Err(LoadError {
                path: shown,
                diagnostics: vec![Diagnostic {
                    place: Some((line, column)),
                    message: "the file is not UTF-8 text".into(),
                }],
            });
        }
    };
    let report = load_str(&text, &shown, registry)?;
    Ok((report, text))
}

/// Reads a report from its text. `path` names the file in errors.
pub fn load_str(text: &str, path: &str, registry: &mut Registry) -> Result<Report, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let doc = Document::parse(body).map_err(|e| {
        let place = e
            .span()
            .map(|s| line_column(text, s.start + bom))
            .or_else(|| super::position::deepest_line(text).map(|line| (line, 1)));
        let message = e.message().trim().to_string();
        LoadError {
            path: path.to_string(),
            diagnostics: vec![Diagnostic {
                place,
                message: format!("not valid TOML: {message}"),
            }],
        }
    })?;
    let mut reader = Reader {
        text: body,
        diagnostics: Vec::new(),
    };
    let report = read_document(&mut reader, doc.as_table(), registry);
    match report {
        Some(report) if reader.diagnostics.is_empty() => Ok(report),
        _ => {
            // Places were measured in the text without its byte-order mark; a BOM is invisible in
            // an editor, so lines and columns stay right.
            Err(LoadError {
                path: path.to_string(),
                diagnostics: reader.diagnostics,
            })
        }
    }
}

fn read_document(r: &mut Reader<'_>, root: &Table, registry: &mut Registry) -> Option<Report> {
    let Some(template_item) = root.get("template") else {
        r.error(
            Some(0..0),
            format!(
                "missing `template = \"…\"` at the top of the file (known templates: {})",
                registry.ids().join(", ")
            ),
        );
        return None;
    };
    let id = r.string(template_item, "template")?;
    let Some(template) = registry.get(&id) else {
        r.error(
            template_item.span(),
            format!(
                "unknown template {id:?}: expected one of {} (or load your own with --template PATH)",
                registry.ids().join(", ")
            ),
        );
        return None;
    };
    let mut report = Report::new(template.clone());
    for (key, item) in root.iter() {
        let key_span = root.key(key).and_then(|k| k.span());
        match key {
            "template" => {}
            "agency" => report.agency = r.string(item, key).unwrap_or_default(),
            "title" => report.title = r.string(item, key).unwrap_or_default(),
            "previous" => report.previous = r.string(item, key),
            "year" => match item.as_integer() {
                Some(y) if (1900..=2200).contains(&y) => report.year = Some(y as i32),
                _ => r.error(item.span(), "`year` must be a year such as 2024, without quotes"),
            },
            _ => match template.section_by_id(key) {
                Some(section) => read_section(r, &template, &mut report, section, item, key_span),
                None => r.error(
                    key_span,
                    format!(
                        "unknown key `{key}`: expected template, agency, year, title, previous or a section ({})",
                        section_ids(&template)
                    ),
                ),
            },
        }
    }
    Some(report)
}

fn section_ids(template: &Template) -> String {
    template
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_section(
    r: &mut Reader<'_>,
    template: &Template,
    report: &mut Report,
    section: usize,
    item: &Item,
    key_span: Option<Range<usize>>,
) {
    let section_id = &template.sections[section].id;
    let Some(table) = item.as_table_like() else {
        r.error(
            item.span().or(key_span),
            format!("`{section_id}` must be a table: write it as [{section_id}]"),
        );
        return;
    };
    for (key, child) in table.iter() {
        let key_span = table.key(key).and_then(|k| k.span()).or(child.span());
        if key == "text" {
            match child.as_str() {
                Some(s) => report.texts[section] = normalize_text(s),
                None => r.error(
                    child.span(),
                    format!("`{section_id}.text` must be a string"),
                ),
            }
            continue;
        }
        match template.table_by_id(section, key) {
            Some(t) => read_table(r, template, report, t, child, key_span),
            None => {
                let tables: Vec<&str> = template.sections[section]
                    .tables
                    .clone()
                    .map(|t| template.tables[t].id.as_str())
                    .collect();
                let expected = if tables.is_empty() {
                    "`text`".to_string()
                } else {
                    format!("`text` or a table ({})", tables.join(", "))
                };
                r.error(
                    key_span,
                    format!("unknown key `{key}` in [{section_id}]: expected {expected}"),
                );
            }
        }
    }
}

/// Texts keep their inner line breaks but not the trailing ones a multi-line string adds.
pub fn normalize_text(s: &str) -> String {
    s.replace("\r\n", "\n").trim_end_matches('\n').to_string()
}

fn read_table(
    r: &mut Reader<'_>,
    template: &Template,
    report: &mut Report,
    t: usize,
    item: &Item,
    key_span: Option<Range<usize>>,
) {
    let table = &template.tables[t];
    let name = format!("{}.{}", template.sections[table.section].id, table.id);
    let Some(rows) = item.as_table_like() else {
        r.error(
            item.span().or(key_span),
            format!("`{name}` must be a table of rows: write it as [{name}]"),
        );
        return;
    };
    let mut flat = Vec::new();
    flatten_rows(rows, String::new(), item.span().or(key_span), &mut flat);
    for (row_id, span, row_item) in flat {
        let Some(row) = table.rows.iter().position(|x| x.id == row_id) else {
            let ids: Vec<&str> = table.rows.iter().map(|x| x.id.as_str()).collect();
            r.error(
                span,
                format!(
                    "unknown row `{row_id}` in [{name}]: expected one of {}",
                    ids.join(", ")
                ),
            );
            continue;
        };
        let Some(array) = row_item.as_array() else {
            r.error(
                row_item.span().or(span),
                format!("row `{row_id}` must be a list of values like [1, 0, \"\"]"),
            );
            continue;
        };
        let ncols = table.columns.len();
        if array.len() != ncols {
            let labels: Vec<&str> = table.columns.iter().map(|c| c.label.zh.as_str()).collect();
            r.error(
                array.span().or(span),
                format!(
                    "row `{row_id}` has {} values, expected {ncols} ({})",
                    array.len(),
                    labels.join(" | ")
                ),
            );
            continue;
        }
        for (c, value) in array.iter().enumerate() {
            let column = &table.columns[c];
            match read_cell(r.text, value, column.kind) {
                Ok(v) => report.tables[t][table.cell_index(row, c)] = v,
                Err(message) => r.error(
                    value.span(),
                    format!(
                        "row `{row_id}`, column {} ({}): {message}",
                        c + 1,
                        column.label.zh
                    ),
                ),
            }
        }
    }
}

/// Rows written as dotted keys (`handled.total = […]`) or sub-tables, flattened to their dotted ids.
fn flatten_rows<'a>(
    table: &'a dyn toml_edit::TableLike,
    prefix: String,
    parent_span: Option<Range<usize>>,
    out: &mut Vec<(String, Option<Range<usize>>, &'a Item)>,
) {
    for (key, item) in table.iter() {
        let id = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        let span = table
            .key(key)
            .and_then(|k| k.span())
            .or_else(|| item.span())
            .or_else(|| parent_span.clone());
        match item.as_table_like() {
            Some(sub) if !item.is_inline_table() || sub.iter().next().is_some() => {
                flatten_rows(sub, id, span, out)
            }
            _ => out.push((id, span, item)),
        }
    }
}

fn read_cell(text: &str, value: &Value, kind: CellKind) -> Result<Option<i64>, String> {
    let literal = || {
        value
            .span()
            .map_or_else(String::new, |s| text[s].to_string())
    };
    match value {
        Value::String(s) if s.value().trim().is_empty() => Ok(None),
        Value::String(s) => Err(format!(
            "{:?} is not a number: write a number, or \"\" for an empty cell",
            s.value()
        )),
        // A count as it nearly always is, without the text round trip below.
        Value::Integer(i) if (0..=MAX_UNITS).contains(i.value()) && kind != CellKind::Money => {
            Ok(Some(*i.value()))
        }
        // The kind decides whether a negative number is allowed (only a change may be).
        Value::Integer(i) => kind
            .parse(&i.value().to_string())
            .map(Some)
            .map_err(|e| e.to_string()),
        // The literal text, not the binary float: 18.8710 must stay exactly 18.8710.
        Value::Float(_) => kind.parse(&literal()).map(Some).map_err(|e| e.to_string()),
        _ => Err(format!(
            "expected a number or \"\" for an empty cell, found {}",
            literal()
        )),
    }
}
