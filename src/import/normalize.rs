//! Folding the many ways a label or a number is written into one comparable form.
//!
//! Published reports are copied from web pages, Word files and PDFs: the same label arrives with
//! full-width or half-width brackets, non-breaking or ideographic spaces, "（一）", "(一)" or "一、"
//! in front, and a parenthetical note that one report keeps and another drops. Matching works on a
//! *key* that keeps only letters, digits and CJK characters, with the leading numbering taken apart.

/// Folds one character to the form used for comparison: full-width ASCII to half-width, the many
/// spaces to one, look-alike dashes and brackets to one of each, a traditional character of the
/// labels to its simplified one.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => ' ',
        '〔' | '【' | '〖' => '[',
        '〕' | '】' | '〗' => ']',
        '—' | '–' | '─' | '━' | '‐' | '‑' | '‒' | '−' => '-',
        c => super::traditional::simplified(c),
    }
}

/// Characters that carry no meaning for a label: invisible ones that web pages and PDFs insert.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Whitespace in the widest sense: what a copied page uses between cells and words.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x3134f)
}

/// Whether a character is part of a label's meaning (as opposed to punctuation or spacing).
fn is_word(c: char) -> bool {
    // CJK first: the general Unicode tables are slow, and labels are almost all CJK.
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_cjk(c) || (!is_punctuation(c) && c.is_alphanumeric())
    }
}

/// CJK and general punctuation blocks, answered without the Unicode tables.
fn is_punctuation(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206f | 0x3000..=0x303f | 0xff00..=0xff0f | 0xff1a..=0xff20 | 0xfe30..=0xfe4f)
}

const CHINESE_DIGITS: &str = "零一二三四五六七八九";

/// The value of a Chinese numeral up to 99 (一, 十, 十二, 二十三).
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        CHINESE_DIGITS
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [a] => digit(*a).filter(|d| *d > 0),
        ['十', b] => digit(*b).map(|d| 10 + d),
        [a, '十'] => digit(*a).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

fn number_of(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    chinese_number(s)
}

/// A label taken apart: its leading number (一、 (一) 1. ①), and its key.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LabelKey {
    pub number: Option<u32>,
    /// How the number was written: `'、'` for 一、, `'('` for (一), `'.'` for 1.
    pub style: Option<char>,
    /// Letters, digits and CJK only, after the number.
    pub key: String,
    /// The key without parenthetical notes: 现行有效件数 of "现行有效件数（历史累计）".
    pub core: String,
}

/// Splits off a leading number such as "一、", "(一)", "（1）", "1.", "1、", "①". Returns the
/// number, its style and the rest of the (already folded) text.
pub fn split_numbering(folded: &str) -> (Option<u32>, Option<char>, &str) {
    let s = folded.trim_start();
    if let Some(first) = s.chars().next()
        && ('①'..='⑳').contains(&first)
    {
        let n = first as u32 - '①' as u32 + 1;
        return (Some(n), Some('('), &s[first.len_utf8()..]);
    }
    if let Some(rest) = s.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && let Some(n) = number_of(rest[..close].trim())
    {
        return (Some(n), Some('('), &rest[close + 1..]);
    }
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || CHINESE_DIGITS.contains(*c) || *c == '十'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if end > 0 {
        // "一 、总体情况": a space may sit between the number and its mark.
        let rest = s[end..].trim_start_matches(' ');
        let mark = rest.chars().next();
        // "1." and "一、" are numbering; "1.5" and "一是" are not.
        if let Some(mark @ ('、' | '.' | ',' | '，' | ')' | '．')) = mark {
            let after = &rest[mark.len_utf8()..];
            let decimal =
                matches!(mark, '.' | ',') && after.starts_with(|c: char| c.is_ascii_digit());
            if !decimal && let Some(n) = number_of(&s[..end]) {
                let style = if mark == '、' { '、' } else { '.' };
                return (Some(n), Some(style), after);
            }
        }
    }
    (None, None, s)
}

/// The folded form of a whole text: width and spaces folded, invisible characters removed.
pub fn fold(text: &str) -> String {
    // Sized once: this runs for every cell and label, and growing the string cost more than
    // the folding.
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().filter(|c| !is_invisible(*c)).map(fold_char));
    out
}

fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|c| is_word(*c)));
    out
}

/// Appends the key of `text` (its word characters, folded) to `out`, as [`line_key`] gives it.
pub fn push_line_key(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .filter(|c| !is_invisible(*c))
            .map(fold_char)
            .filter(|c| is_word(*c)),
    );
}

/// The comparable key of a label.
pub fn label_key(text: &str) -> LabelKey {
    let folded = fold(text);
    // A converter to Taiwan's usage writes 規範性檔案 for 规范性文件, a word for a word: no label
    // of a template has 檔案 or 档案, so either is read as 文件 in labels.
    let folded = if folded.contains("檔案") || folded.contains("档案") {
        folded.replace("檔案", "文件").replace("档案", "文件")
    } else {
        folded
    };
    let (number, style, rest) = split_numbering(&folded);
    // One pass for both: the key keeps every word character, the core only those outside
    // brackets.
    let mut key = String::with_capacity(rest.len());
    let mut core = String::with_capacity(rest.len());
    let mut depth = 0usize;
    for c in rest.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if is_word(c) => {
                key.push(c);
                if depth == 0 {
                    core.push(c);
                }
            }
            _ => {}
        }
    }
    LabelKey {
        number,
        style,
        key,
        core,
    }
}

/// The key of a whole line, numbering included: for finding markers anywhere in a line.
pub fn line_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_line_key(&mut out, text);
    out
}

/// What one cell of a table holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellText {
    /// Nothing at all.
    Blank,
    /// A mark for "nothing here": "/", "—", "无". Empty, not 0.
    EmptyMark,
    /// Something that reads as a number (to be parsed by the column's kind).
    Number(String),
    /// Numbering alone, "1." or "(三)", to be joined with the label after it.
    Numbering,
    /// Text: a label, or something that is neither a label nor a number.
    Label,
    /// A short token that is neither a number nor words: a value written wrong ("O", "1O", "?").
    Junk,
}

const EMPTY_MARKS: &[&str] = &[
    "/", "\\", "-", "--", "---", "----", "无", "空", "×", "x", "X",
];

/// Classifies a cell's text.
pub fn classify(text: &str) -> CellText {
    let folded = fold(text);
    let t = folded.trim_matches(|c: char| is_space(c));
    if t.is_empty() {
        return CellText::Blank;
    }
    if EMPTY_MARKS.contains(&t) || (t.chars().all(|c| c == '-') && t.len() <= 8) {
        return CellText::EmptyMark;
    }
    // A unit written after the number: "3件", "0.5万元".
    let number = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix('件'))
        .or_else(|| t.strip_suffix('个'))
        .unwrap_or(t)
        .trim();
    let numeric = |s: &str| {
        let digits = s.trim_start_matches(['+', '-']);
        !digits.is_empty()
            && digits.chars().any(|c| c.is_ascii_digit())
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '_')
    };
    let (n, style, rest) = split_numbering(t);
    let numbering_only = n.is_some()
        && words(rest).is_empty()
        && (style != Some('.') || t.ends_with(['.', ',', '，', ')']));
    if numbering_only {
        return CellText::Numbering;
    }
    if numeric(number) && !number.ends_with('.') {
        return CellText::Number(number.to_string());
    }
    // A change written in words ("减4", "增加3", 本年增/减's column): the signed number.
    for (word, sign) in [("增加", '+'), ("减少", '-'), ("增", '+'), ("减", '-')] {
        if let Some(digits) = number.strip_prefix(word).map(str::trim)
            && !digits.starts_with(['+', '-'])
            && numeric(digits)
            && !digits.ends_with('.')
        {
            return CellText::Number(format!("{sign}{digits}"));
        }
    }
    // An amount in another unit ("251000元", "2.51亿元", "¥25,000.00") is a value, not words:
    // read where its column keeps 万元.
    if crate::money::split_unit(t).is_some_and(|(d, _)| numeric(d) && !d.ends_with('.')) {
        return CellText::Junk;
    }
    if t.chars().any(is_cjk) || t.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        return CellText::Label;
    }
    CellText::Junk
}

/// Levenshtein distance between two short keys, giving up (None) beyond `limit`.
pub fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_in_every_style_is_taken_apart() {
        for (text, number, key) in [
            ("一、总体情况", Some(1), "总体情况"),
            ("（三）不予公开", Some(3), "不予公开"),
            ("(三) 不予公开", Some(3), "不予公开"),
            ("2.其他法律法规禁止公开", Some(2), "其他法律法规禁止公开"),
            ("２．其他法律法规禁止公开", Some(2), "其他法律法规禁止公开"),
            ("4、保护第三方合法权益", Some(4), "保护第三方合法权益"),
            ("十二、其他", Some(12), "其他"),
            ("一是加强培训", None, "一是加强培训"),
            ("第二十条第（一）项", None, "第二十条第一项"),
            ("③重复申请", Some(3), "重复申请"),
            ("一 、总体情况", Some(1), "总体情况"),
        ] {
            let k = label_key(text);
            assert_eq!((k.number, k.key.as_str()), (number, key), "{text}");
        }
    }

    #[test]
    fn width_spaces_and_notes_do_not_matter() {
        let a = label_key("现行有效件数 (历史累计)");
        let b = label_key("现行有效件数");
        assert_eq!(a.core, b.core);
        assert_ne!(a.key, b.key);
        assert_eq!(
            label_key("3.危及\u{a0}“三安全一稳定”").key,
            label_key("3.危及\"三安全一稳定\"").key
        );
        assert_eq!(
            label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").key,
            label_key("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)").key
        );
    }

    #[test]
    fn cells_are_classified_as_a_reader_would() {
        assert_eq!(classify(" 12 "), CellText::Number("12".into()));
        assert_eq!(classify("１２"), CellText::Number("12".into()));
        assert_eq!(classify("18.8710"), CellText::Number("18.8710".into()));
        assert_eq!(classify("3件"), CellText::Number("3".into()));
        assert_eq!(classify("-3"), CellText::Number("-3".into()));
        assert_eq!(classify("\u{a0}"), CellText::Blank);
        assert_eq!(classify("/"), CellText::EmptyMark);
        assert_eq!(classify("减4"), CellText::Number("-4".into()));
        assert_eq!(classify("增加 3"), CellText::Number("+3".into()));
        assert_eq!(classify("增"), CellText::Label);
        assert_eq!(classify("减少人员"), CellText::Label);
        assert_eq!(classify("——"), CellText::EmptyMark);
        assert_eq!(classify("1."), CellText::Numbering);
        assert_eq!(classify("（三）"), CellText::Numbering);
        assert_eq!(classify("规章"), CellText::Label);
        assert_eq!(classify("O"), CellText::Junk);
        assert_eq!(classify("1O"), CellText::Junk);
        for amount in [
            "251000元",
            "25,000.00元",
            "2.51亿元",
            "12.5千元",
            "¥25000",
            "￥25000",
        ] {
            assert_eq!(classify(amount), CellText::Junk, "{amount}");
        }
    }

    #[test]
    fn distance_is_bounded() {
        let a: Vec<char> = "无正当理由由大量反复申请".chars().collect();
        let b: Vec<char> = "无正当理由大量反复申请".chars().collect();
        assert_eq!(distance_within(&a, &b, 2), Some(1));
        assert_eq!(distance_within(&a, &['x'], 2), None);
    }
}
