//! A PDF's texts without its page layout. pdftotext gives a text as the page set it: a line for
//! each printed line, the first-line indentation and the page's margin as spaces, blank lines
//! where a page ended, and a space between a digit and the Chinese beside it ("2024 年", "77 件")
//! where the PDF placed them as separate runs. The report holds paragraphs.

use super::normalize::is_space;

/// A text read from a PDF as its paragraphs, a blank line between two.
pub fn paragraphs(text: &str) -> String {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .map(|l| {
            let body = l.trim_start_matches(is_space);
            (l.chars().count() - body.chars().count(), body.trim_end())
        })
        .filter(|(_, body)| !body.is_empty())
        .collect();
    // A first-line indentation tells paragraphs apart when some lines have one and some not;
    // otherwise where a line ends does.
    let indented = lines.iter().any(|(i, _)| *i > 0) && lines.iter().any(|(i, _)| *i == 0);
    let widest = lines.iter().map(|(_, b)| width(b)).max().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut previous: Option<&str> = None;
    for &(indent, body) in &lines {
        let starts_paragraph = match previous {
            None => true,
            Some(before) => {
                starts_a_point(body)
                    || if indented {
                        indent > 0
                    } else {
                        ends_a_sentence(before) || is_short(before, widest)
                    }
            }
        };
        match out.last_mut() {
            Some(paragraph) if !starts_paragraph => {
                let ascii_between = paragraph
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && body
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                if ascii_between {
                    paragraph.push(' ');
                }
                paragraph.push_str(body);
            }
            _ => out.push(body.to_string()),
        }
        previous = Some(body);
    }
    out.iter()
        .map(|p| without_layout_spaces(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `text` without the spaces between a digit and a Chinese character beside it.
pub fn without_layout_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            let digit_and_chinese =
                (a.is_ascii_digit() && is_chinese(b)) || (is_chinese(a) && b.is_ascii_digit());
            if digit_and_chinese {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A Chinese character or punctuation mark (，。（）, full-width forms).
fn is_chinese(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303f | 0x3400..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// Columns a line takes on the page: Chinese characters are two.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// A line that stops well before the text's widest one ends its paragraph (the widths of full
/// lines differ by the digits and spaces in them).
fn is_short(line: &str, widest: usize) -> bool {
    width(line) * 10 < widest * 9
}

pub(super) fn ends_a_sentence(line: &str) -> bool {
    // A sentence may end inside its quotation or bracket: "……的通知》。" or "……。”".
    let last = line
        .trim_end_matches(['”', '’', '"', '）', ')', '》'])
        .chars()
        .last();
    matches!(
        last,
        Some('。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':')
    )
}

/// Whether a line begins a numbered point or a heading: （一）, 一、, 1., (1), （1）.
pub(super) fn starts_a_point(line: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = line.chars().peekable();
    match chars.next() {
        Some('（' | '(') => {
            let inner: String = chars
                .by_ref()
                .take_while(|c| !matches!(c, '）' | ')'))
                .collect();
            !inner.is_empty()
                && inner.chars().count() <= 3
                && inner
                    .chars()
                    .all(|c| NUMERALS.contains(c) || c.is_ascii_digit())
        }
        Some(c) if NUMERALS.contains(c) || c.is_ascii_digit() => {
            let rest: String = std::iter::once(c).chain(chars).take(4).collect();
            let number_end = rest
                .chars()
                .position(|c| !(NUMERALS.contains(c) || c.is_ascii_digit()))
                .unwrap_or(rest.chars().count());
            matches!(rest.chars().nth(number_end), Some('、' | '.' | '．'))
                && !rest
                    .chars()
                    .nth(number_end + 1)
                    .is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_lines_are_joined_into_paragraphs() {
        // As pdftotext -layout gives a text: indented first lines, a page break inside.
        let page = "  2024 年，示例局坚持以习近平新时代\n中国特色社会主义思想为指导。现报告如下：\n  （一）主动公开\n  全年共收到申请 77 件，上年结转 5 件。其\n中予以公开 26 件。\n\n\n\n  （二）平台建设\n  定期开展自查。\n全年被提起行政诉讼 4\n件。\n";
        assert_eq!(
            paragraphs(page),
            "2024年，示例局坚持以习近平新时代中国特色社会主义思想为指导。现报告如下：\n\n（一）主动公开\n\n全年共收到申请77件，上年结转5件。其中予以公开26件。\n\n（二）平台建设\n\n定期开展自查。全年被提起行政诉讼4件。"
        );
    }

    #[test]
    fn without_indentation_a_line_ending_a_sentence_or_short_ends_a_paragraph() {
        let page = "全年通过门户网站、政务新媒体等渠道主动公开各类政府\n信息，重点公开不动产登记等领域信息。\n（二）依申请公开\n全年共收到政府信息公开申请 77 件，上年结转 5 件。其\n中予以公开 26 件。\n";
        assert_eq!(
            paragraphs(page),
            "全年通过门户网站、政务新媒体等渠道主动公开各类政府信息，重点公开不动产登记等领域信息。\n\n（二）依申请公开\n\n全年共收到政府信息公开申请77件，上年结转5件。其中予以公开26件。"
        );
    }

    #[test]
    fn only_the_space_between_a_digit_and_chinese_goes() {
        assert_eq!(
            without_layout_spaces("某局2024 年报告 2 个 ISO 9001 认证，共 1,286 件"),
            "某局2024年报告2个 ISO 9001认证，共1,286件"
        );
        assert!(starts_a_point("1.本机关"));
        assert!(starts_a_point("（十二）其他"));
        assert!(starts_a_point("二、主动公开"));
        assert!(!starts_a_point("2024年，"));
        assert!(!starts_a_point("1.5万元"));
        assert!(!starts_a_point("一是加强"));
    }
}
