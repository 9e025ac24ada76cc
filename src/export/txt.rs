//! The report as the text of a published report (the shape of a page copied from a government
//! site): title, headings, paragraphs, and tables as tab-separated rows with empty cells where
//! headers are merged. `nianbao import` reads it back to the same report: a line of a text that
//! would read as a heading or a table line is marked with a backslash ([`literal`]).

use super::grid::Grid;
use super::{title, value_text};
use crate::import::labels::LabelIndex;
use crate::import::literal;
use crate::report::Report;
use crate::template::Table;
use crate::visible::{visible, visible_text};

/// One line per header row, each cell at its column, a merged cell's other columns left empty.
fn header_lines(grid: &Grid, width: usize) -> Vec<String> {
    (0..grid.header_rows)
        .map(|row| {
            let mut cells = vec![String::new(); width];
            for span in grid.header.iter().filter(|s| s.row == row) {
                cells[span.col] = visible(&span.text).into_owned();
            }
            while cells.last().is_some_and(String::is_empty) && cells.len() > 1 {
                cells.pop();
            }
            cells.join("\t")
        })
        .collect()
}

fn table_lines(report: &Report, t: usize, table: &Table, out: &mut Vec<String>) {
    let grid = Grid::new(table);
    out.extend(header_lines(&grid, grid.label_cols + table.columns.len()));
    for (r, spans) in grid.labels.iter().enumerate() {
        // Label cells up to the row's own label, which ends the labels: its value cells follow at
        // once, so a blank value is never taken for a merged label cell.
        let mut cells: Vec<String> = Vec::new();
        for span in spans {
            cells.resize(span.col, String::new());
            cells.push(visible(&span.text).into_owned());
        }
        cells.extend((0..table.columns.len()).map(|c| value_text(report, t, r, c)));
        out.push(cells.join("\t"));
    }
}

pub fn render(report: &Report) -> String {
    let template = &report.template;
    let index = LabelIndex::cached(template);
    // Control characters of the report are made visible (`^[`); tabs and line breaks of a text
    // keep their meaning.
    let mut out = vec![visible(&title(report)).into_owned(), String::new()];
    for (s, section) in template.sections.iter().enumerate() {
        out.push(visible(&section.title.zh).into_owned());
        out.push(String::new());
        let text = &report.texts[s];
        if !text.is_empty() {
            let tables = !section.tables.is_empty();
            let lines: Vec<String> = visible_text(text)
                .split('\n')
                .map(|line| literal::marked(line, &index, template, tables))
                .collect();
            out.push(lines.join("\n"));
            out.push(String::new());
        }
        let several = section.tables.len() > 1;
        for t in section.tables.clone() {
            let table = &template.tables[t];
            if several {
                out.push(visible(&table.caption.zh).into_owned());
            }
            table_lines(report, t, table, &mut out);
            out.push(String::new());
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
