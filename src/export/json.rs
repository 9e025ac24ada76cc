//! The whole report as JSON, in a stable shape scripts can rely on (documented in docs/FORMAT.md).
//! Counts are numbers, money is a decimal string ("18.8710"), an empty cell is `null`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::group_labels;
use crate::report::Report;
use crate::template::Table;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub template: &'a str,
    pub agency: &'a str,
    pub year: Option<i32>,
    pub title: &'a str,
    pub sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
pub struct JsonSection<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tables: Option<Vec<JsonTable<'a>>>,
}

#[derive(Serialize)]
pub struct JsonTable<'a> {
    pub id: &'a str,
    pub caption: &'a str,
    pub columns: Vec<JsonAxis<'a>>,
    pub rows: Vec<JsonRow<'a>>,
}

/// A column: its id, its label, and the labels of the merged headers above it, outermost first.
#[derive(Serialize)]
pub struct JsonAxis<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub groups: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct JsonRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub groups: Vec<&'a str>,
    pub values: Vec<serde_json::Value>,
}

pub fn to_json(report: &Report) -> JsonReport<'_> {
    let template = &report.template;
    let sections = template
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| {
            let text = &report.texts[s];
            let tables = (!section.is_text()).then(|| {
                section
                    .tables
                    .clone()
                    .map(|t| json_table(&template.tables[t], &report.tables[t]))
                    .collect()
            });
            JsonSection {
                id: &section.id,
                title: &section.title.zh,
                text: (section.is_text() || !text.is_empty()).then_some(text.as_str()),
                tables,
            }
        })
        .collect();
    JsonReport {
        template: &template.id,
        agency: &report.agency,
        year: report.year,
        title: &report.title,
        sections,
    }
}

fn json_table<'a>(table: &'a Table, values: &[Option<i64>]) -> JsonTable<'a> {
    let columns = table
        .columns
        .iter()
        .map(|c| JsonAxis {
            id: &c.id,
            label: &c.label.zh,
            groups: group_labels(&table.column_groups, c.group),
        })
        .collect();
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| JsonRow {
            id: &row.id,
            label: &row.label.zh,
            groups: group_labels(&table.row_groups, row.group),
            values: table
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| match values[table.cell_index(r, c)] {
                    Some(v) => col.kind.to_json(v),
                    None => serde_json::Value::Null,
                })
                .collect(),
        })
        .collect();
    JsonTable {
        id: &table.id,
        caption: &table.caption.zh,
        columns,
        rows,
    }
}

/// The report as pretty-printed JSON text.
pub fn render(report: &Report) -> String {
    let mut out = to_string_pretty(&to_json(report));
    out.push('\n');
    out
}

/// Pretty JSON in which no character of a report reaches the output raw when it could drive a
/// terminal or reorder text (`nianbao check --format json` is read on screens as much as by
/// scripts): serde_json escapes C0 controls itself; DEL, C1 controls, bidi controls and the
/// line and paragraph separators are written as `\uXXXX` here. The JSON means the same.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Safe::default());
    value
        .serialize(&mut serializer)
        .expect("nianbao's JSON values always serialize");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn needs_escape(c: char) -> bool {
    crate::visible::is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// serde_json's pretty layout, with the strings' text escaped further.
#[derive(Default)]
struct Safe(PrettyFormatter<'static>);

impl Formatter for Safe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane: one \u escape.
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_that_drive_terminals_are_escaped_and_read_back_the_same() {
        let hostile = "\u{1b}]52;c;aGk=\u{7}\u{7f}\u{9b}31m\u{202e}翻转\u{2028}\r\n\"\\ 🙂";
        let text = to_string_pretty(&serde_json::json!({ "text": hostile, hostile: [1] }));
        // The layout's own line breaks are the only control characters left.
        assert!(
            !text.chars().any(|c| c != '\n' && needs_escape(c)),
            "{text:?}"
        );
        assert!(
            text.contains("\\u001b]52;c;aGk=\\u0007\\u007f\\u009b31m\\u202e翻转\\u2028"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["text"], hostile);
        assert_eq!(back[hostile], serde_json::json!([1]));
        // The layout is serde_json's pretty one.
        let plain = serde_json::json!({ "a": [1, { "b": null }], "c": {} });
        assert_eq!(
            to_string_pretty(&plain),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }
}
