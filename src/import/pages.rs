//! What a printed page adds to a report's text and what is not the report: page numbers in the
//! footer ("— 3 —", "-3-", "第3页 共5页", "3/5"), form feeds, and the address line a browser
//! prints at the foot of each page. They fall anywhere, in the middle of a table too, so they are
//! taken out before anything is read, and said in a note.

use super::anomaly::{Anomaly, Kind};
use super::lines::Line;
use super::normalize::fold;

/// Longer lines are text, unless they are an address (a flipbook head holds the title, so up
/// to a long title's length).
const MAX_FURNITURE_CHARS: usize = 120;

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '_' | '~' | '·' | '•')
}

/// "— 3 —", "-3-", "- 12 -": a page number between dashes.
fn dashed_number(t: &str) -> bool {
    let inner = t.trim_matches(|c: char| is_dash(c) || c == ' ');
    inner.len() < t.len()
        && t.starts_with(is_dash)
        && t.ends_with(is_dash)
        && !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|c| c.is_ascii_digit())
}

/// "第3页", "第 3 页 共 5 页", "共5页第3页", "第3页/共5页".
fn chinese_page(t: &str) -> bool {
    let rest: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '/' | ',' | '，'))
        .collect();
    let mut s = rest.as_str();
    let mut parts = 0;
    while !s.is_empty() {
        let Some(after) = s.strip_prefix('第').or_else(|| s.strip_prefix('共')) else {
            return false;
        };
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return false;
        }
        let Some(tail) = after[digits..].strip_prefix('页') else {
            return false;
        };
        s = tail;
        parts += 1;
    }
    parts > 0
}

/// "3/5", "Page 3 of 5".
fn numbered_of(t: &str) -> bool {
    let t = t.strip_prefix("Page ").unwrap_or(t);
    let Some((a, b)) = t.split_once('/').or_else(|| t.split_once(" of ")) else {
        return false;
    };
    let number = |s: &str| {
        let s = s.trim();
        !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())
    };
    number(a)
        && number(b)
        && a.trim().parse::<u32>().ok() <= b.trim().parse::<u32>().ok()
        && a.trim() != "0"
}

/// The head a "flipbook" site gives the text of each page it shows: "Page 3 - <title>", then
/// "P. 3".
fn flipbook_head(t: &str) -> bool {
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = t.strip_prefix("P. ").or_else(|| t.strip_prefix("P.")) {
        return number(rest.trim());
    }
    t.strip_prefix("Page ")
        .and_then(|rest| rest.split_once(" - "))
        .is_some_and(|(n, title)| number(n.trim()) && !title.trim().is_empty())
}

/// A line a browser prints at the foot of a page: the page's address, then its number.
fn address_line(t: &str) -> bool {
    let first = t.split(' ').next().unwrap_or("");
    ["file://", "http://", "https://"]
        .iter()
        .any(|scheme| first.starts_with(scheme))
        && t.split(' ').skip(1).all(|w| w.is_empty() || numbered_of(w))
}

/// Whether a line is a page's furniture rather than the report's.
pub fn is_furniture(text: &str) -> bool {
    // Page numbers and heads are short; of the long lines only an address can be furniture.
    let trimmed = text.trim();
    if trimmed.chars().nth(MAX_FURNITURE_CHARS).is_some()
        && !["file:", "http:", "https:"]
            .iter()
            .any(|s| trimmed.starts_with(s))
    {
        return false;
    }
    // Each kind starts with a dash, a digit, 第 or 共, "P" or an address's scheme.
    let starts_so = trimmed
        .chars()
        .find(|c| !super::normalize::is_space(*c))
        .map(super::normalize::fold_char)
        .is_some_and(|c| is_dash(c) || c.is_ascii_digit() || "第共Pfh".contains(c));
    if !starts_so {
        return false;
    }
    let folded = fold(text);
    let t = folded.trim();
    !t.is_empty()
        && (dashed_number(t)
            || chinese_page(t)
            || numbered_of(t)
            || address_line(t)
            || flipbook_head(t))
}

/// The report's title a flipbook page's head names ("Page 8 - 某局2022年政府信息公开工作年度报告"),
/// when the page is not the first: a page cut out of the report has no title line of its own.
fn title_in_head(text: &str) -> Option<String> {
    let folded = fold(text);
    let (number, title) = folded.trim().strip_prefix("Page ")?.split_once(" - ")?;
    let page: u32 = number.trim().parse().ok()?;
    (page > 1 && flipbook_head(folded.trim()) && title.contains("年度报告")).then(|| {
        let at = text.find(" - ").map_or(0, |i| i + 3);
        text[at..].trim().to_string()
    })
}

/// Takes the page furniture out of copied text; the note names how many lines and the first.
/// A flipbook head before anything else of a later page gives the title it names, as a line.
pub fn remove_furniture(lines: &mut Vec<Line>) -> Option<Anomaly> {
    let mut removed: Vec<(usize, String)> = Vec::new();
    let mut before_anything = true;
    lines.retain_mut(|line| {
        if line.text.contains('\u{c}') {
            line.text.retain(|c| c != '\u{c}');
        }
        if before_anything && let Some(title) = title_in_head(&line.text) {
            line.text = title;
            before_anything = false;
            return true;
        }
        if is_furniture(&line.text) {
            removed.push((line.no, line.text.trim().to_string()));
            return false;
        }
        before_anything &= line.is_blank();
        true
    });
    let (first_line, first) = removed.first()?.clone();
    Some(Anomaly::new(
        Some(first_line),
        Kind::PageFurniture {
            lines: removed.len(),
            first,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for t in [
            "— 3 —",
            "—3—",
            "-2-",
            " - 12 - ",
            "第3页",
            "第 3 页 共 5 页",
            "共5页第3页",
            "第3页/共5页",
            "3/5",
            "Page 3 of 5",
            "file:///tmp/r.html 1/4",
            "https://x.gov.cn/a.html",
            "Page 8 - 某局2022年政府信息公开工作年度报告",
            "P. 8",
        ] {
            assert!(is_furniture(t), "{t}");
        }
        for t in [
            "3",
            "0",
            "-3",
            "— —",
            "第二十条第（一）项",
            "5/3",
            "1.5",
            "12 0 3",
            "第3页说明",
            "网址：https://x.gov.cn",
            "-1- 规章",
            "P. 行政许可",
            "Page 8",
        ] {
            assert!(!is_furniture(t), "{t}");
        }
    }

    #[test]
    fn a_later_pages_flipbook_head_names_the_title() {
        assert_eq!(
            title_in_head("Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告").as_deref(),
            Some("威海市文登区信访局2022年政府信息公开工作年度报告")
        );
        // The first page has its own title; a head naming a file is no title.
        assert_eq!(
            title_in_head("Page 1 - 某局2022年政府信息公开工作年度报告"),
            None
        );
        assert_eq!(title_in_head("Page 9 - 2020年报_审计局"), None);
        assert_eq!(title_in_head("一、总体情况"), None);
    }
}
