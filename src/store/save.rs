//! Writing a report as TOML. A new file gets one line per table row with the row's label as a
//! comment; an existing file is changed in place, value by value, so whatever a person wrote by hand
//! (comments, order, spacing) survives and an unchanged report saves byte-identical.

use std::fmt::Write as _;

use toml_edit::{Array, DocumentMut, Item, Table, TableLike, Value};
use unicode_width::UnicodeWidthStr;

use super::load::{load_str, normalize_text};
use crate::i18n::Lang;
use crate::report::Report;
use crate::template::{Registry, Template};
use crate::value::CellKind;
use crate::visible::{is_unsafe, visible};

/// The TOML text of a report. With `original`, the text it was loaded from, only what differs is
/// changed in it.
pub fn to_toml(report: &Report, original: Option<&str>) -> String {
    // An empty file opened as a new report is written as a new one.
    let Some(original) = original.filter(|text| !super::is_blank(text)) else {
        return render_new(report);
    };
    let mut registry = Registry::default();
    registry.insert(report.template.clone());
    if load_str(original, "", &mut registry).is_ok_and(|loaded| loaded == *report) {
        return original.to_string();
    }
    let body = original.strip_prefix('\u{feff}').unwrap_or(original);
    let bom = &original[..original.len() - body.len()];
    let patched = super::patch::patch(report, body, body.contains("\r\n"))
        .map(|patched| format!("{bom}{patched}"))
        .filter(|text| load_str(text, "", &mut registry).is_ok_and(|loaded| loaded == *report));
    if let Some(text) = patched {
        return text;
    }
    let Ok(mut doc) = body.parse::<DocumentMut>() else {
        return render_new(report);
    };
    update_document(&mut doc, report);
    let text = doc.to_string();
    if body.contains("\r\n") {
        // A file written on Windows keeps its line endings.
        format!("{bom}{}", text.replace("\r\n", "\n").replace('\n', "\r\n"))
    } else {
        format!("{bom}{text}")
    }
}

/// A cell as a TOML value: a whole number, a plain decimal for money, `""` for empty.
pub fn cell_literal(kind: CellKind, value: Option<i64>) -> String {
    match value {
        None => "\"\"".to_string(),
        Some(v) => kind.format(v),
    }
}

fn cell_value(kind: CellKind, value: Option<i64>) -> Value {
    cell_literal(kind, value)
        .parse()
        .expect("cell literals are valid TOML values")
}

/// A one-line string as TOML. Characters that would drive a terminal or reorder text showing the
/// file (C1 controls and bidi overrides, which TOML allows raw) are written as `\uXXXX`, so
/// `cat`, `git diff` and `nianbao import` printing a report never send them.
pub(super) fn string_literal(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return Value::from(s).to_string().trim().to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn string_value(s: &str) -> Value {
    string_literal(s)
        .parse()
        .expect("string literals are valid TOML values")
}

/// A text as a multi-line string: literal (no escapes at all) when it can be, basic otherwise.
pub(super) fn text_literal(text: &str) -> String {
    let literal_ok = !text.contains("'''")
        && !text.ends_with('\'')
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !is_unsafe(c));
    if literal_ok {
        return format!("'''\n{text}\n'''");
    }
    let mut out = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push('\n'),
            '\t' => out.push('\t'),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str("\n\"\"\"");
    out
}

fn text_value(text: &str) -> Value {
    text_literal(text)
        .parse()
        .expect("text literals are valid TOML values")
}

fn row_literal(template: &Template, t: usize, row: usize, values: &[Option<i64>]) -> String {
    let table = &template.tables[t];
    let cells: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| cell_literal(col.kind, values[table.cell_index(row, c)]))
        .collect();
    format!("[{}]", cells.join(", "))
}

/// The comment after a row: its label, with its group when the label alone is ambiguous.
fn row_comment(template: &Template, t: usize, row: usize) -> String {
    let table = &template.tables[t];
    let r = &table.rows[row];
    let mut parts = row_group_labels(template, t, row);
    parts.push(&r.label.zh);
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// The groups of a row below the outermost one: "(三) 不予公开" for "1.属于国家秘密".
fn row_group_labels(template: &Template, t: usize, row: usize) -> Vec<&str> {
    let table = &template.tables[t];
    crate::template::Table::group_path(&table.row_groups, table.rows[row].group)
        .into_iter()
        .skip(1)
        .map(|g| g.label.zh.as_str())
        .collect()
}

/// The column labels above a table's rows; a label that repeats in the table (结果维持 of
/// 行政复议 and of 行政诉讼) gets its group's label in front.
fn header_comment(template: &Template, t: usize) -> String {
    let table = &template.tables[t];
    let labels: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let repeated = table
                .columns
                .iter()
                .filter(|o| o.label.zh == c.label.zh)
                .count()
                > 1;
            match c.group {
                Some(g) if repeated => {
                    format!("{}·{}", table.column_groups[g].label.zh, c.label.zh)
                }
                _ => c.label.zh.clone(),
            }
        })
        .collect();
    format!("# {}", one_line(&labels.join(" | ")))
}

/// A report as a fresh file, its header comment in the process's language.
pub fn render_new(report: &Report) -> String {
    render_new_in(report, Lang::of_process())
}

/// A report as a fresh file, its header comment in `lang`.
pub fn render_new_in(report: &Report, lang: Lang) -> String {
    let template = &report.template;
    let mut out = String::new();
    let title = if report.title.is_empty() {
        template.name.zh.clone()
    } else {
        report.title.clone()
    };
    let _ = writeln!(out, "# {}", one_line(&title));
    // In the language the user reads: the clerk opening the file in an editor is its reader.
    out.push_str(crate::i18n::load::file_header(lang));
    out.push('\n');
    let _ = writeln!(out, "template = {}", string_literal(&template.id));
    let _ = writeln!(out, "agency = {}", string_literal(&report.agency));
    match report.year {
        Some(y) => {
            let _ = writeln!(out, "year = {y}");
        }
        None => {
            out.push_str(crate::i18n::load::year_not_filled(lang));
            out.push('\n');
        }
    }
    let _ = writeln!(out, "title = {}", string_literal(&report.title));
    if let Some(prev) = &report.previous {
        let _ = writeln!(out, "previous = {}", string_literal(prev));
    }
    for (s, section) in template.sections.iter().enumerate() {
        let _ = writeln!(out, "\n# {}", one_line(&section.title.zh));
        if section.is_text() || !report.texts[s].is_empty() {
            let _ = writeln!(out, "[{}]", section.id);
            let _ = writeln!(out, "text = {}", text_literal(&report.texts[s]));
        }
        for t in section.tables.clone() {
            let table = &template.tables[t];
            let _ = writeln!(
                out,
                "\n[{}.{}]  # {}",
                section.id,
                table.id,
                one_line(&table.caption.zh)
            );
            out.push_str(&header_comment(template, t));
            out.push('\n');
            let key_width = table.rows.iter().map(|r| r.id.width()).max().unwrap_or(0);
            let lines: Vec<String> = (0..table.rows.len())
                .map(|r| {
                    let key = &table.rows[r].id;
                    format!(
                        "{key}{} = {}",
                        " ".repeat(key_width - key.width()),
                        row_literal(template, t, r, &report.tables[t])
                    )
                })
                .collect();
            let line_width = lines.iter().map(|l| l.width()).max().unwrap_or(0);
            for (r, line) in lines.iter().enumerate() {
                let comment = row_comment(template, t, r);
                if comment.is_empty() {
                    let _ = writeln!(out, "{line}");
                } else {
                    let pad = " ".repeat(line_width - line.width());
                    let _ = writeln!(out, "{line}{pad}  # {}", one_line(&comment));
                }
            }
        }
    }
    out
}

/// Text for a comment: on one line (a line break would end the comment and start TOML), with
/// control characters shown, not sent.
fn one_line(s: &str) -> String {
    visible(s).into_owned()
}

fn set_scalar(root: &mut Table, key: &str, value: Option<Value>) {
    match (root.get_mut(key), value) {
        (Some(item), Some(new)) => {
            if let Some(old) = item.as_value() {
                if old.to_string().trim() == new.to_string().trim() {
                    return;
                }
                let mut new = new;
                *new.decor_mut() = old.decor().clone();
                *item = Item::Value(new);
            } else {
                *item = Item::Value(new);
            }
        }
        (None, Some(new)) => {
            root.insert(key, Item::Value(new));
        }
        (Some(_), None) => {
            root.remove(key);
        }
        (None, None) => {}
    }
}

fn update_document(doc: &mut DocumentMut, report: &Report) {
    let template = &report.template;
    let root = doc.as_table_mut();
    let stored_str = |root: &Table, key: &str| {
        root.get(key)
            .and_then(Item::as_str)
            .unwrap_or("")
            .to_string()
    };
    if stored_str(root, "agency") != report.agency {
        set_scalar(root, "agency", Some(string_value(&report.agency)));
    }
    if stored_str(root, "title") != report.title {
        set_scalar(root, "title", Some(string_value(&report.title)));
    }
    if root.get("year").and_then(Item::as_integer) != report.year.map(i64::from) {
        set_scalar(root, "year", report.year.map(|y| Value::from(i64::from(y))));
    }
    if root.get("previous").and_then(Item::as_str) != report.previous.as_deref() {
        set_scalar(
            root,
            "previous",
            report.previous.as_deref().map(string_value),
        );
    }
    for (s, section) in template.sections.iter().enumerate() {
        let text = &report.texts[s];
        let existing = root
            .get(&section.id)
            .and_then(|i| i.get("text"))
            .and_then(Item::as_str);
        let text_differs = existing.map(normalize_text).as_deref() != Some(text.as_str());
        if text_differs && (existing.is_some() || !text.is_empty()) {
            let table = section_table(root, &section.id);
            let mut value = text_value(text);
            if let Some(old) = table.get("text").and_then(Item::as_value) {
                *value.decor_mut() = old.decor().clone();
            }
            table.insert("text", Item::Value(value));
        }
        for t in section.tables.clone() {
            update_table(root, report, s, t);
        }
    }
}

fn section_table<'a>(root: &'a mut Table, id: &str) -> &'a mut dyn TableLike {
    if !root.get(id).is_some_and(Item::is_table_like) {
        // No `[section]` header of its own when only its tables are written.
        let mut table = Table::new();
        table.set_implicit(true);
        root.insert(id, Item::Table(table));
    }
    root.get_mut(id)
        .and_then(Item::as_table_like_mut)
        .expect("just made sure it is a table")
}

fn update_table(root: &mut Table, report: &Report, s: usize, t: usize) {
    let template = &report.template;
    let table = &template.tables[t];
    let values = &report.tables[t];
    let section_id = &template.sections[s].id;
    let present = root
        .get(section_id)
        .and_then(|i| i.get(&table.id))
        .is_some_and(Item::is_table_like);
    // A table or row the file leaves out reads as empty: only one that now holds values is added.
    if !present && values.iter().all(Option::is_none) {
        return;
    }
    let section = section_table(root, section_id);
    if !section.get(&table.id).is_some_and(Item::is_table_like) {
        let mut new = Table::new();
        new.decor_mut()
            .set_prefix(format!("\n{}\n", header_comment(template, t)));
        section.insert(&table.id, Item::Table(new));
    }
    let rows = section
        .get_mut(&table.id)
        .and_then(Item::as_table_like_mut)
        .expect("just made sure it is a table");
    for (r, row) in table.rows.iter().enumerate() {
        match find_row(rows, &row.id) {
            Some(array) if array.len() == table.columns.len() => {
                for (c, col) in table.columns.iter().enumerate() {
                    let new = values[table.cell_index(r, c)];
                    let old = array.get(c).and_then(|v| stored_value(v, col.kind));
                    if old != Some(new) {
                        array.replace(c, cell_value(col.kind, new));
                    }
                }
            }
            None if (0..table.columns.len()).all(|c| values[table.cell_index(r, c)].is_none()) => {}
            _ => {
                let literal = row_literal(template, t, r, values);
                let mut value: Value = literal.parse().expect("row literals are valid TOML");
                let comment = row_comment(template, t, r);
                if !comment.is_empty() {
                    value
                        .decor_mut()
                        .set_suffix(format!("  # {}", one_line(&comment)));
                }
                rows.insert(&row.id, Item::Value(value));
            }
        }
    }
}

/// What a stored cell holds, when it is a valid value; `Some(None)` is an empty cell.
pub(super) fn stored_value(value: &Value, kind: CellKind) -> Option<Option<i64>> {
    match value {
        Value::String(s) if s.value().trim().is_empty() => Some(None),
        Value::Integer(i) => kind.parse(&i.value().to_string()).ok().map(Some),
        Value::Float(_) => kind.parse(value.to_string().trim()).ok().map(Some),
        _ => None,
    }
}

/// The array of a row, written either as one quoted key, dotted keys or nested tables.
fn find_row<'a>(table: &'a mut dyn TableLike, id: &str) -> Option<&'a mut Array> {
    if table.get(id).is_some_and(|i| i.as_array().is_some()) {
        return table.get_mut(id).and_then(Item::as_array_mut);
    }
    for (i, _) in id.match_indices('.') {
        let (head, rest) = (&id[..i], &id[i + 1..]);
        if table.get(head).is_some_and(Item::is_table_like) {
            let sub = table.get_mut(head).and_then(Item::as_table_like_mut)?;
            return find_row(sub, rest);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn a_file_shows_no_character_that_drives_a_terminal_and_reads_back_the_same() {
        let hostile = "\u{1b}]52;c;aGk=\u{7}\u{9b}31m\u{202e}翻转\u{2066}\r\n下一行";
        let mut report = sample("shiyan-2024.toml");
        report.agency = format!("某局{hostile}");
        report.title = format!("{hostile}年度报告");
        // (A text's CR LF reads back as LF: line ends of texts are normalised on loading.)
        report.texts[0] = format!("{}\n{}", hostile.replace('\r', ""), report.texts[0]);
        let fresh = render_new(&report);
        let original = render_new(&sample("shiyan-2024.toml"));
        let edited = to_toml(&report, Some(&original));
        for text in [&fresh, &edited] {
            let raw: Vec<char> = text
                .chars()
                .filter(|&c| c != '\n' && is_unsafe(c))
                .collect();
            assert!(raw.is_empty(), "{raw:?} in {text}");
            assert!(text.contains(r"\u202E翻转\u2066"), "{text}");
            let back = load_str(text, "", &mut Registry::default()).unwrap();
            assert_eq!(back, report);
        }
        assert!(fresh.starts_with("# ^[]52;c;aGk=^G<U+009B>31m<U+202E>翻转"));
    }
}
