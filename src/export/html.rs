//! The report as a standalone page in the official layout, to publish or print: the title, the
//! six headings, the texts as paragraphs, and the tables with their merged headers.

use std::fmt::Write as _;

use super::grid::Grid;
use super::{title, value_text};
use crate::report::Report;

/// Text made safe inside HTML elements and attribute values: markup characters as entities,
/// control characters as numeric references (`&#27;` for ESC: the page keeps them, nothing reads
/// them as bytes), and bidi controls made visible (`<U+202E>`), since a reference to one would
/// still reverse the text on the page.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if crate::visible::is_unsafe(c) => {
                let _ = write!(out, "&lt;U+{:04X}&gt;", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The page as official documents are printed: A4, title in 小标宋 (宋体 where it is missing),
/// headings in 黑体, texts in 仿宋, tables in 宋体, each with the fonts other systems have.
/// A table of a few rows is kept on one page; a long one (三) breaks between rows (a group's
/// merged label running on), its headers repeated, so no page is left half empty before it. Short headers (总计, 其他) never wrap a
/// character per line; numbers are right-aligned in tabular figures.
const STYLE: &str = "\
@page { size: A4; margin: 25mm 20mm 22mm; }
body { font-family: \"FangSong_GB2312\", \"仿宋_GB2312\", \"FangSong\", \"仿宋\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif; font-size: 14pt; max-width: 45em; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #000; background: #fff; }
h1 { text-align: center; font-family: \"FZXiaoBiaoSong-B05S\", \"方正小标宋简体\", \"STZhongsong\", \"华文中宋\", \"SimSun\", \"宋体\", \"Songti SC\", \"Noto Serif CJK SC\", serif; font-size: 20pt; font-weight: normal; line-height: 1.4; margin: 0 0 1em; }
h2 { font-family: \"SimHei\", \"黑体\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif; font-size: 14pt; font-weight: normal; margin: 1em 0 0.3em; break-after: avoid; page-break-after: avoid; }
p { text-indent: 2em; margin: 0; orphans: 2; widows: 2; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-family: \"SimSun\", \"宋体\", \"Songti SC\", \"Noto Serif CJK SC\", serif; font-size: 10.5pt; line-height: 1.3; }
table.keep { break-inside: avoid; page-break-inside: avoid; }
table.wide { font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 0.2em 0; break-after: avoid; }
thead { display: table-header-group; }
td, th.label { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.15em 0.3em; text-align: center; vertical-align: middle; font-weight: normal; }
th.row { text-align: left; }
th.short { white-space: nowrap; }
td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
@media print { body { margin: 0; padding: 0; max-width: none; } }
";

/// A table of at most this many rows is printed on one page.
const KEEP_TOGETHER_ROWS: usize = 12;
/// A table of more columns than this (四's fifteen) is printed smaller, to fit the page.
const WIDE_COLUMNS: usize = 10;
/// Headers this short (总计, 其他, 自然人) are never wrapped.
const SHORT_HEADER_CHARS: usize = 3;

/// A column header of a wide table, four to six characters long (结果维持), broken in the middle
/// as the form prints it ("结果" over "维持"): left to the browser, the narrow column would break
/// it three and one.
fn halves(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    if !(4..=6).contains(&chars.len()) || !chars.iter().all(|c| !c.is_ascii()) {
        return escape(label);
    }
    let (first, second) = chars.split_at(chars.len() / 2);
    let first: String = first.iter().collect();
    let second: String = second.iter().collect();
    format!("{}<br>{}", escape(&first), escape(&second))
}

fn spans(rows: usize, cols: usize) -> String {
    let mut out = String::new();
    if rows > 1 {
        let _ = write!(out, " rowspan=\"{rows}\"");
    }
    if cols > 1 {
        let _ = write!(out, " colspan=\"{cols}\"");
    }
    out
}

fn paragraphs(text: &str, out: &mut String) {
    for paragraph in text.split("\n\n") {
        if paragraph.trim().is_empty() {
            continue;
        }
        let lines: Vec<String> = paragraph.lines().map(escape).collect();
        let _ = writeln!(out, "<p>{}</p>", lines.join("<br>\n"));
    }
}

fn table_html(report: &Report, t: usize, caption: bool, out: &mut String) {
    let table = &report.template.tables[t];
    let grid = Grid::new(table);
    let mut classes = Vec::new();
    if table.rows.len() <= KEEP_TOGETHER_ROWS {
        classes.push("keep");
    }
    let wide = grid.label_cols + table.columns.len() > WIDE_COLUMNS;
    if wide {
        classes.push("wide");
    }
    if classes.is_empty() {
        out.push_str("<table>\n");
    } else {
        let _ = writeln!(out, "<table class=\"{}\">", classes.join(" "));
    }
    if caption {
        let _ = writeln!(out, "<caption>{}</caption>", escape(&table.caption.zh));
    }
    out.push_str("<thead>\n");
    for row in 0..grid.header_rows {
        out.push_str("<tr>");
        for span in grid.header.iter().filter(|s| s.row == row) {
            // A header of a word or two stays on one line: wrapped, it would stand a
            // character per line over its narrow column.
            let short = span.text.chars().count() <= SHORT_HEADER_CHARS;
            let text = if wide && span.cols == 1 {
                halves(&span.text)
            } else {
                escape(&span.text)
            };
            let _ = write!(
                out,
                "<th{}{}>{text}</th>",
                if short { " class=\"short\"" } else { "" },
                spans(span.rows, span.cols),
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n<tbody>\n");
    for (r, labels) in grid.labels.iter().enumerate() {
        out.push_str("<tr>");
        for span in labels {
            // A group's label spans rows and may run over a page break; a row's own label is
            // kept whole with its row.
            let class = if span.rows > 1 { "row" } else { "row label" };
            let _ = write!(
                out,
                "<th class=\"{class}\"{}>{}</th>",
                spans(span.rows, span.cols),
                escape(&span.text)
            );
        }
        for c in 0..table.columns.len() {
            let _ = write!(out, "<td>{}</td>", value_text(report, t, r, c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

pub fn render(report: &Report) -> String {
    let template = &report.template;
    let title = escape(&title(report));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"nianbao\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    for (s, section) in template.sections.iter().enumerate() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&section.title.zh));
        paragraphs(&report.texts[s], &mut out);
        let several = section.tables.len() > 1;
        for t in section.tables.clone() {
            table_html(report, t, several, &mut out);
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn the_page_is_laid_out_for_a4_print() {
        let html = render(&sample("shiyan-2024.toml"));
        assert!(html.contains("@page { size: A4;"));
        // 三 may break between its rows; the small tables of 二 are kept whole.
        assert!(html.contains("<caption>第二十条第（一）项</caption>"));
        let tables: Vec<&str> = html.split("<table").skip(1).collect();
        assert_eq!(tables.len(), 6);
        assert!(
            tables[..4]
                .iter()
                .all(|t| t.starts_with(" class=\"keep\">"))
        );
        assert!(tables[4].starts_with(">\n<thead>"), "{}", &tables[4][..40]);
        assert!(tables[5].starts_with(" class=\"keep wide\">"));
        // Short headers never wrap; 四's narrow ones break in the middle; a row's own label is
        // kept with its row, a group's may run over a page.
        for short in ["自然人", "其他", "总计"] {
            let cell = format!(">{short}</th>");
            let at = html.find(&cell).unwrap();
            assert!(
                html[..at]
                    .rfind("<th")
                    .map(|th| html[th..at].contains("short"))
                    == Some(true)
            );
        }
        assert!(tables[4].contains("<th class=\"short\" rowspan=\"3\">总计</th>"));
        assert!(
            tables[5].contains(">结果<br>维持</th>") && tables[5].contains(">尚未<br>审结</th>")
        );
        assert!(html.contains("<th class=\"row\" rowspan=\"22\">三、本年度办理结果</th>"));
        assert!(html.contains("<th class=\"row label\">1.属于国家秘密</th>"));
        // The money column says its unit.
        assert!(html.contains(">本年收费金额（单位：万元，保留4位小数）</th>"));
        assert!(html.contains("<td>18.8710</td>"));
    }
}
