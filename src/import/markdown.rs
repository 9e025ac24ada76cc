//! Markdown's own marks in the texts of a Markdown input: a character escaped with a backslash
//! (`\-` at a line's start, `\*`), an entity (`&lt;`, `&amp;`), and the two trailing spaces (or
//! the backslash) that keep a line break. A reader of the Markdown sees none of them, so the
//! report's text holds none either.

use super::lines::Line;

/// Whether the input is Markdown: a section's heading as an ATX heading (`## 一、总体情况`), or
/// a pipe table's rule under its header (`| 信息内容 | … |` over `| --- | ---: |`). The text
/// export marks a line of a text that would read so, so a text file is never taken for one.
pub fn is_markdown(lines: &[Line], is_heading: impl Fn(&str) -> bool) -> bool {
    let texts: Vec<&str> = lines
        .iter()
        .filter(|l| l.cells.is_none())
        .map(|l| l.text.trim())
        .collect();
    let rule = |t: &str| {
        t.starts_with('|')
            && t.contains("---")
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
    };
    let heading = |t: &str| {
        let hashes = t.len() - t.trim_start_matches('#').len();
        (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && is_heading(t)
    };
    texts.iter().any(|t| heading(t))
        || texts
            .windows(2)
            .any(|w| w[0].starts_with('|') && !rule(w[0]) && rule(w[1]))
}

/// A line that starts with an escape is a line of a paragraph, whatever it would read as
/// without it (`\# 二、主动公开政府信息情况`, `\- 一是…`): never a heading or a table's line.
pub fn mark_escaped_lines(lines: &mut [Line]) {
    for line in lines.iter_mut().filter(|l| l.cells.is_none()) {
        let t = line.text.trim_start();
        let mut chars = t.chars();
        if chars.next() == Some('\\') && chars.next().is_some_and(|c| c.is_ascii_punctuation()) {
            line.literal = true;
        }
    }
}

/// A text of a Markdown input as its reader sees it: escapes and entities undone, the marks of
/// a line break taken off the lines they end.
pub fn plain_text(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let continues = lines.get(i + 1).is_some_and(|next| !next.trim().is_empty());
        let line = if continues { without_break(line) } else { line };
        out.push_str(&unescaped(line));
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

/// A line without the mark of a hard line break after it: two spaces, or a backslash not
/// itself escaped.
fn without_break(line: &str) -> &str {
    if let Some(rest) = line.strip_suffix("  ") {
        return rest;
    }
    let backslashes = line.len() - line.trim_end_matches('\\').len();
    if backslashes % 2 == 1 {
        return &line[..line.len() - 1];
    }
    line
}

const ENTITIES: [(&str, char); 6] = [
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&nbsp;", '\u{a0}'),
];

/// One line with its escapes and entities undone, read left to right once, so that what one
/// undoes is never undone again (`\\&amp;amp;` is `\&amp;`).
fn unescaped(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '\\'
            && let Some(next) = rest[1..].chars().next()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
            continue;
        }
        if c == '&'
            && let Some((entity, ch)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e))
        {
            out.push(*ch);
            rest = &rest[entity.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_entities_and_line_breaks_are_undone() {
        assert_eq!(
            plain_text("\\- 一是手段单一。  \n\\- 二是……  \n1\\. 三是"),
            "- 一是手段单一。\n- 二是……\n1. 三是"
        );
        assert_eq!(plain_text("a\\*b\\*\\_c\\_\\`d\\`\\|\\~"), "a*b*_c_`d`|~");
        assert_eq!(plain_text("&lt;b&gt;&amp;amp;&lt;/b&gt;"), "<b>&amp;</b>");
        assert_eq!(plain_text("\\\\路径 \\\\&amp;"), "\\路径 \\&");
        assert_eq!(plain_text("\\路径"), "\\路径", "no escape before a letter");
        // A break's mark only before another line of the paragraph.
        assert_eq!(plain_text("行一\\\n行二"), "行一\n行二");
        assert_eq!(plain_text("段末  \n\n下一段"), "段末  \n\n下一段");
    }

    #[test]
    fn markdown_is_told_by_its_headings_or_table_rules() {
        let lines = |texts: &[&str]| -> Vec<Line> {
            texts
                .iter()
                .map(|t| Line {
                    text: t.to_string(),
                    ..Line::default()
                })
                .collect()
        };
        let section = |t: &str| t.contains("总体情况");
        assert!(is_markdown(&lines(&["标题", "## 一、总体情况"]), section));
        assert!(is_markdown(
            &lines(&["| 信息内容 | 件数 |", "| --- | ---: |"]),
            section
        ));
        for not in [
            &["一、总体情况", "#1 号文件", "规章\t1"][..],
            &["## 不是章节标题"],
            &["| --- |"],
        ] {
            assert!(!is_markdown(&lines(not), section), "{not:?}");
        }
    }
}
