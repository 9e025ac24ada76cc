//! The report as Markdown: headings, paragraphs, and one pipe table per form table. Markdown has
//! no merged cells, so a column's label carries its groups where the label alone repeats.

use super::{group_labels, title, value_text};
use crate::report::Report;
use crate::template::Table;

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\r', "")
        .replace('\n', "<br>")
}

fn column_header(table: &Table, c: usize) -> String {
    let column = &table.columns[c];
    let repeated = table
        .columns
        .iter()
        .filter(|o| o.label.zh == column.label.zh)
        .count()
        > 1;
    if !repeated {
        return column.label.zh.clone();
    }
    let mut parts = group_labels(&table.column_groups, column.group);
    parts.push(&column.label.zh);
    parts.join("·")
}

fn row_header(table: &Table, r: usize) -> String {
    let row = &table.rows[r];
    let mut parts: Vec<&str> = group_labels(&table.row_groups, row.group)
        .into_iter()
        .skip(1)
        .collect();
    parts.push(&row.label.zh);
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn table_md(report: &Report, t: usize, out: &mut String) {
    let table = &report.template.tables[t];
    let labelled = table.rows.iter().any(|r| !r.label.zh.is_empty());
    let mut header: Vec<String> = Vec::new();
    let mut rule: Vec<&str> = Vec::new();
    if labelled {
        header.push(escape(&table.corner.zh));
        rule.push("---");
    }
    for c in 0..table.columns.len() {
        header.push(escape(&column_header(table, c)));
        rule.push("---:");
    }
    out.push_str(&format!(
        "| {} |\n| {} |\n",
        header.join(" | "),
        rule.join(" | ")
    ));
    for r in 0..table.rows.len() {
        let mut cells = Vec::new();
        if labelled {
            cells.push(escape(&row_header(table, r)));
        }
        cells.extend((0..table.columns.len()).map(|c| value_text(report, t, r, c)));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

pub fn render(report: &Report) -> String {
    let template = &report.template;
    let mut out = format!("# {}\n", title(report).replace('\n', " "));
    for (s, section) in template.sections.iter().enumerate() {
        out.push_str(&format!("\n## {}\n", section.title.zh));
        let text = &report.texts[s];
        if !text.is_empty() {
            out.push('\n');
            // Markdown joins lines of a paragraph; a line break is kept with two trailing spaces.
            let paragraphs: Vec<String> = text
                .split("\n\n")
                .map(|p| p.lines().collect::<Vec<_>>().join("  \n"))
                .collect();
            out.push_str(&paragraphs.join("\n\n"));
            out.push('\n');
        }
        let several = section.tables.len() > 1;
        for t in section.tables.clone() {
            out.push('\n');
            if several {
                out.push_str(&format!("### {}\n\n", template.tables[t].caption.zh));
            }
            table_md(report, t, &mut out);
        }
    }
    out
}
