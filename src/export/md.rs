//! The report as Markdown: headings, paragraphs, and one pipe table per form table. Markdown has
//! no merged cells, so a column's label carries its groups where the label alone repeats.

use super::{group_labels, title, value_text};
use crate::i18n::Lang;
use crate::report::Report;
use crate::template::Table;
use crate::visible::visible;

/// One line of text as Markdown that shows exactly that text: control characters made visible,
/// and every character that Markdown or the HTML inside it would act on escaped, so a report's
/// content can add no markup, link, image or script (`<script>` arrives as `&lt;script&gt;`).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A line of a text: escaped as [`escape`], and a line start that would open a heading, a list
/// or a rule (`# `, `- `, `1. `, `===`) escaped too, so it stays a line of the paragraph.
fn text_line(line: &str) -> String {
    let escaped = escape(line);
    let indent = escaped.len() - escaped.trim_start_matches(' ').len();
    let (lead, rest) = escaped.split_at(indent);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = &rest[digits..];
    let ordered = digits > 0
        && (after.starts_with(". ") || after.starts_with(") ") || after == "." || after == ")");
    if rest.starts_with(['#', '-', '+', '=']) {
        format!("{lead}\\{rest}")
    } else if ordered {
        format!("{lead}{}\\{after}", &rest[..digits])
    } else {
        escaped
    }
}

fn column_header(table: &Table, c: usize) -> String {
    let column = &table.columns[c];
    // With its unit when the label does not say it: 采购总金额 alone reads as 元.
    let label = crate::money::label_with_unit(column, Lang::Zh);
    let repeated = table
        .columns
        .iter()
        .filter(|o| o.label.zh == column.label.zh)
        .count()
        > 1;
    if !repeated {
        return label;
    }
    let mut parts = group_labels(&table.column_groups, column.group);
    parts.push(&label);
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
    let mut out = format!("# {}\n", escape(&title(report)));
    for (s, section) in template.sections.iter().enumerate() {
        out.push_str(&format!("\n## {}\n", escape(&section.title.zh)));
        let text = &report.texts[s];
        if !text.is_empty() {
            out.push('\n');
            // Markdown joins lines of a paragraph; a line break is kept with two trailing spaces.
            let paragraphs: Vec<String> = text
                .split("\n\n")
                .map(|p| p.lines().map(text_line).collect::<Vec<_>>().join("  \n"))
                .collect();
            out.push_str(&paragraphs.join("\n\n"));
            out.push('\n');
        }
        let several = section.tables.len() > 1;
        for t in section.tables.clone() {
            out.push('\n');
            if several {
                out.push_str(&format!(
                    "### {}\n\n",
                    escape(&template.tables[t].caption.zh)
                ));
            }
            table_md(report, t, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_text_stays_a_line_of_text() {
        for (line, md) in [
            ("# 不是标题", "\\# 不是标题"),
            ("- 不是列表", "\\- 不是列表"),
            ("  + 也不是", "  \\+ 也不是"),
            ("===", "\\==="),
            ("1. 不是编号列表", "1\\. 不是编号列表"),
            ("2)", "2\\)"),
            ("1.属于国家秘密", "1.属于国家秘密"),
            ("2024年共收到申请77件", "2024年共收到申请77件"),
            ("见[附件](javascript:x)", "见\\[附件\\](javascript:x)"),
            ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
            ("a*b*_c_`d`|~", "a\\*b\\*\\_c\\_\\`d\\`\\|\\~"),
        ] {
            assert_eq!(text_line(line), md, "{line}");
        }
    }
}
