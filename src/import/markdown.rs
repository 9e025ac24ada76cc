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
/// a line break taken off the lines they end, and a paragraph's lines joined where a sentence
/// runs on (a PDF converter keeps the page's line breaks, which Markdown's reader joins).
pub fn plain_text(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).filter(|next| !next.trim().is_empty());
        let unbroken = match next {
            Some(_) => without_break(line),
            None => line,
        };
        let plain = unescaped(unbroken);
        out.push_str(&plain);
        let Some(next) = next else {
            if i + 1 < lines.len() {
                out.push('\n');
            }
            continue;
        };
        let hard_break = unbroken.len() != line.len();
        if hard_break || !runs_on(&plain, next) {
            out.push('\n');
        } else if plain.ends_with(|c: char| c.is_ascii_alphanumeric() || c == ',')
            && next
                .trim_start()
                .starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
    }
    out
}

/// Whether the sentence of `line` goes on in `next`, the next line of its paragraph: `line`
/// ends no sentence, and neither line is a block of its own (a heading, a list item, a quote,
/// a table row, a numbered point, 一是…).
fn runs_on(line: &str, next: &str) -> bool {
    let line = line.trim();
    let next_text = next.trim_start();
    let block = |s: &str| {
        s.starts_with(['#', '>', '|', '-', '*', '+', '•', '·'])
            || super::pdf_text::starts_a_point(s)
            || s.chars().nth(1) == Some('是')
                && s.starts_with(|c: char| "一二三四五六七八九十".contains(c))
    };
    !line.is_empty()
        && !super::pdf_text::ends_a_sentence(line)
        && !block(line)
        && !block(next_text)
        && !next.starts_with("    ")
        && !next.starts_with('\t')
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

/// The rows of the pipe tables of a Markdown input as their reader sees them: in each cell, the
/// marks of emphasis taken off (`**397**`, `__12__`, `*规章*`) and the escapes undone (`1\.属于
/// 国家秘密`), so a bold number is a number and an escaped label is its label. A bar escaped
/// inside a cell (`\|`) does not part cells; it is read as a space, as no label or value holds one.
pub fn plain_table_rows(lines: &mut [Line]) {
    for line in lines
        .iter_mut()
        .filter(|l| l.cells.is_none() && !l.literal && is_table_row(&l.text))
    {
        let written: Vec<&str> = table_cells(line.text.trim())
            .into_iter()
            .map(str::trim)
            .collect();
        let cells: Vec<String> = written
            .iter()
            .map(|cell| plain_cell(cell).replace('|', " "))
            .collect();
        // A row with no mark in it stays as written, its bars read as they always are.
        if cells
            .iter()
            .zip(&written)
            .any(|(plain, as_written)| plain != as_written)
        {
            line.text = format!("| {} |", cells.join(" | "));
        }
    }
}

/// A line of a pipe table, as the tables of converters write them: it starts with a bar.
fn is_table_row(text: &str) -> bool {
    text.trim().starts_with('|')
}

/// The cells of a pipe table's row, parted by the bars that are not escaped (the bars at the
/// row's ends closing no cell).
fn table_cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in row.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                cells.push(&row[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(&row[start..]);
    if row.starts_with('|') {
        cells.remove(0);
    }
    if cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) && row.ends_with('|') {
        cells.pop();
    }
    cells
}

/// One piece of a cell: a character as written (an escaped one included), or a run of `*` or `_`
/// that may open or close emphasis.
enum Piece {
    Char(char),
    Run {
        mark: char,
        len: usize,
        opens: bool,
        closes: bool,
    },
}

/// A cell's text without Markdown's emphasis and escapes. A run of `*` or `_` opens emphasis when
/// a character other than a space follows it and closes it when one precedes it (`_` not inside a
/// word, as in `a_b_c`); an opener and the next closer of the same mark are taken off together,
/// as many marks as both have. A run that pairs with none is text (`2 * 3`).
pub fn plain_cell(cell: &str) -> String {
    let chars: Vec<char> = cell.chars().collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) {
            pieces.push(Piece::Char(chars[i + 1]));
            i += 2;
            continue;
        }
        if c == '*' || c == '_' {
            let len = chars[i..].iter().take_while(|&&m| m == c).count();
            let before = i.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(i + len).copied();
            let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
            let mut opens = after.is_some_and(|a| !a.is_whitespace());
            let mut closes = before.is_some_and(|b| !b.is_whitespace());
            if c == '_' {
                opens &= !word(before);
                closes &= !word(after);
            }
            pieces.push(Piece::Run {
                mark: c,
                len,
                opens,
                closes,
            });
            i += len;
            continue;
        }
        pieces.push(Piece::Char(c));
        i += 1;
    }
    // How many marks of each run are kept: all of them until the run is paired.
    let mut kept: Vec<usize> = pieces
        .iter()
        .map(|p| match p {
            Piece::Run { len, .. } => *len,
            Piece::Char(_) => 1,
        })
        .collect();
    let mut openers: Vec<usize> = Vec::new();
    for (at, piece) in pieces.iter().enumerate() {
        let Piece::Run {
            mark,
            opens,
            closes,
            ..
        } = piece
        else {
            continue;
        };
        if *closes {
            let opener = openers.iter().rposition(|&o| {
                matches!(pieces[o], Piece::Run { mark: m, .. } if m == *mark) && kept[o] > 0
            });
            if let Some(k) = opener {
                let o = openers[k];
                let taken = kept[o].min(kept[at]);
                kept[o] -= taken;
                kept[at] -= taken;
                openers.truncate(k + usize::from(kept[o] > 0));
                if kept[at] == 0 {
                    continue;
                }
            }
        }
        if *opens {
            openers.push(at);
        }
    }
    let mut out = String::with_capacity(cell.len());
    for (piece, kept) in pieces.iter().zip(kept) {
        match piece {
            Piece::Char(c) => out.push(*c),
            Piece::Run { mark, .. } => out.extend(std::iter::repeat_n(*mark, kept)),
        }
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
    fn a_paragraphs_page_lines_are_joined_where_the_sentence_runs_on() {
        // As a PDF converter writes a paragraph: the page's line breaks inside sentences.
        assert_eq!(
            plain_text(
                "2023年，我局认真贯彻落实《条例》，扎实\n推进政府信息公开工作，全年\n主动公开信息 120 条。\n下一句另起一行。"
            ),
            "2023年，我局认真贯彻落实《条例》，扎实推进政府信息公开工作，全年主动公开信息 120 条。\n下一句另起一行。"
        );
        // Points, list items, headings, a hard break and a blank line stay apart.
        for text in [
            "主要做法\n（一）加强领导",
            "存在问题\n一是手段单一\n二是人员不足",
            "如下\n- 第一项\n- 第二项",
            "## 五、存在的主要问题\n无",
            "行一  \n行二",
            "段一\n\n段二",
        ] {
            let lines = |t: &str| t.matches('\n').count();
            assert_eq!(lines(&plain_text(text)), lines(text), "{text:?}");
        }
        assert_eq!(plain_text("the report\nof 2023"), "the report of 2023");
    }

    #[test]
    fn a_cells_emphasis_comes_off_and_what_is_not_emphasis_stays() {
        for (cell, plain) in [
            ("**397**", "397"),
            ("__12__", "12"),
            ("*规章*", "规章"),
            ("_0_", "0"),
            ("***5***", "5"),
            ("**_7_**", "7"),
            ("1\\.属于国家秘密", "1.属于国家秘密"),
            ("\\*3\\*", "*3*"),
            ("**3** 件", "3 件"),
            ("2 * 3", "2 * 3"),
            ("a_b_c", "a_b_c"),
            ("**未闭合", "**未闭合"),
            ("**\\|**", "|"),
        ] {
            assert_eq!(plain_cell(cell), plain, "{cell}");
        }
    }

    #[test]
    fn only_rows_with_marks_are_rewritten_and_an_escaped_bar_parts_no_cells() {
        let mut lines: Vec<Line> = [
            "| 规章 | **0** | 1\\. |",
            "| 行政许可 | 1286 |",
            "|",
            "正文 **粗体**",
        ]
        .iter()
        .map(|t| Line {
            text: t.to_string(),
            ..Line::default()
        })
        .collect();
        plain_table_rows(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "| 规章 | 0 | 1. |",
                "| 行政许可 | 1286 |",
                "|",
                "正文 **粗体**"
            ]
        );
        assert_eq!(table_cells("| a \\| b | c |"), [" a \\| b ", " c "]);
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
