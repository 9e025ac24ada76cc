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

const STYLE: &str = "\
body { font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #000; background: #fff; }
h1 { text-align: center; font-size: 1.6em; font-weight: bold; }
h2 { font-size: 1.2em; font-family: \"SimHei\", \"Heiti SC\", \"Noto Sans CJK SC\", sans-serif; margin: 1.2em 0 0.4em; }
p { text-indent: 2em; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 0.9em; page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; text-align: center; vertical-align: middle; }
th.row { text-align: left; font-weight: normal; }
td { font-variant-numeric: tabular-nums; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
";

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
    out.push_str("<table>\n");
    if caption {
        let _ = writeln!(out, "<caption>{}</caption>", escape(&table.caption.zh));
    }
    out.push_str("<thead>\n");
    for row in 0..grid.header_rows {
        out.push_str("<tr>");
        for span in grid.header.iter().filter(|s| s.row == row) {
            let _ = write!(
                out,
                "<th{}>{}</th>",
                spans(span.rows, span.cols),
                escape(&span.text)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n<tbody>\n");
    for (r, labels) in grid.labels.iter().enumerate() {
        out.push_str("<tr>");
        for span in labels {
            let _ = write!(
                out,
                "<th class=\"row\"{}>{}</th>",
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
