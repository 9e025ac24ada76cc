//! `check --format csv`: one row per finding, for a spreadsheet. UTF-8 with a byte-order mark,
//! so that Excel on a Chinese Windows reads it as UTF-8 rather than GBK; CRLF line ends.

use std::path::Path;

use crate::batch::Outcome;
use crate::export::csv::{field, text_field};
use crate::i18n::Lang;

/// The columns, as documented in docs/FORMAT.md.
pub const HEADER: [&str; 11] = [
    "path", "agency", "year", "severity", "rule", "table", "row", "column", "expected", "actual",
    "message",
];

/// The rows of one file: one per finding, or one per problem of a file that cannot be read
/// (severity and rule `unreadable`, the line and column in the message).
pub fn rows(path: &Path, outcome: &Outcome, lang: Lang) -> String {
    let path = path.display().to_string();
    let mut out = String::new();
    let mut row = |fields: [String; 11]| {
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    match outcome {
        Outcome::Unreadable(e) => {
            for d in &e.diagnostics {
                let message = d.text(lang);
                row([
                    text_field(&path),
                    String::new(),
                    String::new(),
                    "unreadable".into(),
                    "unreadable".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    text_field(&message),
                ]);
            }
        }
        Outcome::Checked {
            report, findings, ..
        } => {
            let template = &report.template;
            let year = report.year.map(|y| y.to_string()).unwrap_or_default();
            for f in findings {
                let table = f.table.map(|t| &template.tables[t]);
                let id = |s: Option<&String>| s.map(|s| text_field(s)).unwrap_or_default();
                let value = |v: Option<i64>| v.map(|v| f.kind.format(v)).unwrap_or_default();
                row([
                    text_field(&path),
                    text_field(&report.agency),
                    year.clone(),
                    f.severity.as_str().into(),
                    field(f.rule_id(template)),
                    id(table.map(|t| &t.id)),
                    id(table.zip(f.row).map(|(t, r)| &t.rows[r].id)),
                    id(table.zip(f.column).map(|(t, c)| &t.columns[c].id)),
                    value(f.expected),
                    value(f.actual),
                    text_field(&f.message(template, lang)),
                ]);
            }
        }
    }
    out
}
