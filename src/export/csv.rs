//! One row per cell, for spreadsheets and scripts (RFC 4180: CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break). An empty cell is an empty field, never 0.

use super::value_text;
use crate::describe;
use crate::i18n::Lang;
use crate::report::Report;

/// The columns, as documented in docs/FORMAT.md.
pub const HEADER: [&str; 7] = [
    "section",
    "table",
    "row",
    "column",
    "row_label",
    "column_label",
    "value",
];

/// A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A field of free text (a message, an agency, a path): also kept from being read as a formula
/// by a spreadsheet, which runs a cell that starts with `=`, `+`, `-`, `@` or a control character;
/// such a text gets a leading `'`, the mark spreadsheets themselves use for "this is text".
pub fn text_field(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => field(&format!("'{text}")),
        _ => field(text),
    }
}

pub fn render(report: &Report) -> String {
    let template = &report.template;
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for (t, table) in template.tables.iter().enumerate() {
        let section = &template.sections[table.section].id;
        for (r, row) in table.rows.iter().enumerate() {
            let row_label = describe::row_label(table, r, Lang::Zh);
            for (c, column) in table.columns.iter().enumerate() {
                let value = value_text(report, t, r, c);
                let fields = [
                    section.as_str(),
                    &table.id,
                    &row.id,
                    &column.id,
                    &row_label,
                    &describe::column_label(table, c, Lang::Zh),
                    &value,
                ];
                let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
                out.push_str(&line.join(","));
                out.push_str("\r\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("总计"), "总计");
        assert_eq!(
            field("(二) 部分公开 (区分处理的, 只计这一情形)"),
            "\"(二) 部分公开 (区分处理的, 只计这一情形)\""
        );
        assert_eq!(field("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn a_text_never_starts_a_formula() {
        assert_eq!(
            text_field("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(text_field("-1+2"), "'-1+2");
        assert_eq!(text_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_field("总计应等于…"), "总计应等于…");
    }
}
