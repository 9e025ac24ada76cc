//! Lines of a text that would read as something else. A text may hold a line that is one of the
//! six headings ("二、主动公开政府信息情况" quoted in 一、总体情况) or looks like a table's line
//! ("规章 ⇥ 1 ⇥ 2", cells separated by tabs); read back, such a line would start a section or a
//! table and cut the text.
//! `export --to txt` writes each such line with a backslash in front
//! (`\二、主动公开政府信息情况`), and `import` reads a backslashed line back as the text after
//! the backslash, provided that text would need the mark: a line a person wrote with a backslash
//! in front of ordinary words is kept as written.

use super::cells::{self, Layout};
use super::labels::LabelIndex;
use super::lines::Line;
use super::normalize::CellText;
use super::sections::heading_of;
use crate::template::Template;

/// The mark in front of a line of text that would otherwise read as a heading or a table line.
pub const MARK: char = '\\';

/// Whether `line` of a text needs the mark to be read back as text: it starts with the mark
/// itself, it reads as a heading, or (in a section with tables, whose text comes before its
/// tables) it could read as a table's line.
pub fn needs_mark(line: &str, index: &LabelIndex, template: &Template, tables: bool) -> bool {
    line.starts_with(MARK)
        || heading_of(line, index, template, |_| true).is_some()
        || (tables && table_like(line, index))
}

/// Whether a line could be taken for a line of a table: cells separated by tabs or bars, a
/// value, numbering, or a label of a table.
fn table_like(line: &str, index: &LabelIndex) -> bool {
    let probe = Line {
        text: line.to_string(),
        ..Line::default()
    };
    let Some((raws, layout)) = cells::split(&probe) else {
        return false;
    };
    let names_a_table_label = |text: &str| {
        index.lookup(text, |p| p.table().is_some()).is_some()
            || index.lookup_close(text, |p| p.table().is_some()).is_some()
            || index.lookup_part(text, |p| p.table().is_some()).is_some()
    };
    layout == Layout::Grid
        || raws.iter().any(|raw| {
            raw.class != CellText::Label
                || names_a_table_label(&raw.text)
                || (raw.splittable
                    && cells::pieces(raw)
                        .iter()
                        .any(|p| names_a_table_label(&p.text)))
        })
}

/// The lines of copied text marked by the text export, read back as the text they hold.
pub fn unmark(lines: &mut [Line], index: &LabelIndex, template: &Template) {
    for line in lines.iter_mut().filter(|l| l.cells.is_none()) {
        if let Some(rest) = line.text.strip_prefix(MARK)
            && needs_mark(rest, index, template, true)
        {
            line.text = rest.to_string();
            line.literal = true;
        }
    }
}

/// A line of a text as the text export writes it.
pub fn marked(line: &str, index: &LabelIndex, template: &Template, tables: bool) -> String {
    if needs_mark(line, index, template, tables) {
        format!("{MARK}{line}")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn only_lines_that_would_read_as_structure_are_marked_and_read_back() {
        let template = Registry::default().get("gov-2021").unwrap();
        let index = LabelIndex::new(&template);
        let mark = |line: &str, tables: bool| marked(line, &index, &template, tables);
        for heading in [
            "二、主动公开政府信息情况",
            "主动公开政府信息情况",
            "## 六、其他需要报告的事项",
        ] {
            assert_eq!(mark(heading, false), format!("\\{heading}"));
        }
        assert_eq!(mark("\\路径", false), "\\\\路径");
        for text in [
            "（二）依申请公开",
            "全年共收到政府信息公开申请77件。",
            "一是加强培训",
        ] {
            assert_eq!(mark(text, false), text);
        }
        assert_eq!(mark("规章\t1\t2", false), "规章\t1\t2");
        for table_line in [
            "规章\t1\t2",
            "行政许可",
            "规章 1 2",
            "| a | b |",
            "共 77",
            "信息内容 本年制发件数",
        ] {
            assert_eq!(
                mark(table_line, true),
                format!("\\{table_line}"),
                "{table_line}"
            );
        }
        assert_eq!(mark("本年无其他情况。", true), "本年无其他情况。");

        let mut lines: Vec<Line> = ["\\二、主动公开政府信息情况", "\\\\路径", "\\路径", "\\"]
            .iter()
            .map(|t| Line {
                text: t.to_string(),
                ..Line::default()
            })
            .collect();
        unmark(&mut lines, &index, &template);
        let read: Vec<(&str, bool)> = lines.iter().map(|l| (l.text.as_str(), l.literal)).collect();
        assert_eq!(
            read,
            [
                ("二、主动公开政府信息情况", true),
                ("\\路径", true),
                ("\\路径", false),
                ("\\", false)
            ]
        );
    }
}
