//! Where a cell is, in words a person reads: 三 › (三) 不予公开 › 1.属于国家秘密 × 自然人.

use crate::i18n::Lang;
use crate::report::Report;
use crate::rules::{Finding, What};
use crate::template::{Group, Section, Severity, Table, Template};

/// A section as a place names it: by its heading's number, which in English is in digits
/// ("Section 3", not "三" beside English words); a heading without a Chinese number keeps its own.
pub fn section_name(section: &Section, lang: Lang) -> String {
    let number = match lang {
        Lang::Zh => section.short.clone(),
        Lang::En => {
            let chars: Vec<char> = section.short.chars().collect();
            crate::numerals::parse_chinese(&chars)
                .map_or_else(|| section.short.clone(), |n| n.to_string())
        }
    };
    crate::i18n::findings::section_name(&number, lang)
}

/// A row's or column's label with the group right above it. A group that holds other groups
/// (申请人情况, 三、本年度办理结果) is left out: it says nothing the label does not.
fn with_group(groups: &[Group], group: Option<usize>, label: &str, lang: Lang) -> String {
    let Some(g) = group else {
        return label.to_string();
    };
    let has_subgroups = groups.iter().any(|other| other.parent == Some(g));
    let parent = groups[g].label.get(lang);
    match (has_subgroups, label.is_empty()) {
        (true, _) => label.to_string(),
        (false, true) => parent.to_string(),
        (false, false) => format!("{parent} › {label}"),
    }
}

pub fn row_label(table: &Table, row: usize, lang: Lang) -> String {
    let r = &table.rows[row];
    with_group(&table.row_groups, r.group, r.label.get(lang), lang)
}

pub fn column_label(table: &Table, column: usize, lang: Lang) -> String {
    let c = &table.columns[column];
    with_group(&table.column_groups, c.group, c.label.get(lang), lang)
}

/// The place of a cell, a row, a column or a whole table.
pub fn place(
    template: &Template,
    table: usize,
    row: Option<usize>,
    column: Option<usize>,
    lang: Lang,
) -> String {
    let t = &template.tables[table];
    let section = &template.sections[t.section];
    let mut out = section_name(section, lang);
    if section.tables.len() > 1 {
        out.push_str(" › ");
        out.push_str(t.caption.get(lang));
    }
    let row_text = row.map(|r| row_label(t, r, lang)).filter(|s| !s.is_empty());
    let column_text = column.map(|c| column_label(t, c, lang));
    match (row_text, column_text) {
        (Some(r), Some(c)) => out.push_str(&format!(" › {r} × {c}")),
        (Some(r), None) => out.push_str(&format!(" › {r}")),
        (None, Some(c)) => out.push_str(&format!(" › {c}")),
        (None, None) => {}
    }
    out
}

/// One finding as `check` prints it: severity, place, message, rule id. The editor's problems
/// list shows the same lines.
pub fn finding_line(report: &Report, f: &Finding, lang: Lang) -> String {
    let template = &report.template;
    let severity = match f.severity {
        Severity::Error => crate::i18n::findings::error(lang),
        Severity::Warning => crate::i18n::findings::warning(lang),
    };
    let cell_place = |t| place(template, t, f.row, f.column, lang);
    let place = match (&f.what, f.table) {
        // Both ends of a contradiction: the sentence and the cells.
        (What::TextVsTable { start, .. }, Some(t)) => {
            format!(
                "{} ↔ {}",
                text_place(report, f.section, *start, lang),
                cell_place(t)
            )
        }
        // A section that says nothing of a cell of another section: both.
        (_, Some(t)) if template.tables[t].section != f.section => {
            format!(
                "{} ↔ {}",
                section_name(&template.sections[f.section], lang),
                cell_place(t)
            )
        }
        (_, Some(t)) => cell_place(t),
        (_, None) => section_name(&template.sections[f.section], lang),
    };
    let (message, rule) = (f.message(template, lang), f.rule_id(template));
    if f.is_about_the_whole_report() {
        return format!("{severity}  {message}  [{rule}]");
    }
    let said = crate::i18n::at(&place, &message, lang);
    format!("{severity}  {said}  [{rule}]")
}

/// Where in a section's text a sentence is, for people: characters counted from 1.
fn text_place(report: &Report, section: usize, start: usize, lang: Lang) -> String {
    let short = section_name(&report.template.sections[section], lang);
    crate::i18n::findings::text_place(&short, start + 1, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Registry;

    #[test]
    fn places_read_like_the_report() {
        let t = Registry::default().get("gov-2021").unwrap();
        let requests = t.table_by_id(2, "applications").unwrap();
        assert_eq!(
            place(&t, requests, Some(4), Some(0), Lang::Zh),
            "三 › (三) 不予公开 › 1.属于国家秘密 × 自然人"
        );
        assert_eq!(
            place(&t, requests, Some(0), Some(6), Lang::Zh),
            "三 › 一、本年新收政府信息公开申请数量 × 总计"
        );
        let appeals = t.table_by_id(3, "cases").unwrap();
        assert_eq!(
            place(&t, appeals, Some(0), Some(5), Lang::Zh),
            "四 › 未经复议直接起诉 › 结果维持"
        );
        let documents = t.table_by_id(1, "documents").unwrap();
        assert_eq!(
            place(&t, documents, Some(0), Some(2), Lang::En),
            "Section 2 › Article 20 (1): regulations and normative documents › Regulations × In force"
        );
        // A section of one table, in English: no Chinese numeral beside English words.
        assert_eq!(
            place(&t, appeals, Some(0), Some(5), Lang::En),
            "Section 4 › Sued directly › Upheld"
        );
    }
}
