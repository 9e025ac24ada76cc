//! `check --format csv`: one row per finding (and one for a file without any), for a spreadsheet. UTF-8 with a byte-order mark,
//! so that Excel on a Chinese Windows reads it as UTF-8 rather than GBK; CRLF line ends.

use std::path::Path;

use crate::batch::{Outcome, Status};
use crate::export::csv::{field, text_field};
use crate::i18n::Lang;

/// The columns, as documented in docs/FORMAT.md.
pub const HEADER: [&str; 11] = [
    "path", "agency", "year", "severity", "rule", "table", "row", "column", "expected", "actual",
    "message",
];

/// The rows of one file: one per finding, one with severity `ok` for a file without any, or one
/// per problem of a file that cannot be read (severity and rule `unreadable`, the line and column
/// in the message).
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
            if findings.is_empty() {
                // A file without findings has its row too, severity `ok`: a spreadsheet of
                // the files checked shows every one, not only those with something wrong.
                let mut fields: [String; 11] = Default::default();
                fields[0] = text_field(&path);
                fields[1] = text_field(&report.agency);
                fields[2] = year.clone();
                fields[3] = "ok".into();
                fields[10] = text_field(crate::review::export::status_word(Status::Ok, lang));
                row(fields);
            }
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
