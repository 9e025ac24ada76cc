//! One row per cell, for spreadsheets and scripts (RFC 4180: CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break). An empty cell is an empty field, never 0.
//!
//! A spreadsheet opens the file, so nothing in it may act: a UTF-8 byte-order mark makes Excel
//! on Chinese Windows read it as UTF-8 instead of GBK, a text field that a spreadsheet would run
//! as a formula (`=HYPERLINK(…)`, `+cmd|…`, `-…`, `@…`) starts with `'`, and control characters
//! are made visible (`^[`).

use super::value_text;
use crate::describe;
use crate::i18n::Lang;
use crate::report::Report;
use crate::visible::visible;

/// The columns, as documented in docs/FORMAT.md.
pub const HEADER: [&str; 9] = [
    "agency",
    "year",
    "section",
    "table",
    "row",
    "column",
    "row_label",
    "column_label",
    "value",
];

/// The UTF-8 byte-order mark, at the start of the file unless left out.
pub const BOM: &str = "\u{feff}";

/// Whether the file starts with a byte-order mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bom {
    With,
    Without,
}

/// A text field as a spreadsheet may open it: made visible, kept from being a formula, quoted
/// when needed.
pub fn text_field(text: &str) -> String {
    let shown = visible(text);
    // Spaces before the sign do not stop every spreadsheet from taking it for a formula.
    let safe = if shown.trim_start().starts_with(['=', '+', '-', '@']) {
        format!("'{shown}")
    } else {
        shown.into_owned()
    };
    field(&safe)
}

/// A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn render(report: &Report, bom: Bom) -> String {
    let template = &report.template;
    let mut out = String::from(if bom == Bom::With { BOM } else { "" });
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    let agency = text_field(&report.agency);
    // The year and the values are numbers nianbao writes, never formulas (a change may be -3).
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    for (t, table) in template.tables.iter().enumerate() {
        let section = text_field(&template.sections[table.section].id);
        let table_id = text_field(&table.id);
        for (r, row) in table.rows.iter().enumerate() {
            let row_id = text_field(&row.id);
            let row_label = text_field(&describe::row_label(table, r, Lang::Zh));
            for (c, column) in table.columns.iter().enumerate() {
                let fields = [
                    agency.clone(),
                    year.clone(),
                    section.clone(),
                    table_id.clone(),
                    row_id.clone(),
                    text_field(&column.id),
                    row_label.clone(),
                    text_field(&describe::column_label(table, c, Lang::Zh)),
                    value_text(report, t, r, c),
                ];
                out.push_str(&fields.join(","));
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
        assert_eq!(text_field("总计"), "总计");
        assert_eq!(
            text_field("(二) 部分公开 (区分处理的, 只计这一情形)"),
            "\"(二) 部分公开 (区分处理的, 只计这一情形)\""
        );
        assert_eq!(text_field("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn no_text_field_is_a_formula_or_drives_a_terminal() {
        assert_eq!(
            text_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(text_field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(text_field("-1+1"), "'-1+1");
        assert_eq!(text_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_field("\u{1b}]52;c;x\u{7}"), "^[]52;c;x^G");
        assert_eq!(text_field("a\u{202e}b"), "a<U+202E>b");
        // A formula behind spaces or a control character is still caught.
        assert_eq!(text_field("\t=1"), "' =1");
        assert_eq!(text_field("  -2"), "'  -2");
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
