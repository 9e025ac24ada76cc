//! Markdown as converters write it. A PDF-to-Markdown converter (MinerU and its like) writes the
//! title, headings and paragraphs as Markdown and each table as an HTML `<table>` block, since a
//! pipe table cannot span cells. Such a file is Markdown, not a page: its lines are read as
//! text, each table block as a page's table is. An HTML comment (`<!-- page 4 -->`, where a
//! converter marks a page break) is not shown by any Markdown reader, and is left out.

use super::anomaly::Anomaly;
use super::html;
use super::lines::Line;

/// Tags that make a text a page, when they stand outside the table blocks.
const PAGE_TAGS: &[&str] = &[
    "<!doctype",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<p>",
    "<p ",
    "<div",
    "<br",
    "<span",
];

fn opens_table(text: &str) -> bool {
    text.trim_start()
        .get(..6)
        .is_some_and(|t| t.eq_ignore_ascii_case("<table"))
}

/// The table blocks of a text: the ranges of lines from a line that begins with `<table` to the
/// line that closes it.
fn table_blocks(texts: &[&str]) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        if !opens_table(texts[i]) {
            i += 1;
            continue;
        }
        let mut depth = 0i64;
        let mut end = texts.len();
        for (j, text) in texts.iter().enumerate().skip(i) {
            let lower = text.to_ascii_lowercase();
            depth += lower.matches("<table").count() as i64;
            depth -= lower.matches("</table").count() as i64;
            if depth <= 0 {
                end = j + 1;
                break;
            }
        }
        blocks.push((i, end));
        i = end;
    }
    blocks
}

/// Whether a text that holds HTML is Markdown with table blocks: outside its `<table>` blocks
/// there is text and no tag a page is made of.
pub fn embeds_tables(text: &str) -> bool {
    let texts: Vec<&str> = text.lines().collect();
    let blocks = table_blocks(&texts);
    if blocks.is_empty() {
        return false;
    }
    let mut outside = String::new();
    let mut from = 0;
    for &(start, end) in blocks.iter().chain([&(texts.len(), texts.len())]) {
        for t in &texts[from..start] {
            outside.push_str(t);
            outside.push('\n');
        }
        from = end;
    }
    let lower = outside.to_ascii_lowercase();
    !outside.trim().is_empty() && !PAGE_TAGS.iter().any(|tag| lower.contains(tag))
}

/// Whether copied text reads as Markdown: a heading marked with `#`, or a pipe table's line.
pub fn looks_like_markdown(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        let t = l.text.trim();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || (t.len() > 1 && t.starts_with('|') && t.ends_with('|'))
            || opens_table(t)
    })
}

/// The `<table>` blocks of Markdown read as a page's tables, in place of their lines; the notes
/// their reading gave, on the Markdown's lines.
pub fn read_table_blocks(lines: &mut Vec<Line>) -> Vec<Anomaly> {
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let blocks = table_blocks(&texts);
    let mut anomalies = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    let mut from = 0;
    for (start, end) in blocks {
        out.extend_from_slice(&lines[from..start]);
        let block = texts[start..end].join("\n");
        // The page's line n is the block's n-th line.
        let base = lines[start].no - 1;
        let page = html::page_lines(&block);
        out.extend(page.lines.into_iter().map(|mut l| {
            l.no += base;
            l
        }));
        anomalies.extend(page.anomalies.into_iter().map(|mut a| {
            a.line = a.line.map(|n| n + base);
            a
        }));
        from = end;
    }
    out.extend_from_slice(&lines[from..]);
    *lines = out;
    anomalies
}

/// Takes the HTML comments out of text lines; a line that held only a comment is left out, so
/// that a table the comment stood in goes on.
pub fn drop_comments(lines: &mut Vec<Line>) {
    let mut in_comment = false;
    lines.retain_mut(|line| {
        if line.cells.is_some() || (!in_comment && !line.text.contains("<!--")) {
            return true;
        }
        let mut kept = String::new();
        let mut rest = line.text.as_str();
        loop {
            if in_comment {
                let Some(end) = rest.find("-->") else {
                    break;
                };
                rest = &rest[end + 3..];
                in_comment = false;
            } else if let Some(start) = rest.find("<!--") {
                kept.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                in_comment = true;
            } else {
                kept.push_str(rest);
                break;
            }
        }
        let keep = !kept.trim().is_empty();
        line.text = kept;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::text_lines;

    #[test]
    fn markdown_with_table_blocks_is_told_from_a_page() {
        assert!(embeds_tables(
            "# 标题\n\n一、总体情况\n\n正文\n\n<table><tr><td>规章</td></tr>\n</table>\n\n五、存在的主要问题"
        ));
        assert!(!embeds_tables(
            "<p>一、总体情况</p>\n<table><tr><td>规章</td></tr></table>"
        ));
        assert!(!embeds_tables(
            "<html><body>\n<table><tr><td>规章</td></tr></table>"
        ));
        assert!(!embeds_tables("# 标题\n\n正文"));
    }

    #[test]
    fn table_blocks_keep_the_lines_of_the_markdown() {
        let mut lines = text_lines(
            "# 标题\n\n<table><tr><td>规章</td><td>3</td></tr>\n<tr><td>行政许可</td><td>2731<sup>1</sup></td></tr></table>\n\n正文",
        );
        let notes = read_table_blocks(&mut lines);
        let rows: Vec<(usize, &str)> = lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| (l.no, l.text.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "# 标题"),
                (3, "规章\t3"),
                (4, "行政许可\t2731"),
                (6, "正文")
            ]
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, Some(4));
    }

    #[test]
    fn comments_are_left_out() {
        let mut lines = text_lines(
            "| a | 1 |\n<!-- page 4 -->\n| b | 2 | <!-- x -->\n<!-- two\nlines -->\n| c |",
        );
        drop_comments(&mut lines);
        let texts: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(texts, [(1, "| a | 1 |"), (3, "| b | 2 | "), (6, "| c |")]);
    }
}
