//! Reading a report file, with an error for every problem that names the line, the column and what
//! was expected. A file with any error gives no report at all: nothing half-read is ever used.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use toml_edit::{Document, Item, Table, Value};

use crate::i18n::Lang;
pub use crate::i18n::load::{CellProblem, LoadMessage};
use crate::position::line_column;
use crate::report::Report;
use crate::template::{Registry, Template};
use crate::value::{CellKind, MAX_UNITS};

/// One problem in a file, at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line and column, when the problem has a place.
    pub place: Option<(usize, usize)>,
    pub message: LoadMessage,
}

impl Diagnostic {
    /// `line:column: message`, or the message alone when it has no place.
    pub fn text(&self, lang: Lang) -> String {
        match self.place {
            Some((line, column)) => {
                crate::i18n::at(&format!("{line}:{column}"), &self.message.text(lang), lang)
            }
            None => self.message.text(lang),
        }
    }
}

/// A file that cannot be used, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::error::Error for LoadError {}

/// The English text; [`LoadError::text`] gives it in the user's language.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl LoadError {
    /// A problem without a place, worded by the caller in the user's language.
    pub fn new(path: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_string(),
            diagnostics: vec![Diagnostic {
                place: None,
                message: LoadMessage::Plain(message.into()),
            }],
        }
    }

    /// One line per problem, `path:line:column: message`, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.diagnostics
            .iter()
            .map(|d| match d.place {
                Some(_) => format!("{}:{}", self.path, d.text(lang)),
                None => crate::i18n::at(&self.path, &d.text(lang), lang),
            })
            .collect()
    }

    /// Every problem without the file's name, for a sentence that names the file itself
    /// (`无法打开 FILE：…`): on one line, in `lang`.
    pub fn reasons(&self, lang: Lang) -> String {
        let reasons: Vec<String> = self.diagnostics.iter().map(|d| d.text(lang)).collect();
        reasons.join(crate::i18n::editor::separator(lang))
    }

    /// Every problem, a line each, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.lines(lang).join("\n")
    }
}

/// Stop collecting after this many problems: the first ones are what a person fixes first.
const MAX_DIAGNOSTICS: usize = 20;

struct Reader<'a> {
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: LoadMessage) {
        if self.diagnostics.len() < MAX_DIAGNOSTICS {
            self.diagnostics.push(Diagnostic {
                place: span.map(|s| line_column(self.text, s.start)),
                message,
            });
        }
    }

    fn string(&mut self, item: &Item, key: &str) -> Option<String> {
        match item.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.error(
                    item.span(),
                    LoadMessage::NotAString {
                        key: key.to_string(),
                    },
                );
                None
            }
        }
    }
}

/// Reads a report file from disk.
pub fn load_file(path: &Path, registry: &mut Registry) -> Result<(Report, String), LoadError> {
    let shown = path.display().to_string();
    let bytes =
        crate::read::read_bytes(path, crate::read::REPORT_LIMIT).map_err(|e| LoadError {
            path: shown.clone(),
            diagnostics: vec![Diagnostic {
                place: None,
                message: LoadMessage::CannotRead {
                    zh: e.text(Lang::Zh),
                    en: e.text(Lang::En),
                },
            }],
        })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let gbk = encoding_rs::GBK
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some();
            let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let (line, column) = line_column(&text, valid);
            let message = LoadMessage::NotUtf8 {
                from: shell_word(&shown),
                to: shell_word(&converted_name(path)),
                gbk,
            };
            return Err(LoadError {
                path: shown,
                diagnostics: vec![Diagnostic {
                    place: Some((line, column)),
                    message,
                }],
            });
        }
    };
    let report = load_str(&text, &shown, registry)?;
    Ok((report, text))
}

/// A name for the UTF-8 copy of `path`, beside it: `r.toml` → `r-utf8.toml`.
fn converted_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let name = match path.extension() {
        Some(ext) => format!("{stem}-utf8.{}", ext.to_string_lossy()),
        None => format!("{stem}-utf8"),
    };
    path.with_file_name(name).display().to_string()
}

/// `text` as one word of a shell command to copy: quoted when it holds anything a shell would
/// split on or expand.
pub(crate) fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "._/-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Reads a report from its text. `path` names the file in errors.
pub fn load_str(text: &str, path: &str, registry: &mut Registry) -> Result<Report, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A file in the layout nianbao writes is read by its own reader; any other, and any file
    // with a problem, by the general parser, which says where the problems are.
    match super::fast::read(body, registry) {
        Some(report) => Ok(report),
        None => load_general(text, path, registry),
    }
}

/// [`load_str`] by the general TOML parser alone.
pub(crate) fn load_general(
    text: &str,
    path: &str,
    registry: &mut Registry,
) -> Result<Report, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let doc = Document::parse(body).map_err(|e| {
        let place = e
            .span()
            .map(|s| line_column(text, s.start + bom))
            .or_else(|| crate::position::deepest_line(text).map(|line| (line, 1)));
        let message = e.message().trim().to_string();
        let unclosed = place.and_then(|(line, _)| crate::position::unclosed_string(text, line));
        let (place, message) = match unclosed {
            Some(opening) => (Some(opening), LoadMessage::UnclosedString),
            None => (place, LoadMessage::NotToml(message)),
        };
        LoadError {
            path: path.to_string(),
            diagnostics: vec![Diagnostic { place, message }],
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
        // A template file among the reports (a reviewer's folder often holds the one its reports
        // use) is told apart, so the reader learns how to load it instead of what a report lacks.
        if let (Some(id), Some(_)) = (
            root.get("id").and_then(|i| i.as_str()),
            root.get("sections"),
        ) {
            r.error(Some(0..0), LoadMessage::IsATemplate { id: id.to_string() });
            return None;
        }
        let message = if root.is_empty() {
            LoadMessage::Empty
        } else {
            LoadMessage::MissingTemplate {
                known: registry.ids(),
            }
        };
        r.error(Some(0..0), message);
        return None;
    };
    let id = r.string(template_item, "template")?;
    let Some(template) = registry.get(&id) else {
        r.error(
            template_item.span(),
            LoadMessage::UnknownTemplate {
                id: id.clone(),
                known: registry.ids(),
            },
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
                _ => r.error(item.span(), LoadMessage::BadYear),
            },
            _ => match template.section_by_id(key) {
                Some(section) => read_section(r, &template, &mut report, section, item, key_span),
                None => r.error(
                    key_span,
                    LoadMessage::UnknownKey {
                        key: key.to_string(),
                        sections: section_ids(&template),
                    },
                ),
            },
        }
    }
    Some(report)
}

fn section_ids(template: &Template) -> Vec<String> {
    template.sections.iter().map(|s| s.id.clone()).collect()
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
            LoadMessage::SectionNotTable {
                section: section_id.clone(),
            },
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
                    LoadMessage::TextNotString {
                        section: section_id.clone(),
                    },
                ),
            }
            continue;
        }
        match template.table_by_id(section, key) {
            Some(t) => read_table(r, template, report, t, child, key_span),
            None => {
                let tables = template.sections[section]
                    .tables
                    .clone()
                    .map(|t| template.tables[t].id.clone())
                    .collect();
                r.error(
                    key_span,
                    LoadMessage::UnknownSectionKey {
                        key: key.to_string(),
                        section: section_id.clone(),
                        tables,
                    },
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
    // Named only in a problem: a file that reads has none.
    let name = || format!("{}.{}", template.sections[table.section].id, table.id);
    let Some(rows) = item.as_table_like() else {
        r.error(
            item.span().or(key_span),
            LoadMessage::TableNotTable { table: name() },
        );
        return;
    };
    let mut flat = Vec::new();
    flatten_rows(rows, String::new(), item.span().or(key_span), &mut flat);
    for (row_id, span, row_item) in flat {
        let Some(row) = table.rows.iter().position(|x| x.id == row_id) else {
            r.error(
                span,
                LoadMessage::UnknownRow {
                    row: row_id,
                    table: name(),
                    rows: table.rows.iter().map(|x| x.id.clone()).collect(),
                },
            );
            continue;
        };
        let Some(array) = row_item.as_array() else {
            r.error(
                row_item.span().or(span),
                LoadMessage::RowNotList { row: row_id },
            );
            continue;
        };
        let ncols = table.columns.len();
        if array.len() != ncols {
            r.error(
                array.span().or(span),
                LoadMessage::WrongValueCount {
                    row: row_id,
                    found: array.len(),
                    expected: ncols,
                    // The official labels, in Chinese in both languages: they are the form's own.
                    labels: table.columns.iter().map(|c| c.label.zh.clone()).collect(),
                },
            );
            continue;
        }
        for (c, value) in array.iter().enumerate() {
            let column = &table.columns[c];
            match read_cell(r.text, value, column.kind) {
                Ok(v) => report.tables[t][table.cell_index(row, c)] = v,
                Err(problem) => r.error(
                    value.span(),
                    LoadMessage::Cell {
                        row: row_id.clone(),
                        column: c + 1,
                        label: column.label.zh.clone(),
                        problem,
                    },
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
        // Pushed, not formatted: a report has dozens of rows, and `format!` cost several times
        // the copy.
        let mut id = String::with_capacity(prefix.len() + 1 + key.len());
        if !prefix.is_empty() {
            id.push_str(&prefix);
            id.push('.');
        }
        id.push_str(key);
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

fn read_cell(text: &str, value: &Value, kind: CellKind) -> Result<Option<i64>, CellProblem> {
    let literal = || {
        value
            .span()
            .map_or_else(String::new, |s| text[s].to_string())
    };
    match value {
        Value::String(s) if s.value().trim().is_empty() => Ok(None),
        Value::String(s) => Err(CellProblem::Text(s.value().to_string())),
        // A count as it nearly always is, without the text round trip below.
        Value::Integer(i) if (0..=MAX_UNITS).contains(i.value()) && kind != CellKind::Money => {
            Ok(Some(*i.value()))
        }
        // The kind decides whether a negative number is allowed (only a change may be).
        Value::Integer(i) => kind
            .parse(&i.value().to_string())
            .map(Some)
            .map_err(CellProblem::Value),
        // The literal text, not the binary float: 18.8710 must stay exactly 18.8710.
        Value::Float(_) => kind.parse(&literal()).map(Some).map_err(CellProblem::Value),
        _ => Err(CellProblem::Other(literal())),
    }
}
