//! Reports out of nianbao: for scripts (JSON, CSV) and for publication (HTML, text, Markdown).

pub mod csv;
pub mod docx;
pub mod grid;
pub mod html;
pub mod json;
pub mod md;
pub mod txt;
pub mod xlsx;

use crate::report::Report;
use crate::template::{Group, Table};

/// The title a published report carries: its own, or one made from the agency and year.
fn title(report: &Report) -> String {
    if report.title.is_empty() {
        report.default_title()
    } else {
        report.title.clone()
    }
}

/// A cell's value as the form writes it; an empty cell is empty text, never 0.
fn value_text(report: &Report, table: usize, row: usize, column: usize) -> String {
    let kind = report.template.tables[table].columns[column].kind;
    report
        .cell(table, row, column)
        .map(|v| kind.format(v))
        .unwrap_or_default()
}

/// The labels of the groups above a row or column, outermost first.
fn group_labels(groups: &[Group], group: Option<usize>) -> Vec<&str> {
    Table::group_path(groups, group)
        .into_iter()
        .map(|g| g.label.zh.as_str())
        .collect()
}
