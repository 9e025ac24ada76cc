//! The document's body: the title, the six headings, each line of a text as a paragraph (a
//! "（一）…" line as a second-level heading), the tables, and the A4 page.

use super::table;
use super::xml_text;
use crate::import::normalize::label_key;
use crate::report::Report;

/// A4 in twentieths of a point, and the margins of GB/T 9704: 37 mm top, 35 mm bottom, 28 mm
/// left, 26 mm right, which leave the 156 mm × 225 mm type area.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
pub const MARGIN_LEFT: u32 = 1587;
pub const MARGIN_RIGHT: u32 = 1474;
/// The width lines and tables are laid out in.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// Sub-headings inside a text are short: a longer "（一）…" line is a paragraph that starts so.
const MAX_SUBHEADING_CHARS: usize = 30;

pub fn paragraph(style: &str, text: &str) -> String {
    lines_paragraph(style, &[text])
}

/// A paragraph of lines parted by line breaks.
fn lines_paragraph(style: &str, lines: &[&str]) -> String {
    let texts: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, xml_text(l)))
        .collect();
    if texts.is_empty() {
        return format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>"#);
    }
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{}</w:r></w:p>"#,
        texts.join("<w:br/>")
    )
}

/// The characters of 2号 type on a line of the type area.
const TITLE_LINE_CHARS: usize = 20;

/// The title, on two lines where it is longer than one: broken before its year, as titles are
/// set ("示例市自然资源和规划局" over "2024年政府信息公开工作年度报告"), not where the line ends.
fn title_lines(title: &str, year: Option<i32>) -> Vec<&str> {
    if title.chars().count() > TITLE_LINE_CHARS
        && let Some(year) = year
        && let Some(at) = title.find(&format!("{year}年"))
        && at > 0
    {
        let (agency, rest) = title.split_at(at);
        return vec![agency, rest];
    }
    vec![title]
}

/// Whether a line of a text is a second-level heading: "（一）主动公开".
fn is_subheading(line: &str) -> bool {
    line.chars().count() <= MAX_SUBHEADING_CHARS && label_key(line).style == Some('(')
}

/// Each paragraph of a text (its lines up to a blank line) as a paragraph, its lines parted by
/// line breaks, so that the document reads back to the same text; a one-line paragraph
/// "（一）…" is a second-level heading. The indent a copied text carries (full-width spaces) is
/// the style's.
fn text_paragraphs(text: &str, out: &mut String) {
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines().chain([""]) {
        let line = line.trim_start_matches(['\u{3000}', ' ', '\t']).trim_end();
        if !line.is_empty() {
            block.push(line);
            continue;
        }
        let style = match block.as_slice() {
            [] => continue,
            [one] if is_subheading(one) => "Heading2",
            _ => "BodyText",
        };
        out.push_str(&lines_paragraph(style, &block));
        block.clear();
    }
}

fn section_properties() -> String {
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="560"/></w:sectPr>"#
    )
}

pub fn document(report: &Report) -> String {
    let template = &report.template;
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
    );
    let title = super::super::title(report);
    out.push_str(&lines_paragraph("Title", &title_lines(&title, report.year)));
    for (s, section) in template.sections.iter().enumerate() {
        out.push_str(&paragraph("Heading1", &section.title.zh));
        text_paragraphs(&report.texts[s], &mut out);
        let several = section.tables.len() > 1;
        for t in section.tables.clone() {
            out.push_str(&table::table(report, t, several));
        }
    }
    out.push_str(&section_properties());
    out.push_str("</w:body></w:document>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_breaks_before_its_year() {
        assert_eq!(
            title_lines(
                "示例市自然资源和规划局2024年政府信息公开工作年度报告",
                Some(2024)
            ),
            ["示例市自然资源和规划局", "2024年政府信息公开工作年度报告"]
        );
        assert_eq!(
            title_lines("某局2024年度报告", Some(2024)),
            ["某局2024年度报告"]
        );
        let long = "二〇二四年示例市自然资源和规划局政府信息公开工作年度报告";
        assert_eq!(title_lines(long, Some(2024)), [long]);
    }

    #[test]
    fn only_short_numbered_lines_are_subheadings() {
        assert!(is_subheading("（一）主动公开"));
        assert!(is_subheading("(二) 依申请公开"));
        assert!(!is_subheading("一是加强培训"));
        assert!(!is_subheading(
            "（一）全年通过门户网站、政务新媒体等渠道主动公开各类政府信息，重点公开国土空间规划。"
        ));
    }
}
