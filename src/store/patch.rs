//! Saving an edited report by replacing only the bytes of the values that changed.
//!
//! Re-rendering a whole `toml_edit` document can move lines a person wrote by hand (a sub-table
//! written above its parent comes out below it). Most edits change values that are already in the
//! file, so they are written by replacing those values' bytes in the original text, using the
//! positions the parser recorded; everything else stays exactly as it was. Edits that need a new
//! key, row or table (or the removal of one) return `None`, and the caller re-renders instead.

use std::ops::Range;

use toml_edit::{Document, Item, TableLike};

use super::save::{cell_literal, stored_value, string_literal, text_literal};
use crate::report::Report;

/// The original text with every changed value replaced in place, or `None` when the change needs
/// more than replacing values (a key, row or table that the file does not have yet).
pub fn patch(report: &Report, body: &str, crlf: bool) -> Option<String> {
    let doc = Document::parse(body).ok()?;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let root: &dyn TableLike = doc.as_table();
    scalar_edits(report, root, &mut edits)?;
    let template = &report.template;
    for (s, section) in template.sections.iter().enumerate() {
        let text = &report.texts[s];
        let stored = root
            .get(&section.id)
            .and_then(|i| i.get("text"))
            .and_then(Item::as_value);
        match stored {
            Some(value) => {
                let old = super::load::normalize_text(value.as_str()?);
                if old != *text {
                    let literal = text_literal(text);
                    let literal = if crlf {
                        literal.replace('\n', "\r\n")
                    } else {
                        literal
                    };
                    edits.push((value.span()?, literal));
                }
            }
            None if !text.is_empty() => return None,
            None => {}
        }
        for t in section.tables.clone() {
            let table = &template.tables[t];
            let values = &report.tables[t];
            let rows = root
                .get(&section.id)
                .and_then(|i| i.get(&table.id))
                .and_then(Item::as_table_like);
            for (r, row) in table.rows.iter().enumerate() {
                let cells = || (0..table.columns.len()).map(|c| values[table.cell_index(r, c)]);
                let Some(array) = rows.and_then(|rows| find_row(rows, &row.id)) else {
                    // A row the file leaves out reads as empty; only filling it needs a new line.
                    if cells().all(|v| v.is_none()) {
                        continue;
                    }
                    return None;
                };
                if array.len() != table.columns.len() {
                    return None;
                }
                for (c, (col, new)) in table.columns.iter().zip(cells()).enumerate() {
                    let stored = array.get(c)?;
                    if stored_value(stored, col.kind) != Some(new) {
                        edits.push((stored.span()?, cell_literal(col.kind, new)));
                    }
                }
            }
        }
    }
    Some(apply(body, edits))
}

/// The metadata keys: replaced where present and changed; adding or removing one is not a patch.
fn scalar_edits(
    report: &Report,
    root: &dyn TableLike,
    edits: &mut Vec<(Range<usize>, String)>,
) -> Option<()> {
    let strings = [
        ("agency", Some(report.agency.as_str())),
        ("title", Some(report.title.as_str())),
        ("previous", report.previous.as_deref()),
    ];
    for (key, new) in strings {
        let stored = root.get(key).and_then(Item::as_value);
        match (stored, new) {
            (Some(old), Some(new)) if old.as_str() == Some(new) => {}
            (Some(old), Some(new)) => edits.push((old.span()?, string_literal(new))),
            (None, Some("")) if key != "previous" => {}
            (None, None) => {}
            _ => return None,
        }
    }
    let stored = root.get("year").and_then(Item::as_value);
    match (stored, report.year) {
        (Some(old), Some(new)) if old.as_integer() == Some(i64::from(new)) => {}
        (Some(old), Some(new)) => edits.push((old.span()?, new.to_string())),
        (None, None) => {}
        _ => return None,
    }
    Some(())
}

/// The array of a row, written either as one quoted key, dotted keys or nested tables.
fn find_row<'a>(table: &'a dyn TableLike, id: &str) -> Option<&'a toml_edit::Array> {
    if let Some(array) = table.get(id).and_then(Item::as_array) {
        return Some(array);
    }
    for (i, _) in id.match_indices('.') {
        let (head, rest) = (&id[..i], &id[i + 1..]);
        if let Some(sub) = table.get(head).and_then(Item::as_table_like) {
            return find_row(sub, rest);
        }
    }
    None
}

fn apply(body: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(&body[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_replaced_where_they_stand() {
        let body = "a = [1, 2]\nb = 3";
        let edits = vec![(15..16, "40".into()), (8..9, "\"\"".into())];
        assert_eq!(apply(body, edits), "a = [1, \"\"]\nb = 40");
    }

    #[test]
    fn a_value_span_covers_the_value_without_its_spacing() {
        let doc = Document::parse("x = [1, \"\"]").unwrap();
        let array = doc.as_table().get("x").and_then(Item::as_array).unwrap();
        let spans: Vec<_> = array.iter().map(|v| v.span().unwrap()).collect();
        assert_eq!(spans, vec![5..6, 8..10]);
    }
}
