//! `nianbao diff OLD NEW`: every cell and text that differs, by its labels, for people (text) and
//! scripts (JSON). Exit 0 when the reports are the same, 1 when they differ, 2 when one cannot be
//! read.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Failure, OutputFormat, load};
use crate::describe;
use crate::diff::{Change, Comparison, Line, OldCell, compare, line_diff};
use crate::i18n::cli as msg;
use crate::i18n::{Lang, at, heading};
use crate::report::Report;
use crate::template::{Registry, Template};
use crate::value::CellKind;
use crate::visible::visible;

pub fn run(
    registry: &mut Registry,
    old_path: &Path,
    new_path: &Path,
    format: OutputFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let old = load(registry, old_path, lang)?;
    let new = load(registry, new_path, lang)?;
    let comparison = compare(&old, &new);
    let (old_name, new_name) = (
        old_path.display().to_string(),
        new_path.display().to_string(),
    );
    let written = match format {
        OutputFormat::Text => write_text(out, &old_name, &new_name, &old, &new, &comparison, lang),
        OutputFormat::Json => {
            let value = to_json(old_name, new_name, &old, &new, &comparison, lang);
            let text = crate::export::json::to_string_pretty(&value);
            writeln!(out, "{text}")
        }
    };
    // `nianbao diff … | head` closes the pipe early: not a failure worth a message.
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    Ok(if comparison.is_empty() { 0 } else { 1 })
}

fn cell_text(kind: CellKind, value: Option<i64>, lang: Lang) -> String {
    match value {
        Some(v) => kind.format(v),
        None => msg::diff_empty(lang).to_string(),
    }
}

fn meta_text(value: &Option<String>, lang: Lang) -> String {
    match value {
        Some(v) => v.clone(),
        None => msg::diff_none(lang).to_string(),
    }
}

/// A top-level field's name for people; an unknown key (none today) as it is.
fn field_name(key: &'static str, lang: Lang) -> &'static str {
    match key {
        "template" => msg::field_template(lang),
        "agency" => msg::field_agency(lang),
        "year" => msg::field_year(lang),
        "title" => msg::field_title(lang),
        "previous" => msg::field_previous(lang),
        other => other,
    }
}

fn kind_of(template: &Template, table: usize, column: usize) -> CellKind {
    template.tables[table].columns[column].kind
}

/// A comparison for people, one difference per line; `old_name` and `new_name` say what is
/// compared (file names, or "the file" and "the recovered edits").
pub fn write_text(
    out: &mut dyn Write,
    old_name: &str,
    new_name: &str,
    old: &Report,
    new: &Report,
    comparison: &Comparison,
    lang: Lang,
) -> std::io::Result<()> {
    let (o, n) = (visible(old_name), visible(new_name));
    let count = comparison.changes.len();
    writeln!(out, "{}", msg::differences(&o, &n, count, lang))?;
    if count == 0 {
        return Ok(());
    }
    let (ot, nt) = (&old.template, &new.template);
    for change in &comparison.changes {
        match change {
            Change::Meta { key, old, new } => {
                let change = format!(
                    "{} → {}",
                    visible(&meta_text(old, lang)),
                    visible(&meta_text(new, lang))
                );
                writeln!(out, "  {}", at(field_name(key, lang), &change, lang))?
            }
            Change::Text { section, old, new } => {
                let title = visible(nt.sections[*section].title.get(lang));
                writeln!(out, "  {}", heading(&title, lang))?;
                write_lines(out, old.as_deref().unwrap_or(""), new)?;
            }
            Change::Cell {
                table,
                row,
                column,
                old,
                new,
            } => {
                let kind = kind_of(nt, *table, *column);
                let before = match old {
                    OldCell::Value(v) => cell_text(kind, *v, lang),
                    OldCell::NotInFormat => msg::not_in_old_format(lang).to_string(),
                };
                let after = cell_text(kind, *new, lang);
                write_cell(out, nt, (*table, *row, *column), &before, &after, lang)?;
            }
            Change::Removed {
                table,
                row,
                column,
                old,
            } => {
                let before = kind_of(ot, *table, *column).format(*old);
                let after = msg::not_in_new_format(lang);
                write_cell(out, ot, (*table, *row, *column), &before, after, lang)?;
            }
            Change::RemovedText { section, old } => {
                let title = format!(
                    "{} {}",
                    visible(ot.sections[*section].title.get(lang)),
                    msg::section_not_in_new_format(lang)
                );
                writeln!(out, "  {}", heading(&title, lang))?;
                write_lines(out, old, "")?;
            }
        }
    }
    Ok(())
}

/// A cell that differs: its place in words, and its value before and after.
fn write_cell(
    out: &mut dyn Write,
    template: &Template,
    (table, row, column): (usize, usize, usize),
    before: &str,
    after: &str,
    lang: Lang,
) -> std::io::Result<()> {
    let place = describe::place(template, table, Some(row), Some(column), lang);
    let change = format!("{before} → {after}");
    writeln!(out, "  {}", at(&visible(&place), &change, lang))
}

/// The lines that changed, as `- old` and `+ new`; unchanged lines are left out.
fn write_lines(out: &mut dyn Write, old: &str, new: &str) -> std::io::Result<()> {
    for line in line_diff(old, new) {
        match line {
            Line::Same(_) => {}
            Line::Removed(l) => writeln!(out, "    - {}", visible(l))?,
            Line::Added(l) => writeln!(out, "    + {}", visible(l))?,
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonDiff {
    old: String,
    new: String,
    equal: bool,
    differences: Vec<Value>,
}

fn value_json(kind: CellKind, value: Option<i64>) -> Value {
    value.map_or(Value::Null, |v| kind.to_json(v))
}

/// A cell that differs, as JSON: where it is, by ids and in words, and its values.
fn cell_json(
    template: &Template,
    (table, row, column): (usize, usize, usize),
    kind: &str,
    old: Value,
    new: Value,
    lang: Lang,
) -> Value {
    let t = &template.tables[table];
    json!({
        "kind": kind,
        "section": template.sections[t.section].id,
        "table": t.id,
        "row": t.rows[row].id,
        "column": t.columns[column].id,
        "place": describe::place(template, table, Some(row), Some(column), lang),
        "old": old,
        "new": new,
    })
}

/// A section's text that differs, as JSON.
fn text_json(template: &Template, section: usize, kind: &str, old: Value, new: Value) -> Value {
    let s = &template.sections[section];
    json!({ "kind": kind, "section": s.id, "title": s.title.zh, "old": old, "new": new })
}

fn to_json(
    old_name: String,
    new_name: String,
    old: &Report,
    new: &Report,
    comparison: &Comparison,
    lang: Lang,
) -> JsonDiff {
    let (ot, nt) = (&old.template, &new.template);
    let differences = comparison
        .changes
        .iter()
        .map(|change| match change {
            Change::Meta { key, old, new } => {
                let as_json = |v: &Option<String>| match (*key, v) {
                    ("year", Some(y)) => y.parse::<i64>().map_or(Value::Null, Value::from),
                    (_, Some(s)) => Value::from(s.as_str()),
                    (_, None) => Value::Null,
                };
                json!({ "kind": "meta", "key": key, "old": as_json(old), "new": as_json(new) })
            }
            Change::Text { section, old, new } => {
                text_json(nt, *section, "text", json!(old), json!(new))
            }
            Change::Cell {
                table,
                row,
                column,
                old,
                new,
            } => {
                let kind = kind_of(nt, *table, *column);
                let (label, old) = match old {
                    OldCell::Value(o) => ("cell", value_json(kind, *o)),
                    OldCell::NotInFormat => ("cell-added", Value::Null),
                };
                let new = value_json(kind, *new);
                cell_json(nt, (*table, *row, *column), label, old, new, lang)
            }
            Change::Removed {
                table,
                row,
                column,
                old,
            } => {
                let old = kind_of(ot, *table, *column).to_json(*old);
                let place = (*table, *row, *column);
                cell_json(ot, place, "cell-removed", old, Value::Null, lang)
            }
            Change::RemovedText { section, old } => {
                text_json(ot, *section, "text-removed", json!(old), Value::Null)
            }
        })
        .collect();
    JsonDiff {
        old: old_name,
        new: new_name,
        equal: comparison.is_empty(),
        differences,
    }
}
