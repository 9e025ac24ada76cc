//! Where the word before the caret starts, for Chinese too. The text area's own words are runs
//! between spaces and ASCII punctuation, so in Chinese, which has neither, Ctrl-W cut a whole
//! paragraph back to its start. Here a word is a run of one kind of character: Chinese
//! characters stop at Chinese punctuation (，。、) and at a change to letters or digits.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Punctuation,
    Ideograph,
    Other,
}

fn kind(c: char) -> Kind {
    if c.is_whitespace() {
        Kind::Space
    } else if c.is_ascii_punctuation() || is_wide_punctuation(c) {
        Kind::Punctuation
    } else if is_ideograph(c) {
        Kind::Ideograph
    } else {
        Kind::Other
    }
}

/// CJK symbols and punctuation, full-width forms' punctuation, and the quotes Chinese uses.
fn is_wide_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{2018}'..='\u{201f}' | '\u{2026}' | '\u{00b7}')
        || (('\u{ff01}'..='\u{ff60}').contains(&c) && !c.is_alphanumeric())
}

fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{3040}'..='\u{30ff}' | '\u{20000}'..='\u{2ffff}')
}

/// The column (in characters) where the word before column `col` of `line` starts, when the
/// text there is Chinese; `None` where the text area's own words are right (no Chinese in it).
pub fn chinese_word_start(line: &str, col: usize) -> Option<usize> {
    let before: Vec<char> = line.chars().take(col).collect();
    if !before
        .iter()
        .any(|&c| is_ideograph(c) || is_wide_punctuation(c))
    {
        return None;
    }
    let mut at = before.len();
    while at > 0 && kind(before[at - 1]) == Kind::Space {
        at -= 1;
    }
    let Some(&last) = before[..at].last() else {
        return Some(at);
    };
    let word = kind(last);
    while at > 0 && kind(before[at - 1]) == word {
        at -= 1;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::chinese_word_start;

    #[test]
    fn a_chinese_word_ends_at_punctuation_and_at_letters() {
        let line = "2024年，示例县民政局上年结转X";
        let end = line.chars().count();
        // "X" first, then the Chinese back to the comma, then the comma, then "年".
        assert_eq!(chinese_word_start(line, end), Some(end - 1));
        assert_eq!(chinese_word_start(line, end - 1), Some(6));
        assert_eq!(chinese_word_start(line, 6), Some(5));
        assert_eq!(chinese_word_start(line, 5), Some(4));
        assert_eq!(
            chinese_word_start(line, 4),
            None,
            "digits alone: the area's own words"
        );
        assert_eq!(
            chinese_word_start("依法公开。 ", 6),
            Some(4),
            "spaces go with the word"
        );
        assert_eq!(chinese_word_start("plain English words", 19), None);
    }
}
