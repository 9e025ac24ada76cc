//! Breaking text into lines as Chinese and English are broken: Chinese between any two
//! characters, English between words, and punctuation kept off the start or end of a line as
//! Chinese typesetting wants. Widths are those of the text as drawn.

use crate::visible::width as shown_width;

/// Wraps text into lines of at most `width` columns: between words where there are spaces
/// (English), between any two characters of Chinese, which has none; a word wider than a line is
/// broken where it must be.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        if word == " " {
            if !line.is_empty() && used < width {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        let w = shown_width(word);
        if used + w > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        if w <= width {
            line.push_str(word);
            used += w;
            continue;
        }
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    let line = line.trim_end();
    if !line.is_empty() {
        lines.push(line.to_string());
    }
    lines
}

/// A column's header wrapped into as many lines as [`wrap`] makes, but as even as they can be
/// without breaking a two-character word: 法律服务 / 机构 rather than 法律服务机 / 构, a character
/// left alone under its word, or 法律服 / 务机构, 服务 torn in two. Most words of the official
/// labels are two characters long (社会/公益/组织, 结果/维持), so a break after an even run of
/// Chinese characters is taken for a break between words.
pub fn wrap_even(text: &str, width: usize) -> Vec<String> {
    let lines = wrap(text, width);
    if lines.len() < 2 {
        return lines;
    }
    let narrowest = shown_width(text).div_ceil(lines.len()).max(1);
    (narrowest..=width)
        .map(|w| wrap(text, w))
        .filter(|even| even.len() == lines.len())
        .min_by_key(|even| words_torn(even))
        .unwrap_or(lines)
}

/// How many of the lines but the last end after an odd run of Chinese characters: the breaks
/// that likely tear a two-character word.
fn words_torn(lines: &[String]) -> usize {
    let chinese_run = |line: &str| {
        line.chars()
            .rev()
            .take_while(|&c| unicode_width::UnicodeWidthChar::width(c) == Some(2))
            .count()
    };
    let torn = |line: &String| chinese_run(line) % 2 == 1;
    lines[..lines.len() - 1].iter().filter(|l| torn(l)).count()
}

/// Punctuation a line may not start with, and punctuation it may not end with (Chinese
/// typesetting's rule): kept with the character before, or after.
const NO_LINE_START: &str = "，。、；：！？）」』”’》〉】…,.;:!?)";
const NO_LINE_END: &str = "（「『“‘《〈【";

/// The pieces text may be broken between: a space, one wide character, or a run of others;
/// punctuation that may not start or end a line goes with its neighbour.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    let piece = |rest: &str| -> usize {
        let Some(first) = rest.chars().next() else {
            return 0;
        };
        let narrow = |c: char| c != ' ' && unicode_width::UnicodeWidthChar::width(c) != Some(2);
        if first == ' ' || !narrow(first) {
            first.len_utf8()
        } else {
            rest.find(|c: char| !narrow(c)).unwrap_or(rest.len())
        }
    };
    std::iter::from_fn(move || {
        let mut len = piece(rest);
        if len == 0 {
            return None;
        }
        loop {
            let tail = &rest[len..];
            let ends_open = rest[..len]
                .chars()
                .last()
                .is_some_and(|c| NO_LINE_END.contains(c));
            let next_closes = tail
                .chars()
                .next()
                .is_some_and(|c| NO_LINE_START.contains(c));
            if tail.starts_with(' ') || tail.is_empty() || !(ends_open || next_closes) {
                break;
            }
            len += piece(tail);
        }
        let (word, tail) = rest.split_at(len);
        rest = tail;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_counts_display_width() {
        assert_eq!(wrap("本年收费金额", 5), vec!["本年", "收费", "金额"]);
        assert_eq!(wrap("(三) 不予公开", 4), vec!["(三)", "不予", "公开"]);
        assert_eq!(wrap("abc", 10), vec!["abc"]);
        assert_eq!(wrap_even("法律服务机构", 10), vec!["法律服务", "机构"]);
        assert_eq!(wrap_even("法律服务机构", 8), vec!["法律服务", "机构"]);
        assert_eq!(wrap_even("社会公益组织", 5), vec!["社会", "公益", "组织"]);
        // Two lines of three are all six columns allow: a torn word before a third line.
        assert_eq!(wrap_even("社会公益组织", 6), vec!["社会公", "益组织"]);
        assert_eq!(wrap_even("本年收费金额", 10), vec!["本年收费", "金额"]);
        assert_eq!(wrap_even("自然人", 4), vec!["自然", "人"]);
        assert_eq!(
            wrap_even("Legal service agencies", 9),
            wrap("Legal service agencies", 9)
        );
        // No line starts with a colon or a closing bracket, none ends with an opening one.
        assert_eq!(wrap("关系为：第一项", 6), vec!["关系", "为：第", "一项"]);
        assert_eq!(wrap("甲乙（丙丁）", 6), vec!["甲乙", "（丙", "丁）"]);
        assert_eq!(wrap("Other result", 7), vec!["Other", "result"]);
        assert_eq!(
            wrap("Legal service agencies", 9),
            vec!["Legal", "service", "agencies"]
        );
        assert_eq!(
            wrap("Withheld", 5),
            vec!["Withh", "eld"],
            "only when it must"
        );
        assert_eq!(wrap("(三) 不予 公开", 5), vec!["(三)", "不予", "公开"]);
    }
}
