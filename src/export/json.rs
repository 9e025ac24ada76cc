//! The whole report as JSON, in a stable shape scripts can rely on (documented in docs/FORMAT.md).
//! Counts are numbers, money is a decimal string ("18.8710"), an empty cell is `null`.

use serde::Serialize;

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
    let mut out =
        serde_json::to_string_pretty(&to_json(report)).expect("report JSON is always serializable");
    out.push('\n');
    out
}
